/**
 * The suppression list: keyed one-way hashes (the vault's blind-index tokens) of emails and phones
 * of people who must not be contacted or re-created: kept after an "erase and suppress" (Art.
 * 17(3), to honour the erasure) or an objection (Art. 21). Only the token is stored, never the
 * value; a token is computable only with the vault's blind key, so the list reveals nothing to
 * whoever reads it without the vault, and nothing about people who are not on it.
 * Imports and archive restores look people up here (`suppressedMatch`) and flag them instead of
 * creating them.
 */
import {
  createRecord,
  dedupeKeys,
  toCalendarDate,
  type Organization,
  type Person,
  type Suppression,
  type SuppressionKind,
  type SuppressionReason,
} from '../../../shared/domain';
import type { Workspace } from '../../session/workspace';
import type { Change } from '../../vault';

/** A value to suppress, normalised as the dedupe keys are (`dedupeKeys`). */
export interface SuppressedValue {
  readonly kind: SuppressionKind;
  readonly value: string;
}

type Tokens = Pick<Workspace['vault'], 'blindTokenNow'>;

/** The emails and phones of a person, as the suppression list hashes them. */
export function suppressibleValues(party: Person | Organization): SuppressedValue[] {
  return dedupeKeys(party).filter((k): k is SuppressedValue => k.kind === 'email' || k.kind === 'phone');
}

/** The blind-index token of a suppressed value (same key and input as the vault's dedupe tokens). */
export function suppressionToken(vault: Tokens, value: SuppressedValue): string {
  return vault.blindTokenNow(value.kind, value.value);
}

/** The live suppression entries, by token. */
export function suppressionIndex(ws: Pick<Workspace, 'model'>): Map<string, Suppression> {
  const index = new Map<string, Suppression>();
  for (const s of ws.model.list('suppressions')) if (s.deletedAt === null) index.set(s.token, s);
  return index;
}

/**
 * The changes that put `values` on the list with `reason` (values already on it are left as they
 * are, whatever their reason). Part of a larger command (the erasure) or of `suppressions.add`.
 */
export function planSuppression(
  ws: Pick<Workspace, 'model' | 'repo' | 'vault'>,
  values: readonly SuppressedValue[],
  reason: SuppressionReason,
  now = Date.now(),
): Change[] {
  const known = suppressionIndex(ws);
  const stamp = ws.repo.stamp(now);
  const changes: Change[] = [];
  for (const value of values) {
    const token = suppressionToken(ws.vault, value);
    if (known.has(token)) continue;
    const entry = createRecord(
      'suppressions',
      ws.repo.newId(),
      { kind: value.kind, token, reason, addedOn: toCalendarDate(now) },
      stamp,
    );
    known.set(token, entry);
    changes.push({ table: 'suppressions', before: null, after: entry });
  }
  return changes;
}

/**
 * Puts the emails and phones of `party` (or the values given) on the suppression list, in one
 * `suppressions.add` command. An objection (Art. 21) is one call:
 * `addSuppression(ws, person, 'objection')`. Returns how many entries were added.
 */
export async function addSuppression(
  ws: Pick<Workspace, 'model' | 'repo' | 'vault' | 'run'>,
  subject: Person | Organization | readonly SuppressedValue[],
  reason: SuppressionReason,
): Promise<number> {
  const values = Array.isArray(subject) ? subject : suppressibleValues(subject as Person | Organization);
  const changes = planSuppression(ws, values, reason);
  if (changes.length > 0) await ws.run('suppressions.add', { changes });
  return changes.length;
}

/** Whether a person about to be created (from an import or an archive) is on the suppression list. */
export function suppressedMatch(
  vault: Tokens,
  index: ReadonlyMap<string, Suppression>,
  party: Person | Organization,
): Suppression | undefined {
  if (index.size === 0) return undefined;
  for (const value of suppressibleValues(party)) {
    const hit = index.get(suppressionToken(vault, value));
    if (hit) return hit;
  }
  return undefined;
}
