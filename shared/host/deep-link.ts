/**
 * Deep links: `scrigno://person/<id>` (and organization, deal, task) open a record. The id is
 * the record's random id and carries nothing personal. A link names a record and nothing else:
 * no command, no query, no path beyond the id, so another app can only ask to show a record,
 * and only once the vault is unlocked.
 */
import { z } from 'zod';
import { idPattern } from '../domain/ids';

/** The URL scheme the desktop app registers with the OS. */
export const DEEP_LINK_SCHEME = 'scrigno';

/** The kinds of record a link may name. */
export const deepLinkKinds = ['person', 'organization', 'deal', 'task'] as const;

/** A parsed deep link. */
export const deepLinkSchema = z
  .object({ kind: z.enum(deepLinkKinds), id: z.string().regex(idPattern) })
  .strict();
export type DeepLink = z.infer<typeof deepLinkSchema>;

const linkPattern = new RegExp(`^${DEEP_LINK_SCHEME}://(${deepLinkKinds.join('|')})/([0-9a-f]{32})/?$`);

/** Parses a link exactly; anything else (other kinds, queries, extra segments) gives null. */
export function parseDeepLink(url: unknown): DeepLink | null {
  if (typeof url !== 'string') return null;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the longest link the pattern accepts has 56 characters, so the cap changes no answer; it only spares the pattern a long input
  if (url.length > 100) return null;
  const match = linkPattern.exec(url);
  return match ? { kind: match[1] as DeepLink['kind'], id: match[2]! } : null;
}

/** The first deep link among command-line arguments (how Windows and Linux pass one), or null. */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (arg.startsWith(`${DEEP_LINK_SCHEME}:`)) return parseDeepLink(arg);
  }
  return null;
}

/** The app route that shows the record a link names. */
export function deepLinkRoute(link: DeepLink): string {
  const base = { person: 'contacts', organization: 'organizations', deal: 'deals', task: 'tasks' }[link.kind];
  return `/${base}/${link.id}`;
}

/** The link to a record, as the app hands it out. */
export function deepLinkTo(kind: DeepLink['kind'], id: string): string {
  return `${DEEP_LINK_SCHEME}://${kind}/${id}`;
}
