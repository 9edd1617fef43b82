// A thin provider for the y-websocket protocol (what `@y/websocket-server` speaks), over
// y-protocols' sync messages. On every (re)connection each side sends its state vector (sync
// step 1) and answers the other's with ONE update holding everything the other lacks (step 2):
// offline changes go out as one merged update, never as a replay. Updates made while connected
// are sent as they happen. No awareness (nothing about users goes to the relay).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { ProviderListeners, type ProviderEvent, type SyncProvider } from './provider';

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;

/** The WebSocket constructor the provider uses (the platform's, or `ws` in Node tests). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/** Where and how to connect. */
export interface WebSocketProviderOptions {
  /** The relay, `ws://host:port` or `wss://…`. */
  readonly url: string;
  /** The document's name on the relay: the space id. */
  readonly room: string;
  /** Subprotocols to offer (the gated relay takes its token this way). */
  readonly protocols?: readonly string[];
  readonly WebSocket?: WebSocketConstructor;
  /** Longest wait between reconnection attempts (ms). Default 5,000. */
  readonly maxBackoffMs?: number;
}

/** Close codes by which a relay says no (policy violation, or the 4xxx range some gates use). */
const refusedClose = (code: number) => code === 1008 || (code >= 4400 && code < 4500);

/** The provider of one doc over one relay. */
export class WebSocketProvider implements SyncProvider {
  readonly #doc: Y.Doc;
  readonly #options: WebSocketProviderOptions;
  readonly #listeners = new ProviderListeners();
  #socket: WebSocket | null = null;
  #wanted = false;
  #connected = false;
  #synced = false;
  #unsent = false;
  #attempts = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  readonly #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    if (this.#connected && this.#socket) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.#socket.send(encoding.toUint8Array(encoder));
    } else {
      this.#unsent = true;
    }
  };

  constructor(doc: Y.Doc, options: WebSocketProviderOptions) {
    this.#doc = doc;
    this.#options = options;
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

  /** The address shown in the status (without subprotocols, which may carry a token). */
  get url(): string {
    return `${this.#options.url.replace(/\/+$/, '')}/${encodeURIComponent(this.#options.room)}`;
  }

  on(listener: (event: ProviderEvent) => void): () => void {
    return this.#listeners.on(listener);
  }

  connect(): void {
    this.#wanted = true;
    if (this.#socket === null && this.#retry === undefined) this.#open();
  }

  disconnect(): void {
    this.#wanted = false;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    const socket = this.#socket;
    if (socket) {
      this.#drop(socket);
      socket.close();
    }
  }

  destroy(): void {
    this.disconnect();
    this.#doc.off('update', this.#onUpdate);
  }

  #open(): void {
    const Ctor = this.#options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error('sync: no WebSocket in this environment');
    const protocols = this.#options.protocols ? [...this.#options.protocols] : undefined;
    let socket: WebSocket;
    try {
      socket = new Ctor(this.url, protocols);
    } catch {
      this.#listeners.emit({ kind: 'error', code: 'relay-unreachable' });
      this.#scheduleRetry();
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      opened = true;
      this.#attempts = 0;
      this.#connected = true;
      this.#synced = false;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.#doc);
      socket.send(encoding.toUint8Array(encoder));
      this.#listeners.emit({ kind: 'status' });
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.#socket !== socket || !(event.data instanceof ArrayBuffer)) return;
      this.#receive(socket, new Uint8Array(event.data));
    };
    socket.onerror = () => undefined;
    socket.onclose = (event: CloseEvent) => {
      if (this.#socket !== socket) return;
      this.#drop(socket);
      if (!opened || refusedClose(event.code)) {
        this.#listeners.emit({
          kind: 'error',
          code: refusedClose(event.code) ? 'relay-refused' : 'relay-unreachable',
        });
      }
      this.#scheduleRetry();
    };
  }

  #receive(socket: WebSocket, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_AUTH) {
      // y-protocols' auth message: 0 = permission denied.
      if (decoding.readVarUint(decoder) === 0) {
        this.#listeners.emit({ kind: 'error', code: 'relay-refused' });
        socket.close();
      }
      return;
    }
    if (type !== MESSAGE_SYNC) return; // awareness and queries: not used
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    const kind = syncProtocol.readSyncMessage(decoder, encoder, this.#doc, this);
    if (encoding.length(encoder) > 1) socket.send(encoding.toUint8Array(encoder));
    // Our answer to the relay's step 1 carried every local change it lacked, in one update.
    if (kind === syncProtocol.messageYjsSyncStep1) this.#unsent = false;
    if (kind === syncProtocol.messageYjsSyncStep2 && !this.#synced) {
      this.#synced = true;
      this.#listeners.emit({ kind: 'status' });
    }
  }

  #drop(socket: WebSocket): void {
    socket.onopen = socket.onmessage = socket.onclose = null;
    if (this.#socket === socket) this.#socket = null;
    const was = this.#connected;
    this.#connected = false;
    this.#synced = false;
    if (was) this.#listeners.emit({ kind: 'status' });
  }

  #scheduleRetry(): void {
    if (!this.#wanted) return;
    const delay = Math.min(100 * 2 ** this.#attempts, this.#options.maxBackoffMs ?? 5_000);
    this.#attempts++;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#wanted && this.#socket === null) this.#open();
    }, delay);
  }
}
