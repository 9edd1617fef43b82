import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Prefix of temporary files; listings and retention ignore names that start with it. */
export const TEMP_PREFIX = '.scrigno-tmp-';

async function fsyncPath(target: string, flags: string): Promise<void> {
  const handle = await open(target, flags);
  try {
    await handle.sync();
  } catch (err) {
    // Some filesystems (and Windows for directories) cannot fsync a directory; the data file
    // itself was synced, which is what matters there.
    if ((err as NodeJS.ErrnoException).code !== 'EISDIR' && (err as NodeJS.ErrnoException).code !== 'EPERM')
      throw err;
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `target` so that a crash leaves either the old state or the complete new
 * file: temporary file in the same folder, fsync, then rename (`replace`) or hard link
 * (`create`, which fails with EEXIST instead of overwriting), then fsync of the folder.
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array,
  mode: 'create' | 'replace',
): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode === 'replace') {
      await rename(temp, target);
    } else {
      await link(temp, target);
      await unlink(temp);
    }
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  if (process.platform !== 'win32') await fsyncPath(dir, 'r');
}
