// The entry of the privacy feature: its routes, and the person's privacy panel the contacts show.
export { privacyRoutes } from './routes';
export { PersonPrivacyPanel } from './person-privacy-panel';
export { useRetentionJob } from './retention-job';
