import type { Protocol } from 'electron';
import { securityHeaders } from './security';
import { readRendererFile } from './static-files';

/** The custom scheme the renderer is served from (not `file://`, which grants too much). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'scrigno';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app.whenReady()`: makes the scheme behave like https for the renderer. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer over the app scheme, with the security headers on every file. */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response(null, { status: 404 });
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) return new Response(null, { status: 404, headers: securityHeaders });
    return new Response(new Uint8Array(file.body), {
      headers: { ...securityHeaders, 'Content-Type': file.contentType },
    });
  });
}
