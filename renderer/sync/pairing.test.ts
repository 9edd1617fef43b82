import { describe, expect, it } from 'vitest';
import {
  invite,
  join,
  PAIRING_ANSWER_MS,
  type DeviceCard,
  type Handover,
  type PairingClock,
} from './pairing';
import { MemoryPairingRelay } from './pairing-memory';
import { formatPairingCode, parsePairingCode } from './pairing-code';
import { isPairingError } from './pairing-errors';

const relayUrl = 'ws://192.168.1.20:1234';
const spaceId = 'q3RxW0n9Zk2mYb7cVd1eFg';
const office: DeviceCard = { id: 'dev-office', name: 'Office desktop', publicKey: 'BOFFICE' };
const laptop: DeviceCard = { id: 'dev-laptop', name: 'Field laptop', publicKey: 'BLAPTOP' };

/** A clock the test moves by hand; timers fire when their time is passed. */
function manualClock(start = Date.UTC(2026, 11, 3, 9, 0, 0)) {
  let now = start;
  let timers: Array<{ at: number; fn: () => void }> = [];
  const clock: PairingClock & { advance(ms: number): void; pending(): number } = {
    now: () => now,
    later: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      due.forEach((t) => t.fn());
    },
    pending: () => timers.length,
  };
  return clock;
}

const spaceKey = () => Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const handover = (): Handover => ({
  spaceKey: spaceKey(),
  epoch: 3,
  token: 'space-token',
  devices: [office],
});

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isPairingError(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

/** Lets queued deliveries and WebCrypto calls run. */
const settle = async (rounds = 30) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup(options: { approve?: (d: DeviceCard) => Promise<boolean>; ttlMs?: number } = {}) {
  const relay = new MemoryPairingRelay();
  const clock = manualClock();
  const invitation = invite({
    relay: relayUrl,
    spaceId,
    device: office,
    handover,
    transport: relay.transport,
    clock,
    ...options,
  });
  return { relay, clock, invitation };
}

const decodeMsg = (m: Uint8Array) => JSON.parse(new TextDecoder().decode(m)) as Record<string, unknown>;
const encodeMsg = (m: Record<string, unknown>) => new TextEncoder().encode(JSON.stringify(m));

describe('pairing exchange', () => {
  it('hands the space key, epoch, token and device list to the device with the code, and lists the new device', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    const result = await join(inv.text, { device: laptop, transport: relay.transport, clock });
    expect([...result.spaceKey]).toEqual([...spaceKey()]);
    expect(result).toMatchObject({
      epoch: 3,
      token: 'space-token',
      relay: relayUrl,
      spaceId,
      devices: [office],
      inviter: office,
    });
    expect(await inv.joined).toEqual(laptop);
    // The relay saw a derived room name, never the secret, the key or the token in clear.
    const secretHex = Buffer.from(inv.code.secret).toString('base64url');
    const wire = relay.log.map((l) => new TextDecoder().decode(l.message)).join('\n');
    expect(relay.opened.every((room) => /^pair-[A-Za-z0-9_-]{22}$/.test(room))).toBe(true);
    expect(relay.opened.join()).not.toContain(secretHex);
    expect(wire).not.toContain(secretHex);
    expect(wire).not.toContain(Buffer.from(spaceKey()).toString('base64url'));
    expect(wire).not.toContain('space-token');
    expect(relay.log.map((l) => decodeMsg(l.message).t)).toEqual(['hello', 'welcome', 'done']);
    // Both left the room; no timer is left running.
    expect(relay.members(relay.opened[0]!)).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('a code with another secret (right checksum) lands in another room and gets no answer', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    const wrong = formatPairingCode({
      ...inv.code,
      secret: inv.code.secret.map((b, i) => (i === 0 ? b ^ 1 : b)),
    });
    const attempt = join(wrong, { device: laptop, transport: relay.transport, clock });
    await settle();
    expect(new Set(relay.opened).size).toBe(2);
    clock.advance(PAIRING_ANSWER_MS);
    expect(await reasonOf(attempt)).toBe('no-answer');
    // The real code still works afterwards: nothing was consumed.
    await join(inv.text, { device: laptop, transport: relay.transport, clock });
    expect(await inv.joined).toEqual(laptop);
  });

  it('an altered expiry or relay in the code changes the MAC keys: the exchange does not meet', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    const later = formatPairingCode({ ...inv.code, expiresAt: inv.code.expiresAt + 3_600_000 });
    const attempt = join(later, { device: laptop, transport: relay.transport, clock });
    await settle();
    clock.advance(PAIRING_ANSWER_MS);
    expect(await reasonOf(attempt)).toBe('no-answer');
  });

  it('a typo is reported before anything is sent', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    const typo = inv.text.replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await reasonOf(join(typo, { device: laptop, transport: relay.transport, clock }))).toBe('typo');
    expect(relay.opened).toHaveLength(1);
  });

  it('an active man in the middle who swaps the joining key is refused, and nothing is handed over', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    const attackerKey = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ]);
    const attackerPub = Buffer.from(await crypto.subtle.exportKey('raw', attackerKey.publicKey)).toString(
      'base64url',
    );
    relay.intercept = (_room, message) => {
      const m = decodeMsg(message);
      return m.t === 'hello' ? encodeMsg({ ...m, k: attackerPub }) : message;
    };
    const attempt = join(inv.text, { device: laptop, transport: relay.transport, clock });
    expect(await reasonOf(inv.joined)).toBe('tampered');
    expect(await reasonOf(attempt)).toBe('tampered');
    expect(relay.log.map((l) => decodeMsg(l.message).t)).toEqual(['hello', 'refused']);
  });

  it('an active man in the middle who swaps the inviting key is refused by the joining device', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    const attacker = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ]);
    const attackerPub = Buffer.from(await crypto.subtle.exportKey('raw', attacker.publicKey)).toString(
      'base64url',
    );
    relay.intercept = (_room, message) => {
      const m = decodeMsg(message);
      return m.t === 'welcome' ? encodeMsg({ ...m, k: attackerPub }) : message;
    };
    const attempt = join(inv.text, { device: laptop, transport: relay.transport, clock });
    expect(await reasonOf(attempt)).toBe('tampered');
    await settle();
    // No confirmation came: the inviting device never lists the device.
    clock.advance(10 * 60_000);
    expect(await reasonOf(inv.joined)).toBe('expired');
    expect(relay.log.map((l) => decodeMsg(l.message).t)).toEqual(['hello', 'welcome']);
  });

  it.each([
    ['the sealed handover', 'c'],
    ['its nonce', 'iv'],
    ['the inviting device card', 'd'],
    ['the MAC', 'm'],
  ])('a welcome with %s altered is refused', async (_what, field) => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    relay.intercept = (_room, message) => {
      const m = decodeMsg(message);
      if (m.t !== 'welcome') return message;
      const value = m[field];
      const altered =
        typeof value === 'string'
          ? value.slice(0, 5) + (value[5] === 'A' ? 'B' : 'A') + value.slice(6)
          : { ...(value as DeviceCard), name: 'Evil laptop' };
      return encodeMsg({ ...m, [field]: altered });
    };
    expect(await reasonOf(join(inv.text, { device: laptop, transport: relay.transport, clock }))).toBe(
      'tampered',
    );
  });

  it('a hello whose device card was altered on the way is refused (the new device is listed as it asked)', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    relay.intercept = (_room, message) => {
      const m = decodeMsg(message);
      return m.t === 'hello' ? encodeMsg({ ...m, d: { ...laptop, publicKey: 'BATTACKER' } }) : message;
    };
    const attempt = join(inv.text, { device: laptop, transport: relay.transport, clock });
    expect(await reasonOf(inv.joined)).toBe('tampered');
    expect(await reasonOf(attempt)).toBe('tampered');
  });

  it('the inviting device lists the new one only on a confirmation made with the handover key', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    relay.intercept = (_room, message) => {
      const m = decodeMsg(message);
      return m.t === 'done' ? encodeMsg({ ...m, m: Buffer.alloc(32).toString('base64url') }) : message;
    };
    await join(inv.text, { device: laptop, transport: relay.transport, clock });
    expect(await reasonOf(inv.joined)).toBe('tampered');
  });

  it('a forged refusal (no MAC from the code) is itself reported as tampering, not believed', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    relay.intercept = (_room, message) => {
      const m = decodeMsg(message);
      return m.t === 'welcome' ? encodeMsg({ t: 'refused', n: m.n, r: 'declined', m: 'AAAA' }) : message;
    };
    expect(await reasonOf(join(inv.text, { device: laptop, transport: relay.transport, clock }))).toBe(
      'tampered',
    );
  });

  it('works once: a replayed hello during the exchange is told "used", and after it gets nothing', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    let replay: Uint8Array | undefined;
    relay.intercept = (_room, message) => {
      const m = decodeMsg(message);
      if (m.t !== 'hello') return message;
      replay = message;
      return message;
    };
    await join(inv.text, { device: laptop, transport: relay.transport, clock });
    await inv.joined;
    // After: the invitation is closed, the room is empty, a replay of the whole hello gets no answer.
    relay.intercept = null;
    const listener = await relay.inject(relay.opened[0]!, replay!);
    const heard: string[] = [];
    listener.subscribe((m) => heard.push(String(decodeMsg(m).t)));
    await settle();
    expect(heard).toEqual([]);
    // A second device with the same code now: no answer.
    const second = join(inv.text, { device: { ...laptop, id: 'dev-2' }, transport: relay.transport, clock });
    await settle();
    clock.advance(PAIRING_ANSWER_MS);
    expect(await reasonOf(second)).toBe('no-answer');
  });

  it('a second device presenting the code while the first is being answered is refused as "used"', async () => {
    let release!: (ok: boolean) => void;
    const { relay, clock, invitation } = setup({ approve: () => new Promise((r) => (release = r)) });
    const inv = await invitation;
    const first = join(inv.text, { device: laptop, transport: relay.transport, clock });
    await settle();
    const second = join(inv.text, {
      device: { ...laptop, id: 'dev-2', name: 'Other' },
      transport: relay.transport,
      clock,
    });
    expect(await reasonOf(second)).toBe('used');
    release(true);
    expect((await first).inviter).toEqual(office);
    expect(await inv.joined).toEqual(laptop);
  });

  it('a duplicated hello (the relay delivering twice) does not spoil the exchange', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    relay.intercept = (_room, message) => (decodeMsg(message).t === 'hello' ? [message, message] : message);
    await join(inv.text, { device: laptop, transport: relay.transport, clock });
    expect(await inv.joined).toEqual(laptop);
  });

  it('a welcome replayed from an earlier exchange is not accepted in a new one', async () => {
    const first = setup();
    const inv = await first.invitation;
    let oldWelcome: Uint8Array | undefined;
    first.relay.intercept = (_room, message) => {
      if (decodeMsg(message).t === 'welcome') oldWelcome = message;
      return message;
    };
    await join(inv.text, { device: laptop, transport: first.relay.transport, clock: first.clock });
    // A fresh exchange with the same code (the attacker got the code but not the old ephemeral keys):
    // its own hello has a new nonce, so the old welcome is for another session and is ignored.
    const room = first.relay.opened[0]!;
    const attempt = join(inv.text, { device: laptop, transport: first.relay.transport, clock: first.clock });
    await settle();
    const fake = decodeMsg(oldWelcome!);
    const newHello = first.relay.log.map((l) => decodeMsg(l.message)).filter((m) => m.t === 'hello')[1]!;
    await first.relay.inject(room, encodeMsg({ ...fake, n: newHello.n }));
    expect(await reasonOf(attempt)).toBe('tampered');
  });

  it('an expired code is refused by the inviting device, and by the joining one before it sends', async () => {
    const { relay, clock, invitation } = setup({ ttlMs: 60_000 });
    const inv = await invitation;
    clock.advance(59_000);
    expect(await reasonOf(Promise.race([inv.joined, Promise.resolve('waiting')]))).toBe('accepted');
    clock.advance(1_000);
    expect(await reasonOf(inv.joined)).toBe('expired');
    expect(await reasonOf(join(inv.text, { device: laptop, transport: relay.transport, clock }))).toBe(
      'expired',
    );
    expect(relay.opened).toHaveLength(1);
  });

  it('the inviting device enforces expiry with its own clock, even if the joining clock is behind', async () => {
    const relay = new MemoryPairingRelay();
    const inviterClock = manualClock();
    const joinerClock = manualClock(Date.UTC(2026, 11, 3, 8, 0, 0)); // an hour behind
    // The inviter's expiry timer is late (a suspended laptop): the hello arrives after expiry.
    const lateClock: PairingClock = { now: () => inviterClock.now(), later: () => () => undefined };
    const inv = await invite({
      relay: relayUrl,
      spaceId,
      device: office,
      handover,
      transport: relay.transport,
      clock: lateClock,
      ttlMs: 60_000,
    });
    inviterClock.advance(61_000);
    const attempt = join(inv.text, { device: laptop, transport: relay.transport, clock: joinerClock });
    expect(await reasonOf(attempt)).toBe('expired');
    expect(await reasonOf(inv.joined)).toBe('expired');
    expect(relay.log.map((l) => decodeMsg(l.message).t)).toEqual(['hello', 'refused']);
  });

  it('the inviting user may decline the device', async () => {
    const asked: DeviceCard[] = [];
    const { relay, clock, invitation } = setup({
      approve: (d) => {
        asked.push(d);
        return Promise.resolve(false);
      },
    });
    const inv = await invitation;
    expect(await reasonOf(join(inv.text, { device: laptop, transport: relay.transport, clock }))).toBe(
      'declined',
    );
    expect(await reasonOf(inv.joined)).toBe('declined');
    expect(asked).toEqual([laptop]);
  });

  it('cancelling closes the room: a later hello gets nothing and the joining device reports no answer', async () => {
    const { relay, clock, invitation } = setup();
    const inv = await invitation;
    inv.cancel();
    expect(await reasonOf(inv.joined)).toBe('cancelled');
    const attempt = join(inv.text, { device: laptop, transport: relay.transport, clock });
    await settle();
    clock.advance(PAIRING_ANSWER_MS);
    expect(await reasonOf(attempt)).toBe('no-answer');
  });

  it('a transport that cannot open is reported as such', async () => {
    const { clock, invitation } = setup();
    const inv = await invitation;
    const attempt = join(inv.text, {
      device: laptop,
      transport: () => Promise.reject(new Error('refused')),
      clock,
    });
    expect(await reasonOf(attempt)).toBe('transport');
  });

  it('the code carries what the joining device needs to find the room', async () => {
    const { invitation } = setup();
    const inv = await invitation;
    const code = parsePairingCode(inv.text);
    expect(code).toMatchObject({ relay: relayUrl, spaceId, expiresAt: inv.code.expiresAt });
  });
});
