import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  (globalThis as { self?: unknown }).self ??= globalThis;
});

// argon2-browser is a development dependency kept only as the reference here: the vault derives
// with hash-wasm, and these tests prove both give the same bytes for what vaults store, so every
// vault created before the switch still opens.
import argon2Browser from 'argon2-browser/dist/argon2-bundled.min.js';
import simdWasmUrl from 'argon2-browser/dist/argon2-simd.wasm?url&inline';
import { BLIND_TOKEN_BYTES, BlindIndexer } from './blind-index';
import { fromBase64Url } from './bytes';
import { deriveBlindKeyBytes, derivePurposeKeys, importHkdfKey, seal } from './crypto';
import { argon2id } from './kdf';
import type { KdfRunner } from './kdf-client';
import { PRODUCTION_KDF_FLOOR, type KdfParams } from './policy';
import { FAST_TEST_KDF_POLICY } from './test-support';
import { createVault, openVault } from './vault';

const hex = (s: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(s.match(/../g)!.map((b) => parseInt(b, 16)));
const toHex = (b: ArrayBuffer | Uint8Array): string =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');
const fill = (n: number, v: number) => new Uint8Array(n).fill(v);

/**
 * argon2-browser's bundled loader under Node: `self` must exist before the bundle is imported
 * (hoisted above), and the wasm binary goes through `Module.wasmBinary`, since under Node the
 * loader ignores `loadArgon2WasmBinary` and would try to read or fetch a file path instead.
 */
function referenceArgon2(
  pass: Uint8Array,
  salt: Uint8Array,
  params: KdfParams,
  extra: { secret?: Uint8Array; ad?: Uint8Array } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const g = globalThis as { Module?: { wasmBinary?: Uint8Array } };
  g.Module ??= {};
  g.Module.wasmBinary ??= fromBase64Url(
    simdWasmUrl
      .slice(simdWasmUrl.indexOf(',') + 1)
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, ''),
  );
  return argon2Browser
    .hash({
      pass,
      salt,
      time: params.t,
      mem: params.m,
      parallelism: params.p,
      hashLen: 32,
      type: argon2Browser.ArgonType.Argon2id,
      ...extra,
    })
    .then((r) => new Uint8Array(r.hash));
}

const referenceRunner: KdfRunner = (pass, salt, params) => referenceArgon2(pass, salt, params);

describe('Argon2id', () => {
  it('the reference implementation matches the RFC 9106 §5.3 test vector', async () => {
    const tag = await referenceArgon2(
      fill(32, 1),
      fill(16, 2),
      { m: 32, t: 3, p: 4 },
      { secret: fill(8, 3), ad: fill(12, 4) },
    );
    expect(toHex(tag)).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
  });

  it('hash-wasm gives the reference bytes for the production floor, the test profile and a keyed hash', async () => {
    const pass = new TextEncoder().encode('Lanterna verde sul molo, càffè 42'.normalize('NFC'));
    const salt = crypto.getRandomValues(new Uint8Array(16));
    for (const params of [PRODUCTION_KDF_FLOOR, FAST_TEST_KDF_POLICY.params!, { m: 1024, t: 2, p: 2 }])
      expect(toHex(await argon2id(pass, salt, params))).toBe(
        toHex(await referenceArgon2(pass, salt, params)),
      );
    const secret = fill(32, 9);
    const params = FAST_TEST_KDF_POLICY.params!;
    expect(toHex(await argon2id(pass, salt, params, { secret }))).toBe(
      toHex(await referenceArgon2(pass, salt, params, { secret })),
    );
  });

  it('returns the key as bytes only, in a buffer of its own that can be wiped and transferred', async () => {
    const tag = await argon2id(fill(8, 1), fill(16, 2), { m: 256, t: 1, p: 1 });
    expect(tag).toBeInstanceOf(Uint8Array);
    expect(tag.byteOffset).toBe(0);
    expect(tag.buffer.byteLength).toBe(32);
    expect(tag.some((b) => b !== 0)).toBe(true);
  });

  it('depends on every parameter', async () => {
    const base = toHex(await argon2id(fill(8, 1), fill(16, 2), { m: 64, t: 1, p: 1 }));
    expect(toHex(await argon2id(fill(8, 1), fill(16, 2), { m: 72, t: 1, p: 1 }))).not.toBe(base);
    expect(toHex(await argon2id(fill(8, 1), fill(16, 2), { m: 64, t: 2, p: 1 }))).not.toBe(base);
    expect(toHex(await argon2id(fill(8, 1), fill(16, 3), { m: 64, t: 1, p: 1 }))).not.toBe(base);
  });

  it('opens a vault whose passphrase slot was written with the reference implementation', async () => {
    const dbName = `ka-${crypto.randomUUID()}`;
    const passphrase = 'Faro bianco, scogliera e vento 7';
    const { vault } = await createVault(passphrase, {
      dbName,
      kdfPolicy: FAST_TEST_KDF_POLICY,
      kdf: referenceRunner,
    });
    await vault.put('notes', 'n1', { text: 'ok' });
    vault.lock();
    // The derived keys handed out by the runner are wiped once imported.
    const derived: Uint8Array[] = [];
    const recording: KdfRunner = async (pass, salt, params) => {
      const key = await argon2id(pass, salt, params);
      derived.push(key);
      return key;
    };
    const again = await openVault(
      { passphrase },
      { dbName, kdfPolicy: FAST_TEST_KDF_POLICY, kdf: recording },
    );
    expect(await again.get('notes', 'n1')).toEqual({ text: 'ok' });
    expect(derived).toHaveLength(1);
    expect(derived[0]!.every((b) => b === 0)).toBe(true);
    again.lock();
  });
});

describe('AES-256-GCM (GCM spec test cases 14 and 16)', () => {
  it('case 14: zero key, one zero block', async () => {
    const key = await crypto.subtle.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['encrypt']);
    const out = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: new Uint8Array(12) },
      key,
      new Uint8Array(16),
    );
    expect(toHex(out)).toBe('cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919');
  });

  it('case 16: with associated data, and the envelope is that ciphertext behind its two header bytes', async () => {
    const key = await crypto.subtle.importKey(
      'raw',
      hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
      'AES-GCM',
      false,
      ['encrypt', 'decrypt'],
    );
    const iv = hex('cafebabefacedbaddecaf888');
    const pt = hex(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
    const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const out = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, pt);
    expect(toHex(out)).toBe(
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
        '76fc6ece0f4e1768cddf8853bb2d551b',
    );
    const env = await seal(key, 1, pt, aad, iv);
    const raw = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new Uint8Array([1, 1, ...aad]) },
      key,
      pt,
    );
    expect(toHex(env)).toBe('0101' + toHex(iv) + toHex(raw));
  });
});

describe('HKDF-SHA-256 (RFC 5869 A.1)', () => {
  it('matches test case 1 and wipes the imported material', async () => {
    const ikm = fill(22, 0x0b);
    const key = await importHkdfKey(ikm);
    expect([...ikm].every((b) => b === 0)).toBe(true);
    const okm = await crypto.subtle.deriveBits(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: hex('000102030405060708090a0b0c'),
        info: hex('f0f1f2f3f4f5f6f7f8f9'),
      },
      key,
      42 * 8,
    );
    expect(toHex(okm)).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });
});

describe('blind-index HMAC-SHA-256 (RFC 4231)', () => {
  it('matches test cases 1 and 2', async () => {
    const one = await BlindIndexer.create(fill(20, 0x0b));
    expect(toHex(one.mac(new TextEncoder().encode('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    const two = await BlindIndexer.create(new Uint8Array(new TextEncoder().encode('Jefe')));
    expect(toHex(two.mac(new TextEncoder().encode('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gives the tokens of a WebCrypto HMAC key derived from the same master key', async () => {
    const vmk = crypto.getRandomValues(new Uint8Array(32));
    const base = await importHkdfKey(vmk.slice());
    const keys = await derivePurposeKeys(base, 'vault-1');
    const indexer = await BlindIndexer.create(await deriveBlindKeyBytes(base, 'vault-1'));
    for (const value of ['ada@example.org', '+393331234567', 'IT01234567890']) {
      const mac = await crypto.subtle.sign(
        'HMAC',
        keys.blind,
        new TextEncoder().encode(`email\u0000${value}`),
      );
      const expected = Buffer.from(new Uint8Array(mac, 0, BLIND_TOKEN_BYTES)).toString('base64url');
      expect(indexer.token('email', value)).toBe(expected);
    }
    // Once wiped (on lock) the saved key states are gone and nothing can be computed.
    indexer.wipe();
    expect(() => indexer.token('email', 'ada@example.org')).toThrow();
  });
});
