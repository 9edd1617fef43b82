import { constants } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../../../shared/host/errors';

/**
 * Flags of every read: no following of a final symbolic link (the open fails instead), and no
 * waiting on a FIFO planted under a file's name. Windows has neither flag; there the name was
 * checked with lstat just before (`resolveInside`), and the handle is checked below.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `file` for reading without following a final symbolic link: null if the name is one
 * (ELOOP on Linux and macOS, EMLINK on FreeBSD). Other failures are Node's errors.
 */
export async function openNoFollow(file: string): Promise<FileHandle | null> {
  try {
    return await open(file, READ_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return null;
    throw err;
  }
}

/**
 * How many names inside `folder` are the file `dev`/`ino`. Only called for a file with more than
 * one link, which in a folder Scrigno writes happens only after a crash between the link and the
 * unlink of an atomic write (the second name is then a temporary file beside it).
 */
async function linksInside(folder: string, dev: number, ino: number): Promise<number> {
  let count = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const info = await lstat(path.join(folder, entry.name)).catch(() => undefined);
    if (info && info.dev === dev && info.ino === ino) count += 1;
  }
  return count;
}

/**
 * Reads a file inside a granted folder, checked on the open handle rather than by name, so that
 * nothing can be swapped in between the check and the read:
 *
 * - the open itself refuses a symbolic link (O_NOFOLLOW): `file-linked`;
 * - the handle must be a regular file (not a folder, a FIFO or a device): `path-rejected`;
 * - a file with several hard links is read only if every one of its names is in the same folder.
 *   A hard link is how a file outside the folder (another program's data, a key) would be made to
 *   look like one inside it: `file-linked`. Links inside the folder are allowed, because a crash
 *   between the link and the unlink of an atomic write leaves exactly that (the backup and its
 *   temporary name), and that backup must stay readable.
 *
 * Other failures are Node's errors (ENOENT and the like) for the caller to map.
 */
export async function readRegularFile(file: string): Promise<Uint8Array<ArrayBuffer>> {
  const handle = await openNoFollow(file);
  if (!handle) throw new HostError('file-linked');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new HostError('path-rejected');
    if (info.nlink > 1 && (await linksInside(path.dirname(file), info.dev, info.ino)) < info.nlink) {
      throw new HostError('file-linked');
    }
    const data = await handle.readFile();
    // Node reads into a fresh (never shared) buffer.
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } finally {
    await handle.close();
  }
}
