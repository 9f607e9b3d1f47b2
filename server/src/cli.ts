#!/usr/bin/env node
// `newsdump`: the language server's engine, headless. Bad input gets one line on
// stderr and exit code 2, never a stack trace.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDumpService, textDocument, type ParsedDump } from './service';
import { articleLabel, bylineSummary } from './features/symbols';
import { loadJiebaSegmenter } from './segmentation/jieba';
import { readDump } from './io/readDump';
import type { OutlineJson } from './features/outlineJson';
import { SettingsResolver, type SettingsProblem } from './config/checkSettings';
import { readDumpSnapshot, writeFixedDump } from './io/writeDump';
import { jsonReport, sarifReport, summaryLine, textLines, type FileReport } from './features/checkReport';
import { RULES } from './rules/registry';

const USAGE = `Usage:
  newsdump outline [--json] <file|directory>...   list the articles of each dump (directories: every *.txt inside)
  newsdump check [--format text|json|sarif] [--fix] <file|directory>...
                                                  report QA problems; --fix applies the safe fixes (keeps <file>.bak)
  newsdump lsp --stdio                            run the language server on stdin/stdout
  newsdump --help                                 show this help
  newsdump --version                              show the version

Text output: one line per article, "L<line>  <title>  — <bylines>", lines counted from 1.
JSON output: an array with one outline per file; ranges are LSP ranges (0-based line, UTF-16 character).
check: "path:line:col: severity: message [rule-id]" (1-based), then a summary line. Severities come from
the nearest newsdump.json ({ "rules": { "<rule-id>": "off|hint|information|warning|error" } }).
Exit code: 0 no error-severity problem, 1 some, 2 a file or config could not be read or bad usage.`;

const EXIT_OK = 0;
const EXIT_INTERNAL = 1;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;
/** A progress line appears only on a terminal and only once a run has taken this long. */
const PROGRESS_AFTER_MS = 1000;

class UsageError extends Error {}

/** Internal faults the run survives: one line, no stack trace. */
function reportToStderr(message: string): void {
  process.stderr.write(`newsdump: ${message.split('\n')[0]}\n`);
}

function main(args: string[]): number {
  const [command, ...rest] = args;
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

  let exitCode = EXIT_OK;
  const fail = (path: string, reason: string): void => {
    process.stderr.write(`newsdump: ${path}: ${reason}\n`);
    exitCode = EXIT_USAGE;
  };

  const jieba = loadJiebaSegmenter();
  if (jieba.problem) process.stderr.write(`newsdump: warning: ${jieba.problem}\n`);
  const service = createDumpService({ segmenter: jieba.segmenter, logError: reportToStderr });
  const outlines: OutlineJson[] = [];
  for (const file of expandPaths(paths, fail)) {
    const dump = readDump(file);
    if (dump.problem !== undefined) {
      fail(file, dump.problem);
      continue;
    }
    const doc = textDocument(file, dump.text);
    if (json) outlines.push(service.outline(doc, file));
    else process.stdout.write(formatOutline(file, service.getModel(doc)));
    service.forget(file); // one file at a time: a month of dumps need not sit in memory
  }
  if (json) process.stdout.write(`${JSON.stringify(outlines, null, 2)}\n`);
  return exitCode;
}

type CheckFormat = 'text' | 'json' | 'sarif';

function checkCommand(args: string[]): number {
  let format: CheckFormat = 'text';
  let fix = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--fix') fix = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`check: --format must be text, json or sarif`);
      format = value;
    } else if (arg.startsWith('-')) throw new UsageError(`check: unknown option '${arg}'`);
    else paths.push(arg);
  }
  if (paths.length === 0) throw new UsageError('check needs at least one file or directory');

  let exitCode = EXIT_OK;
  const progress = progressLine();
  const fail = (path: string, reason: string): void => {
    progress.writeErr(`newsdump: ${path}: ${reason}\n`);
    exitCode = EXIT_USAGE;
  };
  const reported = new Set<string>();
  const reportSettings = (problem: SettingsProblem): void => {
    const line = `newsdump: ${problem.file}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
    if (reported.has(line)) return;
    reported.add(line);
    progress.writeErr(`${line}\n`);
    if (problem.severity === 'error') exitCode = EXIT_USAGE;
  };

  const jieba = loadJiebaSegmenter();
  if (jieba.problem) process.stderr.write(`newsdump: warning: ${jieba.problem}\n`);
  const service = createDumpService({ segmenter: jieba.segmenter, logError: reportToStderr });
  const settingsResolver = new SettingsResolver();
  const files = expandPaths(paths, fail);
  progress.start(files.length);
  const reports: FileReport[] = [];
  const fixed = { problems: 0, files: 0 };
  let anyError = false;

  for (const file of files) {
    progress.tick();
    const snapshot = readDumpSnapshot(file);
    if ('problem' in snapshot) {
      fail(file, snapshot.problem);
      continue;
    }
    if (snapshot.dump.problem !== undefined) {
      fail(file, snapshot.dump.problem);
      continue;
    }
    const settings = settingsResolver.resolve(resolve(file));
    settings.problems.forEach(reportSettings);
    let doc = textDocument(file, snapshot.dump.text);
    if (fix) {
      const result = service.fixSafeProblems(doc, settings.overrides, settings.ignores);
      if (result.applied > 0) {
        const refused = writeFixedDump(snapshot, result.text);
        if (refused) fail(file, refused);
        else {
          doc = textDocument(file, result.text, 1);
          fixed.problems += result.applied;
          fixed.files++;
        }
      }
    }
    const diagnostics = service.diagnostics(doc, settings.overrides, settings.ignores) ?? [];
    service.forget(file); // one file at a time: a month of dumps need not sit in memory
    const report = { file, diagnostics };
    anyError ||= diagnostics.some((diagnostic) => diagnostic.severity === 1);
    if (format === 'text') {
      const lines = textLines(report);
      if (lines.length > 0) progress.writeOut(`${lines.join('\n')}\n`);
    }
    reports.push(report);
  }
  progress.done();

  if (format === 'text') process.stdout.write(`${summaryLine(reports, fix ? fixed : undefined)}\n`);
  else if (format === 'json') process.stdout.write(`${JSON.stringify(jsonReport(reports), null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(sarifReport(reports, RULES, readVersion()), null, 2)}\n`);
  if (exitCode !== EXIT_OK) return exitCode;
  return anyError ? EXIT_PROBLEMS : EXIT_OK;
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

function run(): void {
  // `newsdump outline … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
  });
  let exitCode: number;
  try {
    exitCode = main(process.argv.slice(2));
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

run();
