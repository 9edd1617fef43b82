// Saving a file the user asked for: a folder chosen in the host's dialog, a name with no personal
// data in it, never overwriting.
import type { HostClient } from '../../shared/host/contract';

/** A file name with the content kind and the local date and time: `scrigno-people-2026-11-28-1035.csv`. */
export function exportFileName(kind: string, extension: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `scrigno-${kind}-${date}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.${extension}`;
}

/**
 * Asks the user for a folder and writes the file there (never overwriting). Returns the file
 * name, or null when the user cancelled the folder dialog.
 */
export async function saveThroughHost(
  host: HostClient,
  name: string,
  data: Uint8Array,
): Promise<string | null> {
  const folder = await host.invoke('dialog:choose-folder', { purpose: 'export' });
  if (!folder) return null;
  await host.invoke('file:write', {
    folderId: folder.folderId,
    name,
    data: new Uint8Array(data),
    mode: 'create',
  });
  return name;
}
