// The entry of the organizations feature: its routes.
export { organizationsRoutes } from './routes';
