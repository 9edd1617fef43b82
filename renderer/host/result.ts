import { HostError, isWireError } from '../../shared/host/errors';

/** Turns a transport result `{ ok, value | error }` into the value or a thrown HostError. */
export function unwrapResult<T>(result: unknown): T {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const r = result as { ok: boolean; value?: unknown; error?: unknown };
    if (r.ok) return r.value as T;
    if (isWireError(r.error)) throw new HostError(r.error.code);
  }
  throw new HostError('invalid-output');
}
