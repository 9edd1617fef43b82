// The entry of the import and export feature: its routes.
export { importExportRoutes } from './routes';
