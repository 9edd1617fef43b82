// The plaintext record stream inside a backup: one frame per record, binary, so that sealed
// subject payloads travel as raw bytes (no base64) and JSON is encoded straight into one buffer.
//
//   u8 kind (0 = JSON, 1 = sealed bytes, 2 = sealed for several subjects)
//   u8 table length, table (UTF-8)
//   u8 id length, id (UTF-8)
//   u8 subject length (0 = none), subject id (UTF-8); kind 2: u16 length (big-endian), the
//      subject ids comma-joined
//   u32 payload length (big-endian), payload (UTF-8 JSON text, or the sealed bytes)
import { BackupError } from '../../shared/backup/errors';
import { readU16, readU32, writeU16, writeU32 } from '../../shared/backup/bytes';

/** One record as stored in a backup. */
export interface BackupRecord {
  table: string;
  id: string;
  /**
   * The data subject the record belongs to; its payload is then sealed under their key. A shared
   * record's subjects comma-joined (subject ids hold no comma): sealed under a key that needs
   * every one of theirs.
   */
  subjectId?: string;
  /** JSON-compatible data, or a sealed byte string (opaque here) for subject records. */
  payload: unknown;
}

const KIND_JSON = 0;
const KIND_SEALED = 1;
const KIND_SHARED = 2;
const MAX_SUBJECTS_TEXT = 0xffff;
const MAX_PAYLOAD = 0xffffffff;

/** Appends records to one growing buffer. */
export class RecordWriter {
  private buf = new Uint8Array(1 << 20);
  private len = 0;
  private readonly encoder = new TextEncoder();
  /** Records written per table. */
  readonly counts: Record<string, number> = Object.create(null) as Record<string, number>;
  count = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private shortText(text: string | undefined): void {
    const value = text ?? '';
    this.ensure(1 + value.length * 3);
    const { read, written } = this.encoder.encodeInto(
      value,
      this.buf.subarray(this.len + 1, this.len + 1 + 255),
    );
    // encodeInto stops early when the window is full: that is a name longer than 255 bytes.
    if (read !== value.length) throw new RangeError('backup-record-name-too-long');
    this.buf[this.len] = written;
    this.len += 1 + written;
  }

  // A shared record's subject ids: more than a length byte can count for a meeting of eight.
  private subjects(text: string): void {
    this.ensure(2 + text.length * 3);
    const { written } = this.encoder.encodeInto(text, this.buf.subarray(this.len + 2));
    if (written > MAX_SUBJECTS_TEXT) throw new RangeError('backup-record-name-too-long');
    writeU16(this.buf, this.len, written);
    this.len += 2 + written;
  }

  /** Adds one record; throws `RangeError` for names over 255 bytes or data JSON cannot carry. */
  add(record: BackupRecord): void {
    const sealed = record.payload instanceof Uint8Array;
    const text = sealed ? '' : JSON.stringify(record.payload);
    if (!sealed && text === undefined) throw new RangeError('backup-record-payload-invalid');
    const shared = sealed && record.subjectId?.includes(',') === true;
    this.ensure(1);
    this.buf[this.len++] = shared ? KIND_SHARED : sealed ? KIND_SEALED : KIND_JSON;
    this.shortText(record.table);
    this.shortText(record.id);
    if (shared) this.subjects(record.subjectId!);
    else this.shortText(record.subjectId);
    if (sealed) {
      const bytes = record.payload as Uint8Array;
      this.ensure(4 + bytes.length);
      writeU32(this.buf, this.len, bytes.length);
      this.buf.set(bytes, this.len + 4);
      this.len += 4 + bytes.length;
    } else {
      this.ensure(4 + text.length * 3);
      const { written } = this.encoder.encodeInto(text, this.buf.subarray(this.len + 4));
      if (written > MAX_PAYLOAD) throw new RangeError('backup-record-payload-invalid');
      writeU32(this.buf, this.len, written);
      this.len += 4 + written;
    }
    this.counts[record.table] = (this.counts[record.table] ?? 0) + 1;
    this.count += 1;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.buf.subarray(0, this.len);
  }
}

function shortText(bytes: Uint8Array, offset: number, decoder: TextDecoder): [string, number] {
  const length = bytes[offset];
  if (length === undefined || offset + 1 + length > bytes.length) throw new BackupError('corrupt');
  // Names are short ASCII almost always: skip the decoder call for them.
  let text = '';
  let ascii = true;
  for (let i = offset + 1; i < offset + 1 + length; i++) {
    const c = bytes[i] ?? 0;
    if (c > 0x7f) {
      ascii = false;
      break;
    }
    text += String.fromCharCode(c);
  }
  if (!ascii) text = decoder.decode(bytes.subarray(offset + 1, offset + 1 + length));
  return [text, offset + 1 + length];
}

/** What {@link readRecords} does with each record. */
export interface RecordVisitor {
  /** Return false to skip decoding the payload (e.g. records of erased subjects). */
  want?(table: string, subjectId: string | undefined): boolean;
  record?(record: BackupRecord): void;
}

/**
 * Walks a record stream, counting records per table and handing decoded records to `visitor`.
 * Throws `corrupt` on any framing or JSON error (the stream was authenticated, so that means
 * a writer bug or a forged key).
 */
export function readRecords(
  bytes: Uint8Array,
  visitor: RecordVisitor = {},
): { counts: Record<string, number>; count: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  let count = 0;
  let offset = 0;
  try {
    while (offset < bytes.length) {
      const kind = bytes[offset];
      if (kind !== KIND_JSON && kind !== KIND_SEALED && kind !== KIND_SHARED)
        throw new BackupError('corrupt');
      let table: string;
      let id: string;
      let subject: string;
      [table, offset] = shortText(bytes, offset + 1, decoder);
      [id, offset] = shortText(bytes, offset, decoder);
      if (kind === KIND_SHARED) {
        if (offset + 2 > bytes.length) throw new BackupError('corrupt');
        const length = readU16(bytes, offset);
        if (offset + 2 + length > bytes.length) throw new BackupError('corrupt');
        subject = decoder.decode(bytes.subarray(offset + 2, offset + 2 + length));
        if (!subject.includes(',')) throw new BackupError('corrupt');
        offset += 2 + length;
      } else [subject, offset] = shortText(bytes, offset, decoder);
      if (offset + 4 > bytes.length) throw new BackupError('corrupt');
      const length = readU32(bytes, offset);
      const start = offset + 4;
      offset = start + length;
      if (offset > bytes.length) throw new BackupError('corrupt');
      counts[table] = (counts[table] ?? 0) + 1;
      count += 1;
      const subjectId = subject === '' ? undefined : subject;
      if (!visitor.record || (visitor.want && !visitor.want(table, subjectId))) continue;
      const payload: unknown =
        kind !== KIND_JSON
          ? bytes.slice(start, offset)
          : JSON.parse(decoder.decode(bytes.subarray(start, offset)));
      visitor.record(subjectId === undefined ? { table, id, payload } : { table, id, subjectId, payload });
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('corrupt');
  }
  return { counts, count };
}
