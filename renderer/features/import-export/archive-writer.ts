// Writing the archive of a large vault: the page builds each file in parts (JSON a slice of
// records at a time) and hands the bytes to two compression workers as it goes, so building,
// deflating and hashing overlap instead of running one after the other on the UI thread.
import { deflateSync } from 'fflate';
import {
  archiveFileSources,
  archiveManifestBytes,
  archivePaths,
  crc32,
  writeZip,
  type ArchiveRecords,
  type ManifestFile,
  type ZipEntry,
} from '../../../shared/formats';
import type { DeflateRequest, DeflateResponse } from './archive-deflate-protocol';

/** Compression failed in a worker (e.g. out of memory); nothing was written. */
export class ArchiveWriteFailed extends Error {
  override readonly name = 'ArchiveWriteFailed';
  constructor() {
    super('archive-write-failed');
  }
}

interface Compressed {
  readonly size: number;
  readonly sha256: string;
  readonly crc32: number;
  readonly deflated: Uint8Array[];
}

class Compressor {
  readonly #worker = new Worker(new URL('./archive-deflate-worker.ts', import.meta.url), { type: 'module' });
  readonly #waiting = new Map<number, { resolve: (c: Compressed) => void; reject: (e: Error) => void }>();
  /** Bytes handed to this worker so far: the next file goes to the least loaded one. */
  load = 0;

  constructor() {
    this.#worker.onmessage = (event: MessageEvent<DeflateResponse>) => {
      const m = event.data;
      const waiter = this.#waiting.get(m.id);
      this.#waiting.delete(m.id);
      if (m.type === 'done') waiter?.resolve(m);
      else waiter?.reject(new ArchiveWriteFailed());
    };
    this.#worker.onerror = () => {
      for (const w of this.#waiting.values()) w.reject(new ArchiveWriteFailed());
      this.#waiting.clear();
    };
  }

  #post(message: DeflateRequest, transfer: Transferable[] = []) {
    this.#worker.postMessage(message, transfer);
  }

  begin(id: number): Promise<Compressed> {
    this.#post({ type: 'begin', id });
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }

  chunk(id: number, bytes: Uint8Array<ArrayBuffer>) {
    this.load += bytes.length;
    this.#post({ type: 'chunk', id, bytes }, [bytes.buffer]);
  }

  end(id: number) {
    this.#post({ type: 'end', id });
  }

  terminate() {
    this.#worker.terminate();
  }
}

// How long the page builds parts before letting the UI paint (progress, the cancel button).
const SLICE_MS = 50;
const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Builds the archive zip of `records` with native compression in two workers. */
export async function writeArchiveStreaming(
  records: ArchiveRecords,
  options: { appVersion: string; now: number; onProgress?: (done: number, total: number) => void },
): Promise<Uint8Array> {
  const compressors = [new Compressor(), new Compressor()];
  try {
    const encoder = new TextEncoder();
    const sources = archiveFileSources(records, options.now);
    const results: Promise<Compressed>[] = [];
    let sliceStart = performance.now();
    for (const [id, source] of sources.entries()) {
      const target = compressors.reduce((a, b) => (b.load < a.load ? b : a));
      results.push(target.begin(id));
      for (const part of source.parts()) {
        const bytes = encoder.encode(part);
        if (bytes.length > 0) target.chunk(id, bytes);
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToUi();
          sliceStart = performance.now();
        }
      }
      target.end(id);
      options.onProgress?.(id + 1, sources.length + 1);
    }
    const done = await Promise.all(results);
    const listed: ManifestFile[] = sources.map((s, i) => ({
      path: s.path,
      size: done[i]!.size,
      sha256: done[i]!.sha256,
    }));
    const manifest = archiveManifestBytes(records, options.appVersion, options.now, listed);
    const entries: ZipEntry[] = [
      {
        path: archivePaths.manifest,
        size: manifest.length,
        crc32: crc32(manifest),
        deflated: [deflateSync(manifest)],
      },
      ...sources.map((s, i) => ({ path: s.path, ...done[i]! })),
    ];
    options.onProgress?.(sources.length + 1, sources.length + 1);
    return writeZip(entries, options.now);
  } finally {
    for (const c of compressors) c.terminate();
  }
}
