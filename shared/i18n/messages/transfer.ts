import { defineMessages } from '../define';

/** Messages of the transfer area. */
export const transferMessages = defineMessages({}, {});
