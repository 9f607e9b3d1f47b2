// "Ignore this problem here". A raw .txt has no comment syntax, so ignores live in
// a sidecar `<name>.newsdump-ignore.json`. An ignore is anchored by text, not by
// line: the rule, the title of the article it sits in and a short window of text
// around it, so it survives edits anywhere else. Matching is pure; the file
// functions are at the bottom.
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { DumpModel, Span } from '../model/types';
import { describeIoError, writeFileAtomic } from '../io/atomicWrite';
import { isHighSurrogate, isLowSurrogate } from '../model/characters';
import { articleIndexAt } from '../model/search';

export interface IgnoreEntry {
  readonly rule: string;
  /** Main title of the article holding the problem; null outside articles or in an untitled one. */
  readonly article: string | null;
  /** The problem's text with a few characters either side, line breaks as \n. */
  readonly context: string;
}

/** What an ignore needs to know of a problem. */
export interface IgnorableProblem {
  readonly ruleId: string;
  readonly span: Span;
}

const CONTEXT_CHARS = 8;
/** Longer problem texts keep their two ends: enough to tell them apart, short enough to read in the file. */
const MAX_PROBLEM_CHARS = 40;
const KEEP_AT_EACH_END = 16;

export function ignoreEntryFor(problem: IgnorableProblem, text: string, model: DumpModel): IgnoreEntry {
  const article = articleAt(model, problem.span.start);
  const bounds = article ? article.span : { start: 0, end: text.length };
  return { rule: problem.ruleId, article: article?.title ?? null, context: problemContext(text, problem.span, bounds) };
}

/** The window of text that identifies a problem, kept inside its article so edits to a neighbour do not move it. */
export function problemContext(text: string, span: Span, bounds: Span): string {
  const low = Math.min(bounds.start, span.start);
  const high = Math.max(bounds.end, span.end);
  const before = text.slice(backUp(text, span.start, CONTEXT_CHARS, low), span.start);
  const after = text.slice(span.end, forward(text, span.end, CONTEXT_CHARS, high));
  let middle = text.slice(span.start, span.end);
  if (middle.length > MAX_PROBLEM_CHARS) {
    middle = `${middle.slice(0, forward(middle, 0, KEEP_AT_EACH_END, middle.length))}…${middle.slice(backUp(middle, middle.length, KEEP_AT_EACH_END, 0))}`;
  }
  return normalizeLineBreaks(before + middle + after);
}

/** A test for "is this problem ignored", built once per set of ignores. */
export function ignoreMatcher(entries: readonly IgnoreEntry[]): (problem: IgnorableProblem, text: string, model: DumpModel) => boolean {
  if (entries.length === 0) return () => false;
  const keys = new Set(entries.map(keyOf));
  const rules = new Set(entries.map((entry) => entry.rule));
  return (problem, text, model) => rules.has(problem.ruleId) && keys.has(keyOf(ignoreEntryFor(problem, text, model)));
}

export function withoutIgnored<P extends IgnorableProblem>(problems: readonly P[], entries: readonly IgnoreEntry[], text: string, model: DumpModel): P[] {
  const ignored = ignoreMatcher(entries);
  return problems.filter((problem) => !ignored(problem, text, model));
}

function keyOf(entry: IgnoreEntry): string {
  return JSON.stringify([entry.rule, entry.article, entry.context]);
}

/**
 * The article holding the character at `offset` (an article's end is outside it here, hence
 * the + 1), by binary search: with an ignore of a common rule, each of its thousands of problems asks.
 */
function articleAt(model: DumpModel, offset: number): DumpModel['articles'][number] | undefined {
  const article = model.articles[articleIndexAt(model, offset + 1)];
  return article && article.span.start <= offset ? article : undefined;
}

/** Moves back up to `count` characters, never below `limit` and never into the middle of a surrogate pair. */
function backUp(text: string, from: number, count: number, limit: number): number {
  let at = from;
  for (let i = 0; i < count && at > limit; i++) {
    at--;
    if (at > limit && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) at--;
  }
  return at;
}

function forward(text: string, from: number, count: number, limit: number): number {
  let at = from;
  for (let i = 0; i < count && at < limit; i++) {
    at++;
    if (at < limit && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) at++;
  }
  return at;
}


/** CRLF ⇄ LF conversions must not lose the ignores. */
function normalizeLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

// ---- the sidecar file ----

export const IGNORE_FILE_VERSION = 1;
export const IGNORE_FILE_SUFFIX = '.newsdump-ignore.json';

export interface IgnoreFile {
  readonly ignores: readonly IgnoreEntry[];
  /** One line saying why the file cannot be used; its ignores are then not applied. */
  readonly problem?: string;
}

/** `<folder>/<name>.txt` → `<folder>/<name>.newsdump-ignore.json`. */
export function ignoreFilePath(dumpPath: string): string {
  const name = basename(dumpPath);
  const extension = extname(name);
  return join(dirname(dumpPath), `${extension ? name.slice(0, -extension.length) : name}${IGNORE_FILE_SUFFIX}`);
}

export function parseIgnoreFile(text: string): IgnoreFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    return { ignores: [], problem: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const file = json as { version?: unknown; ignores?: unknown } | null;
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return { ignores: [], problem: 'not a JSON object' };
  if (file.version !== IGNORE_FILE_VERSION) return { ignores: [], problem: `unsupported version ${JSON.stringify(file.version)} (expected ${IGNORE_FILE_VERSION})` };
  if (!Array.isArray(file.ignores)) return { ignores: [], problem: '"ignores" is not an array' };
  const bad = file.ignores.findIndex((entry) => !isIgnoreEntry(entry));
  if (bad >= 0) return { ignores: [], problem: `ignores[${bad}] is not { "rule", "article", "context" }` };
  return { ignores: file.ignores as IgnoreEntry[] };
}

export function serializeIgnoreFile(ignores: readonly IgnoreEntry[]): string {
  const entries = ignores.map(({ rule, article, context }) => ({ rule, article, context }));
  return `${JSON.stringify({ version: IGNORE_FILE_VERSION, ignores: entries }, null, 2)}\n`;
}

function isIgnoreEntry(value: unknown): value is IgnoreEntry {
  const entry = value as Partial<IgnoreEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.rule === 'string' &&
    (entry.article === null || typeof entry.article === 'string') &&
    typeof entry.context === 'string'
  );
}

/** The ignores of a sidecar; a missing file is no ignores, an unreadable one a problem. */
export function readIgnoreFile(path: string): IgnoreFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ignores: [] };
    return { ignores: [], problem: `cannot read: ${describeIoError(error)}` };
  }
  return parseIgnoreFile(text);
}

/** Adds an ignore to a sidecar, atomically. A corrupt sidecar is left untouched: throws with a one-line message. */
export function addIgnore(path: string, entry: IgnoreEntry): void {
  const current = readIgnoreFile(path);
  if (current.problem !== undefined) throw new Error(`${path}: not updated, ${current.problem}; fix or remove it first`);
  const key = keyOf(entry);
  if (current.ignores.some((existing) => keyOf(existing) === key)) return;
  try {
    writeFileAtomic(path, serializeIgnoreFile([...current.ignores, entry]));
  } catch (error) {
    throw new Error(`${path}: cannot write: ${describeIoError(error)}`);
  }
}
