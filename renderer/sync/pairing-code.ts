// The pairing code: what a new device needs to find the inviting one and prove it saw the code.
//
// Bytes (version 1), then CRC-32 of everything before it, written in Crockford base32 in groups
// of four: a typo (one or two wrong characters next to each other, a missing or extra one) is
// caught by the checksum before anything goes on the network, and reported as a typo.
//
//   version(1)=1 | expiry(4, BE, Unix seconds) | secret(16) | space id | relay | crc32(4)
//   space id: 0x00 + 16 bytes (a base64url id of 16 bytes) or 0x01 + length(1) + UTF-8
//   relay:    flags(1: bit0 wss, bit1 IPv4, bit2 path) | host (4 bytes, or length(1) + UTF-8)
//             | port(2, BE) | [length(1) + UTF-8 path]
import { PairingError } from './pairing-errors';
import { fromBase64Url, toBase64Url } from './base64url';

/** Version byte of codes written by this code. */
export const PAIRING_CODE_VERSION = 1;
/** Bytes of the one-time secret (128 bits). */
export const PAIRING_SECRET_BYTES = 16;
/** How long a code is good for unless the caller says otherwise: ten minutes. */
export const PAIRING_TTL_MS = 10 * 60_000;

/** What a pairing code carries. */
export interface PairingCode {
  /** Relay address, `ws://host:port` or `wss://host:port[/path]`. */
  readonly relay: string;
  readonly spaceId: string;
  /** The one-time secret; never leaves the two devices except inside the code. */
  readonly secret: Uint8Array<ArrayBuffer>;
  /** Epoch ms (whole seconds) after which the inviting device refuses the code. */
  readonly expiresAt: number;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 4;

/** CRC-32 (IEEE 802.3), the one zip uses: catches every burst of up to 32 bits. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new PairingError('typo');
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return new Uint8Array(out);
}

/** Upper case; I and L read as 1, O as 0 (Crockford); spaces and dashes dropped. */
function normalize(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function base64UrlBytes(id: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return null;
  const bytes = fromBase64Url(id);
  // Only a canonical encoding round-trips (the last character carries 2 spare bits).
  return base64UrlOf(bytes) === id ? bytes : null;
}

const base64UrlOf = toBase64Url;

function shortText(text: string): number[] {
  const bytes = encoder.encode(text);
  if (bytes.length === 0 || bytes.length > 255) throw new PairingError('malformed');
  return [bytes.length, ...bytes];
}

function relayBytes(relay: string): number[] {
  let url: URL;
  try {
    url = new URL(relay);
  } catch {
    throw new PairingError('malformed');
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.username || url.search || url.hash) {
    throw new PairingError('malformed');
  }
  const tls = url.protocol === 'wss:';
  const port = url.port ? Number(url.port) : tls ? 443 : 80;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(url.hostname);
  const path = url.pathname === '/' ? '' : url.pathname;
  const flags = (tls ? 1 : 0) | (ipv4 ? 2 : 0) | (path ? 4 : 0);
  const host = ipv4 ? ipv4.slice(1).map(Number) : shortText(url.hostname);
  return [flags, ...host, port >> 8, port & 0xff, ...(path ? shortText(path) : [])];
}

/** Writes a code as its grouped text (also what the QR code holds). */
export function formatPairingCode(code: PairingCode): string {
  if (code.secret.length !== PAIRING_SECRET_BYTES) throw new PairingError('malformed');
  const seconds = Math.floor(code.expiresAt / 1000);
  const id = base64UrlBytes(code.spaceId);
  const body = new Uint8Array([
    PAIRING_CODE_VERSION,
    (seconds >>> 24) & 0xff,
    (seconds >>> 16) & 0xff,
    (seconds >>> 8) & 0xff,
    seconds & 0xff,
    ...code.secret,
    ...(id ? [0, ...id] : [1, ...shortText(code.spaceId)]),
    ...relayBytes(code.relay),
  ]);
  const crc = crc32(body);
  const all = new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
  const text = toBase32(all);
  return text.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/** A cursor over the code's bytes that reports running off the end as a malformed code. */
class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  take(n: number): Uint8Array<ArrayBuffer> {
    if (this.at + n > this.bytes.length) throw new PairingError('malformed');
    const out = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
  byte(): number {
    return this.take(1)[0]!;
  }
  text(): string {
    const length = this.byte();
    if (length === 0) throw new PairingError('malformed');
    try {
      return decoder.decode(this.take(length));
    } catch {
      throw new PairingError('malformed');
    }
  }
  get done(): boolean {
    return this.at === this.bytes.length;
  }
}

/**
 * Reads a code as typed, pasted or scanned. A wrong checksum is `typo`; a right checksum over
 * bytes this version cannot read is `version` or `malformed`. Expiry is not checked here.
 */
export function parsePairingCode(text: string): PairingCode {
  const clean = normalize(text);
  if (clean.length < 16) throw new PairingError(clean.length === 0 ? 'malformed' : 'typo');
  const all = fromBase32(clean);
  // A dropped or extra character shifts the bits: the checksum catches it like any other typo.
  if (toBase32(all) !== clean) throw new PairingError('typo');
  const body = all.subarray(0, all.length - 4);
  const tail = all.subarray(all.length - 4);
  const crc = ((tail[0]! << 24) | (tail[1]! << 16) | (tail[2]! << 8) | tail[3]!) >>> 0;
  if (crc32(body) !== crc) throw new PairingError('typo');
  const read = new Reader(body);
  if (read.byte() !== PAIRING_CODE_VERSION) throw new PairingError('version');
  const t = read.take(4);
  const expiresAt = (((t[0]! << 24) | (t[1]! << 16) | (t[2]! << 8) | t[3]!) >>> 0) * 1000;
  const secret = read.take(PAIRING_SECRET_BYTES);
  const idKind = read.byte();
  if (idKind > 1) throw new PairingError('malformed');
  const spaceId = idKind === 0 ? base64UrlOf(read.take(16)) : read.text();
  const flags = read.byte();
  if (flags > 7) throw new PairingError('malformed');
  const host = flags & 2 ? [...read.take(4)].join('.') : read.text();
  const p = read.take(2);
  const port = (p[0]! << 8) | p[1]!;
  const path = flags & 4 ? read.text() : '';
  if (!read.done || port === 0) throw new PairingError('malformed');
  const relay = `${flags & 1 ? 'wss' : 'ws'}://${host}:${port}${path}`;
  return { relay, spaceId, secret, expiresAt };
}

/** A fresh code for `relay` and `spaceId`, good for `ttlMs` from `now`. */
export function newPairingCode(
  relay: string,
  spaceId: string,
  now: number,
  ttlMs = PAIRING_TTL_MS,
): PairingCode {
  const secret = crypto.getRandomValues(new Uint8Array(PAIRING_SECRET_BYTES));
  const code = { relay, spaceId, secret, expiresAt: Math.floor((now + ttlMs) / 1000) * 1000 };
  formatPairingCode(code); // refuses a relay or space id that cannot be written
  return code;
}
