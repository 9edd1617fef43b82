import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './host/atomic-write';

/** Position and size of the main window, remembered between launches. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Used on first launch or when the remembered bounds are unusable. */
export const defaultBounds: WindowBounds = { width: 1280, height: 820, maximized: false };
const MIN = { width: 800, height: 560 };

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * Checks remembered bounds against the displays present now: a window restored on a monitor
 * that was unplugged would open out of reach, so it falls back to the default placement.
 */
export function sanitizeBounds(raw: unknown, workAreas: readonly Rect[]): WindowBounds {
  if (typeof raw !== 'object' || raw === null) return defaultBounds;
  const b = raw as Record<string, unknown>;
  if (!isInt(b.width) || !isInt(b.height)) return defaultBounds;
  const width = Math.max(MIN.width, b.width);
  const height = Math.max(MIN.height, b.height);
  const maximized = b.maximized === true;
  if (!isInt(b.x) || !isInt(b.y)) return { width, height, maximized };
  const x = b.x;
  const y = b.y;
  const visible = workAreas.some(
    (a) => x + 100 > a.x && x < a.x + a.width - 100 && y >= a.y - 10 && y < a.y + a.height - 50,
  );
  return visible ? { x, y, width, height, maximized } : { width, height, maximized };
}

/** Reads the remembered bounds; any problem gives the defaults. */
export async function loadBounds(file: string, workAreas: readonly Rect[]): Promise<WindowBounds> {
  try {
    return sanitizeBounds(JSON.parse(await readFile(file, 'utf8')), workAreas);
  } catch {
    return defaultBounds;
  }
}

/** Remembers the bounds (atomically, so a crash never leaves a half-written file). */
export async function saveBounds(file: string, bounds: WindowBounds): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(bounds)), 'replace');
}
