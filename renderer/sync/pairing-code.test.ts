import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  crc32,
  formatPairingCode,
  newPairingCode,
  parsePairingCode,
  PAIRING_SECRET_BYTES,
  PAIRING_TTL_MS,
  type PairingCode,
} from './pairing-code';
import { PairingError } from './pairing-errors';

const spaceId = 'q3RxW0n9Zk2mYb7cVd1eFg'; // 16 random bytes, base64url
const at = Date.UTC(2026, 11, 3, 9, 0, 0);

const codeOf = (relay: string, id = spaceId): PairingCode => ({
  relay,
  spaceId: id,
  secret: Uint8Array.from({ length: PAIRING_SECRET_BYTES }, (_, i) => i * 7 + 1),
  expiresAt: at,
});

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof PairingError) return error.code;
    throw error;
  }
  return 'accepted';
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('pairing code', () => {
  it('CRC-32 is the standard one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('round-trips relay, space, secret and expiry, in groups of four base32 characters', () => {
    for (const relay of [
      'ws://192.168.1.20:1234',
      'wss://relay.example.it:443',
      'wss://sync.example.com:8443/scrigno',
    ]) {
      const code = codeOf(relay);
      const text = formatPairingCode(code);
      expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
      const back = parsePairingCode(text);
      expect(back.relay).toBe(relay);
      expect(back.spaceId).toBe(spaceId);
      expect([...back.secret]).toEqual([...code.secret]);
      expect(back.expiresAt).toBe(at);
    }
  });

  it('fits a LAN relay in 79 characters, 20 groups', () => {
    const text = formatPairingCode(codeOf('ws://192.168.1.20:1234'));
    expect(text.replace(/-/g, '')).toHaveLength(79);
    expect(text.split('-')).toHaveLength(20);
    // A space id that is not a 16-byte base64url id is carried as text.
    const other = parsePairingCode(formatPairingCode(codeOf('ws://10.0.0.1:80', 'office')));
    expect(other.spaceId).toBe('office');
    expect(other.relay).toBe('ws://10.0.0.1:80');
  });

  it('reads what people type: lower case, spaces, no dashes, O for 0, I and L for 1', () => {
    const text = formatPairingCode(codeOf('ws://192.168.1.20:1234'));
    const typed = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parsePairingCode(typed).relay).toBe('ws://192.168.1.20:1234');
  });

  it('reports every single-character substitution, deletion, insertion and adjacent swap as a typo', () => {
    const clean = formatPairingCode(codeOf('ws://192.168.1.20:1234')).replace(/-/g, '');
    let checked = 0;
    for (let i = 0; i < clean.length; i++) {
      for (const c of ALPHABET) {
        if (c === clean[i]) continue;
        expect(reason(() => parsePairingCode(clean.slice(0, i) + c + clean.slice(i + 1)))).toBe('typo');
        checked++;
      }
      expect(reason(() => parsePairingCode(clean.slice(0, i) + clean.slice(i + 1)))).toBe('typo');
      expect(reason(() => parsePairingCode(clean.slice(0, i) + 'A' + clean.slice(i)))).toBe('typo');
      if (i + 1 < clean.length && clean[i] !== clean[i + 1]) {
        const swapped = clean.slice(0, i) + clean[i + 1] + clean[i] + clean.slice(i + 2);
        expect(reason(() => parsePairingCode(swapped))).toBe('typo');
      }
    }
    expect(checked).toBe(clean.length * 31);
    expect(reason(() => parsePairingCode(clean))).toBe('accepted');
  });

  it('reports a character outside the alphabet, and a truncated code, as a typo; nothing as malformed', () => {
    const text = formatPairingCode(codeOf('ws://192.168.1.20:1234'));
    expect(reason(() => parsePairingCode(text.replace(/^./, 'U')))).toBe('typo');
    expect(reason(() => parsePairingCode(text.slice(0, 30)))).toBe('typo');
    expect(reason(() => parsePairingCode('   '))).toBe('malformed');
  });

  it('tells a code of a newer version apart from a typo', () => {
    // A well-formed code with version byte 2 and a correct checksum.
    const text = formatPairingCode(codeOf('ws://192.168.1.20:1234')).replace(/-/g, '');
    const bytes: number[] = [];
    let buffer = 0;
    let bits = 0;
    for (const ch of text) {
      buffer = (buffer << 5) | ALPHABET.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        bytes.push((buffer >>> bits) & 0xff);
      }
    }
    const body = Uint8Array.from(bytes.slice(0, -4));
    body[0] = 2;
    const crc = crc32(body);
    const all = [...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff];
    let out = '';
    buffer = 0;
    bits = 0;
    for (const b of all) {
      buffer = (buffer << 8) | b;
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out += ALPHABET[(buffer >>> bits) & 31];
      }
      buffer &= (1 << bits) - 1;
    }
    if (bits) out += ALPHABET[(buffer << (5 - bits)) & 31];
    expect(reason(() => parsePairingCode(out))).toBe('version');
  });

  it('refuses relay addresses it cannot carry', () => {
    for (const relay of ['http://example.com', 'ws://user@host:1', 'ws://host:1/?token=x', 'not a url']) {
      expect(reason(() => formatPairingCode(codeOf(relay)))).toBe('malformed');
    }
  });

  it('a new code has a fresh 128-bit secret and expires after its time, in whole seconds', () => {
    const a = newPairingCode('ws://127.0.0.1:1234', spaceId, at + 400);
    const b = newPairingCode('ws://127.0.0.1:1234', spaceId, at + 400);
    expect(a.secret).toHaveLength(16);
    expect([...a.secret]).not.toEqual([...b.secret]);
    expect(a.expiresAt).toBe(at + PAIRING_TTL_MS);
    expect(newPairingCode('ws://127.0.0.1:1234', spaceId, at, 90_000).expiresAt).toBe(at + 90_000);
  });

  it('any code round-trips (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.ipV4(),
        fc.integer({ min: 1, max: 65535 }),
        fc.boolean(),
        (secret, seconds, host, port, tls) => {
          const relay = `${tls ? 'wss' : 'ws'}://${host}:${port}`;
          const code = { relay, spaceId, secret: Uint8Array.from(secret), expiresAt: seconds * 1000 };
          const back = parsePairingCode(formatPairingCode(code));
          // URL drops default ports; the code always names the port.
          expect(back.relay).toBe(relay.replace(/^ws:\/\/(.*):80$/, 'ws://$1:80'));
          expect([...back.secret]).toEqual([...secret]);
          expect(back.expiresAt).toBe(seconds * 1000);
        },
      ),
      { numRuns: 200 },
    );
  });
});
