import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileNameSchema, isPortableFileName } from '../../../shared/host/contract';
import { HostError } from '../../../shared/host/errors';

/**
 * Resolves `name` inside `folder`, refusing anything that would land elsewhere: separators,
 * `..`, absolute names, and symbolic links (`path-rejected`); and names that are not portable,
 * such as `CON` or `a:b` (`name-not-portable`). Reads then check the open handle too
 * (`safe-open.ts`).
 */
export async function resolveInside(folder: string, name: string): Promise<string> {
  if (!fileNameSchema.safeParse(name).success) throw new HostError('path-rejected');
  if (!isPortableFileName(name)) throw new HostError('name-not-portable');
  let root: string;
  try {
    root = await realpath(folder);
  } catch {
    throw new HostError('folder-missing');
  }
  const target = path.resolve(root, name);
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || rel.includes(path.sep)) {
    throw new HostError('path-rejected');
  }
  try {
    const info = await lstat(target);
    if (info.isSymbolicLink() || !info.isFile()) throw new HostError('path-rejected');
  } catch (err) {
    if (err instanceof HostError) throw err;
    // Not existing yet is fine: the caller may be about to create it.
  }
  return target;
}
