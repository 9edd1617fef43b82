/**
 * Turning the bytes of an import file into text: size limit, encoding detection (BOM, UTF-16
 * without BOM, strict UTF-8, then Windows-1252) and a refusal of binary files.
 */
import { FormatError } from './errors';

/**
 * Largest import file read, in bytes (50 MiB, about 250,000 contacts in a Google CSV). Checked on
 * the file's declared size before any byte is read, so a 500 MB file never reaches memory.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Encodings the reader recognises. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decoded text and the encoding it was read with. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

/** Throws `file-too-large` when `size` is over the limit (call before reading the file). */
export function checkImportSize(size: number, limit = MAX_IMPORT_BYTES): void {
  if (size > limit) throw new FormatError('file-too-large');
}

// UTF-16 text of Latin scripts has a zero byte in every other position; guess the order from it.
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Detects the encoding of `bytes`; a byte-order mark wins, then UTF-16 shape, then strict UTF-8. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    // Excel on Windows saves "CSV" in the ANSI code page; 1252 is a superset of ISO-8859-1.
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

/** True when the text looks like a binary file: NUL characters or many control characters. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) control++;
  }
  return sample.length > 0 && control / sample.length > 0.02;
}

/**
 * Decodes an import file. Throws `file-too-large`, `file-empty` or `binary-file`.
 * WARNING: `fatal: false` on the final decode, so a truncated multi-byte sequence at the end of a
 * cut-off file becomes U+FFFD instead of failing the whole file.
 */
export function decodeText(bytes: Uint8Array, limit = MAX_IMPORT_BYTES): DecodedText {
  checkImportSize(bytes.length, limit);
  const { encoding, bomLength } = detectEncoding(bytes);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bomLength));
  if (text.trim() === '') throw new FormatError('file-empty');
  if (looksBinary(text)) throw new FormatError('binary-file');
  return { text, encoding };
}
