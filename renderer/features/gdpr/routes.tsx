import type { RouteObject } from 'react-router';
import { PrivacyPage } from './privacy-page';

/** The privacy section's routes, under `/privacy`. */
export const privacyRoutes: RouteObject[] = [{ path: 'privacy', element: <PrivacyPage /> }];
