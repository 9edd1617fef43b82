import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * The relay's list of spaces and their access tokens, `spaces.json` in its data folder. Only an
 * HMAC of each token is kept (keyed with a random key of the relay's own, `relay.key`, and bound
 * to the space id), so a copy of the file does not let anyone in and a token cannot be moved to
 * another space. A token is 32 random bytes in base64url, shown once when the space is added.
 */

/** A space id: random letters, digits, `-` and `_`; it is the document name on the relay. */
export const SPACE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** A token: 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const SPACES_FILE = 'spaces.json';
const KEY_FILE = 'relay.key';

interface SpacesFile {
  version: 1;
  spaces: Record<string, { tokenHmac: string; addedAt: string }>;
}

/** Why a space could not be added or a token was refused. */
export class SpaceTokenError extends Error {
  override readonly name = 'SpaceTokenError';
  constructor(readonly code: 'bad-space-id' | 'bad-token' | 'spaces-file-corrupt') {
    super(code);
  }
}

/** True if `value` looks like a space id (names starting `pair-` are the relay's pairing rooms). */
export function isSpaceId(value: string): boolean {
  return SPACE_ID_PATTERN.test(value) && !value.startsWith('pair-');
}

/** A new random token (32 bytes, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A new random space id (16 bytes, base64url: 22 characters). */
export function newSpaceId(): string {
  return randomBytes(16).toString('base64url');
}

/** Writes `text` next to `file` and renames it over, readable by the owner only. */
async function writePrivate(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The spaces and tokens of one relay data folder. */
export class SpaceTokens {
  private constructor(
    private readonly dir: string,
    private readonly key: Buffer,
    private spaces: SpacesFile,
  ) {}

  /**
   * Opens (creating if needed) the data folder's key and spaces file. Throws the file system's
   * error when the folder cannot be created or written (EACCES, EROFS, ENOTDIR…).
   */
  static async open(dir: string): Promise<SpaceTokens> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const keyFile = path.join(dir, KEY_FILE);
    let key: Buffer;
    try {
      key = Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'hex');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      key = randomBytes(32);
      await writePrivate(keyFile, `${key.toString('hex')}\n`);
    }
    if (key.length !== 32) throw new SpaceTokenError('spaces-file-corrupt');
    const tokens = new SpaceTokens(dir, key, { version: 1, spaces: {} });
    await tokens.reload();
    // Proves the folder is writable now, not at the first space added.
    await tokens.save();
    await chmod(dir, 0o700).catch(() => undefined);
    return tokens;
  }

  private async reload(): Promise<void> {
    let text: string;
    try {
      text = await readFile(path.join(this.dir, SPACES_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let parsed: SpacesFile;
    try {
      parsed = JSON.parse(text) as SpacesFile;
    } catch {
      throw new SpaceTokenError('spaces-file-corrupt');
    }
    if (parsed?.version !== 1 || typeof parsed.spaces !== 'object' || parsed.spaces === null) {
      throw new SpaceTokenError('spaces-file-corrupt');
    }
    this.spaces = parsed;
  }

  private hmac(spaceId: string, token: string): Buffer {
    return createHmac('sha256', this.key).update(`scrigno-relay-token\n${spaceId}\n${token}`).digest();
  }

  private async save(): Promise<void> {
    await writePrivate(path.join(this.dir, SPACES_FILE), `${JSON.stringify(this.spaces, null, 2)}\n`);
  }

  /** Space ids known to this relay, sorted. */
  list(): string[] {
    return Object.keys(this.spaces.spaces).sort();
  }

  /**
   * Adds a space (or replaces its token) and returns the token, which is stored only as an HMAC.
   * With no token given a new random one is made.
   */
  async set(spaceId: string, token: string = newToken()): Promise<string> {
    if (!isSpaceId(spaceId)) throw new SpaceTokenError('bad-space-id');
    if (!TOKEN_PATTERN.test(token)) throw new SpaceTokenError('bad-token');
    await this.reload();
    this.spaces.spaces[spaceId] = {
      tokenHmac: this.hmac(spaceId, token).toString('hex'),
      addedAt: new Date().toISOString(),
    };
    await this.save();
    return token;
  }

  /** Removes a space; its token stops working at once. Returns whether it was there. */
  async remove(spaceId: string): Promise<boolean> {
    await this.reload();
    if (!Object.hasOwn(this.spaces.spaces, spaceId)) return false;
    delete this.spaces.spaces[spaceId];
    await this.save();
    return true;
  }

  /**
   * Whether `token` opens `spaceId`, compared in constant time. The file is read again first, so
   * a space added or removed with the command line while the relay runs counts at once.
   */
  async verify(spaceId: string, token: string): Promise<boolean> {
    await this.reload();
    if (!Object.hasOwn(this.spaces.spaces, spaceId)) return false;
    const expected = Buffer.from(this.spaces.spaces[spaceId]?.tokenHmac ?? '', 'hex');
    const actual = this.hmac(spaceId, token);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
