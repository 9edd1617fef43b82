/**
 * The shape of one numbered migration step, and the common step that adds fields with a default.
 * Kept apart from the registry so that each entity file can declare its own steps.
 */
import type { HlcString } from './hlc';

/** One step: turns a raw record of version `from` into version `from + 1`. Must be pure. */
export interface Migration {
  readonly from: number;
  readonly up: (raw: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/**
 * A step that adds fields with their default values and sets `schemaVersion` to `to`. Fields the
 * record already has are kept. In a per-field clock map each added field gets the record's oldest
 * stamp: any real edit (on this device or another) wins over the default, and two devices that
 * migrate the same record independently produce the same result. A compact clock (one stamp for
 * every field) already covers the added fields.
 */
export function addDefaultedFields(
  raw: Readonly<Record<string, unknown>>,
  to: number,
  defaults: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw, schemaVersion: to };
  const clock = raw.clock;
  const map =
    clock !== null && typeof clock === 'object' && !Array.isArray(clock)
      ? { ...(clock as Record<string, HlcString>) }
      : undefined;
  const oldest = map ? Object.values(map).sort()[0] : undefined;
  for (const [field, value] of Object.entries(defaults)) {
    if (out[field] !== undefined) continue;
    out[field] = value;
    if (map && oldest !== undefined) map[field] = oldest;
  }
  if (map) out.clock = map;
  return out;
}
