import type { RouteObject } from 'react-router';
import { TasksPage } from './tasks-page';

/** The tasks section's routes: `/tasks`, `/tasks/new` (create) and `/tasks/:taskId` (edit). */
export const tasksRoutes: RouteObject[] = [
  { path: 'tasks', element: <TasksPage /> },
  { path: 'tasks/:taskId', element: <TasksPage /> },
];
