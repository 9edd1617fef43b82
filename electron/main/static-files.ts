import { readFile } from 'node:fs/promises';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A renderer file ready to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Reads a file of the built renderer for a URL path. Paths that leave `root` are refused;
 * unknown paths without an extension fall back to `index.html` (client-side routes).
 */
export async function readRendererFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const relative = path.normalize(decoded).replace(/^([/\\])+/, '');
  const target = path.resolve(root, relative || 'index.html');
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  const ext = path.extname(target);
  try {
    return { body: await readFile(target), contentType: contentTypes[ext] ?? 'application/octet-stream' };
  } catch {
    if (ext !== '') return null;
    return { body: await readFile(path.join(root, 'index.html')), contentType: contentTypes['.html']! };
  }
}
