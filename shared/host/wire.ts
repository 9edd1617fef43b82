/**
 * Encodings of the web transport. Host calls and their answers travel as *frames*: a small binary
 * format that carries byte arrays raw instead of base64 inside JSON (a third smaller, and no
 * string of the file's size on either side). Events and early refusals are plain JSON, which never
 * carries bytes. Electron IPC needs neither (structured clone keeps bytes).
 *
 * Frame layout (all integers big-endian):
 *
 * ```
 * offset 0  4 bytes  magic "SCRW"
 * offset 4  1 byte   version (1)
 * offset 5  4 bytes  header length H (1 … MAX_FRAME_HEADER_BYTES)
 * offset 9  H bytes  header: UTF-8 JSON {"v": value, "b": [length of blob 0, length of blob 1, …]}
 *                    where each byte array of the value is replaced by {"$blob": index}
 * then               the blobs' bytes, back to back; their lengths must add up to exactly the rest
 * ```
 */

const MAGIC = [0x53, 0x43, 0x52, 0x57] as const; // "SCRW"
/** Version of the frame layout written and read here. */
export const FRAME_VERSION = 1;
/** Content-Type of a framed request or answer. */
export const FRAME_CONTENT_TYPE = 'application/x-scrigno-frame';
/** Bytes before the header: magic, version, header length. */
const PREFIX_BYTES = 9;
/** Longest header accepted: a call's fields (names, ids, hashes), never its bytes. */
export const MAX_FRAME_HEADER_BYTES = 1024 * 1024;
/** Deepest nesting of arrays and objects accepted in a header; host calls nest a few levels. */
export const MAX_FRAME_DEPTH = 32;
const BLOB_KEY = '$blob';

/** Why a frame was refused. */
export type WireFormatReason =
  | 'short'
  | 'magic'
  | 'version'
  | 'header-length'
  | 'header-encoding'
  | 'header-json'
  | 'header-shape'
  | 'too-deep'
  | 'blob-reference'
  | 'blob-lengths';

/** A frame that is not well formed; `reason` says which check failed. It never echoes content. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
  constructor(readonly reason: WireFormatReason) {
    super(`malformed host frame (${reason})`);
  }
}

/**
 * Encodes a value (with any nested Uint8Array) as the parts of a frame: prefix and header, then
 * each byte array as given (not copied), so a caller can write them out one after the other.
 * WARNING: an object with its own `$blob` key cannot be encoded (it would read back as a byte
 * array); it throws a WireFormatError.
 */
export function encodeFrameParts(value: unknown): Uint8Array[] {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) {
      blobs.push(v);
      return { [BLOB_KEY]: blobs.length - 1 };
    }
    if (typeof v === 'object' && v !== null && Object.hasOwn(v, BLOB_KEY)) {
      throw new WireFormatError('blob-reference');
    }
    return v;
  }) as string | undefined;
  const lengths = JSON.stringify(blobs.map((b) => b.byteLength));
  const header = new TextEncoder().encode(
    json === undefined ? `{"b":${lengths}}` : `{"v":${json},"b":${lengths}}`,
  );
  if (header.length > MAX_FRAME_HEADER_BYTES) throw new WireFormatError('header-length');
  const prefix = new Uint8Array(PREFIX_BYTES);
  prefix.set(MAGIC, 0);
  prefix[4] = FRAME_VERSION;
  new DataView(prefix.buffer).setUint32(5, header.length);
  return [prefix, header, ...blobs];
}

/** Encodes a value as one frame (see {@link encodeFrameParts}). */
export function encodeFrame(value: unknown): Uint8Array<ArrayBuffer> {
  const parts = encodeFrameParts(value);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/**
 * Decodes a frame produced by {@link encodeFrame}. Every check is strict: the magic, the version,
 * the header length against what arrived, the header's UTF-8 and JSON, its shape and depth, every
 * blob referenced exactly once, and the blob lengths adding up to exactly the bytes that follow.
 * The byte arrays returned are views into `bytes`. Anything else throws a WireFormatError.
 */
export function decodeFrame(bytes: Uint8Array): unknown {
  if (bytes.length < PREFIX_BYTES) throw new WireFormatError('short');
  if (MAGIC.some((m, i) => bytes[i] !== m)) throw new WireFormatError('magic');
  if (bytes[4] !== FRAME_VERSION) throw new WireFormatError('version');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5);
  if (headerLength === 0 || headerLength > MAX_FRAME_HEADER_BYTES) throw new WireFormatError('header-length');
  if (headerLength > bytes.length - PREFIX_BYTES) throw new WireFormatError('short');

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength),
    );
  } catch {
    throw new WireFormatError('header-encoding');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new WireFormatError('header-json');
  }
  if (!isContainer(header) || Array.isArray(header)) throw new WireFormatError('header-shape');
  const keys = Object.keys(header);
  const lengths = (header as { b?: unknown }).b;
  if (
    !keys.every((k) => k === 'v' || k === 'b') ||
    !Array.isArray(lengths) ||
    !lengths.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
  ) {
    throw new WireFormatError('header-shape');
  }

  // The blobs: consecutive slices of what follows the header, exactly filling it.
  const blobs: Uint8Array[] = [];
  let at = PREFIX_BYTES + headerLength;
  for (const n of lengths as number[]) {
    if (n > bytes.length - at) throw new WireFormatError('blob-lengths');
    blobs.push(new Uint8Array(bytes.buffer, bytes.byteOffset + at, n));
    at += n;
  }
  if (at !== bytes.length) throw new WireFormatError('blob-lengths');

  return restoreBlobs((header as { v?: unknown }).v, blobs);
}

/** Replaces `{"$blob": i}` placeholders by the blobs, walking without recursion. */
function restoreBlobs(root: unknown, blobs: readonly Uint8Array[]): unknown {
  const used = new Uint8Array(blobs.length);
  const resolve = (v: unknown): unknown => {
    if (!isContainer(v) || Array.isArray(v) || !Object.hasOwn(v, BLOB_KEY)) return v;
    const index = v[BLOB_KEY];
    if (
      Object.keys(v).length !== 1 ||
      // Stryker disable next-line ConditionalExpression: Number.isInteger below refuses every non-number as well
      typeof index !== 'number' ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= blobs.length ||
      used[index] === 1
    ) {
      throw new WireFormatError('blob-reference');
    }
    used[index] = 1;
    return blobs[index];
  };
  const top = resolve(root);
  // Stryker disable next-line ArrayDeclaration: a non-empty stack for a non-container top walks a string's characters, which are never containers or references
  const stack: [Container, number][] = isContainer(top) && !(top instanceof Uint8Array) ? [[top, 1]] : [];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_FRAME_DEPTH) throw new WireFormatError('too-deep');
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      const replaced = resolve(child);
      if (replaced !== child) {
        // defineProperty, not assignment: a key named `__proto__` must stay a plain property.
        Object.defineProperty(node, key, {
          value: replaced,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else if (isContainer(child)) {
        stack.push([child, depth + 1]);
      }
    }
  }
  if (used.includes(0)) throw new WireFormatError('blob-reference');
  return top;
}

/** Serialises a value to JSON text (events and refusals; byte arrays travel in frames only). */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) throw new TypeError('byte arrays travel in frames, not in JSON');
    return v;
  });
}

/** Parses JSON text produced by `encodeWire`. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text);
}
