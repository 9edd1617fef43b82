/**
 * Contact CSVs: analysis (encoding, delimiter, header, a proposed mapping) and the mapping of
 * every row to a checked contact draft. Pure and synchronous: the app runs it in a worker.
 */
import { parseCsv, detectDelimiter, unneutralizeFormula, type CsvDelimiter } from './csv';
import { DraftBuilder, splitFullName, type DraftOptions, type DraftResult } from './contact-draft';
import { FormatError } from './errors';
import { autoMap, emailKindFromLabel, phoneKindFromLabel, type CsvMapping } from './mapping';
import { decodeText, type TextEncoding } from './text';
import type { Address, EmailEntry, PhoneEntry } from '../domain/fields';

/** A CSV file read and ready for mapping. */
export interface CsvAnalysis {
  readonly encoding: TextEncoding;
  readonly delimiter: CsvDelimiter;
  readonly headers: readonly string[];
  /** Data rows (without the header), each padded or cut to the header's width. */
  readonly rows: readonly (readonly string[])[];
  /** The mapping proposed from the headers. */
  readonly mapping: CsvMapping;
}

/** Reads a CSV file: throws a `FormatError` when it is not a usable table. */
export function analyzeCsv(bytes: Uint8Array, limit?: number): CsvAnalysis {
  const { text, encoding } = decodeText(bytes, limit);
  const delimiter = detectDelimiter(text);
  const all = parseCsv(text, delimiter);
  const header = all[0];
  if (!header || header.every((h) => h.trim() === '')) throw new FormatError('no-header');
  const headers = header.map((h) => h.trim());
  const rows = all
    .slice(1)
    .map((r) =>
      r.length === headers.length
        ? r
        : [...r, ...Array<string>(Math.max(0, headers.length - r.length)).fill('')].slice(0, headers.length),
    );
  if (rows.length === 0) throw new FormatError('no-rows');
  return { encoding, delimiter, headers, rows, mapping: autoMap(headers) };
}

/** Google writes several values in one cell separated by ` ::: `. */
const splitMulti = (cell: string): string[] =>
  cell
    .split(' ::: ')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * Maps one data row to a draft. `index` is the row's position among the data rows (0-based); the
 * reported row number counts the header as row 1.
 */
export function mapCsvRow(
  cells: readonly string[],
  index: number,
  headers: readonly string[],
  mapping: CsvMapping,
  options: DraftOptions,
): DraftResult | null {
  const values = cells.map((c) => unneutralizeFormula(c.trim()));
  if (values.every((v, i) => v === '' || mapping[i]?.field === 'ignore')) return null;
  const b = new DraftBuilder(index + 2, options);
  const labels = new Map<string, string>();
  mapping.forEach((m, i) => {
    if (m.field === 'emailLabel' || m.field === 'phoneLabel')
      labels.set(`${m.field}:${m.group ?? ''}`, values[i] ?? '');
  });
  let fullName = '';
  let middle = '';
  const addresses = new Map<number, { parts: Record<string, string>; kind: string; column: string }>();
  mapping.forEach((m, i) => {
    const v = values[i] ?? '';
    const column = headers[i] ?? '';
    if (v === '') return;
    switch (m.field) {
      case 'fullName':
        fullName = v;
        break;
      case 'givenName':
        b.draft.givenName = v;
        break;
      case 'middleName':
        middle = v;
        break;
      case 'familyName':
        b.draft.familyName = v;
        break;
      case 'email': {
        const label = labels.get(`emailLabel:${m.group ?? ''}`);
        const kind = (label ? emailKindFromLabel(label) : (m.kind ?? 'other')) as EmailEntry['kind'];
        for (const one of splitMulti(v)) b.email(one, kind, column);
        break;
      }
      case 'phone': {
        const label = labels.get(`phoneLabel:${m.group ?? ''}`);
        const kind = (label ? phoneKindFromLabel(label) : (m.kind ?? 'other')) as PhoneEntry['kind'];
        for (const one of splitMulti(v)) b.phone(one, kind, column);
        break;
      }
      case 'organization':
        b.text('organizationName', splitMulti(v)[0] ?? '', column);
        break;
      case 'jobTitle':
        b.text('jobTitle', splitMulti(v)[0] ?? '', column);
        break;
      case 'street':
      case 'city':
      case 'postalCode':
      case 'province':
      case 'country': {
        const g = m.group ?? 0;
        const entry = addresses.get(g) ?? { parts: {}, kind: m.kind ?? 'other', column };
        entry.parts[m.field] = splitMulti(v)[0] ?? '';
        if (m.field === 'country') entry.column = column;
        addresses.set(g, entry);
        break;
      }
      case 'birthday':
        b.birthday(v, column);
        break;
      case 'notes':
        b.note(v);
        break;
      case 'tags':
        b.tags(splitMulti(v).flatMap((one) => one.split(/\s*[,;]\s*/)));
        break;
      case 'vatNumber':
        b.vat(v, column);
        break;
      case 'taxCode':
        b.taxCode(v, column);
        break;
      default:
        break;
    }
  });
  if (b.draft.givenName === '' && b.draft.familyName === '' && fullName !== '') {
    Object.assign(b.draft, splitFullName(fullName));
  }
  if (middle !== '') b.draft.givenName = `${b.draft.givenName} ${middle}`.trim();
  for (const a of addresses.values()) b.address(a.parts, a.kind as Address['kind'], a.column);
  return b.finish();
}

/**
 * Maps every data row. `onProgress` is called every `progressEvery` rows with the count done;
 * returning `false` from it stops the work (cancel).
 */
export function mapCsvRows(
  analysis: Pick<CsvAnalysis, 'headers' | 'rows'>,
  mapping: CsvMapping,
  options: DraftOptions,
  onProgress?: (done: number) => boolean | void,
  progressEvery = 500,
): DraftResult[] {
  const out: DraftResult[] = [];
  const { rows, headers } = analysis;
  for (let i = 0; i < rows.length; i++) {
    const result = mapCsvRow(rows[i]!, i, headers, mapping, options);
    if (result) out.push(result);
    if (onProgress && (i + 1) % progressEvery === 0 && onProgress(i + 1) === false) break;
  }
  return out;
}
