/**
 * vCard 2.1, 3.0 and 4.0: a small reader that turns each card into a checked contact draft, and a
 * writer for 3.0 and 4.0. One reader for all versions, rather than ical.js plus a 2.1 reader,
 * because 2.1's QUOTED-PRINTABLE soft line breaks and CHARSET must be undone before a line can be
 * parsed at all, and phone exports mix 2.1 habits (bare `TEL;CELL:` types) into 3.0 cards.
 */
import type { Address, EmailEntry, PhoneEntry } from '../domain/fields';
import type { Person } from '../domain/person';
import { DraftBuilder, splitFullName, type DraftOptions, type DraftResult } from './contact-draft';
import { FormatError } from './errors';
import { decodeText } from './text';

/** One property of a card: name (uppercase, group removed), parameters, raw value. */
export interface VcardProperty {
  readonly name: string;
  readonly params: ReadonlyMap<string, readonly string[]>;
  /** The value with QUOTED-PRINTABLE and CHARSET undone, still escaped. */
  readonly value: string;
}

/** A card as read: its properties, in file order, and whether END:VCARD was reached. */
export interface VcardCard {
  readonly version: string;
  readonly properties: readonly VcardProperty[];
  readonly complete: boolean;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '=' && i === value.length - 1) {
      // A soft line break left at the very end.
    } else {
      const code = c.charCodeAt(0);
      if (code < 128) bytes.push(code);
      else bytes.push(...new TextEncoder().encode(c));
    }
  }
  const data = new Uint8Array(bytes);
  const label = charset.toLowerCase();
  try {
    return new TextDecoder(label === 'utf-8' || label === 'utf8' ? 'utf-8' : label, { fatal: true }).decode(
      data,
    );
  } catch {
    // An unknown or wrong CHARSET: Windows-1252 decodes any byte.
    return new TextDecoder('windows-1252').decode(data);
  }
}

// Splits on `sep` outside double quotes.
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Parses one unfolded content line; `null` when it is not `name[;params]:value`. */
export function parseContentLine(line: string): VcardProperty | null {
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const [head = '', ...rawParams] = splitOutsideQuotes(line.slice(0, colon), ';');
  const name = head.replace(/^.*\./, '').trim().toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 allows bare types: `TEL;CELL;VOICE:`.
    const key = (eq === -1 ? 'TYPE' : p.slice(0, eq)).trim().toUpperCase();
    const raw = eq === -1 ? p : p.slice(eq + 1);
    const values = splitOutsideQuotes(raw, ',').map((v) => v.trim().replace(/^"|"$/g, ''));
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  let value = line.slice(colon + 1);
  const encoding = params.get('ENCODING')?.[0]?.toUpperCase();
  if (encoding === 'QUOTED-PRINTABLE')
    value = decodeQuotedPrintable(value, params.get('CHARSET')?.[0] ?? 'utf-8');
  return { name, params, value };
}

/** Reads every card of a vCard text (any version). Lines outside cards are ignored. */
export function readVcards(text: string): VcardCard[] {
  const physical = text.split(/\r\n|\r|\n/);
  const logical: string[] = [];
  for (const line of physical) {
    const prev = logical.length - 1;
    if ((line.startsWith(' ') || line.startsWith('\t')) && prev >= 0) {
      logical[prev] += line.slice(1);
    } else if (
      prev >= 0 &&
      /ENCODING=QUOTED-PRINTABLE/i.test(logical[prev]!.split(':')[0] ?? '') &&
      logical[prev]!.endsWith('=')
    ) {
      // A QUOTED-PRINTABLE soft line break: the value goes on, without the `=`.
      logical[prev] = logical[prev]!.slice(0, -1) + line;
    } else {
      logical.push(line);
    }
  }
  const cards: VcardCard[] = [];
  let current: VcardProperty[] | null = null;
  let version = '';
  for (const line of logical) {
    if (line.trim() === '') continue;
    const prop = parseContentLine(line);
    if (!prop) continue;
    if (prop.name === 'BEGIN' && prop.value.trim().toUpperCase() === 'VCARD') {
      if (current) cards.push({ version, properties: current, complete: false });
      current = [];
      version = '';
    } else if (prop.name === 'END' && prop.value.trim().toUpperCase() === 'VCARD') {
      if (current) cards.push({ version, properties: current, complete: true });
      current = null;
    } else if (current) {
      if (prop.name === 'VERSION') version = prop.value.trim();
      else current.push(prop);
    }
  }
  if (current) cards.push({ version, properties: current, complete: false });
  return cards;
}

/** Undoes vCard text escaping (`\n`, `\,`, `\;`, `\\`). */
export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a structured value on unescaped `;` and unescapes each part. */
export function splitStructured(value: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      cur += c + value[++i];
    } else if (c === ';') {
      parts.push(unescapeText(cur));
      cur = '';
    } else cur += c;
  }
  parts.push(unescapeText(cur));
  return parts;
}

const typesOf = (p: VcardProperty): string[] =>
  (p.params.get('TYPE') ?? []).flatMap((t) => t.toLowerCase().split(',')).map((t) => t.trim());

function emailKind(types: string[]): EmailEntry['kind'] {
  return types.includes('work') ? 'work' : types.includes('home') ? 'home' : 'other';
}

function phoneKind(types: string[]): PhoneEntry['kind'] {
  if (types.includes('fax')) return 'fax';
  if (types.includes('cell') || types.includes('mobile') || types.includes('iphone')) return 'mobile';
  if (types.includes('work')) return 'work';
  if (types.includes('home')) return 'home';
  return 'other';
}

/** Maps one card to a checked draft; `row` is the card's number in the file (1-based). */
export function cardToDraft(card: VcardCard, row: number, options: DraftOptions): DraftResult {
  const b = new DraftBuilder(row, options);
  if (!card.complete) {
    b.problem('END', 'invalid-vcard');
    return b.finish();
  }
  let fn = '';
  let hasN = false;
  for (const p of card.properties) {
    if (p.params.has('ENCODING') && /^(b|base64)$/i.test(p.params.get('ENCODING')?.[0] ?? '')) continue;
    const types = typesOf(p);
    switch (p.name) {
      case 'FN':
        fn = unescapeText(p.value).trim();
        break;
      case 'N': {
        const [family = '', given = '', additional = ''] = splitStructured(p.value);
        b.draft.familyName = family.trim();
        b.draft.givenName = [given.trim(), additional.trim()].filter((s) => s !== '').join(' ');
        hasN = b.draft.familyName !== '' || b.draft.givenName !== '';
        break;
      }
      case 'EMAIL':
        b.email(unescapeText(p.value), emailKind(types), 'EMAIL');
        break;
      case 'TEL':
        b.phone(unescapeText(p.value), phoneKind(types), 'TEL');
        break;
      case 'ADR': {
        const [, , street = '', city = '', province = '', postalCode = '', country = ''] = splitStructured(
          p.value,
        );
        const kind: Address['kind'] = types.includes('work')
          ? 'work'
          : types.includes('home')
            ? 'home'
            : 'other';
        b.address({ street: street.replace(/\n/g, ', '), city, province, postalCode, country }, kind, 'ADR');
        break;
      }
      case 'ORG':
        b.text('organizationName', splitStructured(p.value)[0] ?? '', 'ORG');
        break;
      case 'TITLE':
        b.text('jobTitle', unescapeText(p.value), 'TITLE');
        break;
      case 'BDAY':
        b.birthday(p.value, 'BDAY');
        break;
      case 'NOTE':
        b.note(unescapeText(p.value));
        break;
      case 'CATEGORIES':
        b.tags(splitOutsideQuotes(p.value, ',').map(unescapeText));
        break;
      default:
        break;
    }
  }
  // With no N nor FN the card is named by its email or phone, or is its organization (`finish`).
  if (!hasN && fn !== '') Object.assign(b.draft, splitFullName(fn));
  return b.finish();
}

/** Reads a vCard file into drafts. Throws `FormatError` (`no-cards`, or a text error). */
export function mapVcardFile(
  bytes: Uint8Array,
  options: DraftOptions,
  limit?: number,
): { results: DraftResult[]; cardCount: number } {
  const { text } = decodeText(bytes, limit);
  const cards = readVcards(text);
  if (cards.length === 0) throw new FormatError('no-cards');
  return { results: cards.map((c, i) => cardToDraft(c, i + 1, options)), cardCount: cards.length };
}

// ——— Writing ———

/** vCard versions the writer produces. */
export type VcardVersion = '3.0' | '4.0';

/** Escapes a text value. */
export function escapeText(value: string): string {
  // Most values hold none of these: one scan instead of four replacements.
  if (!/[\\\r\n,;]/.test(value)) return value;
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');
}

/** Folds a content line at 75 octets (never inside a UTF-8 sequence), CRLF line ends. */
export function foldLine(line: string): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short lines need no counting, nor ASCII ones that fit.
  if (line.length <= 25 || (line.length <= 75 && !/[^ -~\t]/.test(line))) return line;
  const out: string[] = [];
  let start = 0;
  let size = 0;
  let limit = 75;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (size + n > limit) {
      out.push(line.slice(start, i));
      start = i;
      size = 0;
      limit = 74; // continuation lines start with a space
    }
    size += n;
    if (pair) i++;
  }
  out.push(line.slice(start));
  return out.join('\r\n ');
}

/** A stable UUID URN from a 32-hex record id, so a re-export updates the same contact. */
export function uuidFromId(id: string): string {
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
}

const phoneTypes: Readonly<Record<PhoneEntry['kind'], string>> = {
  mobile: 'cell',
  work: 'work,voice',
  home: 'home,voice',
  fax: 'fax',
  other: 'voice',
};

/** One person as a vCard; `organizationName` fills ORG. */
export function personToVcard(person: Person, version: VcardVersion, organizationName?: string): string {
  const v4 = version === '4.0';
  const type = (t: string) => (v4 ? `;TYPE=${t}` : `;TYPE=${t.toUpperCase()}`);
  const fn = [person.givenName, person.familyName].filter((s) => s.trim() !== '').join(' ');
  const lines = [
    'BEGIN:VCARD',
    `VERSION:${version}`,
    `UID:urn:uuid:${uuidFromId(person.id)}`,
    `FN:${escapeText(fn)}`,
    `N:${escapeText(person.familyName)};${escapeText(person.givenName)};;;`,
  ];
  for (const e of person.emails) {
    const t = e.kind === 'other' ? (v4 ? '' : ';TYPE=INTERNET') : type(e.kind) + (v4 ? '' : ',INTERNET');
    lines.push(`EMAIL${t}:${escapeText(e.address)}`);
  }
  for (const p of person.phones) {
    lines.push(
      v4
        ? `TEL;VALUE=uri${type(phoneTypes[p.kind])}:tel:${p.number}`
        : `TEL${type(phoneTypes[p.kind])}:${p.number}`,
    );
  }
  for (const a of person.addresses) {
    const t = a.kind === 'work' || a.kind === 'home' ? type(a.kind) : '';
    const parts = ['', '', a.street ?? '', a.city ?? '', a.province ?? '', a.postalCode ?? '', a.country];
    lines.push(`ADR${t}:${parts.map(escapeText).join(';')}`);
  }
  if (organizationName) lines.push(`ORG:${escapeText(organizationName)}`);
  if (person.jobTitle) lines.push(`TITLE:${escapeText(person.jobTitle)}`);
  if (person.birthday) lines.push(`BDAY:${v4 ? person.birthday.replace(/-/g, '') : person.birthday}`);
  if (person.notes) lines.push(`NOTE:${escapeText(person.notes)}`);
  const rev = person.updatedAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  lines.push(`REV:${rev}`, 'END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Many people as one vCard file. */
export function peopleToVcards(
  people: readonly Person[],
  version: VcardVersion,
  organizationName: (person: Person) => string | undefined = () => undefined,
): string {
  return people.map((p) => personToVcard(p, version, organizationName(p))).join('');
}
