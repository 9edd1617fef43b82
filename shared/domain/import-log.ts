/** The record an import leaves behind: what it brought in, so it can be shown and undone. */

/** One import, as listed under "Past imports". */
export interface ImportLog {
  readonly id: string;
  readonly fileName: string;
  readonly format: 'csv' | 'vcard' | 'archive';
  readonly at: string;
  readonly counts: {
    readonly created: number;
    readonly updated: number;
    readonly skipped: number;
    readonly rejected: number;
    readonly organizations: number;
    /** People left out because they were erased or are on the suppression list. */
    readonly flagged?: number;
  };
  /** Records this import created, by table: what "undo this import" moves to the trash. */
  readonly created: { readonly [table: string]: readonly string[] };
  readonly updated: readonly string[];
  readonly undoneAt: string | null;
}
