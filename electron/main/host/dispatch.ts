import { hostChannels, isHostChannel, type HostHandlers } from '../../../shared/host/contract';
import { HostError, type WireError } from '../../../shared/host/errors';

/** Result of one host call as it travels back: a value or an error code, never a stack. */
export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: WireError };

/**
 * Validates a call against the contract in both directions and runs its handler. Shared by the
 * IPC and the web transports, so both enforce exactly the same rules.
 */
export async function dispatchHostCall(
  handlers: HostHandlers,
  channel: unknown,
  input: unknown,
): Promise<DispatchResult> {
  if (!isHostChannel(channel)) return { ok: false, error: { code: 'unknown-channel' } };
  const spec = hostChannels[channel];
  const parsedInput = spec.input.safeParse(input);
  if (!parsedInput.success) return { ok: false, error: { code: 'invalid-input' } };
  try {
    const handler = handlers[channel] as (i: unknown) => Promise<unknown>;
    const value = await handler(parsedInput.data);
    const parsedOutput = spec.output.safeParse(value);
    if (!parsedOutput.success) return { ok: false, error: { code: 'invalid-output' } };
    return { ok: true, value: parsedOutput.data };
  } catch (err) {
    // Only the code crosses the boundary: messages of filesystem errors carry paths.
    return { ok: false, error: { code: err instanceof HostError ? err.code : 'internal' } };
  }
}
