// `npm run bench -- [--size=1k|10k|100k] [--suite=a,b] [--seed=n] [--timeout=min] [--no-build]
//                   [--scaling[=1k,10k,100k]]`
// Builds the benchmark page (test/bench/) with Vite, serves it on 127.0.0.1, runs each suite in
// Debian's Chromium through playwright-core, prints the figures beside their baselines and writes
// bench/results/latest.json. Exits 1 if a suite threw; missed targets do not fail the run.
import { spawn } from 'node:child_process';
import { existsSync, accessSync, constants as fsConstants } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, runnerImport } from 'vite';
import { createBenchRelay } from './bench-relay.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const benchRoot = join(root, 'test', 'bench');
const outDir = join(root, 'dist', 'bench');
const resultsFile = join(root, 'bench', 'results', 'latest.json');

// The pure parts live in TypeScript shared with the unit tests; Vite's module runner loads them.
const { module: report } = await runnerImport(join(benchRoot, 'harness', 'report.ts'), {
  configFile: false,
  logLevel: 'warn',
});

const startedAt = performance.now();
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

let options;
try {
  options = report.parseArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof report.BenchArgumentError)) throw error;
  process.stderr.write(`bench: ${error.code} (${error.argument})\n${report.usage}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${report.usage}\n`);
  process.exit(0);
}

/** CHROMIUM_PATH when set (and then only it), else Debian's package; never a download. */
function findChromium() {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(candidate, fsConstants.X_OK);
    return candidate;
  } catch {
    process.stderr.write(
      `bench: no Chromium executable at ${candidate}. ` +
        'Install Debian\'s "chromium" package or set CHROMIUM_PATH to a Chromium executable.\n',
    );
    process.exit(2);
  }
}
const executablePath = findChromium();
const { chromium } = await import('playwright-core');

// A profile names functions: `--profile` always builds, unminified; the next run without it
// rebuilds minified unless told `--no-build`.
if (options.build || options.profile || !existsSync(join(outDir, 'index.html'))) {
  log('building the benchmark page');
  const buildStart = performance.now();
  await build({
    configFile: false,
    root: benchRoot,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      // Unminified for a profile, so that it names functions (V8 runs both alike).
      ...(options.profile ? { minify: false } : {}),
    },
    worker: { format: 'es' },
  });
  log(`built in ${seconds(performance.now() - buildStart)}`);
}

// `--scaling`: the same suites at each size in turn, each size in a run of its own (a fresh
// process, as a user would start it), then one table of growth exponents across the sizes.
if (options.scaling.length > 0) process.exit(await runScaling(options));

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

// The built page is read into memory once: a later build of dist/bench/ (another run in the same
// checkout) cannot change or delete files under a suite that is still loading its chunks.
const files = new Map();
for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  files.set(`/${relative(outDir, file).split(sep).join('/')}`, await readFile(file));
}

/** Static files of the built page only; one origin, so IndexedDB and workers behave as in the app. */
const server = createServer((req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    path = '';
  }
  const body = files.get(path.endsWith('/') ? `${path}index.html` : path);
  if (body === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': mimeTypes[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/index.html`;

// A fresh browser and profile for every suite: the storage one suite leaves behind, and the
// browser's background clean-up of it, must not slow down the next one (it cost the vault figures
// 10-20% when they ran after the transfer suite in the same profile).
let userDataDir;
let context;
/** With `--profile`: the running suite's sampling profiler (see `startProfiler`). */
let profiler;
let cleaned = false;
/**
 * CPU time (user + system, ms) of every Chromium process on this machine, read from `/proc`
 * (Linux); null elsewhere. The bench's browser is the only Chromium a bench machine runs.
 */
async function browserCpuMs() {
  let entries;
  try {
    entries = await readdir('/proc');
  } catch {
    return null;
  }
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const pid of entries.filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!/chrom/i.test(name)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks / ticksPerMs;
}

// The `sync` suite's loopback relay and baseline server, started when its page asks.
const benchRelay = createBenchRelay(root);

async function closeBrowser() {
  await context?.close().catch(() => undefined);
  context = undefined;
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  userDataDir = undefined;
}
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await closeBrowser();
  await benchRelay.close();
  server.close();
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`interrupted (${signal})`);
    void cleanup().finally(() => process.exit(130));
  });
}

const figures = [];
const failures = [];
let exitCode = 0;
try {
  let suiteStart = performance.now();
  const openPage = async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => log(`  page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        log(`  console ${message.type()}: ${message.text()}`);
    });
    return page;
  };
  const launch = async () => {
    await closeBrowser();
    userDataDir = await mkdtemp(join(tmpdir(), 'scrigno-bench-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-precise-memory-info',
        '--js-flags=--expose-gc',
      ],
    });
    await context.exposeFunction('benchProgress', (suite, message) => {
      log(`  ${suite}: ${message} (+${seconds(performance.now() - suiteStart)})`);
      if (profiler) profiler.next(message);
    });
    await context.exposeFunction('benchCpuMs', browserCpuMs);
    await context.exposeFunction('benchRelay', (op) => benchRelay.handle(op));
    for (const stale of context.pages()) await stale.close();
    const page = await openPage();
    await page.goto(url);
    return page;
  };
  let page = await launch();
  const available = await page.evaluate(() => globalThis.scrignoBench.list());
  const { run, unknown } = report.selectSuites(available, options.suites);
  if (unknown.length > 0) {
    throw new Error(`unknown suite(s): ${unknown.join(', ')}; available: ${available.join(', ') || 'none'}`);
  }
  log(
    `size ${options.sizeLabel} (${options.size} contacts), seed ${options.seed}, suites: ${run.join(', ')}`,
  );

  for (const name of run) {
    suiteStart = performance.now();
    log(`▶ ${name} started`);
    let timer;
    try {
      page = await launch();
      if (options.profile) profiler = await startProfiler(page, name);
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${seconds(options.timeoutMs)}`)),
          options.timeoutMs,
        );
      });
      const outcome = await Promise.race([
        page.evaluate(({ name, size, seed }) => globalThis.scrignoBench.run(name, size, seed), {
          name,
          size: options.size,
          seed: options.seed,
        }),
        timeout,
      ]);
      figures.push(...outcome.figures);
      if (outcome.error !== undefined)
        throw Object.assign(new Error('suite threw'), { detail: outcome.error });
      log(
        `✓ ${name} finished in ${seconds(performance.now() - suiteStart)} (${plural(outcome.figures.length, 'figure')})`,
      );
    } catch (error) {
      const detail = error.detail ?? error.message;
      failures.push({ name, detail });
      log(
        `✗ ${name} FAILED after ${seconds(performance.now() - suiteStart)}:\n${detail.replace(/^/gm, '    ')}`,
      );
      // The page may be crashed or still busy: the next suite gets a new browser anyway.
    } finally {
      clearTimeout(timer);
      if (profiler) await profiler.finish().catch((error) => log(`  profile not written: ${error.message}`));
      profiler = undefined;
    }
  }

  // Host side of a backup, measured here in Node (the page cannot write files): the same number
  // of bytes through the host's verified write, beside a plain file write.
  const backupMb = figures.find((f) => f.name === 'backup.file_mb');
  if (backupMb) figures.push(...(await hostWriteFigures(backupMb.value, figures)));

  for (const name of report.duplicateNames(figures))
    log(`warning: figure ${name} was recorded by more than one suite`);
  if (figures.length > 0) process.stdout.write(`\n${report.formatTable(figures)}\n\n`);
  const results = report.toResults(options.sizeLabel, new Date(), figures);
  await mkdir(join(root, 'bench', 'results'), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  log(
    `wrote ${resultsFile.slice(root.length)} (${plural(figures.length, 'figure')}) in ${seconds(performance.now() - startedAt)}`,
  );
  if (failures.length > 0) {
    log(`${failures.length} suite(s) failed: ${failures.map((failure) => failure.name).join(', ')}`);
    exitCode = 1;
  }
} catch (error) {
  log(`error: ${error.message}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);

/** `fs.raw_write_ms`, `backup.host_write_ms` and `backup.write_total_ms` for a backup of `mb` MiB. */
async function hostWriteFigures(mb, known) {
  const { randomBytes, createHash } = await import('node:crypto');
  const { module: store } = await runnerImport(join(root, 'electron', 'main', 'backup', 'backup-store.ts'), {
    configFile: false,
    logLevel: 'warn',
  });
  const { module: files } = await runnerImport(join(root, 'electron', 'main', 'backup', 'file-system.ts'), {
    configFile: false,
    logLevel: 'warn',
  });
  const dir = await mkdtemp(join(tmpdir(), 'scrigno-bench-fs-'));
  try {
    const data = randomBytes(Math.round(mb * 1024 * 1024));
    let start = performance.now();
    await writeFile(join(dir, 'plain.bin'), data);
    const raw = performance.now() - start;
    const sha = createHash('sha256').update(data).digest('hex');
    start = performance.now();
    await store.writeVerifiedFile(files.nodeFileSystem, {
      folder: dir,
      name: 'verified.bin',
      data: new Uint8Array(data),
      expectedSha256: sha,
      mode: 'create',
      check: async () => undefined,
    });
    const host = performance.now() - start;
    const encode = known.find((f) => f.name === 'backup.write_ms')?.value ?? 0;
    return [
      { name: 'fs.raw_write_ms', value: raw, unit: 'ms' },
      { name: 'backup.host_write_ms', value: host, unit: 'ms', baseline: 'fs.raw_write_ms' },
      {
        name: 'backup.write_total_ms',
        value: encode + host,
        unit: 'ms',
        baseline: 'fs.raw_write_ms',
        target: 3000,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs this script once per size of `--scaling` (reusing the build made above), keeps each size's
 * results as `bench/results/scaling-<size>.json`, prints the scaling table and writes
 * `latest.json`: the largest size's figures followed by their `<name>.growth` exponents.
 */
async function runScaling(opts) {
  const script = fileURLToPath(import.meta.url);
  const passOn = process.argv.slice(2).filter((arg) => !arg.startsWith('--scaling') && arg !== '--no-build');
  const runs = [];
  let code = 0;
  for (const size of opts.scaling) {
    const label = report.sizeLabel(size);
    log(`scaling: size ${label}`);
    const status = await new Promise((resolve) => {
      const child = spawn(process.execPath, [script, `--size=${label}`, '--no-build', ...passOn], {
        stdio: 'inherit',
      });
      child.on('exit', (exit, signal) => resolve(signal ? 130 : (exit ?? 1)));
    });
    if (status === 130) return 130;
    if (status !== 0) code = 1;
    const results = JSON.parse(await readFile(resultsFile, 'utf8'));
    await writeFile(
      join(root, 'bench', 'results', `scaling-${label}.json`),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    runs.push({ size, figures: results.figures });
  }
  process.stdout.write(
    `\nScaling (growth exponent between sizes; 1.00 = linear)\n\n${report.formatScalingTable(runs)}\n\n`,
  );
  const largest = runs[runs.length - 1];
  const combined = report.toResults(
    opts.scaling.map((size) => report.sizeLabel(size)).join(','),
    new Date(),
    [...largest.figures, ...report.growthFigures(runs)],
  );
  await writeFile(resultsFile, `${JSON.stringify(combined, null, 2)}\n`);
  log(`wrote ${resultsFile.slice(root.length)} with the growth exponents`);
  return code;
}

/**
 * `--profile`: the Chrome DevTools protocol's sampling profiler on the page's main thread, one
 * profile per phase of the suite (a phase starts at each progress line). Each phase's profile is
 * written as `bench/results/profile-<suite>-<n>.cpuprofile` (open it in DevTools' Performance
 * panel), and its summary (self time by function) is printed and appended to
 * `bench/results/profile-<suite>.txt`. Workers are not sampled: their time shows as waiting.
 */
async function startProfiler(page, suite) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
  const dir = join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const textFile = join(dir, `profile-${suite}.txt`);
  await writeFile(textFile, '');
  let phase = 'start';
  let index = 0;
  let queue = Promise.resolve();
  const cut = async (nextPhase) => {
    const { profile } = await session.send('Profiler.stop');
    index += 1;
    const file = join(dir, `profile-${suite}-${String(index).padStart(2, '0')}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    const text = report.formatProfileSummary(`${suite} · ${phase}`, report.summarizeProfile(profile));
    log(text);
    await writeFile(textFile, `${text}\n\n`, { flag: 'a' });
    phase = nextPhase;
    if (nextPhase !== undefined) await session.send('Profiler.start');
  };
  return {
    next(message) {
      queue = queue.then(() => cut(message)).catch((error) => log(`  profile phase lost: ${error.message}`));
    },
    async finish() {
      await queue;
      await cut(undefined);
      await session.detach();
    },
  };
}
