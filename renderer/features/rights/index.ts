// The entry of the rights feature: its pages, which the Privacy section mounts under its layout,
// the restriction and objection parts of the person page, and the policies the app installs.
export { rightsRoutes } from './routes';
export { RestrictedBadge, RestrictionActions, RestrictionBanner } from './restriction-panel';
export { installRestrictionPolicies } from './restriction-policy';
