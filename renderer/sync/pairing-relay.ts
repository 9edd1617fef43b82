// The pairing room on the relay: a small Y.Doc of its own (never the space's doc) whose one array
// carries the exchange's messages, over the same stock relay and protocol as sync itself. The
// relay sees a derived room name and authenticated ciphertext; it may keep them (persistence),
// which gives away nothing: the handover key came from ephemeral ECDH keys now gone.
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { PairingTransport, PairingTransportFactory } from './pairing';

/** The subprotocol the relay's gate accepts (`RELAY_PROTOCOL` in electron/relay/relay.ts). */
export const RELAY_PROTOCOL = 'scrigno-relay.v1';

/** Options of the relay transport. */
export interface RelayTransportOptions {
  /** URL parameters the relay's gate reads (see PAIRING.md: pairing rooms need no space token). */
  readonly params?: Record<string, string>;
  /** A WebSocket class where the platform has none (Node 20 in tests). */
  readonly WebSocket?: typeof WebSocket;
  /**
   * WebSocket subprotocols to offer: the relay's gate answers only `scrigno-relay.v1`
   * (electron/relay); pairing rooms carry no space token.
   */
  readonly protocols?: string[];
  /** Called when the relay connection fails or closes before the exchange ends. */
  readonly onError?: () => void;
}

/** Opens pairing rooms on the relay of each code, with y-websocket's client. */
export function relayPairingTransport(options: RelayTransportOptions = {}): PairingTransportFactory {
  return (relay, room) => {
    const doc = new Y.Doc();
    const messages = doc.getArray<Uint8Array>('pairing');
    const provider = new WebsocketProvider(relay, room, doc, {
      params: options.params ?? {},
      // Two tabs of one browser must not pair through a BroadcastChannel behind the relay's back.
      disableBc: true,
      protocols: options.protocols ?? [RELAY_PROTOCOL],
      ...(options.WebSocket ? { WebSocketPolyfill: options.WebSocket } : {}),
    });
    let closed = false;
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'disconnected' && !closed) options.onError?.();
    };
    provider.on('status', onStatus);
    provider.on('connection-error', () => {
      if (!closed) options.onError?.();
    });
    const transport: PairingTransport = {
      send: (message) => void doc.transact(() => messages.push([message.slice()])),
      subscribe: (listener) => {
        const observer = (event: Y.YArrayEvent<Uint8Array>, tr: Y.Transaction) => {
          if (tr.local) return;
          for (const delta of event.changes.delta) {
            for (const item of (delta.insert as Uint8Array[] | undefined) ?? []) listener(item);
          }
        };
        messages.observe(observer);
        return () => messages.unobserve(observer);
      },
      close: () => {
        if (closed) return;
        closed = true;
        provider.off('status', onStatus);
        provider.destroy();
        doc.destroy();
      },
    };
    return Promise.resolve(transport);
  };
}
