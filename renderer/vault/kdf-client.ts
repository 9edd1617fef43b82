// The app-side entry to the KDF: a Web Worker per derivation in the browser, in-thread where there
// is no Worker.
import { wipe } from './bytes';
import { argon2id } from './kdf';
import { meetsFloor, type KdfParams } from './policy';

/** Message sent to the KDF worker; `pass` is transferred and wiped by the worker. */
export interface KdfRequest {
  pass: Uint8Array;
  salt: Uint8Array;
  params: KdfParams;
}

/** Reply from the KDF worker. */
export type KdfResponse = { key: Uint8Array<ArrayBuffer> } | { error: string };

/** Derives a 32-byte key from passphrase bytes; the caller owns (and wipes) the result. */
export type KdfRunner = (
  pass: Uint8Array,
  salt: Uint8Array,
  params: KdfParams,
) => Promise<Uint8Array<ArrayBuffer>>;

/** Runs Argon2id on the calling thread (tests, workers, or environments without Worker). */
export const inThreadKdf: KdfRunner = (pass, salt, params) => argon2id(pass, salt, params);

/** What `spawnKdfWorker` needs of a Worker (a fake one in unit tests). */
export interface KdfWorkerLike {
  onmessage: ((event: MessageEvent<KdfResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
  postMessage(message: KdfRequest, transfer: Transferable[]): void;
  terminate(): void;
}

const spawnModuleWorker = (): KdfWorkerLike =>
  new Worker(new URL('./kdf-worker.ts', import.meta.url), { type: 'module' });

/**
 * A runner that starts one Worker per derivation and terminates it as soon as it answers or fails:
 * Argon2id's memory (64 MiB or more of blocks derived from the passphrase) and the WebAssembly
 * instance holding it go with the worker, instead of staying allocated until the next unlock.
 */
export function createWorkerKdf(spawn: () => KdfWorkerLike = spawnModuleWorker): KdfRunner {
  return (pass, salt, params) =>
    new Promise((resolve, reject) => {
      let w: KdfWorkerLike;
      try {
        w = spawn();
      } catch {
        reject(new Error('vault: kdf-failed'));
        return;
      }
      const fail = (): void => {
        w.terminate();
        reject(new Error('vault: kdf-failed'));
      };
      w.onmessage = (event) => {
        w.terminate();
        const reply = event.data;
        if ('key' in reply && reply.key instanceof Uint8Array) resolve(reply.key);
        else reject(new Error('vault: kdf-failed'));
      };
      w.onerror = fail;
      w.onmessageerror = fail;
      const passCopy = pass.slice();
      try {
        w.postMessage({ pass: passCopy, salt: salt.slice(), params } satisfies KdfRequest, [passCopy.buffer]);
      } catch {
        wipe(passCopy);
        fail();
      }
    });
}

/** Runs Argon2id in a worker of its own; the passphrase copy sent there is wiped on both sides. */
export const workerKdf: KdfRunner = createWorkerKdf();

/** The default runner: the worker where one exists, in-thread otherwise (Node, vitest). */
export const defaultKdf: KdfRunner = (pass, salt, params) =>
  (typeof Worker === 'function' ? workerKdf : inThreadKdf)(pass, salt, params);

/** Options for `calibrateKdf`: the runner and clock are injectable so the search can be tested. */
export interface CalibrateOptions {
  floor: KdfParams;
  kdf?: KdfRunner;
  now?: () => number;
  /** Target duration of one derivation, ms (default 700, accepted window 500–1000). */
  targetMs?: number;
  /** Memory is raised up to this (KiB) before iterations are (default 256 MiB). */
  maxMemoryKiB?: number;
}

/**
 * Raises memory, then iterations, from the floor until one derivation takes about 0.5–1 s on this
 * machine. Never returns parameters below the floor.
 */
export async function calibrateKdf(options: CalibrateOptions): Promise<KdfParams> {
  const kdf = options.kdf ?? defaultKdf;
  const now = options.now ?? (() => performance.now());
  const target = options.targetMs ?? 700;
  const maxM = Math.max(options.maxMemoryKiB ?? 262144, options.floor.m);
  const pass = new Uint8Array(16);
  const salt = new Uint8Array(16);
  const measure = async (p: KdfParams): Promise<number> => {
    const start = now();
    wipe(await kdf(pass, salt, p));
    return now() - start;
  };
  let params: KdfParams = { ...options.floor };
  for (let round = 0; round < 4; round++) {
    const ms = Math.max(1, await measure(params));
    if (ms >= 500 && ms <= 1000) break;
    let factor = target / ms;
    const next = { ...params };
    if (factor > 1) {
      const m = Math.min(maxM, Math.floor((params.m * factor) / 1024) * 1024);
      if (m > next.m) {
        factor = (factor * next.m) / m;
        next.m = m;
      }
    }
    next.t = Math.max(1, Math.round(next.t * factor));
    if (factor < 1)
      next.m = Math.max(options.floor.m, Math.floor((next.m * Math.max(factor, 0.5)) / 1024) * 1024);
    // Never below the floor whatever the measurement said.
    next.m = Math.max(next.m, options.floor.m);
    next.t = Math.max(next.t, options.floor.t);
    next.p = Math.max(next.p, options.floor.p);
    if (next.m === params.m && next.t === params.t) break;
    params = next;
  }
  if (!meetsFloor(params, options.floor)) throw new Error('vault: calibration below floor');
  return params;
}
