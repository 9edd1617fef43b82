// The entry of the deals feature: its routes.
export { dealsRoutes } from './routes';
