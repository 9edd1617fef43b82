import { defineMessages } from '../define';

/** Messages of the crm area. */
export const crmMessages = defineMessages({}, {});
