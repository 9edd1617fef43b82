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
