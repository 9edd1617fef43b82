// The entry of the privacy feature: its routes.
export { privacyRoutes } from './routes';
