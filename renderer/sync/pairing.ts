// The pairing exchange: a new device receives the space key from a paired one, over the relay,
// authenticated by the one-time secret of a pairing code. Pure WebCrypto, no DOM. The protocol is
// written down in PAIRING.md; the comments here say why each step is there.
import {
  formatPairingCode,
  newPairingCode,
  parsePairingCode,
  PAIRING_TTL_MS,
  type PairingCode,
} from './pairing-code';
import { PairingError, isPairingError, type PairingErrorCode } from './pairing-errors';
import { fromBase64Url, toBase64Url } from './base64url';

/** One room on the relay for one exchange; messages are opaque bytes, delivered to the others. */
export interface PairingTransport {
  send(message: Uint8Array): void;
  /** Every message another member sends from now on (a relay may repeat or reorder them). */
  subscribe(listener: (message: Uint8Array) => void): () => void;
  close(): void;
}

/** Opens the pairing room `room` on the code's relay. */
export type PairingTransportFactory = (relay: string, room: string) => Promise<PairingTransport>;

/** Time, injectable so tests can move it. */
export interface PairingClock {
  now(): number;
  /** Runs `fn` after `ms`; returns the cancel. */
  later(fn: () => void, ms: number): () => void;
}

/** The real clock. */
export const systemClock: PairingClock = {
  now: () => Date.now(),
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/** A device as the others know it: random id, a name its user chose, its long-term public key. */
export interface DeviceCard {
  readonly id: string;
  readonly name: string;
  /** Raw P-256 public key (65 bytes, base64url): the key rotations wrap the space key to. */
  readonly publicKey: string;
}

/** What the inviting device hands over, sealed. */
export interface Handover {
  /** The raw space key (32 bytes). The caller wipes its own copy. */
  readonly spaceKey: Uint8Array;
  /** Which rotation of the space key this is (0 for the first). */
  readonly epoch: number;
  /** The relay's per-space token. */
  readonly token: string;
  /** Every paired device, the inviting one included. */
  readonly devices: readonly DeviceCard[];
}

/** What the new device ends up with. */
export interface JoinResult extends Handover {
  readonly relay: string;
  readonly spaceId: string;
  readonly inviter: DeviceCard;
}

/** Answer the inviting user gives about a device asking to join. */
export type Approve = (device: DeviceCard) => Promise<boolean>;

/** How long the new device waits for the answer (the inviting user may be asked to allow it first). */
export const PAIRING_ANSWER_MS = 120_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const LABEL = 'scrigno/pair/v1';

const b64 = toBase64Url;

/** A base64url field of a message; anything else is an altered message. */
function unb64(text: unknown): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) throw new PairingError('tampered');
  try {
    return fromBase64Url(text);
  } catch {
    throw new PairingError('tampered');
  }
}

/** Length-prefixed concatenation: no two different lists of parts give the same bytes. */
function frame(...parts: Array<Uint8Array | string>): Uint8Array<ArrayBuffer> {
  const bytes = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + 4 + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    new DataView(out.buffer).setUint32(at, b.length);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

/** The code's public part (everything but the secret), bound into every MAC. */
const codeContext = (code: PairingCode) => frame(LABEL, code.relay, code.spaceId, String(code.expiresAt));

interface CodeKeys {
  /** The pairing room's name: derived, so the relay never sees the secret. */
  room: string;
  /** HMAC-SHA-256 key that authenticates every message of the exchange. */
  mac: CryptoKey;
  context: Uint8Array<ArrayBuffer>;
}

async function codeKeys(code: PairingCode): Promise<CodeKeys> {
  const context = codeContext(code);
  const base = await crypto.subtle.importKey('raw', code.secret, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const params = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: context,
    info: encoder.encode(info),
  });
  const room = new Uint8Array(await crypto.subtle.deriveBits(params(`${LABEL}/room`), base, 128));
  const mac = await crypto.subtle.deriveKey(
    params(`${LABEL}/mac`),
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
  return { room: `pair-${b64(room)}`, mac, context };
}

const sign = async (key: CryptoKey, data: Uint8Array<ArrayBuffer>) =>
  new Uint8Array(await crypto.subtle.sign('HMAC', key, data));

/** WebCrypto's HMAC verify compares in constant time. */
async function verify(key: CryptoKey, mac: unknown, data: Uint8Array<ArrayBuffer>): Promise<void> {
  let tag: Uint8Array<ArrayBuffer>;
  try {
    tag = unb64(mac);
  } catch {
    throw new PairingError('tampered');
  }
  if (!(await crypto.subtle.verify('HMAC', key, tag, data))) throw new PairingError('tampered');
}

const ecdh = { name: 'ECDH', namedCurve: 'P-256' } as const;

async function ephemeral(): Promise<{ pair: CryptoKeyPair; raw: Uint8Array<ArrayBuffer> }> {
  const pair = await crypto.subtle.generateKey(ecdh, false, ['deriveBits']);
  return { pair, raw: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)) };
}

async function importPublic(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', raw, ecdh, false, []);
  } catch {
    throw new PairingError('tampered');
  }
}

/**
 * The handover key and the confirmation key, from the ECDH secret, salted with the transcript so
 * far: they exist only for this exchange between these two ephemeral keys, which the code's MAC
 * authenticated, so nobody else can compute them, even with the code in hand afterwards.
 */
async function sessionKeys(
  mine: CryptoKeyPair,
  theirs: CryptoKey,
  transcript: Uint8Array<ArrayBuffer>,
): Promise<{ seal: CryptoKey; confirm: CryptoKey }> {
  const shared = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'ECDH', public: theirs }, mine.privateKey, 256),
  );
  const base = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  shared.fill(0);
  const salt = await sha256(transcript);
  const params = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode(info) });
  const seal = await crypto.subtle.deriveKey(
    params(`${LABEL}/handover`),
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const confirm = await crypto.subtle.deriveKey(
    params(`${LABEL}/confirm`),
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
  return { seal, confirm };
}

// --- Messages --------------------------------------------------------------------------------

interface Hello {
  t: 'hello';
  /** The joining device's nonce, also the session tag every answer carries. */
  n: string;
  /** Its ephemeral ECDH public key. */
  k: string;
  d: DeviceCard;
  m: string;
}
interface Welcome {
  t: 'welcome';
  n: string;
  k: string;
  d: DeviceCard;
  iv: string;
  c: string;
  m: string;
}
interface Done {
  t: 'done';
  n: string;
  m: string;
}
interface Refused {
  t: 'refused';
  n: string;
  r: 'expired' | 'used' | 'tampered' | 'declined';
  m: string;
}
type Message = Hello | Welcome | Done | Refused;

const encode = (m: Message) => encoder.encode(JSON.stringify(m));

function decode(bytes: Uint8Array): Partial<Message> | null {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

function card(value: unknown): DeviceCard {
  const c = value as Partial<DeviceCard> | null;
  if (
    typeof c?.id !== 'string' ||
    typeof c.name !== 'string' ||
    typeof c.publicKey !== 'string' ||
    c.id.length > 64 ||
    c.name.length > 100
  ) {
    throw new PairingError('tampered');
  }
  return { id: c.id, name: c.name, publicKey: c.publicKey };
}

const cardBytes = (c: DeviceCard) => frame(c.id, c.name, c.publicKey);

const helloTranscript = (keys: CodeKeys, nonce: string, pub: string, device: DeviceCard) =>
  frame(keys.context, 'hello', nonce, pub, cardBytes(device));

const welcomeTranscript = (hello: Uint8Array<ArrayBuffer>, pub: string, device: DeviceCard) =>
  frame(hello, 'welcome', pub, cardBytes(device));

const refusedTranscript = (keys: CodeKeys, nonce: string, reason: string) =>
  frame(keys.context, 'refused', nonce, reason);

function validHandover(value: unknown): Handover {
  const h = value as { s?: unknown; e?: unknown; t?: unknown; d?: unknown } | null;
  if (
    typeof h?.s !== 'string' ||
    !Number.isSafeInteger(h.e) ||
    (h.e as number) < 0 ||
    typeof h.t !== 'string' ||
    !Array.isArray(h.d)
  ) {
    throw new PairingError('tampered');
  }
  const spaceKey = unb64(h.s);
  if (spaceKey.length !== 32) throw new PairingError('tampered');
  return { spaceKey, epoch: h.e as number, token: h.t, devices: h.d.map(card) };
}

/** Leaves the room; a transport that fails to close changes nothing about the outcome. */
function closeQuietly(transport: PairingTransport): void {
  try {
    transport.close();
  } catch {
    // The outcome is settled already.
  }
}

// --- The inviting device ---------------------------------------------------------------------

/** A code being shown, and the exchange it waits for. */
export interface Invitation {
  readonly code: PairingCode;
  /** The grouped text of the code (also what the QR code holds). */
  readonly text: string;
  /** The device that joined, once it confirmed it holds the space key. */
  readonly joined: Promise<DeviceCard>;
  /** Stops waiting: the code no longer works. */
  cancel(): void;
}

/** Options of `invite`. */
export interface InviteOptions {
  readonly relay: string;
  readonly spaceId: string;
  /** This device, as the new one will list it. */
  readonly device: DeviceCard;
  /** What to hand over, read when a device is accepted (so it is current). */
  readonly handover: () => Promise<Handover> | Handover;
  readonly transport: PairingTransportFactory;
  /** Asks the user whether this device may join; accepts when absent. */
  readonly approve?: Approve;
  readonly clock?: PairingClock;
  readonly ttlMs?: number;
}

/**
 * Shows a new code and answers the one device that presents it. The code works once and only
 * until it expires, by this device's clock; a message that fails its MAC ends the invitation
 * (someone without the code, or altering the exchange, is on the line).
 */
export async function invite(options: InviteOptions): Promise<Invitation> {
  const clock = options.clock ?? systemClock;
  const code = newPairingCode(options.relay, options.spaceId, clock.now(), options.ttlMs ?? PAIRING_TTL_MS);
  const text = formatPairingCode(code);
  const keys = await codeKeys(code);
  const transport = await options.transport(code.relay, keys.room);

  let state: 'open' | 'busy' | 'closed' = 'open';
  /** The nonce of the hello being answered (set as soon as one is taken up). */
  let active: string | null = null;
  let session: {
    nonce: string;
    transcript: Uint8Array<ArrayBuffer>;
    confirm: CryptoKey;
    device: DeviceCard;
  } | null = null;
  let settle!: { resolve: (d: DeviceCard) => void; reject: (e: PairingError) => void };
  const joined = new Promise<DeviceCard>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody has to listen (the user may just close the dialog).
  joined.catch(() => undefined);
  const stopTimer = clock.later(
    () => end(new PairingError('expired')),
    Math.max(0, code.expiresAt - clock.now()),
  );

  function end(outcome: PairingError | DeviceCard): void {
    if (state === 'closed') return;
    state = 'closed';
    stopTimer();
    unsubscribe();
    if (isPairingError(outcome)) settle.reject(outcome);
    else settle.resolve(outcome);
    closeQuietly(transport);
  }

  async function refuse(nonce: string, reason: Refused['r']): Promise<void> {
    const m = b64(await sign(keys.mac, refusedTranscript(keys, nonce, reason)));
    transport.send(encode({ t: 'refused', n: nonce, r: reason, m }));
  }

  async function onHello(msg: Partial<Hello>): Promise<void> {
    const nonce = typeof msg.n === 'string' ? msg.n : '';
    // A repeat of the hello being answered is the relay's duplicate or a replay: ignore it.
    if (nonce === active) return;
    if (state !== 'open') {
      // Once taken up, the code is used: another hello (a replay, a second device) is told so.
      if (state === 'busy') await refuse(nonce, 'used');
      return;
    }
    if (clock.now() >= code.expiresAt) {
      await refuse(nonce, 'expired');
      return end(new PairingError('expired'));
    }
    state = 'busy';
    active = nonce;
    try {
      const device = card(msg.d);
      if (typeof msg.k !== 'string') throw new PairingError('tampered');
      const transcript = helloTranscript(keys, nonce, msg.k, device);
      await verify(keys.mac, msg.m, transcript);
      if (unb64(nonce).length !== 16) throw new PairingError('tampered');
      const theirs = await importPublic(unb64(msg.k));
      if (options.approve && !(await options.approve(device))) {
        await refuse(nonce, 'declined');
        return end(new PairingError('declined'));
      }
      if (clock.now() >= code.expiresAt) {
        await refuse(nonce, 'expired');
        return end(new PairingError('expired'));
      }
      const mine = await ephemeral();
      const pub = b64(mine.raw);
      const full = welcomeTranscript(transcript, pub, options.device);
      const { seal, confirm } = await sessionKeys(mine.pair, theirs, full);
      const handover = await options.handover();
      const plain = encoder.encode(
        JSON.stringify({
          s: b64(handover.spaceKey),
          e: handover.epoch,
          t: handover.token,
          d: handover.devices,
        }),
      );
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: full }, seal, plain),
      );
      plain.fill(0);
      const signed = frame(full, iv, sealed);
      session = { nonce, transcript: signed, confirm, device };
      const m = b64(await sign(keys.mac, signed));
      if (state !== 'busy') return; // cancelled or expired meanwhile: hand nothing over
      transport.send(
        encode({ t: 'welcome', n: nonce, k: pub, d: options.device, iv: b64(iv), c: b64(sealed), m }),
      );
    } catch (error) {
      const reason = isPairingError(error) ? error.code : 'tampered';
      if (reason === 'tampered') await refuse(nonce, 'tampered');
      end(new PairingError(reason));
    }
  }

  async function onDone(msg: Partial<Done>): Promise<void> {
    if (!session || msg.n !== session.nonce || state !== 'busy') return;
    try {
      await verify(session.confirm, msg.m, frame(session.transcript, 'done'));
      end(session.device);
    } catch {
      end(new PairingError('tampered'));
    }
  }

  const unsubscribe = transport.subscribe((bytes) => {
    const msg = decode(bytes);
    if (msg?.t === 'hello') void onHello(msg);
    else if (msg?.t === 'done') void onDone(msg);
  });

  return { code, text, joined, cancel: () => end(new PairingError('cancelled')) };
}

// --- The joining device ----------------------------------------------------------------------

/** Options of `join`. */
export interface JoinOptions {
  /** This device, as the others will list it. */
  readonly device: DeviceCard;
  readonly transport: PairingTransportFactory;
  readonly clock?: PairingClock;
  /** How long to wait for the inviting device's answer. */
  readonly answerMs?: number;
  /** Ends the attempt early (`cancelled`). */
  readonly signal?: AbortSignal;
}

/**
 * Joins the space of the code `text`: a typo is reported before anything is sent; an expired
 * code is refused here too; then the exchange, which ends with the space key or a reason.
 */
export async function join(text: string, options: JoinOptions): Promise<JoinResult> {
  const clock = options.clock ?? systemClock;
  const code = parsePairingCode(text);
  if (clock.now() >= code.expiresAt) throw new PairingError('expired');
  const keys = await codeKeys(code);
  let transport: PairingTransport;
  try {
    transport = await options.transport(code.relay, keys.room);
  } catch {
    throw new PairingError('transport');
  }
  const mine = await ephemeral();
  const nonce = b64(crypto.getRandomValues(new Uint8Array(16)));
  const pub = b64(mine.raw);
  const hello = helloTranscript(keys, nonce, pub, options.device);

  return new Promise<JoinResult>((resolve, reject) => {
    let finished = false;
    const finish = (outcome: PairingError | JoinResult) => {
      if (finished) return;
      finished = true;
      stopTimer();
      unsubscribe();
      options.signal?.removeEventListener('abort', abort);
      if (isPairingError(outcome)) reject(outcome);
      else resolve(outcome);
      closeQuietly(transport);
    };
    const abort = () => finish(new PairingError('cancelled'));
    options.signal?.addEventListener('abort', abort);
    const stopTimer = clock.later(
      () => finish(new PairingError('no-answer')),
      options.answerMs ?? PAIRING_ANSWER_MS,
    );

    const onMessage = async (msg: Partial<Message>): Promise<void> => {
      // Answers to another exchange in the room (or our own hello echoed) are not ours.
      if (msg.n !== nonce || (msg.t !== 'welcome' && msg.t !== 'refused')) return;
      if (msg.t === 'refused') {
        const reason = msg.r;
        if (reason !== 'expired' && reason !== 'used' && reason !== 'tampered' && reason !== 'declined') {
          return finish(new PairingError('tampered'));
        }
        // Only the holder of the code can refuse: an unauthenticated refusal is itself tampering.
        await verify(keys.mac, msg.m, refusedTranscript(keys, nonce, reason));
        return finish(new PairingError(reason));
      }
      const w = msg as Partial<Welcome>;
      if (typeof w.k !== 'string') throw new PairingError('tampered');
      const inviter = card(w.d);
      const full = welcomeTranscript(hello, w.k, inviter);
      const iv = unb64(w.iv);
      const sealed = unb64(w.c);
      const signed = frame(full, iv, sealed);
      await verify(keys.mac, w.m, signed);
      const { seal, confirm } = await sessionKeys(mine.pair, await importPublic(unb64(w.k)), full);
      let plain: Uint8Array<ArrayBuffer>;
      try {
        plain = new Uint8Array(
          await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: full }, seal, sealed),
        );
      } catch {
        throw new PairingError('tampered');
      }
      let handover: Handover;
      try {
        handover = validHandover(JSON.parse(decoder.decode(plain)));
      } catch {
        throw new PairingError('tampered');
      } finally {
        plain.fill(0);
      }
      const m = b64(await sign(confirm, frame(signed, 'done')));
      transport.send(encode({ t: 'done', n: nonce, m }));
      finish({ ...handover, relay: code.relay, spaceId: code.spaceId, inviter });
    };

    const unsubscribe = transport.subscribe((bytes) => {
      const msg = decode(bytes);
      if (!msg || finished) return;
      onMessage(msg).catch((error: unknown) =>
        finish(isPairingError(error) ? error : new PairingError('tampered')),
      );
    });
    void sign(keys.mac, hello).then(
      (m) => transport.send(encode({ t: 'hello', n: nonce, k: pub, d: options.device, m: b64(m) })),
      () => finish(new PairingError('transport')),
    );
  });
}

/** The reason code of any error pairing may throw (anything unexpected counts as a transport failure). */
export function pairingErrorCode(error: unknown): PairingErrorCode {
  return isPairingError(error) ? error.code : 'transport';
}
