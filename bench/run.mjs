#!/usr/bin/env node
// newsdump performance benchmark (issue 6): the real language server over stdio, driven as
// an editor drives it, and the CLI over a folder, set against two yardsticks measured in the
// same run: the floor (read + split + one regex per line) and AutoCorrect's lint.
//
//   npm run bench                          full run (11 MB and 50 MB dumps, 1 000 files; < ~10 min)
//   npm run bench -- --quick               small run for development (1 MB, 5 MB, 100 files; ~2 min)
//   npm run bench -- --compare OLD.json    run, then print each figure against an earlier result
//   npm run bench -- --compare OLD.json --results NEW.json    compare two results, no run
//   npm run bench -- --build               run `tsc -b` and build-dict first (otherwise server/out is used as it is)
//
// Data goes to bench/.data/ (git-ignored, rebuilt when the fixtures or the plan change);
// results to bench/results/<ISO date>-<git short sha>[-quick].json (git-ignored).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeText, permuteDigits, prepareData, prng } from './lib/corpus.mjs';
import { LspSession } from './lib/lsp.mjs';
import { formatMB, formatMs, formatRatio, summarize, table } from './lib/stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'server', 'out', 'src', 'cli.js');
const SERVER_JS = join(ROOT, 'server', 'out', 'src', 'server.js');
const AUTOCORRECT_LINT = join(ROOT, 'bench', 'lib', 'autocorrect-lint.cjs');
const DATA_DIR = join(ROOT, 'bench', '.data');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const FLOOR_REGEX = /^(?:本报讯|【)/;
/**
 * AutoCorrect is not a dependency of the project (its 2.14 macOS package is missing from the
 * registry, so a lock holding it cannot be installed everywhere): the benchmark installs this
 * version into bench/.data/tools on first use, with npm, and measures the floor alone if it cannot.
 */
const AUTOCORRECT_VERSION = '2.14.0';
const TOOLS_DIR = join(DATA_DIR, 'tools');

// ---------------------------------------------------------------------------------------------
// Plans: sizes, repetitions (min, max, time budget per figure) and timeouts.

/** `min` repetitions always (unless one times out), then more until `max` or until `budgetS` is spent. */
const reps = (min, max, budgetS) => ({ min, max, budgetS });

const PLANS = {
  full: {
    name: 'full',
    editorMB: 11,
    largeMB: 50,
    folderFiles: 1000,
    softBudgetS: 540,
    /** The large dump's open waits at most until this point of the run (and at least 60 s). */
    largeUntilS: 585,
    hardLimitS: 900,
    floor: { editor: 7, small: 21, large: 3, folder: 3 },
    autocorrect: { editor: 3, small: 3, large: 1, folder: 1 },
    small: { open: reps(5, 8, 10), keystroke: reps(10, 20, 10), hover: reps(20, 100, 3), symbols: reps(10, 50, 3), tokens: reps(10, 50, 3), editedSymbols: reps(3, 8, 3) },
    editor: { open: reps(3, 4, 50), keystroke: reps(3, 10, 40), hover: reps(5, 50, 10), symbols: reps(3, 20, 10), tokens: reps(3, 20, 10), editedSymbols: reps(3, 8, 15) },
    cli: { startup: reps(3, 5, 8), one: reps(1, 3, 25), all: reps(1, 3, 15) },
    timeouts: { firstPublishS: 240, suggestionsS: 150, requestS: 120, keystrokeS: 240, cliS: 300, autocorrectS: 180 },
  },
  quick: {
    name: 'quick',
    editorMB: 1,
    largeMB: 5,
    folderFiles: 100,
    softBudgetS: 150,
    largeUntilS: 200,
    hardLimitS: 360,
    floor: { editor: 5, small: 11, large: 3, folder: 3 },
    autocorrect: { editor: 1, small: 1, large: 1, folder: 1 },
    small: { open: reps(3, 5, 8), keystroke: reps(5, 10, 8), hover: reps(10, 50, 2), symbols: reps(5, 20, 2), tokens: reps(5, 20, 2), editedSymbols: reps(2, 5, 2) },
    editor: { open: reps(2, 3, 25), keystroke: reps(3, 10, 15), hover: reps(5, 30, 4), symbols: reps(3, 10, 5), tokens: reps(3, 10, 5), editedSymbols: reps(2, 5, 5) },
    cli: { startup: reps(1, 3, 4), one: reps(1, 1, 1), all: reps(1, 1, 1) },
    timeouts: { firstPublishS: 60, suggestionsS: 60, requestS: 60, keystrokeS: 60, cliS: 120, autocorrectS: 60 },
  },
};

/** The quiet time after which a document's publishes are taken as settled (the server sends no "done"). */
/**
 * What the extension's VS Code client tells the server at initialize (client/src/languageClient.ts):
 * VS Code shows at most 1 000 diagnostics of a file, so a bigger publish is the window around the user;
 * and the settings as the editor starts (none of ours set, as the configuration answers say too).
 */
const VSCODE_CLIENT_OPTIONS = { maxDiagnosticsPerDocument: 1000, settings: { suggestions: {} } };
const SUGGESTIONS_QUIET_MS = 3000;
const KEYSTROKE_QUIET_MS = 600;

// ---------------------------------------------------------------------------------------------
// Arguments.

function parseArgs(argv) {
  const options = { quick: false, compare: undefined, results: undefined, build: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--build') options.build = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--compare' || arg === '--results') {
      const value = argv[++i];
      if (!value) throw new UsageError(`${arg} needs a file`);
      options[arg.slice(2)] = resolve(value);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  if (options.results && !options.compare) throw new UsageError('--results is only used with --compare');
  return options;
}

class UsageError extends Error {}

const HELP = `Usage: npm run bench -- [--quick] [--build] [--compare OLD.json [--results NEW.json]]
  --quick      smaller dumps and fewer repetitions (about 2 minutes), for development
  --build      run tsc -b and scripts/build-dict.mjs first; otherwise server/out is measured as it is
  --compare    after the run, print every figure against an earlier result file
  --results    with --compare: compare this result file instead of running`;

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: every child is killed when the run ends, however it ends.

const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
}
function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

const runStarted = performance.now();
const runStartedAt = new Date();
const elapsedS = () => (performance.now() - runStarted) / 1000;
const log = (line) => console.log(`[${elapsedS().toFixed(0).padStart(4)} s] ${line}`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Runs a command; resolves with its wall time, exit code, output (or its tail) and size; kills it after `timeoutS`. */
function timedProcess(command, args, { cwd = ROOT, timeoutS }) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    // The whole output when it is small (a JSON answer), else only its last 8 000 characters (summaries).
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdoutBytes += chunk.length;
      stdout += chunk.toString();
      if (stdout.length > 100_000) stdout = stdout.slice(-8000);
    });
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`timed out after ${timeoutS} s: ${command} ${args.slice(0, 4).join(' ')}…`));
    }, timeoutS * 1000);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ ms: performance.now() - started, code, signal, stdout, stdoutBytes, stderr });
    });
  });
}

/** Repeats `once` (which returns a sample in ms, or null to skip it) under a repetition plan. */
async function repeat(plan, once) {
  const samples = [];
  const started = performance.now();
  let error;
  for (let i = 0; i < plan.max; i++) {
    if (i >= plan.min && (performance.now() - started) / 1000 >= plan.budgetS) break;
    try {
      const sample = await once(i);
      if (sample !== null && sample !== undefined) samples.push(sample);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
      break;
    }
  }
  return { samples, error };
}

/**
 * Collects this process's own garbage before a timed open or keystroke, which starts from a
 * quiet server anyway. Reading publishes and semantic tokens with an 11 MB dump in memory, its
 * scavenges took 10–35 ms and landed inside those figures (a PerformanceObserver on gc showed
 * them); a figure is the server's and the transport's, not the bench's collector. Needs
 * node --expose-gc, which `npm run bench` passes; without it nothing is collected (see benchGc).
 */
function collectOwnGarbage() {
  globalThis.gc?.();
}

// ---------------------------------------------------------------------------------------------
// Results: named figures with their samples, the data they were measured on, and notes.

const metrics = {};
const notes = [];
const skipped = [];

function record(key, { label, group, data, unit = 'ms', samples, error, note }) {
  const summary = summarize(samples ?? []);
  metrics[key] = { label, group, data, unit, ...summary, samples: (samples ?? []).map((value) => Math.round(value * 100) / 100), ...(error ? { error } : {}), ...(note ? { note } : {}) };
  const shown = unit === 'MB' ? formatMB(summary.median) : `${formatMs(summary.median)} (p95 ${formatMs(summary.p95)}, n=${summary.n})`;
  log(`${label}: ${shown}${error ? `  [${error.split('\n')[0]}]` : ''}`);
}

function recordNA(key, { label, group, data, unit = 'ms', note }) {
  metrics[key] = { label, group, data, unit, n: 0, median: null, p95: null, min: null, max: null, samples: [], note };
  log(`${label}: n/a (${note})`);
}

// ---------------------------------------------------------------------------------------------
// Yardsticks.

function floorOnce(paths) {
  const started = performance.now();
  let hits = 0;
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    for (const line of text.split('\n')) if (FLOOR_REGEX.test(line)) hits++;
  }
  const ms = performance.now() - started;
  if (hits < 0) throw new Error('unreachable');
  return ms;
}

function measureFloor(name, paths, runs) {
  floorOnce(paths); // warm-up: page cache and JIT
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(floorOnce(paths));
  record(`floor.${name}`, { label: `floor: readFileSync + split + 1 regex/line`, group: 'scale', data: name, samples });
}

/** The pinned autocorrect-node under bench/.data/tools, installed there when missing; or why it is not there. */
async function findAutocorrect() {
  const locate = () => {
    try {
      // Only this folder's copy (a require() from here would also find one left in the project's node_modules).
      const dir = join(TOOLS_DIR, 'node_modules', 'autocorrect-node');
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return version === AUTOCORRECT_VERSION ? { dir, version } : undefined;
    } catch {
      return undefined;
    }
  };
  let found = locate();
  if (!found) {
    log(`installing autocorrect-node@${AUTOCORRECT_VERSION} into ${relative(ROOT, TOOLS_DIR)} (once)…`);
    mkdirSync(TOOLS_DIR, { recursive: true });
    writeFileSync(join(TOOLS_DIR, 'package.json'), `${JSON.stringify({ name: 'newsdump-bench-tools', private: true }, null, 2)}\n`);
    // Under `npm run`, npm_execpath is the npm that runs us; else the one on PATH.
    const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
    try {
      const run = await timedProcess(npm[0], [...npm.slice(1), 'install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `autocorrect-node@${AUTOCORRECT_VERSION}`], { cwd: TOOLS_DIR, timeoutS: 180 });
      if (run.code !== 0) return { problem: `npm install autocorrect-node@${AUTOCORRECT_VERSION} failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}` };
    } catch (error) {
      return { problem: `npm install autocorrect-node@${AUTOCORRECT_VERSION} failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    found = locate();
    if (!found) return { problem: `autocorrect-node@${AUTOCORRECT_VERSION} is not in ${relative(ROOT, TOOLS_DIR)} after npm install` };
  }
  // Its native binary comes in a platform package; check that it loads here.
  const check = await timedProcess(process.execPath, ['-e', `require(${JSON.stringify(found.dir)}).format('测试test')`], { timeoutS: 30 }).catch((error) => ({ code: 1, stderr: String(error) }));
  if (check.code !== 0) return { problem: `autocorrect-node does not load on this platform: ${check.stderr.trim().split('\n').slice(-2).join(' ')}` };
  return found;
}

let autocorrect = { problem: 'not looked for yet' };

async function autocorrectLint(path, timeoutS) {
  const run = await timedProcess(process.execPath, [AUTOCORRECT_LINT, path, autocorrect.dir], { timeoutS });
  const result = JSON.parse(run.stdout || '{}');
  if (result.ms === null || result.ms === undefined) throw new Error(result.error || run.stderr || 'no result');
  if (result.error) throw new Error(`AutoCorrect: ${result.error}`);
  return result;
}

async function measureAutocorrect(name, path, runs, timeoutS) {
  if (!autocorrect.dir) {
    recordNA(`autocorrect.${name}`, { label: 'AutoCorrect lintFor', group: 'scale', data: name, note: autocorrect.problem });
    return;
  }
  let problems;
  const { samples, error } = await repeat({ min: runs, max: runs, budgetS: 0 }, async () => {
    const result = await autocorrectLint(path, timeoutS);
    problems = result.problems;
    return result.ms;
  });
  record(`autocorrect.${name}`, {
    label: 'AutoCorrect lintFor (fresh process each)',
    group: 'scale',
    data: name,
    samples,
    error,
    note: problems !== undefined ? `${problems} lint lines` : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// The editor: one server process per dump, driven like VS Code.

/** Where to hover and type: the title of an article in the middle, and the middle of its longest body line. */
function pickPositions(lines, symbols) {
  const middle = symbols?.length ? symbols[Math.floor(symbols.length / 2)] : undefined;
  let first = Math.floor(lines.length / 2);
  let last = Math.min(lines.length - 1, first + 200);
  let title;
  if (middle) {
    first = middle.range.start.line;
    last = middle.range.end.line;
    const at = middle.selectionRange.start;
    title = { line: at.line, character: Math.min(at.character + 1, Math.max(0, lines[at.line].length - 1)) };
  }
  let body = first;
  for (let line = first; line <= last; line++) {
    if (line === title?.line) continue;
    if (lines[line].length > lines[body].length || body === title?.line) body = line;
  }
  let character = Math.floor(lines[body].length / 2);
  // Never between the halves of a surrogate pair.
  if (/[\udc00-\udfff]/.test(lines[body][character] ?? '')) character++;
  return { title, body: { line: body, character } };
}

function readDebounceMs() {
  try {
    const match = /DIAGNOSTICS_DEBOUNCE_MS\s*=\s*(\d+)/.exec(readFileSync(SERVER_JS, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * One server, one dump: open repeatedly (a new digit variant each time, so no cache keyed on
 * article text hits), then the requests on the open document, then keystrokes.
 */
async function editorSession({ name, file, plan, timeouts, debounceMs }) {
  const text = readFileSync(file, 'utf8');
  const dir = dirname(file);
  const uri = pathToFileURL(file).toString();
  const session = new LspSession({ node: process.execPath, cli: CLI, cwd: dir, rootUri: pathToFileURL(dir).toString(), log, track, initializationOptions: VSCODE_CLIENT_OPTIONS });
  const group = name;
  const facts = { ...describeText(text), file: relative(ROOT, file) };
  try {
    await session.start();
    const caps = session.capabilities ?? {};
    // Warm-up: the segmenter loads its dictionaries on the first cut; an editor that has been
    // open a while has paid that already. A throwaway document, then it is closed.
    const warmUri = pathToFileURL(join(dir, 'warm-up.txt')).toString();
    const warmSince = session.published.length;
    await session.open(warmUri, '预热标题\n\n本报讯 这是一段用来预热的文字,没有别的用处。\n\n记者 张三\n', 1);
    await session.waitForPublish(warmSince, (record) => record.uri === warmUri, 60_000, 'warm-up publish');
    await session.waitQuiet(warmUri, warmSince, 500, 10_000);
    await session.close(warmUri);
    await sleep(200);
    // What the server holds before any dump: the runtime and the segmenter's dictionaries.
    record(`${name}.rssIdle`, { label: 'server RSS before any dump (after the warm-up)', group, data: name, unit: 'MB', samples: [session.memory().rssMB] });

    // Open → first publish (structural) → suggestions settled.
    const first = [];
    const whole = [];
    const done = [];
    let suggestionCounts = [];
    let structuralCount;
    let notSettled = 0;
    let rssAfterFirst;
    let rssSettled;
    let version = 0;
    let current = text;
    const opened = await repeat(plan.open, async (i) => {
      if (i > 0) {
        const closeSince = session.published.length;
        await session.close(uri);
        await session.waitForPublish(closeSince, (record) => record.uri === uri && record.total === 0, 30_000, 'the clearing publish after close');
        await sleep(200);
        current = permuteDigits(prng(100 + i), text);
      }
      version++;
      collectOwnGarbage();
      const since = session.published.length;
      const started = performance.now();
      await session.open(uri, current, version);
      const firstPublish = await session.waitForPublish(since, (record) => record.uri === uri && record.version === version, timeouts.firstPublishS * 1000, `first publishDiagnostics of ${name}`);
      first.push(firstPublish.time - started);
      // A large dump's opening publish (its top, checked ahead) comes first; the whole check's follows.
      const wholePublish = firstPublish.partial
        ? await session.waitForPublish(since, (record) => record.uri === uri && record.version === version && !record.partial, timeouts.firstPublishS * 1000, `whole-dump publishDiagnostics of ${name}`)
        : firstPublish;
      whole.push(wholePublish.time - started);
      structuralCount = publishNote(firstPublish);
      if (i === 0) rssAfterFirst = session.memory();
      const settled = await session.waitQuiet(uri, since, SUGGESTIONS_QUIET_MS, timeouts.suggestionsS * 1000);
      const withSuggestions = settled.records.filter((record) => record.version === version && record.suggestions > 0);
      if (!settled.quiet) notSettled++;
      else if (withSuggestions.length > 0) done.push(withSuggestions.at(-1).time - started);
      suggestionCounts.push(withSuggestions.at(-1)?.suggestions ?? 0);
      if (i === 0) rssSettled = session.memory();
      return null;
    });
    record(`${name}.open`, {
      label: 'open → first publishDiagnostics',
      group,
      data: name,
      samples: first,
      error: opened.error,
      note: structuralCount,
    });
    record(`${name}.openWhole`, {
      label: 'open → publish of the whole check',
      group,
      data: name,
      samples: whole,
      error: opened.error,
      note: first.some((ms, i) => whole[i] > ms) ? 'after the opening publish of the top (the figure above)' : 'the first publish was the whole check\'s',
    });
    const totalSuggestions = Math.max(0, ...suggestionCounts);
    if (done.length > 0 || notSettled > 0) {
      record(`${name}.suggestions`, {
        label: 'open → suggestions done (last publish with untagged-entity)',
        group,
        data: name,
        samples: done,
        error: notSettled > 0 ? `${notSettled} open(s) still publishing after ${timeouts.suggestionsS} s` : undefined,
        note: `${totalSuggestions} untagged-entity hints; "done" = last publish before ${SUGGESTIONS_QUIET_MS / 1000} s without one`,
      });
    } else {
      recordNA(`${name}.suggestions`, { label: 'open → suggestions done', group, data: name, note: 'no publish held untagged-entity hints' });
    }
    if (rssAfterFirst) record(`${name}.rssFirst`, { label: 'server RSS at first publish', group, data: name, unit: 'MB', samples: [rssAfterFirst.rssMB] });
    if (rssSettled) record(`${name}.rss`, { label: 'server RSS after open (suggestions settled)', group, data: name, unit: 'MB', samples: [rssSettled.rssMB] });
    if (opened.error) throw new Error(opened.error);

    // The open document's requests, at a steady version.
    const lines = current.split('\n');
    let symbols;
    if (caps.documentSymbolProvider) {
      const { samples, error } = await repeat(plan.symbols, async () => {
        const { ms, result } = await session.timedRequest('textDocument/documentSymbol', { textDocument: { uri } }, timeouts.requestS * 1000);
        symbols ??= result;
        return ms;
      });
      record(`${name}.symbols`, { label: 'documentSymbol', group, data: name, samples, error, note: symbols ? `${symbols.length} symbols` : undefined });
    } else recordNA(`${name}.symbols`, { label: 'documentSymbol', group, data: name, note: 'not offered by the server' });

    const positions = pickPositions(lines, symbols);
    facts.positions = positions;
    // The editor scrolled to the article the requests and keystrokes go to, as the client reports it.
    const shown = positions.body ?? positions.title;
    if (shown) await session.showLines(uri, Math.max(0, shown.line - 30), shown.line + 30);
    if (caps.hoverProvider) {
      for (const [which, position] of [['title', positions.title], ['body', positions.body]]) {
        if (!position) {
          recordNA(`${name}.hover.${which}`, { label: `hover on a ${which === 'title' ? 'title line' : 'body word'}`, group, data: name, note: 'no article title found' });
          continue;
        }
        let answered = false;
        const { samples, error } = await repeat(plan.hover, async () => {
          const { ms, result } = await session.timedRequest('textDocument/hover', { textDocument: { uri }, position }, timeouts.requestS * 1000);
          answered ||= result !== null;
          return ms;
        });
        record(`${name}.hover.${which}`, {
          label: `hover on a ${which === 'title' ? 'title line' : 'body word'} (L${position.line + 1}:${position.character + 1})`,
          group,
          data: name,
          samples,
          error,
          note: answered ? undefined : 'the server answered null',
        });
      }
    } else {
      recordNA(`${name}.hover.title`, { label: 'hover on a title line', group, data: name, note: 'not offered by the server' });
      recordNA(`${name}.hover.body`, { label: 'hover on a body word', group, data: name, note: 'not offered by the server' });
    }

    const tokens = caps.semanticTokensProvider;
    if (tokens?.full) {
      let count;
      const { samples, error } = await repeat(plan.tokens, async () => {
        const { ms, result } = await session.timedRequest('textDocument/semanticTokens/full', { textDocument: { uri } }, timeouts.requestS * 1000);
        count = (result?.data?.length ?? 0) / 5;
        return ms;
      });
      record(`${name}.tokens.full`, { label: 'semantic tokens, full', group, data: name, samples, error, note: `${count} tokens` });
    } else recordNA(`${name}.tokens.full`, { label: 'semantic tokens, full', group, data: name, note: 'not offered by the server' });
    if (tokens?.range) {
      // One screenful around the body line, as an editor asks for the visible range.
      const range = { start: { line: Math.max(0, positions.body.line - 30), character: 0 }, end: { line: Math.min(lines.length - 1, positions.body.line + 30), character: 0 } };
      const { samples, error } = await repeat(plan.tokens, async () => (await session.timedRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range }, timeouts.requestS * 1000)).ms);
      record(`${name}.tokens.range`, { label: 'semantic tokens, range (61 lines)', group, data: name, samples, error });
    } else recordNA(`${name}.tokens.range`, { label: 'semantic tokens, range', group, data: name, note: 'not offered by the server' });

    // Keystrokes: one character into the middle of a paragraph, then the next publish. The
    // first comes once the publishes the scroll and the requests above caused have gone out,
    // as each later one waits for the one before: a user reads before typing.
    const at = positions.body;
    await session.waitQuiet(uri, 0, KEYSTROKE_QUIET_MS, timeouts.suggestionsS * 1000);
    const { samples: keystrokes, error: keyError } = await repeat(plan.keystroke, async () => {
      version++;
      collectOwnGarbage();
      const since = session.published.length;
      const started = performance.now();
      await session.change(uri, version, [{ range: { start: at, end: at }, text: '的' }]);
      const published = await session.waitForPublish(since, (record) => record.uri === uri && record.version === version, timeouts.keystrokeS * 1000, `publish after keystroke ${version}`);
      const ms = published.time - started;
      // Let the re-check of the edited article's suggestions finish before the next key.
      await session.waitQuiet(uri, since, KEYSTROKE_QUIET_MS, timeouts.suggestionsS * 1000);
      return ms;
    });
    record(`${name}.keystroke`, { label: `keystroke (didChange, 1 char) → next publish`, group, data: name, samples: keystrokes, error: keyError });
    if (debounceMs !== null) {
      record(`${name}.keystrokeWork`, {
        label: `  the same less the server's ${debounceMs} ms debounce`,
        group,
        data: name,
        samples: keystrokes.map((ms) => Math.max(0, ms - debounceMs)),
        note: 'DIAGNOSTICS_DEBOUNCE_MS read from server/out/src/server.js',
      });
    }
    // Yardstick: what a client alone spends reading one such publish (UTF-8 decode and
    // JSON.parse, as vscode-jsonrpc does), a part of each keystroke no server can remove.
    const lastPublish = session.lastPublish;
    if (lastPublish?.uri === uri) {
      const bytes = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: lastPublish }), 'utf8');
      const samples = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        JSON.parse(bytes.toString('utf8'));
        samples.push(performance.now() - started);
      }
      record(`${name}.publishRead`, {
        label: `  a client reading one publish (UTF-8 decode + JSON.parse)`,
        group,
        data: name,
        samples,
        note: `${(bytes.length / 1e6).toFixed(1)} MB, ${lastPublish.diagnostics.length} diagnostics; in the bench process`,
      });
    }
    // The outline of each new version: VS Code asks for it after every edit (Outline view,
    // breadcrumbs, sticky scroll), so a version's first request is part of what typing costs.
    if (caps.documentSymbolProvider) {
      const { samples, error } = await repeat(plan.editedSymbols, async () => {
        version++;
        const since = session.published.length;
        await session.change(uri, version, [{ range: { start: at, end: at }, text: '的' }]);
        await session.waitForPublish(since, (record) => record.uri === uri && record.version === version, timeouts.keystrokeS * 1000, `publish after keystroke ${version}`);
        await session.waitQuiet(uri, since, KEYSTROKE_QUIET_MS, timeouts.suggestionsS * 1000);
        collectOwnGarbage();
        return (await session.timedRequest('textDocument/documentSymbol', { textDocument: { uri } }, timeouts.requestS * 1000)).ms;
      });
      record(`${name}.symbolsEdited`, { label: 'documentSymbol of a new version (after a keystroke)', group, data: name, samples, error });
    } else recordNA(`${name}.symbolsEdited`, { label: 'documentSymbol of a new version', group, data: name, note: 'not offered by the server' });
    const memory = session.memory();
    record(`${name}.rssPeak`, { label: 'server peak RSS (VmHWM) over the session', group, data: name, unit: 'MB', samples: [memory.hwmMB] });
    facts.tokenRefreshRequests = session.tokenRefreshes;
    const errors = session.messages.filter((message) => message.type === 1).map((message) => message.message);
    if (errors.length) notes.push(`${name}: the server reported errors: ${errors.slice(0, 3).join(' | ')}`);
  } catch (error) {
    notes.push(`${name}: stopped early: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    log(`${name}: stopped early: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await session.stop();
  }
  return facts;
}

/** What a first publish held: the structural diagnostics, and of how many when cut to the client's limit. */
function publishNote(publish) {
  const structural = `${publish.total - publish.suggestions} structural diagnostics`;
  if (publish.partial) return `${structural} in the window published (the opening check's: ${publish.problems} problems above where it stopped; VS Code's 1 000 a file)`;
  return publish.problems > publish.total ? `${structural} in the window published (${publish.total} of ${publish.problems}: VS Code's 1 000 a file)` : structural;
}

/**
 * The large dump: only open → first publish and the memory then (its suggestions would take
 * minutes). The wait is capped so the run stays bounded; a timeout is recorded as a lower bound.
 */
async function largeSession({ file, timeoutS }) {
  const text = readFileSync(file, 'utf8');
  const dir = dirname(file);
  const uri = pathToFileURL(file).toString();
  const session = new LspSession({ node: process.execPath, cli: CLI, cwd: dir, rootUri: pathToFileURL(dir).toString(), log, track, initializationOptions: VSCODE_CLIENT_OPTIONS });
  const facts = { ...describeText(text), file: relative(ROOT, file) };
  try {
    await session.start();
    // The same warm-up as the editor sessions.
    const warmUri = pathToFileURL(join(dir, 'warm-up.txt')).toString();
    await session.open(warmUri, '预热标题\n\n本报讯 这是一段用来预热的文字,没有别的用处。\n\n记者 张三\n', 1);
    await session.waitForPublish(0, (record) => record.uri === warmUri, 60_000, 'warm-up publish');
    await session.close(warmUri);
    await sleep(500);
    collectOwnGarbage();
    const since = session.published.length;
    const started = performance.now();
    await session.open(uri, text, 1);
    let published;
    try {
      published = await session.waitForPublish(since, (record) => record.uri === uri && record.version === 1, timeoutS * 1000, 'first publishDiagnostics of the large dump');
    } catch {
      const memory = session.memory();
      record('large.open', {
        label: 'open → first publishDiagnostics',
        group: 'large',
        data: 'large',
        samples: [],
        error: `no publish within ${timeoutS} s (the wait is capped to keep the run bounded)`,
      });
      metrics['large.open'].atLeast = timeoutS * 1000;
      record('large.rssFirst', { label: `server RSS after ${timeoutS} s (still parsing)`, group: 'large', data: 'large', unit: 'MB', samples: [memory.rssMB] });
      return facts;
    }
    record('large.open', { label: 'open → first publishDiagnostics', group: 'large', data: 'large', samples: [published.time - started], note: publishNote(published) });
    if (published.partial) {
      const whole = await session.waitForPublish(since, (record) => record.uri === uri && record.version === 1 && !record.partial, timeoutS * 1000, 'the whole check\'s publish of the large dump');
      record('large.openWhole', { label: 'open → publish of the whole check', group: 'large', data: 'large', samples: [whole.time - started], note: 'after the opening publish of the top' });
    }
    record('large.rssFirst', { label: 'server RSS at first publish', group: 'large', data: 'large', unit: 'MB', samples: [session.memory().rssMB] });
  } catch (error) {
    record('large.open', { label: 'open → first publishDiagnostics', group: 'large', data: 'large', samples: [], error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  } finally {
    await session.stop();
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------
// The CLI over the folder.

async function cliRuns(paths, plan, timeouts) {
  const files = readdirSync(paths.folder).filter((name) => name.endsWith('.txt')).sort().map((name) => join(paths.folder, name));
  const check = async (args) => {
    const run = await timedProcess(process.execPath, [CLI, 'check', ...args], { timeoutS: timeouts.cliS });
    if (run.code !== 0 && run.code !== 1) throw new Error(`newsdump check exited ${run.code ?? run.signal}: ${run.stderr.slice(-500)}`);
    return run;
  };
  const startup = await repeat(plan.startup, async () => (await check([paths.small])).ms);
  record('cli.startup', { label: 'check, one seed-sized file (start-up included)', group: 'cli', data: 'small', ...startup });

  // The same folder in one thread and on one worker thread per core; the output must not change.
  const summaries = {};
  const checkFolder = (jobs) => async () => {
    const run = await check(['--jobs', String(jobs), paths.folder]);
    summaries[jobs] = run.stdout.trim().split('\n').at(-1);
    return run.ms;
  };
  const one = await repeat(plan.one, checkFolder(1));
  record('cli.one', { label: 'check --jobs 1 <folder> (in-process, no worker thread)', group: 'cli', data: 'folder', ...one, note: summaries[1] });

  const cores = os.availableParallelism();
  const all = await repeat(plan.all, checkFolder(cores));
  const speed = formatRatio(summarize(all.samples).median, summarize(one.samples).median);
  const sameOutput = summaries[cores] === summaries[1] ? 'same summary' : `summary differs: ${summaries[cores]}`;
  record('cli.all', {
    label: `check --jobs ${cores} <folder> (worker threads, one per core)`,
    group: 'cli',
    data: 'folder',
    ...all,
    note: `${speed} the time of --jobs 1; ${sameOutput} as --jobs 1 (${files.length} files)`,
  });
  return files;
}

/** AutoCorrect's own CLI over the same files: one thread, and all (its default). */
async function autocorrectFolder(files, timeouts) {
  if (!autocorrect.dir) {
    recordNA('autocorrect.folder1', { label: 'AutoCorrect CLI --lint, 1 thread', group: 'scale', data: 'folder', note: autocorrect.problem });
    recordNA('autocorrect.folderAll', { label: 'AutoCorrect CLI --lint, all threads', group: 'scale', data: 'folder', note: autocorrect.problem });
    return;
  }
  const cli = join(autocorrect.dir, 'cli.js');
  // Run inside the folder: from the repository, AutoCorrect skips bench/.data as git-ignored.
  const folder = dirname(files[0]);
  for (const [key, threads, label] of [
    ['autocorrect.folder1', '1', 'AutoCorrect CLI --lint, 1 thread'],
    ['autocorrect.folderAll', '0', `AutoCorrect CLI --lint, all threads`],
  ]) {
    try {
      const run = await timedProcess(process.execPath, [cli, '--lint', '--threads', threads, '.'], { cwd: folder, timeoutS: timeouts.cliS });
      const tail = `${run.stdout.slice(-2000)}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
      const summary = /Error:\s*(\d+)/.exec(tail);
      if (!summary) throw new Error(`no AutoCorrect summary in its output: ${tail.slice(-300)}`);
      record(key, { label, group: 'scale', data: 'folder', samples: [run.ms], note: summary ? `${summary[1]} lint errors` : undefined });
    } catch (error) {
      record(key, { label, group: 'scale', data: 'folder', samples: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report: the table, ratios, targets.

const GROUP_TITLES = {
  editor: (facts) => `Editor, ${facts.editor ? `${(facts.editor.bytes / 1e6).toFixed(1)} MB dump (${facts.editor.lines} lines)` : 'large dump'}`,
  small: (facts) => `Editor, seed-sized dump${facts.small ? ` (${(facts.small.bytes / 1e3).toFixed(0)} KB, ${facts.small.lines} lines)` : ''}`,
  large: (facts) => `Large dump${facts.large ? ` (${(facts.large.bytes / 1e6).toFixed(1)} MB, ${facts.large.lines} lines)` : ''}`,
  cli: (facts) => `CLI, folder of ${facts.folder?.files ?? '?'} ordinary dumps (${facts.folder ? (facts.folder.bytes / 1e6).toFixed(1) : '?'} MB)`,
  scale: () => 'Yardsticks (same run, same data)',
};

/** The yardsticks a figure is set against: the floor and AutoCorrect on the same data. */
function basesFor(key, metric, all) {
  if (key === 'cli.one') return { floor: all['floor.folder'], autocorrect: all['autocorrect.folder1'] };
  if (key === 'cli.all') return { floor: all['floor.folder'], autocorrect: all['autocorrect.folderAll'] };
  if (key.startsWith('autocorrect.folder')) return { floor: all['floor.folder'], autocorrect: metric };
  if (key === 'floor.folder') return { floor: metric, autocorrect: all['autocorrect.folder1'] };
  return { floor: all[`floor.${metric.data}`], autocorrect: all[`autocorrect.${metric.data}`] };
}

function targetsOf(all, debounceMs) {
  const value = (key, stat) => all[key]?.[stat] ?? null;
  const acEditor = value('autocorrect.editor', 'median');
  const targets = [
    {
      key: 'editor.open',
      stat: 'median',
      target: 'structural diagnostics on open ≤ 1/10 of AutoCorrect lint',
      figure: 'editor open → first publish, median',
      value: value('editor.open', 'median'),
      limit: acEditor !== null ? acEditor / 10 : null,
      unit: 'ms',
    },
    {
      key: 'editor.openWhole',
      stat: 'median',
      target: '  (the same for the whole dump: the first publish holds the top)',
      figure: 'editor open → publish of the whole check, median',
      value: value('editor.openWhole', 'median'),
      limit: acEditor !== null ? acEditor / 10 : null,
      unit: 'ms',
    },
    {
      key: 'editor.keystrokeWork',
      stat: 'p95',
      target: 'keystroke → diagnostics ≤ 20 ms p95',
      figure: `editor keystroke → publish less the ${debounceMs ?? '?'} ms debounce, p95`,
      value: value('editor.keystrokeWork', 'p95') ?? value('editor.keystroke', 'p95'),
      limit: 20,
      unit: 'ms',
    },
    { key: 'editor.keystroke', stat: 'p95', target: '  (the same, as the user waits)', figure: 'editor keystroke → publish, p95 (debounce included)', value: value('editor.keystroke', 'p95'), limit: 20, unit: 'ms' },
    { key: 'editor.hover.title', stat: 'p95', target: 'hover ≤ 5 ms p95', figure: 'editor hover on a title line, p95', value: value('editor.hover.title', 'p95'), limit: 5, unit: 'ms' },
    { key: 'editor.hover.body', stat: 'p95', target: 'hover ≤ 5 ms p95', figure: 'editor hover on a body word, p95', value: value('editor.hover.body', 'p95'), limit: 5, unit: 'ms' },
    { key: 'editor.symbols', stat: 'median', target: 'documentSymbol ≤ 100 ms', figure: 'editor documentSymbol, median', value: value('editor.symbols', 'median'), limit: 100, unit: 'ms' },
    { key: 'editor.rss', stat: 'value', target: 'server RSS ≤ 300 MB', figure: 'editor RSS after open (suggestions settled)', value: value('editor.rss', 'median'), limit: 300, unit: 'MB' },
  ];
  return targets.map((target) => ({
    ...target,
    verdict: target.value === null || target.limit === null ? 'n/a' : target.value <= target.limit ? 'PASS' : 'FAIL',
    over: target.value !== null && target.limit ? target.value / target.limit : null,
  }));
}

function printReport(result) {
  const all = result.metrics;
  const order = ['editor', 'small', 'large', 'cli', 'scale'];
  console.log('');
  console.log(`newsdump benchmark — ${result.mode} run, ${result.date}, git ${result.git.sha}${result.git.dirty ? ' (uncommitted changes in server/ or client/)' : ''}`);
  console.log(`machine: ${result.machine.cpus} × ${result.machine.cpuModel}, Node ${result.machine.node}, load average ${result.machine.loadStart.join(' / ')} at start, ${result.machine.loadEnd.join(' / ')} at end`);
  console.log(`AutoCorrect: ${result.autocorrect ? `autocorrect-node ${result.autocorrect}` : 'unavailable (floor only)'}; server diagnostics debounce: ${result.debounceMs ?? '?'} ms`);
  for (const group of order) {
    const keys = Object.keys(all).filter((key) => all[key].group === group);
    if (keys.length === 0) continue;
    console.log('');
    console.log(GROUP_TITLES[group](result.data));
    const rows = [['figure', 'data', 'n', 'median', 'p95', '×floor', '×AutoCorrect', 'target', 'note']];
    for (const key of keys) {
      const metric = all[key];
      const target = result.targets.find((candidate) => candidate.key === key);
      const { floor, autocorrect } = basesFor(key, metric, all);
      const fmt = metric.unit === 'MB' ? formatMB : formatMs;
      const value = metric.median ?? metric.atLeast;
      const more = metric.atLeast ? '> ' : '';
      const ratios = metric.unit === 'MB' ? ['–', '–'] : [formatRatio(value, floor?.median), formatRatio(value, autocorrect?.median)].map((ratio) => (ratio === '–' ? ratio : more + ratio));
      rows.push([
        `  ${metric.label}`,
        metric.data,
        String(metric.n),
        metric.atLeast ? `> ${fmt(metric.atLeast)}` : metric.error && metric.n === 0 ? 'failed' : fmt(metric.median),
        metric.n > 1 ? fmt(metric.p95) : '',
        ...ratios,
        target ? `${target.stat} ≤ ${(target.unit === 'MB' ? formatMB : formatMs)(target.limit)}: ${target.verdict}` : '',
        [metric.note, metric.error].filter(Boolean).join('; '),
      ]);
    }
    console.log(table(rows, { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'left'] }));
  }
  console.log('');
  console.log('Ratios are of medians: a figure over the floor / AutoCorrect measured on the same data in this run');
  console.log('(the CLI against AutoCorrect\'s CLI over the same files with 1 thread and with all threads).');
  console.log('');
  console.log('Targets (issue 6)');
  const rows = [['target', 'figure', 'value', 'limit', 'verdict']];
  for (const target of result.targets) {
    const fmt = target.unit === 'MB' ? formatMB : formatMs;
    const verdict = target.verdict === 'FAIL' ? `FAIL (${formatRatio(target.value, target.limit)} the limit)` : target.verdict;
    rows.push([target.target, target.figure, fmt(target.value), fmt(target.limit), verdict]);
  }
  console.log(table(rows));
  if (result.notes.length) {
    console.log('');
    for (const note of result.notes) console.log(`note: ${note}`);
  }
}

function printComparison(previous, current) {
  console.log('');
  console.log(`Compared with ${previous.file}: ${previous.mode} run, ${previous.date}, git ${previous.git?.sha}${previous.git?.dirty ? ' (dirty)' : ''}`);
  if (previous.mode !== current.mode) console.log(`warning: that was a ${previous.mode} run and this is a ${current.mode} run: sizes differ`);
  const rows = [['figure', 'before', 'now', 'now/before', 'p95 before', 'p95 now', 'p95 now/before']];
  const keys = [...new Set([...Object.keys(current.metrics), ...Object.keys(previous.metrics)])];
  for (const key of keys) {
    const now = current.metrics[key];
    const before = previous.metrics[key];
    const unit = (now ?? before).unit;
    const fmt = unit === 'MB' ? formatMB : formatMs;
    const shown = (metric) => (metric?.atLeast ? `> ${fmt(metric.atLeast)}` : fmt(metric?.median));
    rows.push([
      `${key}`,
      shown(before),
      shown(now),
      formatRatio(now?.median, before?.median),
      fmt(before?.n > 1 ? before.p95 : null),
      fmt(now?.n > 1 ? now.p95 : null),
      now?.n > 1 && before?.n > 1 ? formatRatio(now.p95, before.p95) : '–',
    ]);
  }
  console.log(table(rows, { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'] }));
  console.log('(now/before below ×1 is faster or smaller.)');
}

// ---------------------------------------------------------------------------------------------
// The run.

function gitInfo() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { sha: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--', 'server', 'client').length > 0 };
  } catch {
    return { sha: 'nogit', dirty: true };
  }
}

function newestMtime(dir, pattern) {
  let newest = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (pattern.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return newest;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  if (options.compare && options.results) {
    const previous = { ...JSON.parse(readFileSync(options.compare, 'utf8')), file: relative(process.cwd(), options.compare) };
    const current = JSON.parse(readFileSync(options.results, 'utf8'));
    printReport(current);
    printComparison(previous, current);
    return 0;
  }
  const previous = options.compare ? { ...JSON.parse(readFileSync(options.compare, 'utf8')), file: relative(process.cwd(), options.compare) } : undefined;
  const plan = options.quick ? PLANS.quick : PLANS.full;
  const hardLimit = setTimeout(() => {
    console.error(`bench: hard time limit of ${plan.hardLimitS} s reached; killing everything`);
    killAll();
    process.exit(3);
  }, plan.hardLimitS * 1000);
  hardLimit.unref();

  if (options.build) {
    log('building (tsc -b, build-dict)…');
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-dict.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  if (!existsSync(CLI)) throw new Error(`${relative(ROOT, CLI)} is missing: run npm run build first (or pass --build)`);
  if (newestMtime(join(ROOT, 'server', 'src'), /\.ts$/) > newestMtime(join(ROOT, 'server', 'out', 'src'), /\.js$/)) {
    notes.push('server/src has files newer than server/out: the figures are for the last build (pass --build to build first)');
    log(`warning: ${notes.at(-1)}`);
  }
  const debounceMs = readDebounceMs();
  const loadStart = os.loadavg().map((load) => Number(load.toFixed(2)));
  if (loadStart[0] > os.cpus().length / 2) {
    notes.push(`the machine was busy at the start (load average ${loadStart[0]} on ${os.cpus().length} cores): figures are inflated`);
    log(`warning: ${notes.at(-1)}`);
  }
  if (typeof globalThis.gc !== 'function') {
    notes.push('run without node --expose-gc (use npm run bench): the garbage collection of the bench itself may land inside open and keystroke figures');
    log(`warning: ${notes.at(-1)}`);
  }
  const git = gitInfo();
  log(`${plan.name} run, git ${git.sha}${git.dirty ? ' (dirty)' : ''}, ${os.cpus().length} cores, load ${loadStart.join(' ')}`);

  const paths = prepareData(ROOT, DATA_DIR, { name: plan.name, editorMB: plan.editorMB, largeMB: plan.largeMB, folderFiles: plan.folderFiles }, log);
  const folderFiles = readdirSync(paths.folder).filter((name) => name.endsWith('.txt')).map((name) => join(paths.folder, name));
  const data = {
    editor: { ...describeText(readFileSync(paths.editor, 'utf8')), file: relative(ROOT, paths.editor) },
    small: { ...describeText(readFileSync(paths.small, 'utf8')), file: relative(ROOT, paths.small) },
    large: { ...describeText(readFileSync(paths.large, 'utf8')), file: relative(ROOT, paths.large) },
    folder: { files: folderFiles.length, bytes: folderFiles.reduce((sum, file) => sum + statSync(file).size, 0), dir: relative(ROOT, paths.folder) },
  };

  const phase = async (name, body) => {
    if (elapsedS() > plan.softBudgetS) {
      skipped.push(name);
      notes.push(`skipped "${name}": the run's time budget (${plan.softBudgetS} s) was spent`);
      log(`skipping ${name}: time budget spent`);
      return;
    }
    log(`— ${name}`);
    await body();
  };

  await phase('floor', async () => {
    measureFloor('editor', [paths.editor], plan.floor.editor);
    measureFloor('small', [paths.small], plan.floor.small);
    measureFloor('large', [paths.large], plan.floor.large);
    measureFloor('folder', folderFiles, plan.floor.folder);
  });
  autocorrect = await findAutocorrect();
  if (autocorrect.problem) {
    notes.push(`AutoCorrect unavailable (${autocorrect.problem}): figures are set against the floor only`);
    log(`warning: ${notes.at(-1)}`);
  } else log(`AutoCorrect: autocorrect-node ${autocorrect.version} (${relative(ROOT, autocorrect.dir)})`);
  await phase('AutoCorrect on the editor and seed-sized dumps', async () => {
    await measureAutocorrect('editor', paths.editor, plan.autocorrect.editor, plan.timeouts.autocorrectS);
    await measureAutocorrect('small', paths.small, plan.autocorrect.small, plan.timeouts.autocorrectS);
  });
  await phase('language server, seed-sized dump', async () => {
    data.small = { ...data.small, ...(await editorSession({ name: 'small', file: paths.small, plan: plan.small, timeouts: plan.timeouts, debounceMs })) };
  });
  await phase(`language server, ${plan.editorMB} MB dump`, async () => {
    data.editor = { ...data.editor, ...(await editorSession({ name: 'editor', file: paths.editor, plan: plan.editor, timeouts: plan.timeouts, debounceMs })) };
  });
  let files = folderFiles;
  await phase('CLI check over the folder', async () => {
    files = await cliRuns(paths, plan.cli, plan.timeouts);
  });
  await phase('AutoCorrect CLI over the folder', async () => {
    await autocorrectFolder(files.sort(), plan.timeouts);
  });
  await phase(`AutoCorrect on the ${plan.largeMB} MB dump`, async () => {
    await measureAutocorrect('large', paths.large, plan.autocorrect.large, plan.timeouts.autocorrectS);
  });
  await phase(`language server, ${plan.largeMB} MB dump`, async () => {
    const timeoutS = Math.max(60, Math.round(plan.largeUntilS - elapsedS()));
    log(`(the wait for its first publish is capped at ${timeoutS} s)`);
    data.large = { ...data.large, ...(await largeSession({ file: paths.large, timeoutS })) };
  });

  const date = runStartedAt.toISOString().replace(/\.\d+Z$/, 'Z');
  const result = {
    schema: 1,
    mode: plan.name,
    date,
    git,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      totalMemMB: Math.round(os.totalmem() / 2 ** 20),
      node: process.version,
      loadStart,
      loadEnd: os.loadavg().map((load) => Number(load.toFixed(2))),
      /** Whether the bench collected its own garbage before each timed open and keystroke (collectOwnGarbage). */
      benchGc: typeof globalThis.gc === 'function',
    },
    durationS: Math.round(elapsedS()),
    autocorrect: autocorrect.version ?? null,
    debounceMs,
    plan,
    data,
    metrics,
    targets: targetsOf(metrics, debounceMs),
    skipped,
    notes,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${date.replace(/:/g, '-')}-${git.sha}${plan.name === 'quick' ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  printReport(result);
  console.log('');
  console.log(`results: ${relative(process.cwd(), file)} (${Math.round(elapsedS())} s)`);
  if (previous) printComparison(previous, result);
  return 0;
}

main()
  .then((code) => {
    killAll();
    process.exit(code);
  })
  .catch((error) => {
    killAll();
    if (error instanceof UsageError) {
      console.error(`bench: ${error.message}\n${HELP}`);
      process.exit(2);
    }
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
