// The entry of the import and export feature: its routes, and the file helpers other features share.
export { importExportRoutes } from './routes';
export { exportFileName, saveThroughHost } from './export-service';
