// The parts of `ws` 6 (the WebSocket library the stock Yjs relay runs on, installed with it) that
// the relay and its tests use. No `@types/ws` matches that major.
declare module 'ws' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { Duplex } from 'node:stream';

  namespace WebSocket {
    interface ServerOptions {
      noServer?: boolean;
      maxPayload?: number;
      perMessageDeflate?: boolean;
      clientTracking?: boolean;
      handleProtocols?: (protocols: string[], request: IncomingMessage) => string | false;
    }
    class Server extends EventEmitter {
      constructor(options: ServerOptions);
      readonly clients: Set<WebSocket>;
      handleUpgrade(
        request: IncomingMessage,
        socket: Duplex,
        head: Buffer,
        callback: (socket: WebSocket) => void,
      ): void;
      close(callback?: () => void): void;
    }
    interface ClientOptions {
      maxPayload?: number;
      perMessageDeflate?: boolean;
      headers?: Record<string, string>;
    }
  }

  class WebSocket extends EventEmitter {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    readonly CONNECTING: 0;
    readonly OPEN: 1;
    readonly CLOSING: 2;
    readonly CLOSED: 3;
    constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions);
    binaryType: string;
    readonly readyState: number;
    readonly protocol: string;
    onopen: ((event: unknown) => void) | null;
    onclose: ((event: { code: number; reason: string }) => void) | null;
    onerror: ((event: unknown) => void) | null;
    onmessage: ((event: { data: unknown }) => void) | null;
    send(data: unknown, options?: object, callback?: (error?: Error) => void): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    ping(): void;
  }
  export = WebSocket;
}
