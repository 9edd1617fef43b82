import { link, lstat, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { readRegularFile } from '../host/safe-open';

/** An open file, reduced to what the backup writer uses. */
export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The filesystem operations of the backup writer, behind an interface so that tests can inject
 * ENOSPC, EIO or a vanished folder at any step. Errors are Node's (`code` set to the errno name).
 */
export interface BackupFileSystem {
  /** Creates a new file exclusively (`wx`) with owner-only permissions. */
  create(file: string): Promise<WritableFile>;
  /** Reads a regular file; a symbolic link or a file also linked from another folder is refused. */
  readFile(file: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Hard link: fails with EEXIST instead of replacing. */
  link(existing: string, target: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Flushes a folder's entries to disk (no-op where the platform cannot). */
  syncDir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  /** A symbolic link is never `isFile` (listings skip it); a folder may be reached through one. */
  stat(file: string): Promise<{ size: number; mtimeMs: number; isFile: boolean; isDirectory: boolean }>;
  mkdir(dir: string): Promise<void>;
}

/** The real filesystem. */
export const nodeFileSystem: BackupFileSystem = {
  async create(file) {
    const handle = await open(file, 'wx', 0o600);
    return {
      write: async (data) => {
        await handle.writeFile(data);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  readFile: (file) => readRegularFile(file),
  link: (existing, target) => link(existing, target),
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
  async syncDir(dir) {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
    if (process.platform === 'win32') return;
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw err;
    } finally {
      await handle.close();
    }
  },
  readdir: (dir) => readdir(dir),
  async stat(file) {
    // A backup-named symbolic link could point anywhere: it is not a file here. The granted folder
    // itself may be a link to a folder, which is the user's choice, so directories are followed.
    const own = await lstat(file);
    const info = own.isSymbolicLink() ? await stat(file) : own;
    return { size: info.size, mtimeMs: info.mtimeMs, isFile: own.isFile(), isDirectory: info.isDirectory() };
  },
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
};

/** A filesystem step a fault can be attached to. */
export type FaultPoint =
  | 'create'
  | 'write'
  | 'sync'
  | 'close'
  | 'readFile'
  | 'link'
  | 'rename'
  | 'unlink'
  | 'syncDir'
  | 'readdir'
  | 'stat';

/** Decides, per call, whether a step fails and with which errno (`undefined` = succeed). */
export type FaultPlan = (point: FaultPoint, file: string) => string | undefined;

function fault(code: string): NodeJS.ErrnoException {
  const err = new Error(code) as NodeJS.ErrnoException;
  err.code = code;
  return err;
}

/**
 * Wraps a filesystem so that `plan` can fail any step, the way a full disk or a dying USB stick
 * would. A failing `write` first writes half the data, like a real short write before ENOSPC.
 */
export function faultyFileSystem(base: BackupFileSystem, plan: FaultPlan): BackupFileSystem {
  const guard = async <T>(point: FaultPoint, file: string, step: () => Promise<T>): Promise<T> => {
    const code = plan(point, file);
    if (code) throw fault(code);
    return step();
  };
  return {
    create: (file) =>
      guard('create', file, async () => {
        const inner = await base.create(file);
        return {
          write: async (data) => {
            const code = plan('write', file);
            if (code) {
              await inner.write(data.subarray(0, data.length >> 1));
              throw fault(code);
            }
            await inner.write(data);
          },
          sync: () => guard('sync', file, () => inner.sync()),
          close: async () => {
            // The handle is released even when the close reports an error, as in Node.
            await inner.close();
            const code = plan('close', file);
            if (code) throw fault(code);
          },
        };
      }),
    readFile: (file) => guard('readFile', file, () => base.readFile(file)),
    link: (a, b) => guard('link', b, () => base.link(a, b)),
    rename: (a, b) => guard('rename', b, () => base.rename(a, b)),
    unlink: (file) => guard('unlink', file, () => base.unlink(file)),
    syncDir: (dir) => guard('syncDir', dir, () => base.syncDir(dir)),
    readdir: (dir) => guard('readdir', dir, () => base.readdir(dir)),
    stat: (file) => guard('stat', file, () => base.stat(file)),
    mkdir: (dir) => base.mkdir(dir),
  };
}
