// The entry of the tasks feature: its routes and the reminders watcher the shell mounts.
export { tasksRoutes } from './routes';
export { TaskReminders } from './task-reminders';
