// The one hook erasure has into sync: the running engine of a workspace records a local erasure
// in the space at once (its envelopes and wrapped keys leave the doc, a ledger entry is added).
// When sync is not running nothing happens now: the next start records it from the local ledger.

type Eraser = (subjectId: string) => Promise<void>;

const erasers = new WeakMap<object, Eraser>();

/** Sets (or, with null, clears) how the running engine of `workspace` records an erasure. */
export function setSyncEraser(workspace: object, eraser: Eraser | null): void {
  if (eraser) erasers.set(workspace, eraser);
  else erasers.delete(workspace);
}

/**
 * Tells the running sync of `workspace` that `subjectId` was erased here (call it after the local
 * erasure). Never throws: a failure leaves the erasure to the next start, which reads the ledger.
 */
export async function eraseFromSync(workspace: object, subjectId: string): Promise<void> {
  await erasers
    .get(workspace)?.(subjectId)
    .catch(() => undefined);
}
