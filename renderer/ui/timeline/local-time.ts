/**
 * Local wall-clock helpers. Due dates are calendar dates in the user's time zone, while activity
 * times and reminders are stored as UTC instants; these convert between the two at the UI edge.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar date (`YYYY-MM-DD`) of epoch milliseconds. */
export function localDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local `YYYY-MM-DDTHH:MM` of epoch milliseconds (the value of a datetime-local input). */
export function localDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${localDate(epochMs)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Epoch milliseconds of a local `YYYY-MM-DD` plus optional `HH:MM`; NaN when not a real date. */
export function localEpoch(date: string, time = '00:00'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const h = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !h) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const out = new Date(y, mo - 1, d, Number(h[1]), Number(h[2]));
  // Date rolls 2026-02-30 over to March: refuse it instead.
  return out.getFullYear() === y && out.getMonth() === mo - 1 && out.getDate() === d
    ? out.getTime()
    : Number.NaN;
}

/** Epoch milliseconds of a datetime-local value (`YYYY-MM-DDTHH:MM`); NaN when malformed. */
export function parseLocalDateTime(value: string): number {
  const [date = '', time = ''] = value.split('T');
  return localEpoch(date, time.slice(0, 5));
}
