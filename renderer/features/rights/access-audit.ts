// Where the access package's export and print are audited (Art. 15(1)(c): the person may ask who
// saw their data; Art. 5(2)). The entry is the read audit's (`recordRead` of `renderer/commands`):
// pseudonymous — the command (`people.exported`, `people.printed`), the person's random id, the
// instant and this device's name — queued and written with the next batch of reads.
import { recordRead } from '../../commands';

/** What was done with a person's package. */
export type AccessRead = 'exported' | 'printed';

/**
 * Audits an export or a print of the package of the person `personId` (a random id). Returns at
 * once; the entry is stored with the next batch (`flushReads` waits for it).
 */
export function auditAccessRead(kind: AccessRead, personId: string): void {
  recordRead(kind, personId);
}
