import { describe, expect, it } from 'vitest';
import { createWorkerKdf, type KdfRequest, type KdfResponse, type KdfWorkerLike } from './kdf-client';

/** A stand-in for the KDF worker: records what it was sent and whether it was terminated. */
class FakeWorker implements KdfWorkerLike {
  onmessage: ((event: MessageEvent<KdfResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  sent: Array<{ message: KdfRequest; transfer: Transferable[] }> = [];
  terminated = 0;
  postMessage(message: KdfRequest, transfer: Transferable[]): void {
    this.sent.push({ message, transfer });
  }
  terminate(): void {
    this.terminated++;
  }
  answer(reply: KdfResponse): void {
    this.onmessage?.({ data: reply } as MessageEvent<KdfResponse>);
  }
  crash(): void {
    this.onerror?.({} as ErrorEvent);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const kdf = createWorkerKdf(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { kdf, workers };
}

const params = { m: 256, t: 1, p: 1 };

describe('the KDF worker client', () => {
  it('starts one worker per derivation and terminates it once it has answered', async () => {
    const { kdf, workers } = setup();
    const pass = new Uint8Array([1, 2, 3]);
    const first = kdf(pass, new Uint8Array(16), params);
    const second = kdf(pass, new Uint8Array(16), params);
    expect(workers).toHaveLength(2);
    expect(workers.map((w) => w.terminated)).toEqual([0, 0]);

    const key = new Uint8Array(32).fill(7);
    workers[0]!.answer({ key });
    await expect(first).resolves.toBe(key);
    expect(workers[0]!.terminated).toBe(1);
    expect(workers[1]!.terminated).toBe(0);
    workers[1]!.answer({ key: new Uint8Array(32) });
    await second;
    expect(workers[1]!.terminated).toBe(1);
  });

  it('sends a copy of the passphrase and transfers it, leaving the caller its own bytes', () => {
    const { kdf, workers } = setup();
    const pass = new Uint8Array([5, 6, 7]);
    void kdf(pass, new Uint8Array(16), params);
    const { message, transfer } = workers[0]!.sent[0]!;
    expect(message.pass).not.toBe(pass);
    expect([...message.pass]).toEqual([5, 6, 7]);
    expect(transfer).toEqual([message.pass.buffer]);
    expect(message.params).toEqual(params);
  });

  it('terminates the worker and rejects when the worker fails', async () => {
    const { kdf, workers } = setup();
    const run = kdf(new Uint8Array([1]), new Uint8Array(16), params);
    workers[0]!.crash();
    await expect(run).rejects.toThrow('vault: kdf-failed');
    expect(workers[0]!.terminated).toBe(1);
  });

  it('terminates the worker and rejects when the derivation reports an error', async () => {
    const { kdf, workers } = setup();
    const run = kdf(new Uint8Array([1]), new Uint8Array(16), params);
    workers[0]!.answer({ error: 'kdf-failed' });
    await expect(run).rejects.toThrow('vault: kdf-failed');
    expect(workers[0]!.terminated).toBe(1);
  });

  it('terminates the worker when a reply cannot be read', async () => {
    const { kdf, workers } = setup();
    const run = kdf(new Uint8Array([1]), new Uint8Array(16), params);
    workers[0]!.onmessageerror?.({} as MessageEvent);
    await expect(run).rejects.toThrow('vault: kdf-failed');
    expect(workers[0]!.terminated).toBe(1);
  });
});
