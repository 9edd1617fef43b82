/**
 * Hybrid logical clocks. Each record field carries the HLC of its last write; merges keep the
 * value with the larger clock. The string form sorts lexicographically in clock order, so stores
 * and sync code may compare clocks as plain strings.
 *
 * Encoding: 12 hex digits of wall time (ms), `-`, 4 hex digits of counter, `-`, 16 hex digits of
 * node id. Example: `018c2f3a1b2c-0000-9f86d081884c7d65`.
 */
import { z } from 'zod';
import { DomainError } from './validation';

/** A decoded hybrid logical clock. */
export interface Hlc {
  /** Milliseconds since the epoch, the largest physical time seen. */
  readonly wallTime: number;
  /** Orders events within the same millisecond. */
  readonly counter: number;
  /** Random id of the device (16 lowercase hex characters); breaks ties between devices. */
  readonly node: string;
}

/** Largest counter value before `tick`/`receive` refuse (65,535 events in one millisecond). */
export const maxCounter = 0xffff;
const maxWallTime = 0xffffffffffff;

/** The text form of an HLC stamp: physical millis, counter, node, in fixed-width hex. */
export const hlcPattern = /^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/;
const nodePattern = /^[0-9a-f]{16}$/;

/** An encoded HLC string. */
export const hlcStringSchema = z.string().regex(hlcPattern, { error: 'invalid-clock' });
/** An encoded HLC string; compare with `<`/`>` or `compareHlc`. */
export type HlcString = string;

/** True if `node` is a valid node id (16 lowercase hex characters). */
export function isNodeId(node: string): boolean {
  return nodePattern.test(node);
}

/** The lowest clock of a node, before any event. */
export function initialHlc(node: string): Hlc {
  if (!isNodeId(node)) throw new DomainError('invalid-clock');
  return { wallTime: 0, counter: 0, node };
}

/** Encodes a clock as a fixed-width string that sorts in clock order. */
export function encodeHlc(clock: Hlc): HlcString {
  if (
    !Number.isInteger(clock.wallTime) ||
    clock.wallTime < 0 ||
    clock.wallTime > maxWallTime ||
    !Number.isInteger(clock.counter) ||
    clock.counter < 0 ||
    clock.counter > maxCounter ||
    !isNodeId(clock.node)
  ) {
    throw new DomainError('invalid-clock');
  }
  return `${clock.wallTime.toString(16).padStart(12, '0')}-${clock.counter.toString(16).padStart(4, '0')}-${clock.node}`;
}

/** Decodes a clock string; throws `DomainError('invalid-clock')` when malformed. */
export function decodeHlc(value: HlcString): Hlc {
  if (!hlcPattern.test(value)) throw new DomainError('invalid-clock');
  return {
    wallTime: parseInt(value.slice(0, 12), 16),
    counter: parseInt(value.slice(13, 17), 16),
    node: value.slice(18),
  };
}

/** Total order of clocks: wall time, then counter, then node id. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wallTime !== b.wallTime) return a.wallTime < b.wallTime ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** Compares two encoded clocks; equivalent to `compareHlc` on the decoded values. */
export function compareHlcStrings(a: HlcString, b: HlcString): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bumped(node: string, wallTime: number, counter: number): Hlc {
  if (counter > maxCounter) throw new DomainError('counter-overflow');
  return { wallTime, counter, node };
}

/** The clock of a local event at physical time `now` (ms): always greater than `local`. */
export function tick(local: Hlc, now: number): Hlc {
  const wallTime = Math.max(local.wallTime, Math.floor(now));
  return bumped(local.node, wallTime, wallTime === local.wallTime ? local.counter + 1 : 0);
}

/** Options of `receive`. */
export interface ReceiveOptions {
  /**
   * Refuse remote clocks more than this far ahead of `now` (ms), so that one device with a wrong
   * calendar cannot make its edits win for years. Unset: no limit.
   */
  readonly maxDriftMs?: number;
}

/**
 * The local clock after receiving a remote event: greater than both `local` and `remote`.
 * WARNING: throws `DomainError('clock-drift')` when `maxDriftMs` is set and exceeded.
 */
export function receive(local: Hlc, remote: Hlc, now: number, options: ReceiveOptions = {}): Hlc {
  const physical = Math.floor(now);
  if (options.maxDriftMs !== undefined && remote.wallTime - physical > options.maxDriftMs) {
    throw new DomainError('clock-drift');
  }
  const wallTime = Math.max(local.wallTime, remote.wallTime, physical);
  let counter: number;
  if (wallTime === local.wallTime && wallTime === remote.wallTime) {
    counter = Math.max(local.counter, remote.counter) + 1;
  } else if (wallTime === local.wallTime) {
    counter = local.counter + 1;
  } else if (wallTime === remote.wallTime) {
    counter = remote.counter + 1;
  } else {
    counter = 0;
  }
  return bumped(local.node, wallTime, counter);
}
