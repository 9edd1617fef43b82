import type { RouteObject } from 'react-router';

/** Import and export screens (reached from commands and from each list). */
export const importExportRoutes: RouteObject[] = [];
