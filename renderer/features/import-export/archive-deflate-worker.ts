// The archive's compression worker: files arrive as byte chunks, are raw-deflated by the
// platform's native `CompressionStream`, and hashed (SHA-256 for the manifest, CRC-32 for the zip)
// as they pass. The page keeps building the next parts meanwhile, so building and compressing
// overlap on two cores.
import { createCRC32, createSHA256, type IHasher } from 'hash-wasm';
import type { DeflateRequest, DeflateResponse } from './archive-deflate-protocol';

interface Job {
  readonly writer: WritableStreamDefaultWriter<BufferSource>;
  readonly output: Promise<Uint8Array[]>;
  readonly sha: IHasher;
  readonly crc: IHasher;
  size: number;
  // Writes are chained so chunks enter the stream in the order they arrived.
  pending: Promise<void>;
}

const post = (message: DeflateResponse, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

async function collect(readable: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return pieces;
    pieces.push(value);
  }
}

async function begin(): Promise<Job> {
  const stream = new CompressionStream('deflate-raw');
  const [sha, crc] = await Promise.all([createSHA256(), createCRC32()]);
  sha.init();
  crc.init();
  return {
    writer: stream.writable.getWriter(),
    output: collect(stream.readable),
    sha,
    crc,
    size: 0,
    pending: Promise.resolve(),
  };
}

const starting = new Map<number, Promise<Job>>();

self.onmessage = (event: MessageEvent<DeflateRequest>) => {
  const m = event.data;
  if (m.type === 'begin') {
    starting.set(m.id, begin());
    return;
  }
  const ready = starting.get(m.id);
  if (!ready) return post({ type: 'error', id: m.id });
  void ready.then(async (job) => {
    if (m.type === 'chunk') {
      job.sha.update(m.bytes);
      job.crc.update(m.bytes);
      job.size += m.bytes.length;
      job.pending = job.pending.then(() => job.writer.write(m.bytes));
      return;
    }
    try {
      await job.pending;
      await job.writer.close();
      const deflated = await job.output;
      post(
        {
          type: 'done',
          id: m.id,
          size: job.size,
          sha256: job.sha.digest('hex'),
          crc32: parseInt(job.crc.digest('hex'), 16),
          deflated,
        },
        deflated.map((d) => d.buffer),
      );
    } catch {
      post({ type: 'error', id: m.id });
    } finally {
      starting.delete(m.id);
    }
  });
};
