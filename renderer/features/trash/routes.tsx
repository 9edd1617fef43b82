import type { RouteObject } from 'react-router';
import { TrashPage } from './trash-page';

/** The trash's route, `/trash`. */
export const trashRoutes: RouteObject[] = [{ path: 'trash', element: <TrashPage /> }];
