// The one engine behind both the language server and the CLI, so the editor and
// CI can never disagree. It parses each document version once and maps every
// request onto the cached model; positions are made here, at the edge.
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver';
import { parseDump, parseDumpAfter, type ParsedHead } from './model/parse';
import type { DumpModel, WordSegmenter } from './model/types';
import { CodePointIndex, LineIndex, type Position, type Range } from './text/positions';
import { OutlineCache } from './features/symbols';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { outlineJson, type OutlineJson } from './features/outlineJson';
import { runRules, type CheckedProblem, type SeverityOverrides } from './rules/runRules';
import { withoutIgnored, type IgnoreEntry } from './ignores/ignoreStore';
import { toDiagnostics, type MadeDiagnostics } from './features/diagnostics';
import { codeActions, type CodeActionRequest } from './features/codeActions';
import { applyEdits, compatibleSafeFixes } from './features/safeFixes';
import { reparseEdited } from './model/incremental';
import { composeRegions, regionOfReplacements, type EditRegion, type Replacement } from './text/editRegion';
import { recheckEdited } from './rules/recheck';
import type { Rule } from './rules/types';
import type { Span } from './model/types';
import { checkOpening } from './features/openingCheck';

/** What the service needs of a document; vscode-languageserver-textdocument's TextDocument fits. */
export interface DumpDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
  /** A line index of exactly getText(), when the document keeps one (OpenDocument): used, not built again. */
  readonly lineIndex?: LineIndex;
}

/** LSP's CancellationToken fits; a request cancelled before its work starts gets no answer. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface ParsedDump {
  readonly text: string;
  readonly model: DumpModel;
  readonly lines: LineIndex;
  /** Made on first use (the tags' code points), then carried across edits like `lines`. */
  readonly codePoints: CodePointIndex;
}

/** A parse of one text version; the code-point index is built when first asked for, or moved on from the version before. */
class ParsedVersion implements ParsedDump {
  private codePointIndex?: CodePointIndex;

  constructor(
    readonly version: number,
    readonly text: string,
    readonly model: DumpModel,
    readonly lines: LineIndex,
    carriedCodePoints?: CodePointIndex,
  ) {
    this.codePointIndex = carriedCodePoints;
  }

  get codePoints(): CodePointIndex {
    return (this.codePointIndex ??= new CodePointIndex(this.text));
  }

  /** The outline, made once per version: VS Code asks for it several times (outline, breadcrumbs, sticky scroll). */
  symbols?: DocumentSymbol[];

  /** The index moved past an edit, when this version has one; never built just to be moved. */
  codePointsAfter(text: string, edit: EditRegion): CodePointIndex | undefined {
    return this.codePointIndex?.afterEdit(text, edit);
  }
}

export interface OpeningDiagnostics {
  readonly diagnostics: readonly Diagnostic[];
  /** The first line the opening check did not reach (0-based). */
  readonly uncheckedFromLine: number;
}

export interface SafeFixResult {
  readonly text: string;
  /** Fixes applied, over all rounds. */
  readonly applied: number;
}

/** A fix can expose another (two breaks in a row): a few rounds settle it; the cap guards against a rule that never does. */
const MAX_FIX_ROUNDS = 5;

export interface DumpServiceOptions {
  readonly segmenter?: WordSegmenter;
  /** Where a failing rule is reported; the other rules' problems still come through. */
  readonly logError?: (message: string) => void;
}

export interface DumpService {
  getModel(doc: DumpDocument): ParsedDump;
  documentSymbols(doc: DumpDocument, token?: Cancellation): DocumentSymbol[] | null;
  foldingRanges(doc: DumpDocument, token?: Cancellation): FoldingRange[] | null;
  hover(doc: DumpDocument, position: Position, token?: Cancellation): Hover | null;
  /** The problems the rules find, with the user's severities, minus ignored ones; cached per document version and settings. */
  checkDocument(doc: DumpDocument, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[]): readonly CheckedProblem[];
  /**
   * A large dump's first problems, checked before the whole: those of the stretch from the top
   * that holds at least `wanted` (openingCheck.ts). Undefined when that stretch is more than a
   * third of the text, or the document is checked already. Nothing of it is kept.
   */
  openingDiagnostics(doc: DumpDocument, wanted: number, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[]): OpeningDiagnostics | undefined;
  /** Made anew only for problems that changed since the last call: the array and its diagnostics are shared, not to be changed. */
  diagnostics(doc: DumpDocument, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[], token?: Cancellation): readonly Diagnostic[] | null;
  codeActions(
    doc: DumpDocument,
    request: CodeActionRequest,
    overrides?: SeverityOverrides,
    ignores?: readonly IgnoreEntry[],
    token?: Cancellation,
  ): CodeAction[] | null;
  /** The text with every safe fix applied, re-checking after each round until nothing safe is left (`check --fix`). */
  fixSafeProblems(doc: DumpDocument, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[]): SafeFixResult;
  /** The CLI's JSON outline; `file` defaults to the document's URI. */
  outline(doc: DumpDocument, file?: string): OutlineJson;
  /**
   * The open document `uri` changed by these replacements (each in offsets of the text the one
   * before left). The next parse re-reads only the articles around them; without this call it reads the whole text.
   */
  noteChanges(uri: string, changes: readonly Replacement[]): void;
  /** Drops the cached parse of a closed document. */
  forget(uri: string): void;
}

/** A document that exists only in memory (the CLI, tests). */
export function textDocument(uri: string, text: string, version = 0): DumpDocument {
  return { uri, version, getText: () => text };
}

/** Set NEWSDUMP_CHECK_INCREMENTAL=1 to compare every spliced parse with a whole one (soak and fuzz runs); a mismatch is logged and the whole parse used. */
const CROSS_CHECK_INCREMENTAL = process.env.NEWSDUMP_CHECK_INCREMENTAL === '1';

interface DocumentState {
  parsed: ParsedVersion;
  /** The last diagnostics made, to reuse those that did not change (see toDiagnostics). */
  made?: MadeDiagnostics;
  /** Text edits since `parsed` (see noteChanges). */
  pendingEdit?: EditRegion;
  /** The last check, and what was re-parsed since: a re-check covers that stretch, or everything after a whole parse. */
  check?: {
    readonly key: string;
    readonly problems: readonly CheckedProblem[];
    readonly model: DumpModel;
    reparsedSince?: EditRegion | 'everything';
  };
}

export function createDumpService(options: DumpServiceOptions = {}): DumpService {
  const states = new Map<string, DocumentState>();
  /** Each article's symbol, kept across the versions of a document (keyed by article: documents never share one). */
  const outlines = new OutlineCache();
  /** The top an opening check parsed, for the whole parse of the same version to go on from. */
  const openingHeads = new Map<string, { readonly version: number; readonly text: string; readonly head: ParsedHead }>();

  function parseWhole(text: string): DumpModel {
    return parseDump(text, { segmenter: options.segmenter });
  }

  /**
   * A model parsed in parts (a splice, the rest after the opening's top); with
   * NEWSDUMP_CHECK_INCREMENTAL=1, undefined (and logged) when it differs from a whole parse.
   */
  function crossChecked(model: DumpModel, text: string, mismatch: () => string): DumpModel | undefined {
    if (!CROSS_CHECK_INCREMENTAL || JSON.stringify(model) === JSON.stringify(parseWhole(text))) return model;
    options.logError?.(mismatch());
    return undefined;
  }

  /** A whole parse of the document, from where its opening check stopped when it had one. */
  function parseWholeDocument(doc: DumpDocument, text: string): DumpModel {
    const opening = openingHeads.get(doc.uri);
    openingHeads.delete(doc.uri);
    const after =
      opening && opening.version === doc.version && opening.text === text
        ? crossChecked(parseDumpAfter(text, opening.head, { segmenter: options.segmenter }), text, () => `the parse after the opening check differs from a whole parse of ${doc.uri}`)
        : undefined;
    return after ?? parseWhole(text);
  }

  function getModel(doc: DumpDocument): ParsedVersion {
    const text = doc.getText();
    const state = states.get(doc.uri);
    // The text check keeps a caller that reuses a version number honest; for TextDocuments it is one pointer compare.
    if (state && state.parsed.version === doc.version && state.parsed.text === text) return state.parsed;
    const edit = state?.pendingEdit;
    const spliced = state && edit ? reparseEdited(state.parsed.model, state.parsed.text, text, edit, { segmenter: options.segmenter }) : undefined;
    const model = spliced && crossChecked(spliced.model, text, () => `spliced parse differs from a whole parse of ${doc.uri} after edit ${JSON.stringify(edit)}`);
    const carried = model && state && edit;
    const documentLines = doc.lineIndex;
    const parsed = new ParsedVersion(
      doc.version,
      text,
      model ?? parseWholeDocument(doc, text),
      documentLines?.indexes(text) ? documentLines : carried ? state.parsed.lines.afterEdit(text, edit) : new LineIndex(text),
      carried ? state.parsed.codePointsAfter(text, edit) : undefined,
    );
    const check = state?.check;
    if (check) {
      // A whole parse leaves nothing to splice the old check into.
      const since = check.reparsedSince;
      if (!model || !spliced || since === 'everything') check.reparsedSince = 'everything';
      else check.reparsedSince = since ? composeRegions(since, spliced.reparsed) : spliced.reparsed;
    }
    states.set(doc.uri, { parsed, check, made: state?.made });
    return parsed;
  }

  /** The rules' problems in `scope` (everywhere when absent), with the user's severities, minus ignored ones; a failing rule is logged. */
  function checkScope(
    uri: string,
    text: string,
    model: DumpModel,
    overrides: SeverityOverrides,
    ignores: readonly IgnoreEntry[],
    scope?: Span,
    rules?: readonly Rule[],
  ): CheckedProblem[] {
    const problems = runRules({ text, model, segmenter: options.segmenter, scope }, overrides, rules, (ruleId, error) =>
      options.logError?.(`rule ${ruleId} failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    return withoutIgnored(problems, ignores, text, model);
  }

  function checkDocument(doc: DumpDocument, overrides: SeverityOverrides = {}, ignores: readonly IgnoreEntry[] = []): readonly CheckedProblem[] {
    const { text, model } = getModel(doc);
    const state = states.get(doc.uri)!;
    const key = JSON.stringify([Object.entries(overrides).sort(), ignores]);
    const previous = state.check;
    if (previous && previous.key === key && previous.reparsedSince === undefined) return previous.problems;
    const run = (scope?: Span, rules?: readonly Rule[]) => checkScope(doc.uri, text, model, overrides, ignores, scope, rules);
    const since = previous?.reparsedSince;
    const problems =
      previous && previous.key === key && since !== undefined && since !== 'everything'
        ? recheckEdited(previous.problems, previous.model, model, since, run)
        : run();
    state.check = { key, problems: Object.freeze(problems), model };
    return state.check.problems;
  }

  return Object.freeze({
    getModel,
    checkDocument,
    diagnostics(doc: DumpDocument, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[], token?: Cancellation) {
      if (token?.isCancellationRequested) return null;
      const problems = checkDocument(doc, overrides, ignores);
      const state = states.get(doc.uri)!;
      const diagnostics = toDiagnostics(problems, getModel(doc).lines, state.made);
      state.made = { problems, diagnostics };
      return diagnostics;
    },
    openingDiagnostics(doc: DumpDocument, wanted: number, overrides: SeverityOverrides = {}, ignores: readonly IgnoreEntry[] = []) {
      const state = states.get(doc.uri);
      if (state && state.parsed.version === doc.version) return undefined;
      const text = doc.getText();
      const opening = checkOpening(text, wanted, (model, scope) => checkScope(doc.uri, text, model, overrides, ignores, scope), {
        segmenter: options.segmenter,
      });
      if (!opening) return undefined;
      openingHeads.set(doc.uri, { version: doc.version, text, head: opening.head });
      // The lines of the checked stretch only: the whole text's index (10 ms on 11 MB) is built for the whole check.
      const lines = new LineIndex(text.slice(0, opening.checkedTo));
      return { diagnostics: toDiagnostics(opening.problems, lines), uncheckedFromLine: lines.lineCount - 1 };
    },
    codeActions(doc: DumpDocument, request: CodeActionRequest, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[], token?: Cancellation) {
      if (token?.isCancellationRequested) return null;
      const problems = checkDocument(doc, overrides, ignores);
      const { text, model, lines } = getModel(doc);
      return codeActions({ uri: doc.uri, text, model, lines, problems }, request);
    },
    fixSafeProblems(doc: DumpDocument, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[]) {
      let current = doc;
      let applied = 0;
      for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
        const fixes = compatibleSafeFixes(checkDocument(current, overrides, ignores));
        if (fixes.length === 0) break;
        applied += fixes.length;
        current = textDocument(doc.uri, applyEdits(current.getText(), fixes.flatMap((fix) => fix.edits)), current.version + 1);
      }
      return { text: current.getText(), applied };
    },
    documentSymbols(doc: DumpDocument, token?: Cancellation) {
      if (token?.isCancellationRequested) return null;
      const parsed = getModel(doc);
      return (parsed.symbols ??= outlines.symbols(parsed.model, parsed.text, parsed.lines));
    },
    foldingRanges(doc: DumpDocument, token?: Cancellation) {
      if (token?.isCancellationRequested) return null;
      const { model, lines } = getModel(doc);
      return foldingRanges(model, lines);
    },
    hover(doc: DumpDocument, position: Position, token?: Cancellation) {
      if (token?.isCancellationRequested) return null;
      const { model, text, lines } = getModel(doc);
      return hover(model, text, lines, position);
    },
    outline(doc: DumpDocument, file: string = doc.uri) {
      const { model, lines } = getModel(doc);
      return outlineJson(file, model, lines);
    },
    noteChanges(uri: string, changes: readonly Replacement[]) {
      const state = states.get(uri);
      if (state) state.pendingEdit = regionOfReplacements(changes, state.pendingEdit);
    },
    forget(uri: string) {
      states.delete(uri);
      openingHeads.delete(uri);
    },
  });
}
