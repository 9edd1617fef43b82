import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { openNoFollow } from '../main/host/safe-open';

/** File name of the binding secret inside the web mode's data folder. */
export const WEB_SECRET_FILE = 'web-secret';

/** Why the binding secret file was refused. */
export type WebSecretProblem =
  'symlink' | 'not-a-file' | 'hard-linked' | 'readable-by-others' | 'foreign-owner' | 'malformed';

const sentences: Record<WebSecretProblem, string> = {
  symlink: 'is a symbolic link',
  'not-a-file': 'is not a regular file',
  'hard-linked': 'has more than one hard link',
  'readable-by-others': 'can be read or changed by other users (it must be 0600)',
  'foreign-owner': 'belongs to another user',
  malformed: 'does not hold a secret written by Scrigno',
};

/**
 * The binding secret cannot be trusted; the web mode does not start. The message names the file
 * by its place in the data folder, never by a full path (which holds the user's name).
 */
export class WebSecretError extends Error {
  override readonly name = 'WebSecretError';
  constructor(readonly problem: WebSecretProblem) {
    super(
      `The web mode's secret file (${WEB_SECRET_FILE} in its data folder) ${sentences[problem]}, so Scrigno ` +
        `did not start. Delete that file and start again: your vault will then ask for its recovery key once.`,
    );
  }
}

// Stryker disable next-line LogicalOperator: O_CREAT|O_EXCL already refuses a symbolic link in the way; O_NOFOLLOW says so twice
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Reads the web mode's binding secret (64 hex digits) from `<dataDir>/web-secret`, creating it
 * (0600, never replacing anything) the first time. The vault's passphrase slot in web mode is
 * derived from the passphrase *and* this secret, so a page served on the same port by anything
 * else cannot open the vault. Refused, with a WebSecretError: a symbolic link, anything but a
 * regular file with one link, a file other users may read or write, or one owned by another user.
 * (Windows has no such modes or owners to check; there the profile folder's ACL protects it.)
 */
export async function loadWebSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, WEB_SECRET_FILE);
  try {
    const created = await open(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
      0o600,
    );
    try {
      await created.writeFile(`${randomBytes(32).toString('hex')}\n`);
      await created.sync();
    } finally {
      await created.close();
    }
  } catch (err) {
    // EEXIST: it is there already (or a link is: the open below refuses that).
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }

  const handle = await openNoFollow(file);
  if (!handle) throw new WebSecretError('symlink');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new WebSecretError('not-a-file');
    if (info.nlink !== 1) throw new WebSecretError('hard-linked');
    if (process.platform !== 'win32') {
      if ((info.mode & 0o077) !== 0) throw new WebSecretError('readable-by-others');
      if (typeof process.getuid === 'function' && info.uid !== process.getuid()) {
        throw new WebSecretError('foreign-owner');
      }
    }
    const text = (await handle.readFile('utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(text)) throw new WebSecretError('malformed');
    return text;
  } finally {
    await handle.close();
  }
}
