// The entry of the people feature: its routes.
export { contactsRoutes } from './routes';
