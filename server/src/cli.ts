#!/usr/bin/env node
// `newsdump`: the language server's engine, headless. Bad input gets one line on
// stderr and exit code 2, never a stack trace.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createDumpService, textDocument, type DumpService, type ParsedDump } from './service';
import { articleLabel, bylineSummary } from './features/symbols';
import { loadJiebaSegmenter } from './segmentation/jieba';
import { readDump, type DumpEncoding } from './io/readDump';
import type { OutlineJson } from './features/outlineJson';
import { SettingsResolver, type SettingsProblem } from './config/checkSettings';
import { jsonReport, sarifReport, summaryLine, textLines, type FileReport } from './features/checkReport';
import { GB18030_NOTE, createFileChecker, type FileCheck } from './features/checkDumpFile';
import { isFileWorker, runFilePool, serveFileWorker } from './io/fileWorkerPool';
import { RULES } from './rules/registry';
import { CliSuggester, entitiesJson, readDumpEntities, type DumpEntities, type FileEntitiesJson } from './features/entitiesJson';
import { exportBio, exportBratAnn, exportJsonl, type ExportFormat } from './features/export';
import { mergeEntityTypes } from './config/entityTypes';
import { CodePointIndex } from './text/positions';
import { tuneEngine } from './engineTuning';

const USAGE = `Usage:
  newsdump outline [--json] <file|directory>...   list the articles of each dump (directories: every *.txt inside)
  newsdump check [--format text|json|sarif] [--fix] [--jobs N] <file|directory>...
                                                  report QA problems; --fix applies the safe fixes (keeps <file>.bak);
                                                  --jobs N (-j N): check N files at a time on worker threads (default:
                                                  one per CPU core, at most one per file; 1: none); same output for any N
  newsdump entities [--json] [--no-suggestions] <file|directory>...
                                                  the tagged entities of each dump (its .ann) and the suggested ones
  newsdump export --format bio|jsonl|brat [-o <out>] <file|directory>...
                                                  training data from the tagged dumps
  newsdump lsp --stdio                            run the language server on stdin/stdout
  newsdump --help                                 show this help
  newsdump --version                              show the version

Text output: one line per article, "L<line>  <title>  — <bylines>", lines counted from 1.
JSON output: an array with one outline per file; ranges are LSP ranges (0-based line, UTF-16 character).
check: "path:line:col: severity: message [rule-id]" (1-based), then a summary line. Severities come from
the nearest newsdump.json ({ "rules": { "<rule-id>": "off|hint|information|warning|error" } }).
Exit code: 0 no error-severity problem, 1 some, 2 a file or config could not be read or bad usage.

entities: "path:line:col  TYPE  text  (annotation|suggestion)". --json: an array of
{ "file", "entities": [{ "type", "text", "start", "end", "source": "annotation"|"suggestion" }] },
offsets in code points, end exclusive (as brat counts). Tags that do not fit the text are
looked for again in their article, as the editor does; those still not found are left out.
export: only tags that sit on their text.
  bio    one "char TAG" line per character (B-PER, I-PER, O), a blank line after each sentence:
         a sentence ends after 。！？!? (with the closing quotes or brackets after it) and at
         every line end; white space is left out; where tags nest, the outer one is kept.
  jsonl  one {"text", "label": [[start, end, type]]} per article, offsets in code points of
         the article's text (doccano's format).
  brat   -o <directory> gets a clean copy of each pair: NAME.txt in UTF-8 without a BOM, and
         NAME.ann with its sound T lines (re-anchored ones at their new offsets) and the other
         lines whose references all survive; malformed lines, repeated ids and drifted tags
         are left out.
  bio and jsonl go to standard output, or to the file -o names.`;

const EXIT_OK = 0;
const EXIT_INTERNAL = 1;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;
/** A progress line appears only on a terminal and only once a run has taken this long. */
const PROGRESS_AFTER_MS = 1000;

class UsageError extends Error {}

/** A dump with its tags for `entities` and `export`: its problem reported through `fail`, its notes on stderr. */
async function readTaggedDump(file: string, service: DumpService, fail: (path: string, reason: string) => void): Promise<DumpEntities | undefined> {
  const dump = await readDumpEntities(file, service);
  service.forget(file); // one file at a time: a month of dumps need not sit in memory
  if ('problem' in dump) {
    fail(file, dump.problem);
    return undefined;
  }
  noteEncoding(file, dump.encoding);
  dump.notes.forEach((note) => process.stderr.write(`newsdump: ${file}: warning: ${note}\n`));
  return dump;
}

/** Says once per file that it was read as GB18030 (UTF-8 says nothing). */
function noteEncoding(file: string, encoding: DumpEncoding): void {
  if (encoding === 'gb18030') process.stderr.write(`newsdump: ${file}: note: ${GB18030_NOTE}\n`);
}

/** `newsdump: <file>: <reason>` for a file that could not be handled; the command then ends with exit code 2. */
function fileFailures(write: (line: string) => void): { fail: (path: string, reason: string) => void; exitCode: number } {
  const failures = {
    exitCode: EXIT_OK,
    fail: (path: string, reason: string): void => {
      write(`newsdump: ${path}: ${reason}\n`);
      failures.exitCode = EXIT_USAGE;
    },
  };
  return failures;
}

/**
 * The engine every file command runs on. A missing nodejieba is said once on stderr,
 * with what the command loses (`consequence`); null keeps quiet.
 */
function loadEngine(consequence: string | null = ''): { jieba: ReturnType<typeof loadJiebaSegmenter>; service: ReturnType<typeof createDumpService> } {
  const jieba = loadJiebaSegmenter();
  if (jieba.problem && consequence !== null) process.stderr.write(`newsdump: warning: ${jieba.problem}${consequence}\n`);
  return { jieba, service: createDumpService({ segmenter: jieba.segmenter, logError: reportToStderr }) };
}

/** Internal faults the run survives: one line, no stack trace. */
function reportToStderr(message: string): void {
  process.stderr.write(`newsdump: ${message.split('\n')[0]}\n`);
}

function main(args: string[]): number | Promise<number> {
  const [command, ...rest] = args;
  if (command !== undefined && !command.startsWith('-') && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`${USAGE}\n`); // `newsdump check --help` as well as `newsdump --help`
    return EXIT_OK;
  }
  switch (command) {
    case undefined:
      process.stderr.write(`${USAGE}\n`);
      return EXIT_USAGE;
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    case '--version':
    case '-V':
      process.stdout.write(`${readVersion()}\n`);
      return EXIT_OK;
    case 'outline':
      return outlineCommand(rest);
    case 'check':
      return checkCommand(rest);
    case 'entities':
      return entitiesCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'lsp':
      return lspCommand(rest);
    default:
      throw new UsageError(`unknown command '${command}' (see newsdump --help)`);
  }
}

function lspCommand(args: string[]): number {
  // vscode-languageclient adds --clientProcessId=<pid> to a server it starts as a module.
  const unknown = args.filter((arg) => arg !== '--stdio' && !/^--clientProcessId=\d+$/.test(arg));
  if (!args.includes('--stdio') || unknown.length > 0) throw new UsageError('lsp needs --stdio (and optionally --clientProcessId=<pid>)');
  // Deferred so `outline` never pays for loading the server.
  (require('./server') as typeof import('./server')).startServer();
  return -1; // the connection keeps the process alive; it exits on the client's `exit`
}

function outlineCommand(args: string[]): number {
  const json = args.includes('--json');
  const options = args.filter((arg) => arg.startsWith('-'));
  const unknownOption = options.find((option) => option !== '--json');
  if (unknownOption) throw new UsageError(`outline: unknown option '${unknownOption}'`);
  const paths = args.filter((arg) => !arg.startsWith('-'));
  if (paths.length === 0) throw new UsageError('outline needs at least one file or directory');

  const failures = fileFailures((line) => process.stderr.write(line));
  const fail = failures.fail;

  const { service } = loadEngine();
  const outlines: OutlineJson[] = [];
  for (const file of expandPaths(paths, fail)) {
    const dump = readDump(file);
    if (dump.problem !== undefined) {
      fail(file, dump.problem);
      continue;
    }
    noteEncoding(file, dump.encoding);
    const doc = textDocument(file, dump.text);
    if (json) outlines.push(service.outline(doc, file));
    else process.stdout.write(formatOutline(file, service.getModel(doc)));
    service.forget(file); // one file at a time: a month of dumps need not sit in memory
  }
  if (json) process.stdout.write(`${JSON.stringify(outlines, null, 2)}\n`);
  return failures.exitCode;
}

type CheckFormat = 'text' | 'json' | 'sarif';

async function checkCommand(args: string[]): Promise<number> {
  let format: CheckFormat = 'text';
  let fix = false;
  let jobs: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--fix') fix = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`check: --format must be text, json or sarif`);
      format = value;
    } else if (arg === '--jobs' || arg === '-j' || arg.startsWith('--jobs=')) {
      jobs = parseJobs(arg.startsWith('--jobs=') ? arg.slice('--jobs='.length) : args[++i]);
    } else if (arg.startsWith('-')) throw new UsageError(`check: unknown option '${arg}'`);
    else paths.push(arg);
  }
  if (paths.length === 0) throw new UsageError('check needs at least one file or directory');

  const progress = progressLine();
  const failures = fileFailures((line) => progress.writeErr(line));
  const fail = failures.fail;
  const reported = new Set<string>();
  const reportSettings = (problem: SettingsProblem): void => {
    const line = `newsdump: ${problem.file}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
    if (reported.has(line)) return;
    reported.add(line);
    progress.writeErr(`${line}\n`);
    if (problem.severity === 'error') failures.exitCode = EXIT_USAGE;
  };

  const { jieba } = loadEngine();
  const files = expandPaths(paths, fail);
  progress.start(files.length);
  const reports: FileReport[] = [];
  const fixed = { problems: 0, files: 0 };
  let anyError = false;

  /** Prints one file's outcome; called in file order, whichever thread checked it. */
  const reportFile = (checked: FileCheck): void => {
    for (const event of checked.events) {
      if (event.kind === 'failure') fail(checked.file, event.reason);
      else if (event.kind === 'settings') reportSettings(event.problem);
      else if (event.kind === 'note') progress.writeErr(`newsdump: ${checked.file}: note: ${event.message}\n`);
      else progress.writeErr(`newsdump: ${event.message.split('\n')[0]}\n`);
    }
    if (checked.diagnostics === undefined) return;
    if (checked.fixedProblems > 0) {
      fixed.problems += checked.fixedProblems;
      fixed.files++;
    }
    const report = { file: checked.file, diagnostics: checked.diagnostics };
    anyError ||= report.diagnostics.some((diagnostic) => diagnostic.severity === 1);
    if (format === 'text') {
      const lines = textLines(report);
      if (lines.length > 0) progress.writeOut(`${lines.join('\n')}\n`);
    }
    reports.push(report);
  };

  const workers = Math.min(jobs ?? availableParallelism(), files.length);
  if (workers <= 1) {
    const checker = createFileChecker(jieba.segmenter, fix);
    for (const file of files) {
      progress.tick();
      reportFile(checker.check(file));
    }
  } else {
    await runFilePool<FileCheck>({
      files,
      workers,
      workerScript: __filename,
      task: { name: 'check', options: { fix } satisfies CheckTaskOptions },
      runHere: () => createFileChecker(jieba.segmenter, fix).check,
      workerStopped: (file, reason) => ({ file, events: [{ kind: 'failure', reason: `internal error: check worker stopped (${reason})` }], fixedProblems: 0 }),
      onResult: reportFile,
      onFileDone: () => progress.tick(),
      onWorkerLost: (reason) => progress.writeErr(`newsdump: warning: a check worker stopped (${reason}); the others take its files\n`),
    });
  }
  progress.done();

  if (format === 'text') process.stdout.write(`${summaryLine(reports, fix ? fixed : undefined)}\n`);
  else if (format === 'json') process.stdout.write(`${JSON.stringify(jsonReport(reports), null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(sarifReport(reports, RULES, readVersion()), null, 2)}\n`);
  if (failures.exitCode !== EXIT_OK) return failures.exitCode;
  return anyError ? EXIT_PROBLEMS : EXIT_OK;
}

interface CheckTaskOptions {
  readonly fix: boolean;
}

/** What `check` runs in a worker thread (see io/fileWorkerPool.ts). */
const WORKER_TASKS = {
  check: (options: CheckTaskOptions) => createFileChecker(loadJiebaSegmenter().segmenter, options.fix).check,
};

function parseJobs(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`check: --jobs needs a whole number of 1 or more (got ${value === undefined ? 'nothing' : `'${value}'`})`);
  }
  return Number(value);
}

async function entitiesCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const suggestions = !args.includes('--no-suggestions');
  const unknownOption = args.find((arg) => arg.startsWith('-') && arg !== '--json' && arg !== '--no-suggestions');
  if (unknownOption) throw new UsageError(`entities: unknown option '${unknownOption}'`);
  const paths = args.filter((arg) => !arg.startsWith('-'));
  if (paths.length === 0) throw new UsageError('entities needs at least one file or directory');

  const failures = fileFailures((line) => process.stderr.write(line));
  const fail = failures.fail;
  const { jieba, service } = loadEngine(suggestions ? ' No suggestions.' : null);
  const suggester = suggestions && jieba.segmenter ? new CliSuggester(jieba.segmenter) : undefined;
  const settingsResolver = new SettingsResolver();
  const results: FileEntitiesJson[] = [];
  for (const file of expandPaths(paths, fail)) {
    const dump = await readTaggedDump(file, service, fail);
    if (!dump) continue;
    const types = mergeEntityTypes(settingsResolver.resolve(resolve(file)).entityTypes).map((type) => type.type);
    const found = entitiesJson(file, dump.text, dump.tags, suggester?.suggest(file, dump, types) ?? []);
    if (json) {
      results.push(found);
      continue;
    }
    // Text: the editor's line and column (1-based, UTF-16), so the spot can be found by eye.
    const index = new CodePointIndex(dump.text);
    for (const entity of found.entities) {
      const at = dump.lines.positionAt(index.toUtf16(entity.start));
      process.stdout.write(`${file}:${at.line + 1}:${at.character + 1}  ${entity.type}  ${entity.text}  (${entity.source})\n`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return failures.exitCode;
}

async function exportCommand(args: string[]): Promise<number> {
  let format: ExportFormat | undefined;
  let out: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'bio' && value !== 'jsonl' && value !== 'brat') throw new UsageError('export: --format must be bio, jsonl or brat');
      format = value;
    } else if (arg === '-o' || arg === '--output') {
      out = args[++i];
      if (out === undefined) throw new UsageError(`export: ${arg} needs a path`);
    } else if (arg.startsWith('-')) throw new UsageError(`export: unknown option '${arg}'`);
    else paths.push(arg);
  }
  if (format === undefined) throw new UsageError('export needs --format bio, jsonl or brat');
  if (paths.length === 0) throw new UsageError('export needs at least one file or directory');
  if (format === 'brat' && out === undefined) throw new UsageError('export --format brat needs -o <directory> for the copies');

  const failures = fileFailures((line) => process.stderr.write(line));
  const fail = failures.fail;
  const files = expandPaths(paths, fail);
  if (format === 'brat' && files.some((file) => resolve(dirname(file)) === resolve(out!))) {
    throw new UsageError('export --format brat: -o must be another directory than the dumps\' own (their .ann files would be overwritten)');
  }
  const { service } = loadEngine(null);
  const chunks: string[] = [];
  for (const file of files) {
    const dump = await readTaggedDump(file, service, fail);
    if (!dump) continue;
    if (format === 'bio') chunks.push(exportBio(dump.text, dump.tags));
    else if (format === 'jsonl') chunks.push(exportJsonl(dump.text, dump.model, dump.tags));
    else {
      const name = basename(file).replace(/\.[^.]*$/, '');
      try {
        mkdirSync(out!, { recursive: true });
        writeFileSync(join(out!, `${name}.txt`), dump.text);
        writeFileSync(join(out!, `${name}.ann`), exportBratAnn(dump.text, dump.loaded.file, dump.set));
      } catch (error) {
        fail(out!, `cannot write: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
  }
  if (format !== 'brat') {
    const output = chunks.join('');
    if (out === undefined) process.stdout.write(output);
    else {
      try {
        writeFileSync(out, output);
      } catch (error) {
        fail(out, `cannot write: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
  }
  return failures.exitCode;
}

/** `checked 120/1000 files` on stderr, rewritten in place; nothing for short runs or when stderr is not a terminal. */
function progressLine(): { start(total: number): void; tick(): void; writeOut(text: string): void; writeErr(text: string): void; done(): void } {
  let started = Date.now();
  let total = 0;
  let count = 0;
  let shown = false;
  let lastDraw = 0;
  const clear = (): void => {
    if (shown) process.stderr.write('\r\x1b[K');
    shown = false;
  };
  return {
    start(files: number) {
      started = Date.now();
      total = files;
    },
    tick() {
      count++;
      const now = Date.now();
      if (!process.stderr.isTTY || now - started < PROGRESS_AFTER_MS || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      process.stderr.write(`\rchecked ${count}/${total} files`);
    },
    writeOut(text: string) {
      if (process.stdout.isTTY) clear(); // problem lines must not land on the progress line when both go to one terminal
      process.stdout.write(text);
    },
    writeErr(text: string) {
      clear();
      process.stderr.write(text);
    },
    done: clear,
  };
}

/** Files as given, directories as the *.txt files under them (sorted, no hidden folders, no symlinked folders). */
function expandPaths(paths: string[], fail: (path: string, reason: string) => void): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      fail(dir, 'cannot list directory');
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && entry.name.endsWith('.txt')) files.push(path);
    }
  };
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      // Not there or not readable: readDump reports it in its own words.
    }
    if (isDirectory) visit(path);
    else files.push(path);
  }
  return files;
}

/** Lines counted from 1, as the editor's gutter shows them; labels are the Outline's. */
function formatOutline(file: string, { model, text, lines }: ParsedDump): string {
  const out = [file];
  for (const article of model.articles) {
    out.push(`  L${lines.lineOf(article.titleSpan.start) + 1}  ${articleLabel(article, text)}  — ${bylineSummary(article)}`);
    for (const section of article.sections) out.push(`      L${lines.lineOf(section.titleSpan.start) + 1}  § ${section.title}`);
  }
  if (model.articles.length === 0) out.push('  (no articles found)');
  return `${out.join('\n')}\n`;
}

function readVersion(): string {
  // server/out/src/cli.js (tsc) or dist/server.js (the bundle) → the package root.
  for (const manifestPath of [join(__dirname, '..', '..', '..', 'package.json'), join(__dirname, '..', 'package.json')]) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'newsdump' && manifest.version) return manifest.version;
    } catch {
      // Not this layout: try the next.
    }
  }
  return 'unknown';
}

async function run(): Promise<void> {
  // `newsdump outline … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
  });
  let exitCode: number;
  try {
    exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`newsdump: ${error.message}\n`);
      exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`newsdump: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      exitCode = EXIT_INTERNAL;
    }
  }
  if (exitCode >= 0) process.exitCode = exitCode;
}

// The CLI's own file is also the worker threads' script, so that the bundle (one file) works too.
tuneEngine();
if (isFileWorker()) serveFileWorker(WORKER_TASKS);
else void run();
