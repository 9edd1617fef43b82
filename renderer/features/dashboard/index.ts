// The entry of the dashboard feature: its routes.
export { dashboardRoutes } from './routes';
