import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  encodeFrame,
  encodeFrameParts,
  encodeWire,
  FRAME_VERSION,
  MAX_FRAME_DEPTH,
  MAX_FRAME_HEADER_BYTES,
  WireFormatError,
  type WireFormatReason,
} from './wire';

/** Builds a frame by hand: prefix, the header text as given, then the payload bytes. */
function rawFrame(header: string, payload: Uint8Array = new Uint8Array(), patch?: (b: Uint8Array) => void) {
  const text = new TextEncoder().encode(header);
  const out = new Uint8Array(9 + text.length + payload.length);
  out.set([0x53, 0x43, 0x52, 0x57, FRAME_VERSION], 0);
  new DataView(out.buffer).setUint32(5, text.length);
  out.set(text, 9);
  out.set(payload, 9 + text.length);
  patch?.(out);
  return out;
}

function reasonOf(bytes: Uint8Array): WireFormatReason | 'decoded' {
  try {
    decodeFrame(bytes);
    return 'decoded';
  } catch (error) {
    expect(error).toBeInstanceOf(WireFormatError);
    return (error as WireFormatError).reason;
  }
}

describe('host frames', () => {
  it('round-trips a call with byte arrays carried raw, not in base64', () => {
    const data = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const call = {
      channel: 'file:write',
      input: { folderId: 'f'.repeat(32), name: 'a.bin', data, mode: 'create' },
    };
    const frame = encodeFrame(call);
    expect(decodeFrame(frame)).toEqual(call);
    // Prefix + a short header + the bytes themselves: no base64 growth.
    expect(frame.length).toBeLessThan(data.length + 200);
    const header = new TextDecoder().decode(frame.subarray(9, 9 + new DataView(frame.buffer).getUint32(5)));
    expect(JSON.parse(header)).toEqual({
      v: {
        channel: 'file:write',
        input: { folderId: 'f'.repeat(32), name: 'a.bin', data: { $blob: 0 }, mode: 'create' },
      },
      b: [70_000],
    });
  });

  it('round-trips several, empty and nested byte arrays, and values with none', () => {
    const value = {
      copies: [new Uint8Array([1, 2, 3]), null, new Uint8Array(0)],
      deep: { list: [{ x: new Uint8Array([9]) }] },
      text: 'città',
    };
    expect(decodeFrame(encodeFrame(value))).toEqual(value);
    for (const plain of [{}, [], 'x', 0, null, true, { ok: true, value: { a: [1, 'b'] } }]) {
      expect(decodeFrame(encodeFrame(plain))).toEqual(plain);
    }
    expect(decodeFrame(encodeFrame(undefined))).toBeUndefined();
    expect(decodeFrame(encodeFrame(new Uint8Array([5, 6])))).toEqual(new Uint8Array([5, 6]));
  });

  it('hands out the parts without copying the byte arrays', () => {
    const data = new Uint8Array([1, 2, 3]);
    const parts = encodeFrameParts({ data });
    expect(parts).toHaveLength(3);
    expect(parts[2]).toBe(data);
  });

  it('decodes a frame that sits inside a larger buffer', () => {
    const frame = encodeFrame({ data: new Uint8Array([4, 5]) });
    const padded = new Uint8Array(frame.length + 10);
    padded.set(frame, 7);
    expect(decodeFrame(padded.subarray(7, 7 + frame.length))).toEqual({ data: new Uint8Array([4, 5]) });
  });

  it('refuses to encode a value that would read back differently', () => {
    expect(() => encodeFrame({ trap: { $blob: 0 } })).toThrow(WireFormatError);
    expect(() => encodeWire({ data: new Uint8Array(1) })).toThrow(TypeError);
  });

  it('names every malformed case with its reason', () => {
    const good = encodeFrame({ data: new Uint8Array([1, 2, 3]) });
    const cases: [string, Uint8Array, WireFormatReason][] = [
      ['empty', new Uint8Array(), 'short'],
      ['shorter than the prefix', good.subarray(0, 8), 'short'],
      ['wrong magic', rawFrame('{"b":[]}', undefined, (b) => (b[0] = 0x58)), 'magic'],
      ['JSON instead of a frame', new TextEncoder().encode('{"channel":"app:info","input":{}}'), 'magic'],
      ['unknown version', rawFrame('{"b":[]}', undefined, (b) => (b[4] = 2)), 'version'],
      ['header length zero', rawFrame('', undefined), 'header-length'],
      [
        'header length over the limit',
        rawFrame('{"b":[]}', undefined, (b) =>
          new DataView(b.buffer).setUint32(5, MAX_FRAME_HEADER_BYTES + 1),
        ),
        'header-length',
      ],
      [
        'header longer than what arrived',
        rawFrame('{"b":[]}', undefined, (b) => new DataView(b.buffer).setUint32(5, 100)),
        'short',
      ],
      ['truncated frame', good.subarray(0, good.length - 1), 'blob-lengths'],
      ['trailing bytes', rawFrame('{"b":[]}', new Uint8Array([0])), 'blob-lengths'],
      ['blob longer than the rest', rawFrame('{"v":{"$blob":0},"b":[5]}', new Uint8Array(4)), 'blob-lengths'],
      [
        'header not UTF-8',
        rawFrame('{"v":"__","b":[]}', undefined, (b) => (b[15] = 0xff)),
        'header-encoding',
      ],
      ['header not JSON', rawFrame('{"b":[]'), 'header-json'],
      ['header an array', rawFrame('[1]'), 'header-shape'],
      ['header null', rawFrame('null'), 'header-shape'],
      ['header without lengths', rawFrame('{"v":1}'), 'header-shape'],
      ['an unknown header key', rawFrame('{"v":1,"b":[],"x":0}'), 'header-shape'],
      ['a negative length', rawFrame('{"b":[-1]}'), 'header-shape'],
      ['a fractional length', rawFrame('{"b":[1.5]}', new Uint8Array(2)), 'header-shape'],
      ['a length as text', rawFrame('{"b":["1"]}', new Uint8Array(1)), 'header-shape'],
      [
        'a reference out of range',
        rawFrame('{"v":{"$blob":1},"b":[1]}', new Uint8Array(1)),
        'blob-reference',
      ],
      [
        'a reference used twice',
        rawFrame('{"v":[{"$blob":0},{"$blob":0}],"b":[1]}', new Uint8Array(1)),
        'blob-reference',
      ],
      ['a blob never referenced', rawFrame('{"v":1,"b":[1]}', new Uint8Array(1)), 'blob-reference'],
      [
        'a reference with other keys',
        rawFrame('{"v":{"$blob":0,"y":1},"b":[1]}', new Uint8Array(1)),
        'blob-reference',
      ],
      [
        'a reference that is not an index',
        rawFrame('{"v":{"$blob":"0"},"b":[1]}', new Uint8Array(1)),
        'blob-reference',
      ],
      [
        'nesting deeper than the limit',
        rawFrame(`{"v":${'['.repeat(MAX_FRAME_DEPTH + 1)}${']'.repeat(MAX_FRAME_DEPTH + 1)},"b":[]}`),
        'too-deep',
      ],
    ];
    for (const [label, bytes, reason] of cases) expect([label, reasonOf(bytes)]).toEqual([label, reason]);
    // Deep nesting far beyond the stack is refused the same way, never with a RangeError.
    expect(reasonOf(rawFrame(`{"v":${'['.repeat(200_000)}${']'.repeat(200_000)},"b":[]}`))).toBe('too-deep');
    // Right at the depth limit it decodes.
    expect(
      reasonOf(rawFrame(`{"v":${'['.repeat(MAX_FRAME_DEPTH)}${']'.repeat(MAX_FRAME_DEPTH)},"b":[]}`)),
    ).toBe('decoded');
  });

  it('keeps a `__proto__` key a plain property', () => {
    const decoded = decodeFrame(
      rawFrame('{"v":{"__proto__":{"$blob":0}},"b":[1]}', new Uint8Array([1])),
    ) as object;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual(new Uint8Array([1]));
  });

  it('encodes and decodes a header of exactly the limit, and refuses to encode a longer one', () => {
    // `{"v":"` + text + `","b":[]}` is 15 bytes beside the text.
    const atLimit = 'x'.repeat(MAX_FRAME_HEADER_BYTES - 15);
    const frame = encodeFrame(atLimit);
    expect(new DataView(frame.buffer).getUint32(5)).toBe(MAX_FRAME_HEADER_BYTES);
    expect(decodeFrame(frame)).toBe(atLimit);
    let thrown: unknown;
    try {
      encodeFrame(`${atLimit}x`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WireFormatError);
    expect((thrown as WireFormatError).reason).toBe('header-length');
  });

  it('refuses a header length that runs past the bytes that arrived, by any amount', () => {
    // 8 header bytes arrived; a declared 12 would still fit "prefix + length" arithmetic done wrong.
    expect(reasonOf(rawFrame('{"b":[]}', undefined, (b) => new DataView(b.buffer).setUint32(5, 12)))).toBe(
      'short',
    );
  });

  it('keeps a byte-order mark in the header, which is then not JSON', () => {
    expect(reasonOf(rawFrame('\ufeff{"b":[]}'))).toBe('header-json');
  });

  it('refuses a negative reference, or one equal to the number of blobs', () => {
    expect(reasonOf(rawFrame('{"v":{"$blob":-1},"b":[]}'))).toBe('blob-reference');
    expect(reasonOf(rawFrame('{"v":[{"$blob":0},{"$blob":1}],"b":[1]}', new Uint8Array(1)))).toBe(
      'blob-reference',
    );
  });

  it('gives byte arrays as ordinary properties that can be replaced or removed', () => {
    const decoded = decodeFrame(encodeFrame({ data: new Uint8Array([7]) })) as { data?: unknown };
    expect(Object.getOwnPropertyDescriptor(decoded, 'data')).toEqual({
      value: new Uint8Array([7]),
      writable: true,
      enumerable: true,
      configurable: true,
    });
    decoded.data = 'replaced';
    expect(decoded.data).toBe('replaced');
    delete decoded.data;
    expect(decoded).toEqual({});
  });

  it('names its errors and says which check failed, never the content', () => {
    const error = new WireFormatError('magic');
    expect(error.name).toBe('WireFormatError');
    expect(error.message).toBe('malformed host frame (magic)');
    expect(() => encodeWire(new Uint8Array([1]))).toThrow('byte arrays travel in frames, not in JSON');
  });
});
