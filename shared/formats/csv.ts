/**
 * CSV and TSV, read and written. Reading follows RFC 4180 (quoted fields may hold delimiters,
 * quotes and line breaks) and is lenient where spreadsheets are: CR, LF or CRLF line ends, a quote
 * inside an unquoted field is kept as text. Writing quotes only where needed and neutralises
 * cells a spreadsheet would run as a formula.
 */
import { FormatError } from './errors';

/** Delimiters recognised on import and offered on export. */
export const csvDelimiters = [',', ';', '\t'] as const;
/** One of `csvDelimiters`. */
export type CsvDelimiter = (typeof csvDelimiters)[number];

// Counts delimiters outside quotes on each of the first lines; the delimiter with the same
// non-zero count on most lines wins (ties go to the larger count).
/** Guesses the delimiter from the first lines of the text (`,` when nothing else fits). */
export function detectDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const d of csvDelimiters) {
    const counts: number[] = [];
    let inQuotes = false;
    let count = 0;
    for (let i = 0; i < text.length && counts.length < 20; i++) {
      const c = text[i];
      if (c === '"') inQuotes = !inQuotes;
      else if (!inQuotes && c === d) count++;
      else if (!inQuotes && (c === '\n' || c === '\r')) {
        if (c === '\r' && text[i + 1] === '\n') i++;
        counts.push(count);
        count = 0;
      }
    }
    if (count > 0 || counts.length === 0) counts.push(count);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((n) => n === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/**
 * Parses CSV text into rows of cells. Blank lines are skipped. Throws `unterminated-quote` when
 * the text ends inside a quoted field (a truncated file).
 */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(cell);
    cell = '';
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && cell === '') {
      // A quoted field: read to the closing quote; `""` is one quote.
      i++;
      let closed = false;
      let start = i;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q === -1) break;
        if (text[q + 1] === '"') {
          cell += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        cell += text.slice(start, q);
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) throw new FormatError('unterminated-quote');
      // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      continue;
    }
    if (c === delimiter) {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Fast path: copy up to the next special character in one slice.
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (d === delimiter || d === '\n' || d === '\r') break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+([.,]\d+)?$/;

/**
 * Neutralises a cell a spreadsheet would evaluate (OWASP "CSV injection"): a value starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe. Plain negative numbers are data and
 * stay as they are. The importer strips the apostrophe again, so Scrigno round-trips its own files.
 */
export function neutralizeFormula(value: string): string {
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

/** Undoes `neutralizeFormula` on import: `'=x` → `=x`, `'+39…` → `+39…`. */
export function unneutralizeFormula(value: string): string {
  return value.length > 1 && value[0] === "'" && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}

/** Options of `writeCsv`. */
export interface CsvWriteOptions {
  readonly delimiter?: CsvDelimiter;
  /** Start with a UTF-8 byte-order mark so Excel reads the file as UTF-8 (default true). */
  readonly bom?: boolean;
}

/** Serialises rows as CSV (CRLF line ends), quoting where needed and neutralising formulas. */
export function writeCsv(rows: readonly (readonly string[])[], options: CsvWriteOptions = {}): string {
  const d = options.delimiter ?? ',';
  const out: string[] = [];
  for (const row of rows) {
    out.push(
      row
        .map((raw) => {
          const v = neutralizeFormula(raw);
          return v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r')
            ? `"${v.replace(/"/g, '""')}"`
            : v;
        })
        .join(d),
    );
  }
  return (options.bom === false ? '' : '\ufeff') + out.join('\r\n') + '\r\n';
}
