// Pure parts of the benchmark runner: argument parsing, figure checks, the printed table and the
// JSON written to bench/results/latest.json. No DOM and no Node APIs, so `build/scripts/bench.mjs`
// (through Vite's module runner) and the unit tests load the very same code.
import type { BenchUnit } from './types';

/** One recorded figure, as it travels from the page to the report. */
export interface Figure {
  name: string;
  value: number;
  unit: BenchUnit;
  baseline?: string;
  target?: number;
}

/** Options of `npm run bench -- …`. */
export interface BenchOptions {
  /** Size label as written in the results (`1k`, `10k`, `100k`, or a plain number). */
  sizeLabel: string;
  /** Number of contacts the suites generate. */
  size: number;
  seed: number;
  /** Suite file names to run (without `.ts`); empty means every suite. */
  suites: string[];
  /** Per-suite time limit. */
  timeoutMs: number;
  /** False with `--no-build`: reuse the last `dist/bench/` build. */
  build: boolean;
  /** With `--scaling`: the contact counts to run one after another (ascending); else empty. */
  scaling: number[];
  /** With `--profile`: sample the page's main thread, one profile per progress phase. */
  profile: boolean;
  help: boolean;
}

/** The content of `bench/results/latest.json`. */
export interface BenchResults {
  size: string;
  date: string;
  figures: Figure[];
}

/** Thrown for unusable command-line arguments; `code` names the problem, `argument` the flag. */
export class BenchArgumentError extends Error {
  constructor(
    readonly code:
      | 'unknown-option'
      | 'bad-size'
      | 'bad-seed'
      | 'bad-timeout'
      | 'bad-suite'
      | 'bad-scaling',
    readonly argument: string,
  ) {
    super(`${code}: ${argument}`);
    this.name = 'BenchArgumentError';
  }
}

/** Units a figure may carry. */
export const benchUnits: readonly BenchUnit[] = ['ms', 'mb', 'count', 'bytes', 'ratio'];

/** Seed used when `--seed` is not given, so two runs generate the same data. */
export const defaultSeed = 20260101;

/** Size used when `--size` is not given. */
export const defaultSizeLabel = '10k';

/** Per-suite time limit when `--timeout` is not given: generous, 100k runs take minutes. */
export const defaultTimeoutMs = 30 * 60_000;

/** Sizes `--scaling` runs when given without a list. */
export const defaultScalingLabels = ['1k', '10k', '100k'] as const;

/** Usage text printed by `--help`. */
export const usage = `Usage: npm run bench -- [options]
  --size=1k|10k|100k|<n>  number of contacts (default ${defaultSizeLabel})
  --suite=a,b             run only these suites (file names in test/bench/suites/)
  --seed=<n>              data generator seed (default ${defaultSeed})
  --timeout=<minutes>     time limit per suite (default ${defaultTimeoutMs / 60_000})
  --no-build              reuse dist/bench/ from the previous run
  --scaling[=1k,10k,100k] run each size in turn and print every figure's growth exponent
  --profile               sample the page's main thread per phase; summaries in bench/results/
  --help                  print this text`;

/** Turns `1k` / `10k` / `100k` / `2500` into a contact count; `undefined` when unusable. */
export function parseSize(label: string): number | undefined {
  const match = /^(\d+)(k?)$/i.exec(label.trim());
  if (!match) return undefined;
  const count = Number(match[1]) * (match[2] ? 1000 : 1);
  return Number.isSafeInteger(count) && count > 0 ? count : undefined;
}

/** Canonical label of a count: `100000` → `100k`, `2500` → `2500`. */
export function sizeLabel(count: number): string {
  return count % 1000 === 0 ? `${count / 1000}k` : String(count);
}

/** Parses the arguments after `npm run bench --`; throws `BenchArgumentError`. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    sizeLabel: defaultSizeLabel,
    size: parseSize(defaultSizeLabel) ?? 10_000,
    seed: defaultSeed,
    suites: [],
    timeoutMs: defaultTimeoutMs,
    build: true,
    scaling: [],
    profile: false,
    help: false,
  };
  let sizeGiven = false;
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    const key = eq === -1 ? arg : arg.slice(0, eq);
    const value = eq === -1 ? undefined : arg.slice(eq + 1);
    if (key === '--help' || key === '-h') {
      options.help = true;
    } else if (key === '--no-build' && value === undefined) {
      options.build = false;
    } else if (key === '--profile' && value === undefined) {
      options.profile = true;
    } else if (key === '--size' && value !== undefined) {
      const size = parseSize(value);
      if (size === undefined) throw new BenchArgumentError('bad-size', arg);
      options.size = size;
      options.sizeLabel = sizeLabel(size);
      sizeGiven = true;
    } else if (key === '--scaling') {
      const labels = value === undefined ? [...defaultScalingLabels] : value.split(',');
      const sizes = labels.map((label) => parseSize(label));
      const ascending = sizes.every((size, i) => size !== undefined && (i === 0 || size > sizes[i - 1]!));
      if (sizes.length < 2 || !ascending) throw new BenchArgumentError('bad-scaling', arg);
      options.scaling = sizes as number[];
    } else if (key === '--seed' && value !== undefined) {
      const seed = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed)) throw new BenchArgumentError('bad-seed', arg);
      options.seed = seed;
    } else if (key === '--timeout' && value !== undefined) {
      const minutes = Number(value);
      if (value === '' || !Number.isFinite(minutes) || minutes <= 0) throw new BenchArgumentError('bad-timeout', arg);
      options.timeoutMs = Math.round(minutes * 60_000);
    } else if (key === '--suite' && value !== undefined) {
      const names = value.split(',').map((name) => name.trim());
      if (names.some((name) => !/^[a-z0-9][a-z0-9-]*$/.test(name))) throw new BenchArgumentError('bad-suite', arg);
      for (const name of names) if (!options.suites.includes(name)) options.suites.push(name);
    } else {
      throw new BenchArgumentError('unknown-option', arg);
    }
  }
  // One run of several sizes: a single --size next to it would be ignored, so it is refused.
  if (sizeGiven && options.scaling.length > 0) throw new BenchArgumentError('bad-scaling', '--size');
  return options;
}

/**
 * Suites to run, in order: the `baseline` suite first (its figures are what the others compare
 * against), then the rest alphabetically. Returns the unknown requested names separately.
 */
export function selectSuites(
  available: readonly string[],
  requested: readonly string[],
): { run: string[]; unknown: string[] } {
  const unknown = requested.filter((name) => !available.includes(name));
  const chosen = requested.length === 0 ? [...available] : available.filter((name) => requested.includes(name));
  chosen.sort((a, b) => (a === 'baseline' ? -1 : b === 'baseline' ? 1 : a.localeCompare(b)));
  return { run: chosen, unknown };
}

/** Problem with a figure a suite tried to record, or `undefined` when it is well-formed. */
export function figureProblem(figure: Figure): string | undefined {
  if (typeof figure.name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(figure.name)) return 'bad-name';
  if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) return 'bad-value';
  if (!benchUnits.includes(figure.unit)) return 'bad-unit';
  if (figure.baseline !== undefined && (typeof figure.baseline !== 'string' || figure.baseline === ''))
    return 'bad-baseline';
  if (figure.target !== undefined && (typeof figure.target !== 'number' || !Number.isFinite(figure.target)))
    return 'bad-target';
  return undefined;
}

/** The figure a baseline name refers to, looked up among the figures of the same run. */
export function findBaseline(figures: readonly Figure[], figure: Figure): Figure | undefined {
  if (figure.baseline === undefined) return undefined;
  return figures.find((other) => other.name === figure.baseline && other !== figure);
}

/** Names recorded more than once in a run (their baselines would be ambiguous). */
export function duplicateNames(figures: readonly Figure[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const figure of figures) (seen.has(figure.name) ? duplicates : seen).add(figure.name);
  return [...duplicates];
}

/** Whether a figure meets its target; targets are upper bounds. `undefined` when none is set. */
export function meetsTarget(figure: Figure): boolean | undefined {
  return figure.target === undefined ? undefined : figure.value <= figure.target;
}

/** Human formatting of a value: fewer decimals as numbers grow, counts as integers. */
export function formatValue(value: number, unit: BenchUnit): string {
  if (unit === 'ratio') return value.toFixed(2);
  if (unit === 'count' || unit === 'bytes') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The printed table: name, value, unit, baseline name and value, and a target column if used. */
export function formatTable(figures: readonly Figure[]): string {
  const withTarget = figures.some((figure) => figure.target !== undefined);
  const header = ['figure', 'value', 'unit', 'baseline', 'baseline value'];
  if (withTarget) header.push('target');
  const rows = figures.map((figure) => {
    const base = findBaseline(figures, figure);
    const row = [
      figure.name,
      formatValue(figure.value, figure.unit),
      figure.unit,
      figure.baseline ?? '',
      base ? `${formatValue(base.value, base.unit)} ${base.unit}` : figure.baseline ? 'not in run' : '',
    ];
    if (withTarget) {
      const met = meetsTarget(figure);
      row.push(met === undefined ? '' : `≤ ${formatValue(figure.target ?? 0, figure.unit)} ${met ? '✓' : '✗'}`);
    }
    return row;
  });
  // Numbers are right-aligned so their magnitudes line up; text columns are left-aligned.
  const numeric = new Set([1, 4, 5]);
  return columns(header, rows, (column) => numeric.has(column)).join('\n');
}

/** Header, rule and rows padded to their columns' widths; `numeric` columns right-aligned. */
function columns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: (column: number) => boolean,
): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)];
}

/** Rounds away float noise (1234.5000000001) without losing sub-millisecond detail. */
function roundValue(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The object written to `bench/results/latest.json`; optional keys appear only when declared. */
export function toResults(label: string, date: Date, figures: readonly Figure[]): BenchResults {
  return {
    size: label,
    date: date.toISOString(),
    figures: figures.map((figure) => {
      const out: Figure = { name: figure.name, value: roundValue(figure.value), unit: figure.unit };
      if (figure.baseline !== undefined) out.baseline = figure.baseline;
      if (figure.target !== undefined) out.target = figure.target;
      return out;
    }),
  };
}

/** The figures of one size in a `--scaling` run. */
export interface SizedFigures {
  /** Number of contacts. */
  size: number;
  figures: readonly Figure[];
}

/** Growth exponent above which a figure is flagged between the two largest sizes (1.0 = linear). */
export const superlinearExponent = 1.15;

/**
 * Below this many milliseconds a figure is dominated by timer resolution and scheduling noise:
 * its exponent is printed but not flagged.
 */
export const noiseFloorMs = 2;

/**
 * The growth exponent between two sizes: `log(v2 / v1) / log(n2 / n1)`, so a figure that grows in
 * proportion to the data has 1.0 and one that stays flat 0.0. `undefined` when either value is not
 * positive (an exponent of a zero or negative figure means nothing).
 */
export function growthExponent(n1: number, v1: number, n2: number, v2: number): number | undefined {
  if (!(v1 > 0) || !(v2 > 0) || !(n2 > n1) || !(n1 > 0)) return undefined;
  return Math.log(v2 / v1) / Math.log(n2 / n1);
}

/** One row of the scaling table: a figure's value at each size and its exponent at each step. */
export interface ScalingRow {
  name: string;
  unit: BenchUnit;
  /** Value per size, in the order of the runs; `undefined` where the figure was not recorded. */
  values: (number | undefined)[];
  /** Exponent between each size and the next; `undefined` where it cannot be computed. */
  exponents: (number | undefined)[];
  /** Exponent between the two largest sizes above `superlinearExponent`, outside the noise floor. */
  flagged: boolean;
  /** The two largest sizes' values are below the noise floor: the exponent is not flagged. */
  noisy: boolean;
}

/** Scaling rows for every figure of the largest size, in its order (runs sorted by size). */
export function scalingRows(runs: readonly SizedFigures[]): ScalingRow[] {
  const sorted = [...runs].sort((a, b) => a.size - b.size);
  const last = sorted[sorted.length - 1];
  if (!last || sorted.length < 2) return [];
  return last.figures.map((figure) => {
    const values = sorted.map((run) => run.figures.find((f) => f.name === figure.name)?.value);
    const exponents = sorted.slice(1).map((run, i) => {
      const before = values[i];
      const after = values[i + 1];
      return before === undefined || after === undefined
        ? undefined
        : growthExponent(sorted[i]!.size, before, run.size, after);
    });
    const top = exponents[exponents.length - 1];
    const lastTwo = values.slice(-2);
    const noisy = figure.unit === 'ms' && lastTwo.every((v) => v !== undefined && v < noiseFloorMs);
    return {
      name: figure.name,
      unit: figure.unit,
      values,
      exponents,
      flagged: top !== undefined && top > superlinearExponent && !noisy,
      noisy,
    };
  });
}

/**
 * The `<name>.growth` figures of a scaling run: each figure's exponent between the two largest
 * sizes, with `superlinearExponent` as its target (the JSON keeps its shape: these are figures).
 */
export function growthFigures(runs: readonly SizedFigures[]): Figure[] {
  const figures: Figure[] = [];
  for (const row of scalingRows(runs)) {
    const top = row.exponents[row.exponents.length - 1];
    if (top === undefined) continue;
    const figure: Figure = { name: `${row.name}.growth`, value: top, unit: 'ratio' };
    if (!row.noisy) figure.target = superlinearExponent;
    figures.push(figure);
  }
  return figures;
}

/** The printed scaling table: value per size, exponent per step, and a flag column. */
export function formatScalingTable(runs: readonly SizedFigures[]): string {
  const sorted = [...runs].sort((a, b) => a.size - b.size);
  const labels = sorted.map((run) => sizeLabel(run.size));
  const header = [
    'figure',
    'unit',
    ...labels,
    ...labels.slice(1).map((label, i) => `${labels[i]}→${label}`),
    'growth',
  ];
  const scaled = scalingRows(sorted);
  const rows = scaled.map((row) => [
    row.name,
    row.unit,
    ...row.values.map((v) => (v === undefined ? '–' : formatValue(v, row.unit))),
    ...row.exponents.map((e) => (e === undefined ? '–' : (Math.abs(e) < 0.005 ? 0 : e).toFixed(2))),
    row.flagged ? `superlinear (> ${superlinearExponent})` : row.noisy ? 'below noise floor' : '',
  ]);
  const flagged = scaled.filter((row) => row.flagged).length;
  const summary =
    flagged === 0
      ? `No figure grows faster than n^${superlinearExponent} between the two largest sizes.`
      : `${flagged} figure(s) grow faster than n^${superlinearExponent} between the two largest sizes.`;
  const numeric = (column: number): boolean => column >= 2 && column < header.length - 1;
  return [...columns(header, rows, numeric), '', summary].join('\n');
}

/** The parts of a DevTools `Profiler.Profile` (Chrome DevTools protocol) the summary reads. */
export interface CpuProfile {
  nodes: readonly {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  /** Node id of each sample. */
  samples?: readonly number[];
  /** Microseconds since the previous sample (the first: since the profile started). */
  timeDeltas?: readonly number[];
}

/** One line of a profile summary: a function and the time sampled in it (self time). */
export interface ProfileLine {
  /** `function (file:line)`, or the profiler's own name such as `(garbage collector)`. */
  name: string;
  ms: number;
  /** Share of the phase's sampled time, 0–1. */
  share: number;
}

/** Self time by function (same name, file and line summed), largest first, `(idle)` left out. */
export function summarizeProfile(profile: CpuProfile, top = 12): { totalMs: number; lines: ProfileLine[] } {
  const names = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.slice(url.lastIndexOf('/') + 1).split('?')[0];
    const label = functionName || '(anonymous)';
    names.set(node.id, file ? `${label} (${file}:${lineNumber + 1})` : label);
  }
  const byName = new Map<string, number>();
  let totalUs = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample stands for the time until the next one: the delta recorded with the next sample.
  for (let i = 0; i < samples.length; i++) {
    const name = names.get(samples[i]!) ?? '(unknown)';
    const us = Math.max(0, deltas[i + 1] ?? 0);
    if (name === '(idle)') continue;
    totalUs += us;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  const lines = [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs === 0 ? 0 : us / totalUs }));
  return { totalMs: totalUs / 1000, lines };
}

/** A profile summary as printed and written: one header line, then one line per function. */
export function formatProfileSummary(phase: string, summary: { totalMs: number; lines: readonly ProfileLine[] }): string {
  const head = `${phase}: ${formatValue(summary.totalMs, 'ms')} ms sampled on the main thread (idle left out)`;
  const rows = summary.lines.map(
    (line) => `  ${formatValue(line.ms, 'ms').padStart(8)} ms  ${(line.share * 100).toFixed(1).padStart(5)}%  ${line.name}`,
  );
  return [head, ...rows].join('\n');
}
