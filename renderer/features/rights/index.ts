// The entry of the rights feature: its pages, which the Privacy section mounts under its layout,
// and what other features call: the suppression list, the erasure and what keeps erased and
// suppressed people out of imports and restores.
export { rightsRoutes } from './routes';
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
