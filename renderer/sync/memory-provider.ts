// An in-memory relay for tests: a Y.Doc standing for the relay, and one link per peer whose
// messages wait in a queue until the test delivers them, in any order, any number of times, or
// drops them with the link (a partition). The exchange on connect is the y-websocket one: each
// side sends what the other lacks as one update.
import * as Y from 'yjs';
import { ProviderListeners, type ProviderEvent, type SyncProvider } from './provider';

/** One message in flight: an update for the relay or for a peer. */
interface Message {
  readonly link: MemoryProvider;
  readonly toRelay: boolean;
  readonly update: Uint8Array;
  /** The relay's answer to this connection's sync step 1. */
  readonly initial: boolean;
}

/** The in-memory relay and the messages in flight. */
export class MemoryNetwork {
  /** The relay's copy of the doc (what a persisted relay would store). */
  readonly relay = new Y.Doc();
  readonly #links = new Set<MemoryProvider>();
  readonly #queue: Message[] = [];
  readonly #manual: boolean;
  #scheduled = false;
  /** Every update carried, for tests that scan the wire. */
  readonly wire: Uint8Array[] = [];

  /** `manual`: messages wait for `deliver`; otherwise they are delivered on the next macrotask. */
  constructor(options: { manual?: boolean } = {}) {
    this.#manual = options.manual ?? false;
    this.relay.on('update', (update: Uint8Array, origin: unknown) => {
      for (const link of this.#links) {
        if (link !== origin && link.connected) this.#send({ link, toRelay: false, update, initial: false });
      }
    });
  }

  /** A provider for one peer's doc. */
  provider(doc: Y.Doc): MemoryProvider {
    return new MemoryProvider(this, doc);
  }

  /** Messages in flight. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Delivers the message at `index` (any order); with `duplicate` it stays queued too. */
  deliver(index: number, options: { duplicate?: boolean } = {}): void {
    const message = this.#queue[index];
    if (!message) return;
    if (!options.duplicate) this.#queue.splice(index, 1);
    if (!message.link.connected) return;
    if (message.toRelay) Y.applyUpdate(this.relay, message.update, message.link);
    else message.link.receive(message.update, message.initial);
  }

  /** Delivers everything in flight, including what the deliveries cause, in order. */
  deliverAll(): void {
    while (this.#queue.length > 0) this.deliver(0);
  }

  /** @internal */
  attach(link: MemoryProvider): void {
    this.#links.add(link);
    // Sync step 1 both ways: each side gets what it lacks, as one update.
    const doc = link.doc;
    this.#send({
      link,
      toRelay: true,
      update: Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.relay)),
      initial: false,
    });
    this.#send({
      link,
      toRelay: false,
      update: Y.encodeStateAsUpdate(this.relay, Y.encodeStateVector(doc)),
      initial: true,
    });
  }

  /** @internal a partition: the link's messages in flight are lost. */
  detach(link: MemoryProvider): void {
    this.#links.delete(link);
    for (let i = this.#queue.length - 1; i >= 0; i--)
      if (this.#queue[i]!.link === link) this.#queue.splice(i, 1);
  }

  /** @internal */
  send(link: MemoryProvider, update: Uint8Array): void {
    this.#send({ link, toRelay: true, update, initial: false });
  }

  #send(message: Message): void {
    this.#queue.push(message);
    this.wire.push(message.update);
    if (this.#manual || this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      this.deliverAll();
    }, 0);
  }
}

/** One peer's link to a `MemoryNetwork`. */
export class MemoryProvider implements SyncProvider {
  readonly #listeners = new ProviderListeners();
  #connected = false;
  #synced = false;
  #unsent = false;
  readonly #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    if (this.#connected) this.network.send(this, update);
    else this.#unsent = true;
  };

  constructor(
    readonly network: MemoryNetwork,
    readonly doc: Y.Doc,
  ) {
    doc.on('update', this.#onUpdate);
  }

  get connected(): boolean {
    return this.#connected;
  }

  get synced(): boolean {
    return this.#synced;
  }

  get unsent(): boolean {
    return this.#unsent;
  }

  on(listener: (event: ProviderEvent) => void): () => void {
    return this.#listeners.on(listener);
  }

  connect(): void {
    if (this.#connected) return;
    this.#connected = true;
    this.#synced = false;
    this.#unsent = false;
    this.network.attach(this);
    this.#listeners.emit({ kind: 'status' });
  }

  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.#synced = false;
    this.network.detach(this);
    this.#listeners.emit({ kind: 'status' });
  }

  destroy(): void {
    this.disconnect();
    this.doc.off('update', this.#onUpdate);
  }

  /** @internal */
  receive(update: Uint8Array, initial: boolean): void {
    Y.applyUpdate(this.doc, update, this);
    if (initial && !this.#synced) {
      this.#synced = true;
      this.#listeners.emit({ kind: 'status' });
    }
  }
}
