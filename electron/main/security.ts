/**
 * The Content-Security-Policy of the app, served with every renderer document in both shells.
 * `wasm-unsafe-eval` lets the Argon2 WebAssembly compile; nothing else is evaluated.
 * Inline styles are allowed because UI libraries set them; inline scripts are not.
 *
 * `connect-src` adds `ws:` and `wss:` for sync: the relay's address is the user's choice and lives
 * in the encrypted vault, read only after unlock, while this policy is fixed when the document
 * loads (before unlock, the same for every window and for the web mode's server), so it cannot
 * name the one relay. WebSockets to any host are allowed, nothing else: no `http:`/`https:` to
 * another origin (fetch, XHR, beacons, EventSource stay same-origin). What goes over the
 * WebSocket is ciphertext the bridge seals (renderer/sync/).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every renderer response. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
