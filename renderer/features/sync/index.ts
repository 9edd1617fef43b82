// The entry of the sync feature: the Settings → Sync panel, the app-wide runner, and the two
// registrations the composition root makes (the bridge as the engine, the office relay host).
export { SyncSettings } from './sync-settings';
export { SyncRunner } from './sync-runner';
export { hostOfficeRelayControl, setOfficeRelayControl, type OfficeRelayControl } from './office-relay';
