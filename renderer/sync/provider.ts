// The transport between a space's Y.Doc and its peers. Two implementations: `WebSocketProvider`
// (the y-websocket protocol, for a stock relay) and `MemoryNetwork` (tests).
import type * as Y from 'yjs';

/** Errors a provider reports (codes only: the UI translates them). */
export type ProviderErrorCode = 'relay-unreachable' | 'relay-refused';

/** What a provider tells its listeners. */
export type ProviderEvent = { kind: 'status' } | { kind: 'error'; code: ProviderErrorCode };

/** One doc's connection to its peers. */
export interface SyncProvider {
  /** Opens the connection (idempotent); reconnects after a drop by itself until `disconnect`. */
  connect(): void;
  /** Closes it and stays closed until `connect`. */
  disconnect(): void;
  /** Disconnects for good. */
  destroy(): void;
  /** The transport is open. */
  readonly connected: boolean;
  /** The peer answered this connection's sync step 1: it has sent what we lacked. */
  readonly synced: boolean;
  /** Local updates not yet handed to the transport (queued while offline, sent as one on reconnect). */
  readonly unsent: boolean;
  /** Listens to status changes and errors; returns the unsubscribe. */
  on(listener: (event: ProviderEvent) => void): () => void;
}

/** Makes the provider of a doc. */
export type ProviderFactory = (doc: Y.Doc) => SyncProvider;

/** The listeners of a provider (shared by the implementations). */
export class ProviderListeners {
  readonly #listeners = new Set<(event: ProviderEvent) => void>();

  on(listener: (event: ProviderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  emit(event: ProviderEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
