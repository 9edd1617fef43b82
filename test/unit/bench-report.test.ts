import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BenchArgumentError,
  defaultSeed,
  defaultTimeoutMs,
  duplicateNames,
  figureProblem,
  findBaseline,
  formatProfileSummary,
  formatScalingTable,
  formatTable,
  formatValue,
  growthExponent,
  growthFigures,
  meetsTarget,
  parseArgs,
  parseSize,
  scalingRows,
  selectSuites,
  sizeLabel,
  summarizeProfile,
  toResults,
  type Figure,
} from '../bench/harness/report';

function argumentError(run: () => unknown): BenchArgumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof BenchArgumentError) return error;
    throw error;
  }
  throw new Error('expected a BenchArgumentError');
}

describe('parseArgs', () => {
  it('defaults to 10k contacts, a fixed seed and every suite', () => {
    expect(parseArgs([])).toEqual({
      sizeLabel: '10k',
      size: 10_000,
      seed: defaultSeed,
      suites: [],
      timeoutMs: defaultTimeoutMs,
      build: true,
      scaling: [],
      profile: false,
      help: false,
    });
  });

  it('reads --scaling with the default sizes or a list, ascending only, never beside --size', () => {
    expect(parseArgs(['--scaling']).scaling).toEqual([1_000, 10_000, 100_000]);
    expect(parseArgs(['--scaling=1k,5k', '--suite=vault']).scaling).toEqual([1_000, 5_000]);
    expect(argumentError(() => parseArgs(['--scaling=10k,1k'])).code).toBe('bad-scaling');
    expect(argumentError(() => parseArgs(['--scaling=1k'])).code).toBe('bad-scaling');
    expect(argumentError(() => parseArgs(['--scaling=1k,big'])).code).toBe('bad-scaling');
    expect(argumentError(() => parseArgs(['--scaling', '--size=1k']))).toMatchObject({
      code: 'bad-scaling',
      argument: '--size',
    });
  });

  it('reads size, suites, seed, timeout and --no-build', () => {
    const options = parseArgs([
      '--size=100k',
      '--suite=vault,search',
      '--suite=vault',
      '--seed=7',
      '--timeout=1.5',
      '--no-build',
    ]);
    expect(options).toMatchObject({
      sizeLabel: '100k',
      size: 100_000,
      suites: ['vault', 'search'],
      seed: 7,
      timeoutMs: 90_000,
      build: false,
    });
  });

  it('normalises the size label', () => {
    expect(parseArgs(['--size=1K']).sizeLabel).toBe('1k');
    expect(parseArgs(['--size=2000']).sizeLabel).toBe('2k');
    expect(parseArgs(['--size=2500'])).toMatchObject({ sizeLabel: '2500', size: 2500 });
  });

  it('rejects what it does not understand, naming the argument', () => {
    expect(argumentError(() => parseArgs(['--size=big']))).toMatchObject({
      code: 'bad-size',
      argument: '--size=big',
    });
    expect(argumentError(() => parseArgs(['--size=0'])).code).toBe('bad-size');
    expect(argumentError(() => parseArgs(['--size'])).code).toBe('unknown-option');
    expect(argumentError(() => parseArgs(['--seed=-1'])).code).toBe('bad-seed');
    expect(argumentError(() => parseArgs(['--timeout=0'])).code).toBe('bad-timeout');
    expect(argumentError(() => parseArgs(['--suite=../etc'])).code).toBe('bad-suite');
    expect(argumentError(() => parseArgs(['--suite='])).code).toBe('bad-suite');
    expect(argumentError(() => parseArgs(['--sizes=1k'])).code).toBe('unknown-option');
    expect(argumentError(() => parseArgs(['--no-build=yes'])).code).toBe('unknown-option');
  });

  it('round-trips any size through its label', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (count) => {
        expect(parseSize(sizeLabel(count))).toBe(count);
      }),
    );
  });
});

describe('selectSuites', () => {
  const available = ['search', 'baseline', 'vault'];

  it('runs the baseline first, then the others alphabetically', () => {
    expect(selectSuites(available, [])).toEqual({ run: ['baseline', 'search', 'vault'], unknown: [] });
    expect(selectSuites(available, ['vault', 'baseline'])).toEqual({
      run: ['baseline', 'vault'],
      unknown: [],
    });
  });

  it('reports names that match no suite file', () => {
    expect(selectSuites(available, ['vault', 'sync'])).toEqual({ run: ['vault'], unknown: ['sync'] });
  });
});

describe('figures', () => {
  const rows: Figure = { name: 'raw.idb_read_ms', value: 800, unit: 'ms' };
  const open: Figure = {
    name: 'vault.cold_open_ms',
    value: 1234.4,
    unit: 'ms',
    baseline: 'raw.idb_read_ms',
    target: 1500,
  };
  const missing: Figure = {
    name: 'search.build_ms',
    value: 312,
    unit: 'ms',
    baseline: 'minisearch.build_ms',
  };

  it('finds a baseline among the figures of the same run only', () => {
    expect(findBaseline([rows, open], open)).toBe(rows);
    expect(findBaseline([rows, open, missing], missing)).toBeUndefined();
    expect(findBaseline([rows], rows)).toBeUndefined();
  });

  it('treats targets as upper bounds', () => {
    expect(meetsTarget(open)).toBe(true);
    expect(meetsTarget({ ...open, value: 1500 })).toBe(true);
    expect(meetsTarget({ ...open, value: 1500.1 })).toBe(false);
    expect(meetsTarget(rows)).toBeUndefined();
  });

  it('flags malformed figures', () => {
    expect(figureProblem(open)).toBeUndefined();
    expect(figureProblem({ ...rows, value: Number.NaN })).toBe('bad-value');
    expect(figureProblem({ ...rows, value: Number.POSITIVE_INFINITY })).toBe('bad-value');
    expect(figureProblem({ ...rows, name: 'has space' })).toBe('bad-name');
    expect(figureProblem({ ...rows, unit: 's' as Figure['unit'] })).toBe('bad-unit');
    expect(figureProblem({ ...rows, name: 'sync.edit_wire_bytes', unit: 'bytes' })).toBeUndefined();
    expect(figureProblem({ ...rows, baseline: '' })).toBe('bad-baseline');
    expect(figureProblem({ ...rows, target: Number.NaN })).toBe('bad-target');
  });

  it('lists names recorded twice', () => {
    expect(duplicateNames([rows, open, { ...rows, value: 1 }])).toEqual(['raw.idb_read_ms']);
    expect(duplicateNames([rows, open])).toEqual([]);
  });
});

describe('formatTable', () => {
  it('prints each figure beside its baseline value, and the target column only when used', () => {
    const table = formatTable([
      { name: 'raw.idb_read_ms', value: 812.6, unit: 'ms' },
      { name: 'vault.cold_open_ms', value: 1234.4, unit: 'ms', baseline: 'raw.idb_read_ms', target: 1000 },
      { name: 'search.heap_mb', value: 21.98, unit: 'mb', baseline: 'raw.records_heap_mb', target: 40 },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^figure\s+value\s+unit\s+baseline\s+baseline value\s+target$/);
    expect(lines[1]).toMatch(/^─+( +─+)+$/);
    expect(lines[2]).toMatch(/^raw\.idb_read_ms\s+813\s+ms$/);
    expect(lines[3]).toMatch(/^vault\.cold_open_ms\s+1234\s+ms\s+raw\.idb_read_ms\s+813 ms\s+≤ 1000 ✗$/);
    expect(lines[4]).toMatch(
      /^search\.heap_mb\s+22\.0\s+mb\s+raw\.records_heap_mb\s+not in run\s+≤ 40\.0 ✓$/,
    );
    // Columns line up: every value ends at the same position.
    const valueEnd = (line: string) => /^\S+\s+\S+/.exec(line)?.[0].length;
    expect(new Set(lines.slice(2).map(valueEnd)).size).toBe(1);
  });

  it('has no target column when no figure declares one', () => {
    const table = formatTable([{ name: 'json.parse_ms', value: 3, unit: 'ms' }]);
    expect(table).not.toContain('target');
    expect(table.split('\n')).toHaveLength(3);
  });

  it('formats values with fewer decimals as they grow', () => {
    expect(formatValue(3.14159, 'ms')).toBe('3.14');
    expect(formatValue(31.4159, 'mb')).toBe('31.4');
    expect(formatValue(314.159, 'ms')).toBe('314');
    expect(formatValue(42, 'count')).toBe('42');
    // Bytes are counted like counts: whole numbers as they are, averages with one decimal.
    expect(formatValue(570, 'bytes')).toBe('570');
    expect(formatValue(8.04, 'bytes')).toBe('8.0');
  });
});

describe('toResults', () => {
  it('has exactly the documented shape, with optional keys only when declared', () => {
    const date = new Date('2026-03-01T12:00:00.000Z');
    const results = toResults('100k', date, [
      { name: 'raw.idb_read_ms', value: 812.123456, unit: 'ms' },
      { name: 'vault.cold_open_ms', value: 1234, unit: 'ms', baseline: 'raw.idb_read_ms' },
      { name: 'search.p95_ms', value: 12.5, unit: 'ms', baseline: 'raw.idb_read_ms', target: 50 },
    ]);
    expect(JSON.parse(JSON.stringify(results))).toEqual({
      size: '100k',
      date: '2026-03-01T12:00:00.000Z',
      figures: [
        { name: 'raw.idb_read_ms', value: 812.123, unit: 'ms' },
        { name: 'vault.cold_open_ms', value: 1234, unit: 'ms', baseline: 'raw.idb_read_ms' },
        { name: 'search.p95_ms', value: 12.5, unit: 'ms', baseline: 'raw.idb_read_ms', target: 50 },
      ],
    });
    expect(Object.keys(results)).toEqual(['size', 'date', 'figures']);
    expect(Object.keys(results.figures[0] ?? {})).toEqual(['name', 'value', 'unit']);
  });
});

describe('scaling', () => {
  const run = (size: number, values: Record<string, number>): { size: number; figures: Figure[] } => ({
    size,
    figures: Object.entries(values).map(([name, value]) => ({ name, value, unit: 'ms' as const })),
  });

  it('computes the growth exponent: 1 for linear, 2 for quadratic, 0 for flat', () => {
    expect(growthExponent(1_000, 5, 10_000, 50)).toBeCloseTo(1, 10);
    expect(growthExponent(10_000, 3, 100_000, 300)).toBeCloseTo(2, 10);
    expect(growthExponent(1_000, 7, 100_000, 7)).toBe(0);
    expect(growthExponent(1_000, 0, 10_000, 5)).toBeUndefined();
    expect(growthExponent(10_000, 5, 1_000, 50)).toBeUndefined();
  });

  it('flags a figure growing faster than n^1.15 between the two largest sizes, not noise or earlier steps', () => {
    const runs = [
      run(1_000, { 'a.linear_ms': 10, 'b.quadratic_ms': 10, 'c.early_ms': 1, 'd.tiny_ms': 0.01 }),
      run(10_000, { 'a.linear_ms': 100, 'b.quadratic_ms': 100, 'c.early_ms': 100, 'd.tiny_ms': 0.1 }),
      run(100_000, { 'a.linear_ms': 1000, 'b.quadratic_ms': 10_000, 'c.early_ms': 1000, 'd.tiny_ms': 1.5 }),
    ];
    const rows = scalingRows(runs);
    expect(rows.map((r) => [r.name, r.flagged, r.noisy])).toEqual([
      ['a.linear_ms', false, false],
      ['b.quadratic_ms', true, false],
      ['c.early_ms', false, false],
      ['d.tiny_ms', false, true],
    ]);
    expect(rows[2]!.exponents[0]).toBeCloseTo(2, 10);
    const table = formatScalingTable(runs);
    expect(table.split('\n')[0]).toMatch(/^figure\s+unit\s+1k\s+10k\s+100k\s+1k→10k\s+10k→100k\s+growth$/);
    expect(table).toMatch(/b\.quadratic_ms .*2\.00\s+superlinear/);
    expect(table).toMatch(/d\.tiny_ms .*below noise floor/);
    expect(table).toContain('1 figure(s) grow faster');
  });

  it('adds <name>.growth figures with the exponent between the two largest sizes as a target', () => {
    const runs = [
      run(10_000, { 'a.x_ms': 10, 'b.y_ms': 0.5 }),
      run(100_000, { 'a.x_ms': 200, 'b.y_ms': 0.6, 'c.new_ms': 4 }),
    ];
    const growth = growthFigures(runs);
    expect(growth).toHaveLength(2);
    expect(growth[0]).toMatchObject({ name: 'a.x_ms.growth', unit: 'ratio', target: 1.15 });
    expect(growth[0]!.value).toBeCloseTo(Math.log10(20), 10);
    expect(growth[1]).toEqual({ name: 'b.y_ms.growth', value: growth[1]!.value, unit: 'ratio' });
    expect(growth.every((f) => figureProblem(f) === undefined)).toBe(true);
    expect(formatValue(1.234, 'ratio')).toBe('1.23');
  });
});

describe('profile summary', () => {
  const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('parseRecords', 'http://127.0.0.1:1/assets/vault-x.js?v=1', 41) },
      { id: 4, callFrame: frame('(garbage collector)') },
      { id: 5, callFrame: frame('parseRecords', 'http://127.0.0.1:1/assets/vault-x.js', 41) },
      { id: 6, callFrame: frame('', 'http://127.0.0.1:1/assets/other.js', 9) },
    ],
    // Each sample stands for the delta that comes with the next one (µs).
    samples: [3, 2, 4, 5, 6, 3],
    timeDeltas: [0, 2000, 9000, 1000, 3000, 500],
  };

  it('sums self time per function and file line, largest first, idle left out', () => {
    const summary = summarizeProfile(profile);
    expect(summary.totalMs).toBeCloseTo(2 + 1 + 3 + 0.5, 10);
    expect(summary.lines.map((l) => [l.name, l.ms])).toEqual([
      ['parseRecords (vault-x.js:42)', 5],
      ['(garbage collector)', 1],
      ['(anonymous) (other.js:10)', 0.5],
    ]);
    expect(summary.lines[0]!.share).toBeCloseTo(5 / 6.5, 10);
    expect(summarizeProfile(profile, 1).lines).toHaveLength(1);
  });

  it('prints the phase with its sampled time and one line per function', () => {
    const text = formatProfileSummary('vault · cold open', summarizeProfile(profile));
    const lines = text.split('\n');
    expect(lines[0]).toBe('vault · cold open: 6.50 ms sampled on the main thread (idle left out)');
    expect(lines[1]).toMatch(/^\s+5\.00 ms\s+76\.9%\s+parseRecords \(vault-x\.js:42\)$/);
    expect(lines).toHaveLength(4);
  });

  it('is read by --profile', () => {
    expect(parseArgs(['--profile', '--suite=vault']).profile).toBe(true);
  });
});
