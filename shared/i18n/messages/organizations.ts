import { defineMessages } from '../define';

/** Messages of the organizations area. */
export const organizationsMessages = defineMessages({}, {});
