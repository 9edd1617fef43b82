import { defineMessages } from '../define';

/** Messages of the backups area. */
export const backupsMessages = defineMessages({}, {});
