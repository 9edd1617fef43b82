import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../../../shared/host/errors';
import type { FolderRef } from '../../../shared/host/contract';
import { writeFileAtomic } from './atomic-write';

/**
 * Folders the user granted through the folder dialog. The renderer only ever holds an opaque
 * id; the path stays on the host side. Grants are kept in a small JSON file so scheduled work
 * (backups) still reaches the folder after a restart.
 */
export class FolderGrants {
  private grants: Map<string, string> | undefined;

  constructor(private readonly storeFile: string) {}

  private async load(): Promise<Map<string, string>> {
    if (this.grants) return this.grants;
    try {
      const parsed = JSON.parse(await readFile(this.storeFile, 'utf8')) as unknown;
      const entries = Object.entries(typeof parsed === 'object' && parsed ? parsed : {}).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && /^[a-f0-9]{32}$/.test(e[0]),
      );
      this.grants = new Map(entries);
    } catch {
      // Fail closed: an unreadable grant file means no folder is granted.
      this.grants = new Map();
    }
    return this.grants;
  }

  /** Records a folder the user picked and returns its reference (same path, same id). */
  async grant(folderPath: string): Promise<FolderRef> {
    const grants = await this.load();
    const absolute = path.resolve(folderPath);
    let folderId = [...grants].find(([, p]) => p === absolute)?.[0];
    if (!folderId) {
      folderId = randomBytes(16).toString('hex');
      grants.set(folderId, absolute);
      await mkdir(path.dirname(this.storeFile), { recursive: true });
      await writeFileAtomic(
        this.storeFile,
        new TextEncoder().encode(JSON.stringify(Object.fromEntries(grants))),
        'replace',
      );
    }
    return { folderId, label: path.basename(absolute) || absolute };
  }

  /** The granted folder's path; throws `folder-not-granted` for an unknown id. */
  async pathOf(folderId: string): Promise<string> {
    const folder = (await this.load()).get(folderId);
    if (!folder) throw new HostError('folder-not-granted');
    return folder;
  }

  /** Whether the granted folder is reachable now (a USB drive may be unplugged). */
  async status(folderId: string): Promise<{ available: boolean; label: string }> {
    const folder = await this.pathOf(folderId);
    const label = path.basename(folder) || folder;
    try {
      return { available: (await stat(folder)).isDirectory(), label };
    } catch {
      return { available: false, label };
    }
  }
}
