// The entry of the rights feature: its pages, which the Privacy section mounts under its layout,
// the restriction and objection parts of the person page, the policies the app installs, the
// pieces other features show (the person's field history, the inbox's figures), and what other
// features call: the suppression list, the erasure and what keeps erased and suppressed people
// out of imports and restores.
export { rightsRoutes } from './routes';
export { RestrictedBadge, RestrictionActions, RestrictionBanner } from './restriction-panel';
export { installRestrictionPolicies } from './restriction-policy';
export { loadHolidayCalendar } from './holiday-calendar';
export { useHolidayCalendar, usePersonViewed } from './requests-plan';
export { PersonFieldHistory } from './requests-field-history';
export { RequestsAttention } from './requests-attention';
export {
  addSuppression,
  planSuppression,
  suppressedMatch,
  suppressibleValues,
  suppressionIndex,
  suppressionToken,
  type SuppressedValue,
} from './suppression';
export { leaveOutRule, type LeaveOut, type LeftOutReason } from './erase-filter';
export { installErasurePolicy } from './erase-policy';
export {
  completePendingErasures,
  destroyKeys,
  erasePerson,
  type EraseOptions,
  type ErasureOutcome,
} from './erase-service';
