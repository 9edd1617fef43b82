// Where the access package's export and print are audited (Art. 15: the person may ask who saw
// their data). The read audit is the requests inbox's (`recordRead`); until it is part of the
// app, nothing is recorded here and the package still works.

/** What was done with a person's package. */
export type AccessRead = 'exported' | 'printed';

/** The function that appends a pseudonymous read entry to the audit log, or null while none exists. */
const recordRead: ((kind: AccessRead, subjectId: string) => Promise<void>) | null = null;

/** Audits an export or a print of the package of the person `personId` (a random id). */
export async function auditAccessRead(kind: AccessRead, personId: string): Promise<void> {
  await recordRead?.(kind, personId);
}
