// Messages between the page and the archive's compression worker.

/** Page → worker: start a file, add a chunk of its bytes (transferred), end it. */
export type DeflateRequest =
  | { readonly type: 'begin'; readonly id: number }
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly type: 'end'; readonly id: number };

/** Worker → page: one file compressed and hashed, or failed. */
export type DeflateResponse =
  | {
      readonly type: 'done';
      readonly id: number;
      readonly size: number;
      readonly sha256: string;
      readonly crc32: number;
      readonly deflated: Uint8Array[];
    }
  | { readonly type: 'error'; readonly id: number };
