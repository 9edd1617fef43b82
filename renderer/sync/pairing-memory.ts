import type { PairingTransport, PairingTransportFactory } from './pairing';

/** What a test may do to a message on its way: pass it, change it, drop it (null) or add more. */
export type Interceptor = (room: string, message: Uint8Array) => Uint8Array | Uint8Array[] | null;

/**
 * An in-memory relay for pairing rooms: each message goes to every other member of the room,
 * asynchronously (as over a socket). `intercept` plays the relay turned hostile; `log` is every
 * message that went through, for replays.
 */
export class MemoryPairingRelay {
  private readonly rooms = new Map<string, Set<(m: Uint8Array) => void>>();
  readonly log: Array<{ room: string; message: Uint8Array }> = [];
  readonly opened: string[] = [];
  intercept: Interceptor | null = null;

  /** The transport factory a device uses. */
  readonly transport: PairingTransportFactory = (_relay, room) => {
    this.opened.push(room);
    const members = this.rooms.get(room) ?? new Set();
    this.rooms.set(room, members);
    let listeners: Array<(m: Uint8Array) => void> = [];
    const deliver = (m: Uint8Array) => listeners.forEach((l) => l(m));
    members.add(deliver);
    const transport: PairingTransport = {
      send: (message) => {
        const out = this.intercept ? this.intercept(room, message) : message;
        const list = out === null ? [] : Array.isArray(out) ? out : [out];
        for (const m of list) {
          this.log.push({ room, message: m });
          for (const member of members) if (member !== deliver) queueMicrotask(() => member(m));
        }
      },
      subscribe: (listener) => {
        listeners.push(listener);
        return () => void (listeners = listeners.filter((l) => l !== listener));
      },
      close: () => {
        members.delete(deliver);
        listeners = [];
      },
    };
    return Promise.resolve(transport);
  };

  /** Sends `message` into `room` as a new member would (a replay from outside). */
  async inject(room: string, message: Uint8Array): Promise<PairingTransport> {
    const t = await this.transport('', room);
    t.send(message);
    return t;
  }

  /** Members currently in `room`. */
  members(room: string): number {
    return this.rooms.get(room)?.size ?? 0;
  }
}
