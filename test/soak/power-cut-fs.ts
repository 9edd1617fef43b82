// A file system in memory that loses power on demand. It implements the contract the backup
// writer uses (`BackupFileSystem`) and keeps two states of everything: what a program sees now
// and what has reached the disk. A file's content reaches the disk only on `sync()` of one of its
// handles; a folder's entries (names → files) only on `syncDir()`. At a power cut every file
// reverts to its last fsynced content and every folder to its last fsynced entries, which is the
// least a POSIX file system promises after a crash.
import path from 'node:path';
import type { BackupFileSystem, WritableFile } from '../../electron/main/backup/file-system';

interface Inode {
  readonly id: number;
  /** What readers see now. */
  live: Uint8Array;
  /** What survives a power cut: the content at the last fsync. */
  durable: Uint8Array;
  mtimeMs: number;
}

interface Folder {
  live: Map<string, number>;
  durable: Map<string, number>;
}

/** Thrown by every step once the power is gone; the writer sees it as an I/O error. */
export class PowerCut extends Error {
  readonly code = 'EIO';
  constructor() {
    super('power-cut');
  }
}

/** The mutating steps a crash point can land before. */
export type MutatingStep = 'create' | 'write' | 'sync' | 'link' | 'rename' | 'unlink' | 'syncDir';

function errno(code: string): NodeJS.ErrnoException {
  const err = new Error(code) as NodeJS.ErrnoException;
  err.code = code;
  return err;
}

/** The in-memory file system; see the file comment. */
export class PowerCutFileSystem implements BackupFileSystem {
  readonly #folders = new Map<string, Folder>();
  readonly #inodes = new Map<number, Inode>();
  #nextInode = 1;
  #clock = 1_700_000_000_000;
  /** Mutating steps left before the power goes; `Infinity` = no cut planned. */
  #budget = Number.POSITIVE_INFINITY;
  #dead = false;
  /** Every mutating step done since the start, in order (for reports). */
  readonly journal: MutatingStep[] = [];
  /** Counts of the steps that made something durable. */
  fsyncs = 0;
  dirSyncs = 0;
  writes = 0;

  constructor(folders: readonly string[] = []) {
    for (const folder of folders) this.#folders.set(folder, { live: new Map(), durable: new Map() });
  }

  /** The power goes off just before the `steps + 1`-th mutating step from now. */
  cutAfter(steps: number): void {
    this.#budget = steps;
  }

  /** True once the planned cut happened. */
  get powerLost(): boolean {
    return this.#dead;
  }

  /**
   * Power comes back: every folder shows its fsynced entries, every file its fsynced content;
   * files no folder names any more are gone. Clears the planned cut.
   */
  restore(): void {
    const reachable = new Set<number>();
    for (const folder of this.#folders.values()) {
      folder.live = new Map(folder.durable);
      for (const id of folder.live.values()) reachable.add(id);
    }
    for (const [id, inode] of this.#inodes) {
      if (!reachable.has(id)) this.#inodes.delete(id);
      else inode.live = inode.durable;
    }
    this.#dead = false;
    this.#budget = Number.POSITIVE_INFINITY;
  }

  /** Moves the clock on (modification times, stale temporary files). */
  advance(ms: number): void {
    this.#clock += ms;
  }

  /** Names in `folder` as a program sees them now. */
  names(folder: string): string[] {
    return [...this.#folder(folder).live.keys()].sort();
  }

  #step(kind: MutatingStep): void {
    if (this.#dead) throw new PowerCut();
    if (this.#budget <= 0) {
      this.#dead = true;
      throw new PowerCut();
    }
    this.#budget -= 1;
    this.journal.push(kind);
  }

  #alive(): void {
    if (this.#dead) throw new PowerCut();
  }

  #folder(dir: string): Folder {
    const folder = this.#folders.get(dir);
    if (!folder) throw errno('ENOENT');
    return folder;
  }

  #entry(file: string): { folder: Folder; name: string; inode: Inode | undefined } {
    const folder = this.#folder(path.dirname(file));
    const name = path.basename(file);
    const id = folder.live.get(name);
    return { folder, name, inode: id === undefined ? undefined : this.#inodes.get(id) };
  }

  async create(file: string): Promise<WritableFile> {
    this.#step('create');
    const { folder, name, inode: existing } = this.#entry(file);
    if (existing) throw errno('EEXIST');
    const inode: Inode = {
      id: this.#nextInode++,
      live: new Uint8Array(0),
      durable: new Uint8Array(0),
      mtimeMs: this.#clock,
    };
    this.#inodes.set(inode.id, inode);
    folder.live.set(name, inode.id);
    let open = true;
    const usable = () => {
      if (!open) throw errno('EBADF');
    };
    return {
      write: async (data) => {
        usable();
        this.#step('write');
        this.writes += 1;
        const next = new Uint8Array(inode.live.length + data.length);
        next.set(inode.live, 0);
        next.set(data, inode.live.length);
        inode.live = next;
        inode.mtimeMs = this.#clock;
      },
      sync: async () => {
        usable();
        this.#step('sync');
        this.fsyncs += 1;
        inode.durable = inode.live;
      },
      close: async () => {
        open = false;
      },
    };
  }

  async readFile(file: string): Promise<Uint8Array<ArrayBuffer>> {
    this.#alive();
    const { inode } = this.#entry(file);
    if (!inode) throw errno('ENOENT');
    return new Uint8Array(inode.live);
  }

  async link(existing: string, target: string): Promise<void> {
    this.#step('link');
    const from = this.#entry(existing);
    if (!from.inode) throw errno('ENOENT');
    const to = this.#entry(target);
    if (to.inode) throw errno('EEXIST');
    to.folder.live.set(to.name, from.inode.id);
  }

  async rename(from: string, to: string): Promise<void> {
    this.#step('rename');
    const source = this.#entry(from);
    if (!source.inode) throw errno('ENOENT');
    const dest = this.#entry(to);
    source.folder.live.delete(source.name);
    dest.folder.live.set(dest.name, source.inode.id);
  }

  async unlink(file: string): Promise<void> {
    this.#step('unlink');
    const { folder, name, inode } = this.#entry(file);
    if (!inode) throw errno('ENOENT');
    folder.live.delete(name);
  }

  async syncDir(dir: string): Promise<void> {
    this.#step('syncDir');
    this.dirSyncs += 1;
    const folder = this.#folder(dir);
    folder.durable = new Map(folder.live);
  }

  async readdir(dir: string): Promise<string[]> {
    this.#alive();
    return [...this.#folder(dir).live.keys()];
  }

  async stat(
    file: string,
  ): Promise<{ size: number; mtimeMs: number; isFile: boolean; isDirectory: boolean }> {
    this.#alive();
    if (this.#folders.has(file)) return { size: 0, mtimeMs: this.#clock, isFile: false, isDirectory: true };
    const { inode } = this.#entry(file);
    if (!inode) throw errno('ENOENT');
    return { size: inode.live.length, mtimeMs: inode.mtimeMs, isFile: true, isDirectory: false };
  }

  async mkdir(dir: string): Promise<void> {
    this.#alive();
    if (!this.#folders.has(dir)) this.#folders.set(dir, { live: new Map(), durable: new Map() });
  }
}
