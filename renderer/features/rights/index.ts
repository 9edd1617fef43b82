// The entry of the rights feature: its pages, which the Privacy section mounts under its layout,
// the restriction and objection parts of the person page, the policies the app installs, and the
// pieces other features show (the person's field history, the inbox's figures).
export { rightsRoutes } from './routes';
export { RestrictedBadge, RestrictionActions, RestrictionBanner } from './restriction-panel';
export { installRestrictionPolicies } from './restriction-policy';
export { loadHolidayCalendar } from './holiday-calendar';
export { useHolidayCalendar, usePersonViewed } from './requests-plan';
export { PersonFieldHistory } from './requests-field-history';
export { RequestsAttention } from './requests-attention';
