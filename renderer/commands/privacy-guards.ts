/**
 * The rules the privacy commands enforce beyond the record schemas, whoever planned the change:
 * the consent ledger is append-only and chained, the controller record is one per vault, a notice
 * text is never edited and carries its true hash, and a purpose people are linked to is not
 * deleted, and a retention review anonymises only people who are due and extends only to a later
 * date. Each throws `DomainError` before anything is written.
 */
import {
  checkBreach,
  chainOf,
  checkAppend,
  DomainError,
  type Breach,
  type ConsentAction,
  type ConsentEntry,
  type Hash,
  type Notice,
  type PersonPurpose,
  type RetentionDecisionEntry,
  scanRetention,
  toCalendarDate,
} from '../../shared/domain';
import { sha256, sha256Hex, type Change, type Model } from '../vault';

/** SHA-256 through WebCrypto, in the shape the domain rules take. */
export const webSha256: Hash = (bytes) => sha256(new Uint8Array(bytes));

/** A guard sees the command's changes and the model before them. */
export type Guard = (changes: readonly Change[], model: Model) => Promise<void> | void;

/** Ledger entries are only ever added, each with `action`, as the next links of their person's chain. */
export function ledgerAppend(action: ConsentAction, now: () => number = Date.now): Guard {
  return async (changes, model) => {
    const byPerson = new Map<string, ConsentEntry[]>();
    for (const change of changes) {
      if (change.table !== 'consents') continue;
      if (change.before !== null) throw new DomainError('ledger-append-only');
      const entry = change.after as ConsentEntry;
      if (entry.action !== action || entry.deletedAt !== null) throw new DomainError('ledger-append-only');
      if (model.get('consents', entry.id)) throw new DomainError('ledger-append-only');
      const list = byPerson.get(entry.personId) ?? [];
      list.push(entry);
      byPerson.set(entry.personId, list);
    }
    for (const [personId, added] of byPerson)
      await checkAppend(chainOf(model.list('consents'), personId), added, now(), webSha256);
  };
}

/** One controller record per vault: a second new one is refused. */
export const singleController: Guard = (changes, model) => {
  const live = model.list('privacy-controller').filter((c) => c.deletedAt === null);
  for (const change of changes) {
    if (change.table !== 'privacy-controller' || change.before !== null) continue;
    if (live.some((c) => c.id !== change.after.id)) throw new DomainError('controller-exists');
  }
};

/** Notice texts are stored once, never changed, with the SHA-256 of their text. */
export const noticeVersion: Guard = async (changes, model) => {
  for (const change of changes) {
    if (change.table !== 'notices') continue;
    if (change.before !== null || model.get('notices', change.after.id))
      throw new DomainError('notice-immutable');
    const notice = change.after as Notice;
    if (typeof notice.text !== 'string' || (await noticeTextHash(notice.text)) !== notice.sha256)
      throw new DomainError('notice-hash-mismatch');
  }
};

/** The hash a notice text is stored and quoted with: SHA-256 of its UTF-8 bytes, hex. */
export function noticeTextHash(text: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(text));
}

/** A purpose that live person links point to cannot be deleted (unlink them first). */
export const purposeUnused: Guard = (changes, model) => {
  const deleted = new Set(
    changes
      .filter((c) => c.table === 'purposes' && c.after.deletedAt !== null && c.before?.deletedAt === null)
      .map((c) => c.after.id),
  );
  if (deleted.size === 0) return;
  const links: readonly PersonPurpose[] = model.list('person-purposes');
  const removed = new Set(
    changes.filter((c) => c.table === 'person-purposes' && c.after.deletedAt !== null).map((c) => c.after.id),
  );
  if (links.some((l) => l.deletedAt === null && deleted.has(l.purposeId) && !removed.has(l.id)))
    throw new DomainError('purpose-in-use');
};

/** Breach entries follow the register's rules at the time of writing (see `checkBreach`). */
export function breachRules(now: () => number = Date.now): Guard {
  return (changes) => {
    for (const change of changes) if (change.table === 'breaches') checkBreach(change.after as Breach, now());
  };
}

/** The retention scan of the people named, against everything the model holds about them. */
export function retentionOf(model: Model, personIds: ReadonlySet<string>, today: string) {
  return scanRetention({
    people: [...personIds].flatMap((id) => model.get('people', id) ?? []),
    purposes: new Map(model.list('purposes').map((p) => [p.id as string, p])),
    links: model.list('person-purposes').filter((l) => personIds.has(l.personId)),
    activities: model.list('activities'),
    deals: model.list('deals'),
    consents: model.list('consents').filter((c) => personIds.has(c.personId)),
    decisions: model.list('retention-decisions').filter((d) => personIds.has(d.personId)),
    today,
  });
}

/**
 * An anonymisation at a retention review: every person it rewrites is due today (no purpose
 * still running, no legal hold, no extension in force) and gets its `anonymised` decision in the
 * same command; nothing else about anyone else is touched.
 */
export function retentionDue(now: () => number = Date.now): Guard {
  return (changes, model) => {
    const decided = new Set<string>();
    for (const change of changes) {
      if (change.table !== 'retention-decisions') continue;
      const d = change.after as RetentionDecisionEntry;
      if (change.before !== null || d.decision !== 'anonymised') throw new DomainError('retention-not-due');
      decided.add(d.personId);
    }
    const people = new Set(changes.filter((c) => c.table === 'people').map((c) => c.after.id));
    if (people.size !== decided.size || [...people].some((id) => !decided.has(id)))
      throw new DomainError('retention-not-due');
    const scan = retentionOf(model, decided, toCalendarDate(now()));
    if (scan.due.length !== decided.size) throw new DomainError('retention-not-due');
  };
}

/** An extension at a retention review: a new decision, with its reason, to a date after today. */
export function retentionExtension(now: () => number = Date.now): Guard {
  return (changes) => {
    const today = toCalendarDate(now());
    for (const change of changes) {
      const d = change.after as RetentionDecisionEntry;
      if (change.before !== null || d.decision !== 'extended')
        throw new DomainError('retention-extension-past');
      if (d.until === null || d.until <= today) throw new DomainError('retention-extension-past');
    }
  };
}
