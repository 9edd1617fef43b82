// The page's side of the import worker: one job per file, progress reports, cancel.
import {
  FormatError,
  type CsvMapping,
  type DraftOptions,
  type FormatErrorCode,
} from '../../../shared/formats';
import type { ContactFileKind, CsvPreview, WorkerRequest, WorkerResponse } from './import-protocol';

/** The job was cancelled by the user. */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
}

/** An error code from the worker that is not a format error. */
export class ImportFailed extends Error {
  override readonly name = 'ImportFailed';
  constructor(readonly code: FormatErrorCode | 'internal') {
    super(code);
  }
}

/** One file's work in a dedicated module worker; `cancel()` stops it at once. */
export class ImportJob {
  readonly #worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  #reject: ((e: Error) => void) | null = null;
  /** Resolves once the worker has loaded (its loading needs the page's event loop to be free). */
  readonly ready = new Promise<void>((resolve, reject) => {
    const loaded = (event: MessageEvent<WorkerResponse>) => {
      if (event.data.type !== 'ready') return;
      this.#worker.removeEventListener('message', loaded);
      resolve();
    };
    this.#worker.addEventListener('message', loaded);
    this.#worker.addEventListener('error', () => reject(new ImportFailed('internal')), { once: true });
  });

  constructor() {
    // Only an archive import waits for it; a worker that fails otherwise is reported by its request.
    this.ready.catch(() => undefined);
  }

  #ask<T extends WorkerResponse['type']>(
    request: WorkerRequest,
    until: T,
    onProgress?: (done: number, total: number) => void,
    transfer: Transferable[] = [],
  ): Promise<Extract<WorkerResponse, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.#reject = reject;
      this.#worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
        const m = event.data;
        if (m.type === 'progress') onProgress?.(m.done, m.total);
        else if (m.type === 'error')
          reject(m.code === 'internal' ? new ImportFailed('internal') : new FormatError(m.code));
        else if (m.type === until) resolve(m as Extract<WorkerResponse, { type: T }>);
      };
      this.#worker.onerror = () => reject(new ImportFailed('internal'));
      this.#worker.postMessage(request, transfer);
    });
  }

  /** Reads the file: a CSV preview with a proposed mapping, or the number of vCards. */
  analyze(kind: ContactFileKind, bytes: Uint8Array<ArrayBuffer>) {
    return this.#ask({ type: 'analyze', kind, bytes }, 'analyzed', undefined, [bytes.buffer]);
  }

  /** Maps and checks every row. */
  map(mapping: CsvMapping, options: DraftOptions, onProgress: (done: number, total: number) => void) {
    return this.#ask({ type: 'map', mapping, options }, 'mapped', onProgress);
  }

  /** Checks an archive's data file (hash, parse, every record); reports records checked. */
  checkArchive(
    data: Uint8Array<ArrayBuffer>,
    sha256: string,
    onProgress?: (done: number, total: number) => void,
  ) {
    return this.#ask({ type: 'check-archive', data, sha256 }, 'archive-checked', onProgress, [data.buffer]);
  }

  /** Stops the worker; a pending request fails with `ImportCancelled`. */
  cancel(): void {
    this.#worker.terminate();
    this.#reject?.(new ImportCancelled('cancelled'));
  }

  /** Frees the worker when the job is done. */
  dispose(): void {
    this.#worker.terminate();
  }
}

export type { CsvPreview };
