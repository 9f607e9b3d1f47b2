// What the editor shows about a dump's tags, as diagnostics:
// - `annotation-drift` (warning): a tag an edit cut into, deleted, or that did not fit the
//   text when the .ann was read; quick fixes re-anchor or drop it (tagging.ts);
// - the .ann's own problems (malformed lines, duplicate ids, crossing spans …), on the
//   tagged text when the line is a tag we know, else at the start of the dump, with the
//   .ann line number in the message;
// - `untagged-entity` (hint, so VS Code keeps them out of the Problems panel): names that
//   look like entities; quick fix "Tag as …".
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { basename } from 'node:path';
import type { CodePointIndex, LineIndex, Range } from '../text/positions';
import type { Annotation, AnnotationSet } from '../entities/annotationSet';
import { checkAgainstText, parseAnn, type AnnProblem } from '../entities/annFile';
import type { LoadedAnn } from '../entities/annStorage';
import type { Suggestion } from '../entities/suggestions';
import type { EntityTypeSetting } from '../config/entityTypes';
import { typeTitle } from '../config/entityTypes';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export const DRIFT_CODE = 'annotation-drift';
export const SUGGESTION_CODE = 'untagged-entity';
export const ANN_FILE_CODE = 'ann-file';

export type EntityDiagnosticData =
  | { readonly kind: 'drift'; readonly id: string }
  | { readonly kind: 'suggestion'; readonly type: string; readonly text: string }
  | { readonly kind: 'ann'; readonly line: number };

export interface EntityDiagnosticsInput {
  readonly text: string;
  readonly lines: LineIndex;
  /** The text's code points, kept up to date by the service across edits. */
  readonly codePoints?: CodePointIndex;
  readonly set: AnnotationSet;
  readonly loaded?: LoadedAnn;
  readonly types: readonly EntityTypeSetting[];
  readonly suggestions: readonly Suggestion[];
  /** What this gave for the document last time: a hint that says the same again is the same object (so its bytes are copied, jsonMessages.ts). */
  readonly before?: readonly Diagnostic[];
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;
/** Problems of a tag that is drifted are said by its drift diagnostic, with fixes. */
const SAID_BY_DRIFT = new Set(['text-mismatch', 'offset-past-end', 'empty-span']);

export function entityDiagnostics(input: EntityDiagnosticsInput): Diagnostic[] {
  const tags = input.set.list();
  return [...driftDiagnostics(input, tags), ...annFileDiagnostics(input, tags), ...suggestionDiagnostics(input)];
}

function driftDiagnostics({ text, lines, types }: EntityDiagnosticsInput, tags: readonly Annotation[]): Diagnostic[] {
  return tags
    .filter((tag) => tag.flag !== undefined)
    .map((tag) => ({
      range: visibleRange(text, lines, tag.start, tag.end),
      severity: DiagnosticSeverity.Warning,
      code: DRIFT_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: driftMessage(tag, text, types),
      data: { kind: 'drift', id: tag.id } satisfies EntityDiagnosticData,
    }));
}

function driftMessage(tag: Annotation, text: string, types: readonly EntityTypeSetting[]): string {
  const what = `${tag.id} ${typeTitle(types.find((type) => type.type === tag.type), tag.type)} 「${tag.text}」`;
  const now = text.slice(tag.start, tag.end);
  switch (tag.flag) {
    case 'deleted':
      return `${what}: its text was deleted. Re-anchor it on another occurrence or drop the tag.`;
    case 'edited':
      return `${what}: an edit changed its text (now 「${now}」). Re-anchor it or drop the tag.`;
    default:
      return `${what}: the .ann does not match the text here (「${now}」) and the name was not found unambiguously nearby. Re-anchor it or drop the tag.`;
  }
}

/** The .ann problems of the annotations as they would be saved now (the file on disk, when nothing changed). */
function annFileDiagnostics(input: EntityDiagnosticsInput, tags: readonly Annotation[]): Diagnostic[] {
  const { text, lines, set, loaded, types } = input;
  if (!loaded) return [];
  const name = basename(loaded.path);
  const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: lines.lineEnd(0) - lines.lineStart(0) } };
  if (loaded.problem) {
    return [{ range: start, severity: DiagnosticSeverity.Error, code: ANN_FILE_CODE, source: DIAGNOSTIC_SOURCE, message: `${loaded.problem}: tags are off for this dump` }];
  }
  // The index is made when first read (input.codePoints): a dump without tags needs none.
  const file = set.modified ? parseAnn(set.toAnn(text, input.codePoints)) : loaded.file;
  const index = file.lines.length > 0 ? input.codePoints : undefined;
  const problems: AnnProblem[] = [...file.problems, ...checkAgainstText(file, text, { knownTypes: new Set(types.map((type) => type.type)), index })];
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  const drifted = new Set(tags.filter((tag) => tag.flag).map((tag) => tag.id));
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems.sort((a, b) => a.line - b.line)) {
    const line = file.lines[problem.line];
    const id = line?.kind === 'entity' ? line.id : undefined;
    if (id !== undefined && drifted.has(id) && SAID_BY_DRIFT.has(problem.code)) continue;
    // The line that is the tag we follow (not a second line with its id) sits on its text.
    const tag = id !== undefined && problem.code !== 'duplicate-id' ? byId.get(id) : undefined;
    diagnostics.push({
      range: tag && !tag.flag ? lines.rangeOf(tag) : start,
      severity: SEVERITY[problem.severity],
      code: problem.code,
      source: DIAGNOSTIC_SOURCE,
      message: `${name} line ${problem.line + 1}: ${problem.message}`,
      data: { kind: 'ann', line: problem.line } satisfies EntityDiagnosticData,
    });
  }
  return diagnostics;
}

/** What each hint diagnostic says, as a key: its place, type, type's title, name and reason (its message is made of these). */
const hintKeys = new WeakMap<Diagnostic, string>();

function suggestionDiagnostics({ lines, types, suggestions, before: last }: EntityDiagnosticsInput): Diagnostic[] {
  // Only hints have a key: the tags' other diagnostics are left out here.
  const before = new Map<string, Diagnostic>();
  for (const diagnostic of last ?? []) {
    const key = hintKeys.get(diagnostic);
    if (key !== undefined) before.set(key, diagnostic);
  }
  return suggestions.map((suggestion) => {
    const title = typeTitle(types.find((type) => type.type === suggestion.type), suggestion.type);
    // Looked up before the range and message are made: most hints are the same as last time.
    const key = `${lines.rangeKey(suggestion.span)}|${suggestion.type}|${title}|${suggestion.text}|${suggestion.reason}`;
    const old = before.get(key);
    if (old !== undefined) return old;
    const diagnostic: Diagnostic = {
      range: lines.rangeOf(suggestion.span),
      severity: DiagnosticSeverity.Hint,
      code: SUGGESTION_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: `「${suggestion.text}」 looks like ${title}: ${suggestion.reason}. Not tagged yet.`,
      data: { kind: 'suggestion', type: suggestion.type, text: suggestion.text } satisfies EntityDiagnosticData,
    };
    hintKeys.set(diagnostic, key);
    return diagnostic;
  });
}

/**
 * A tag whose text was deleted is empty: an empty range draws nothing in most editors, so
 * it covers the character after it (or before it at the end of a line), never a line break.
 */
export function visibleRange(text: string, lines: LineIndex, start: number, end: number): Range {
  if (end > start) return lines.rangeOf({ start, end });
  const line = lines.lineOf(start);
  const [lineStart, lineEnd] = [lines.lineStart(line), lines.lineEnd(line)];
  if (start < lineEnd) return lines.rangeOf({ start, end: start + charWidth(text, start) });
  if (start > lineStart) return lines.rangeOf({ start: start - charWidth(text, start - 1, true), end: start });
  return lines.rangeOf({ start, end });
}

/** 2 for a surrogate pair: its first half going forward, its second half going back. */
function charWidth(text: string, at: number, backwards = false): number {
  const code = text.charCodeAt(at);
  return (backwards ? code >= 0xdc00 && code <= 0xdfff : code >= 0xd800 && code <= 0xdbff) ? 2 : 1;
}
