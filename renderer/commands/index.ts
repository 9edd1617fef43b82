// The entry of the write commands: what features and the app may import.
export { createRunner, UndeclaredTable, type Run, type RunOptions } from './run';
export {
  createReader,
  readCommandIds,
  readCommands,
  UndeclaredRead,
  type Read,
  type ReadCommandId,
  type ReadResult,
} from './read-commands';
export {
  leftOutCount,
  policyChecks,
  PolicyRefused,
  setPolicyCheck,
  type LeftOut,
  type PolicyCheck,
  type PolicyContext,
} from './policy';
export {
  writeCommandIds,
  writeCommands,
  type ChangesCommandId,
  type CommandInput,
  type WriteCommandId,
} from './write-commands';
export { localToday, setHolidayCalendar } from './request-guards';
export { attachReadAudit, flushReads, readAuditCommands, recordRead, type ReadKind } from './read-audit';
