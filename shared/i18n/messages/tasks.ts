import { defineMessages } from '../define';

/** Messages of the tasks area. */
export const tasksMessages = defineMessages({}, {});
