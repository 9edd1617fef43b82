import { defineMessages } from '../define';

/** Messages of the deals area. */
export const dealsMessages = defineMessages({}, {});
