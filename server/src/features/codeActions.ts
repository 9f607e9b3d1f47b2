// Quick fixes for the problems at the cursor, in a stable order: the rule's fixes
// as it lists them, then "Ignore this problem here", then "Disable rule …". And
// `source.fixAll.newsdump`: every safe fix of the file in one edit.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { DumpModel } from '../model/types';
import type { TextEdit } from '../rules/types';
import type { CheckedProblem } from '../rules/runRules';
import type { LineIndex } from '../text/positions';
import { ignoreEntryFor, type IgnoreEntry } from '../ignores/ignoreStore';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { compatibleSafeFixes } from './safeFixes';

export const IGNORE_PROBLEM_COMMAND = 'newsdump.ignoreProblem';
export const DISABLE_RULE_COMMAND = 'newsdump.disableRule';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.newsdump`;

export interface IgnoreProblemArgs {
  readonly uri: string;
  readonly ignore: IgnoreEntry;
}

export interface DisableRuleArgs {
  readonly uri: string;
  readonly rule: string;
}

export interface CheckedDocument {
  readonly uri: string;
  readonly text: string;
  readonly model: DumpModel;
  readonly lines: LineIndex;
  readonly problems: readonly CheckedProblem[];
}

export interface CodeActionRequest {
  readonly range: Range;
  readonly diagnostics: readonly Diagnostic[];
  /** The kinds the client asked for; undefined means any. */
  readonly only?: readonly string[];
}

export function codeActions(doc: CheckedDocument, request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(request.only, CodeActionKind.QuickFix)) {
    const disabled = new Set<string>();
    for (const index of problemsInScope(doc, request)) {
      actions.push(...problemActions(doc, index, disabled));
    }
  }
  if (wants(request.only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(doc);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** One edit with every safe fix of the file; null when there is nothing safe to do. */
export function fixAllAction(doc: CheckedDocument): CodeAction | null {
  const fixes = compatibleSafeFixes(doc.problems);
  if (fixes.length === 0) return null;
  return {
    title: `Fix all safe newsdump problems (${fixes.length})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [doc.uri]: lspEdits(fixes.flatMap((fix) => fix.edits), doc.lines) } },
  };
}

/** Edits in original offsets, as LSP wants them: all relative to the document before any of them applies. */
export function lspEdits(edits: readonly TextEdit[], lines: LineIndex): LspTextEdit[] {
  return [...edits]
    .sort((a, b) => a.span.start - b.span.start)
    .map((edit) => ({ range: lines.rangeOf(edit.span), newText: edit.newText }));
}

function problemActions(doc: CheckedDocument, index: number, disabled: Set<string>): CodeAction[] {
  const problem = doc.problems[index];
  const diagnostic = toDiagnostic(problem, doc.lines.rangeOf(problem.span));
  const actions = problem.fixes.map((fix, order): CodeAction => {
    const action: CodeAction = {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [doc.uri]: lspEdits(fix.edits, doc.lines) } },
    };
    // The first safe fix is what "auto fix" applies without asking.
    if (order === 0 && fix.safe) action.isPreferred = true;
    return action;
  });
  const ignore: IgnoreProblemArgs = { uri: doc.uri, ignore: ignoreEntryFor(problem, doc.text, doc.model) };
  actions.push({
    title: `Ignore this problem here (${problem.ruleId})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: 'Ignore this problem here', command: IGNORE_PROBLEM_COMMAND, arguments: [ignore] },
  });
  // With several problems of one rule under the cursor, one "disable" is enough.
  if (!disabled.has(problem.ruleId)) {
    disabled.add(problem.ruleId);
    const disable: DisableRuleArgs = { uri: doc.uri, rule: problem.ruleId };
    actions.push({
      title: `Disable rule ${problem.ruleId} in newsdump.json`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: `Disable rule ${problem.ruleId}`, command: DISABLE_RULE_COMMAND, arguments: [disable] },
    });
  }
  return actions;
}

/** Indexes of the problems the request is about: its diagnostics first (in the client's order), then those under the cursor. */
function problemsInScope(doc: CheckedDocument, request: CodeActionRequest): number[] {
  const indexes: number[] = [];
  const add = (index: number | undefined): void => {
    if (index !== undefined && index >= 0 && !indexes.includes(index)) indexes.push(index);
  };
  for (const diagnostic of request.diagnostics) {
    if (diagnostic.source === DIAGNOSTIC_SOURCE) add(findProblem(doc, diagnostic));
  }
  // In offsets: this runs on every cursor move, over every problem of the dump.
  const from = doc.lines.offsetAt(request.range.start);
  const to = doc.lines.offsetAt(request.range.end);
  doc.problems.forEach((problem, index) => {
    if (problem.span.start <= to && problem.span.end >= from) add(index);
  });
  return indexes;
}

/** The problem a diagnostic was made from: the one of its rule at its range. */
function findProblem(doc: CheckedDocument, diagnostic: Diagnostic): number | undefined {
  const [start, end] = [doc.lines.offsetAt(diagnostic.range.start), doc.lines.offsetAt(diagnostic.range.end)];
  const found = doc.problems.findIndex((problem) => problem.ruleId === diagnostic.code && problem.span.start === start && problem.span.end === end);
  return found >= 0 ? found : undefined;
}

/** Whether a code action kind is among those the client asked for (`only`); none means any. */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.length === 0 || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}
