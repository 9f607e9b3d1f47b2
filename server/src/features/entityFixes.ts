// Quick fixes for the entity diagnostics (entityDiagnostics.ts):
// - annotation-drift: "Re-anchor 「安伟」 on line 12" for each occurrence of its text in the
//   article (the only one is preferred), then "Drop the tag";
// - untagged-entity: "Tag 「安伟」 as PER (人名)" (preferred: one key applies it), then
//   "Tag all 「安伟」 in this file as …".
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { LineIndex } from '../text/positions';
import type { Span } from '../model/types';
import type { Annotation, AnnotationSet } from '../entities/annotationSet';
import { typeTitle, type EntityTypeSetting } from '../config/entityTypes';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { DRIFT_CODE, SUGGESTION_CODE, type EntityDiagnosticData } from './entityDiagnostics';
import { REANCHOR_COMMAND, TAG_COMMAND, UNTAG_COMMAND, type ReanchorArgs, type TagArgs, type TagIdArgs } from './tagging';

export interface EntityFixContext {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly tags: readonly Annotation[];
  readonly set: AnnotationSet;
  readonly types: readonly EntityTypeSetting[];
  /** The article around an offset, where a drifted tag's text is looked for. */
  readonly windowAt: (offset: number) => Span;
}

export function entityFixes(context: EntityFixContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = diagnostic.data as EntityDiagnosticData | undefined;
    if (diagnostic.code === DRIFT_CODE && data?.kind === 'drift') actions.push(...driftFixes(context, diagnostic, data.id));
    else if (diagnostic.code === SUGGESTION_CODE && data?.kind === 'suggestion') actions.push(...suggestionFixes(context, diagnostic, data));
  }
  return actions;
}

function driftFixes(context: EntityFixContext, diagnostic: Diagnostic, id: string): CodeAction[] {
  const tag = context.tags.find((candidate) => candidate.id === id);
  if (!tag?.flag) return [];
  const { uri, version, lines } = context;
  const candidates = context.set.candidates(tag.id, context.text, context.windowAt(tag.start));
  const actions: CodeAction[] = candidates.map((start) => {
    const at = lines.positionAt(start);
    const title = `Re-anchor 「${tag.text}」 on line ${at.line + 1}, column ${at.character + 1}`;
    const args: ReanchorArgs = { uri, id, start, version };
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: candidates.length === 1, command: { title, command: REANCHOR_COMMAND, arguments: [args] } };
  });
  const drop = `Drop the tag ${tag.id} 「${tag.text}」`;
  actions.push({ title: drop, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: drop, command: UNTAG_COMMAND, arguments: [{ uri, id } satisfies TagIdArgs] } });
  return actions;
}

function suggestionFixes(context: EntityFixContext, diagnostic: Diagnostic, data: Extract<EntityDiagnosticData, { kind: 'suggestion' }>): CodeAction[] {
  const { uri, lines, text, types } = context;
  // The diagnostic may be older than the text: its range must still hold the name.
  const span = { start: lines.offsetAt(diagnostic.range.start), end: lines.offsetAt(diagnostic.range.end) };
  if (text.slice(span.start, span.end) !== data.text) return [];
  const range = lines.rangeOf(span);
  const label = typeTitle(types.find((type) => type.type === data.type), data.type);
  const make = (title: string, args: TagArgs, preferred: boolean): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    command: { title, command: TAG_COMMAND, arguments: [args] },
  });
  return [
    make(`Tag 「${data.text}」 as ${label}`, { uri, range, type: data.type, scope: 'here' }, true),
    make(`Tag all 「${data.text}」 in this file as ${label}`, { uri, range, type: data.type, scope: 'file' }, false),
  ];
}
