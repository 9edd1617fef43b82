import type { RouteObject } from 'react-router';
import { TasksPage } from './tasks-page';

/** The tasks section's routes, under `/tasks`. */
export const tasksRoutes: RouteObject[] = [{ path: 'tasks', element: <TasksPage /> }];
