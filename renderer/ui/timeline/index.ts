/** The timeline of a record and the quick-add forms that feed it; also the task dialog and checkbox. */
export { QuickAddActivity } from './quick-add-activity';
export { QuickAddTask } from './quick-add-task';
export { TaskCheck } from './task-check';
export { TaskDialog } from './task-dialog';
export { Timeline } from './timeline';
export { completeTask, saveActivity, saveTask, toggleTrash } from './actions';
export { localDate, localDateTime, localEpoch } from './local-time';
export { linkLabel, linkPath } from './record-label';
export type { TimelineSubject } from './timeline-entries';
