import { defineMessages } from '../define';

/** Messages of the activities area. */
export const activitiesMessages = defineMessages({}, {});
