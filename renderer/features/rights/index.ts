// The entry of the rights feature: its pages, which the Privacy section mounts under its layout.
export { rightsRoutes } from './routes';
