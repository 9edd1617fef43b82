import { defineMessages } from '../define';

/** Messages of the people area. */
export const peopleMessages = defineMessages({}, {});
