import { defineMessages } from '../define';

/** Messages of the privacy area. */
export const privacyMessages = defineMessages({}, {});
