// Messages between the import page and its worker. Only codes and counts travel back in errors;
// file content travels only inside results, which stay in this renderer.
import type {
  CsvAnalysis,
  CsvMapping,
  DraftOptions,
  DraftResult,
  FormatErrorCode,
} from '../../../shared/formats';

/** Kinds of contact file the worker reads. */
export type ContactFileKind = 'csv' | 'vcard';

/** Page → worker. */
export type WorkerRequest =
  | { readonly type: 'analyze'; readonly kind: ContactFileKind; readonly bytes: Uint8Array }
  | { readonly type: 'map'; readonly mapping: CsvMapping; readonly options: DraftOptions }
  /** An archive's data file and its SHA-256 from the manifest: hash, parse and check every record. */
  | { readonly type: 'check-archive'; readonly data: Uint8Array; readonly sha256: string };

/** The first rows of a CSV, for the mapping preview. */
export interface CsvPreview extends Pick<CsvAnalysis, 'encoding' | 'delimiter' | 'headers' | 'mapping'> {
  readonly sample: readonly (readonly string[])[];
  readonly rowCount: number;
}

/** Worker → page. */
export type WorkerResponse =
  | { readonly type: 'analyzed'; readonly kind: 'csv'; readonly preview: CsvPreview }
  | { readonly type: 'analyzed'; readonly kind: 'vcard'; readonly rowCount: number }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly type: 'mapped';
      readonly results: readonly DraftResult[];
      /** The refused rows as they were in the file (CSV: header first), for the download. */
      readonly rejected: readonly (readonly string[])[];
    }
  | { readonly type: 'archive-checked' }
  /** Sent once when the worker has loaded. */
  | { readonly type: 'ready' }
  | { readonly type: 'error'; readonly code: FormatErrorCode | 'internal' };
