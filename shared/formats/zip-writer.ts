/**
 * A minimal ZIP writer for entries that are already deflated (method 8) and hashed, e.g. by the
 * browser's native `CompressionStream('deflate-raw')` in workers, which is several times faster
 * than a JavaScript deflate. Writes local headers, the central directory and the end record; no
 * ZIP64, so the whole archive must stay under 4 GiB (the archive import limit is 2 GiB
 * uncompressed anyway).
 */

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of bytes, as ZIP stores it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One entry: its path, the size and CRC-32 of its original bytes, and those bytes raw-deflated. */
export interface ZipEntry {
  readonly path: string;
  readonly size: number;
  readonly crc32: number;
  /** The deflated bytes, in as many pieces as the compressor produced. */
  readonly deflated: readonly Uint8Array[];
}

const total = (pieces: readonly Uint8Array[]) => pieces.reduce((n, p) => n + p.length, 0);

// DOS date and time of an epoch instant (local fields as UTC: archives carry no zone).
function dosTime(epochMs: number): { time: number; date: number } {
  const d = new Date(Math.max(epochMs, Date.UTC(1980, 0, 2)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Assembles a ZIP file from pre-deflated entries. */
export function writeZip(entries: readonly ZipEntry[], mtime: number): Uint8Array {
  const { time, date } = dosTime(mtime);
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.path));
  const sizes = entries.map((e) => total(e.deflated));
  let size = 22;
  entries.forEach((_, i) => (size += 30 + names[i]!.length + sizes[i]! + 46 + names[i]!.length));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  const header = (central: boolean, i: number) => {
    const e = entries[i]!;
    const name = names[i]!;
    view.setUint32(at, central ? 0x02014b50 : 0x04034b50, true);
    at += 4;
    if (central) {
      view.setUint16(at, 20, true); // made by: version 2.0
      at += 2;
    }
    view.setUint16(at, 20, true); // needed to extract: 2.0
    view.setUint16(at + 2, 0x0800, true); // UTF-8 names
    view.setUint16(at + 4, 8, true); // deflate
    view.setUint16(at + 6, time, true);
    view.setUint16(at + 8, date, true);
    view.setUint32(at + 10, e.crc32, true);
    view.setUint32(at + 14, sizes[i]!, true);
    view.setUint32(at + 18, e.size, true);
    view.setUint16(at + 22, name.length, true);
    view.setUint16(at + 24, 0, true); // extra
    at += 26;
    if (central) {
      view.setUint16(at, 0, true); // comment
      view.setUint16(at + 2, 0, true); // disk
      view.setUint16(at + 4, 0, true); // internal attributes
      view.setUint32(at + 6, 0, true); // external attributes
      view.setUint32(at + 10, offsets[i]!, true);
      at += 14;
    }
    out.set(name, at);
    at += name.length;
  };
  entries.forEach((e, i) => {
    offsets.push(at);
    header(false, i);
    for (const piece of e.deflated) {
      out.set(piece, at);
      at += piece.length;
    }
  });
  const directory = at;
  entries.forEach((_, i) => header(true, i));
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}

/** One entry of a ZIP's central directory, as `listZip` reads it. */
export interface ZipListing {
  readonly path: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: 0 | 8;
  readonly size: number;
  readonly compressedSize: number;
  /** Offset of the entry's data (after its local header). */
  readonly dataOffset: number;
}

/**
 * Reads the central directory of a plain ZIP (what `writeZip` and common tools write), so the
 * entries can be inflated by a faster engine than fflate's. Returns undefined for anything else
 * (ZIP64, encrypted entries, other methods, a damaged directory): the caller then falls back to
 * fflate, which reports what is wrong.
 */
export function listZip(bytes: Uint8Array): ZipListing[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The end record is in the last 22 + 65535 bytes (its comment is at most 65535 bytes long).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = u16(end + 10);
  let at = u32(end + 16);
  if (u16(end + 4) !== 0 || count === 0xffff || at === 0xffffffff) return undefined;
  const decoder = new TextDecoder();
  const out: ZipListing[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(at) !== 0x02014b50) return undefined;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const skip = nameLength + u16(at + 30) + u16(at + 32);
    const local = u32(at + 42);
    if (flags & 1 || (method !== 0 && method !== 8) || size === 0xffffffff || compressedSize === 0xffffffff)
      return undefined;
    if (local + 30 > bytes.length || u32(local) !== 0x04034b50) return undefined;
    const dataOffset = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataOffset + compressedSize > bytes.length) return undefined;
    const path = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    out.push({ path, method, size, compressedSize, dataOffset });
    at += 46 + skip;
  }
  return out;
}
