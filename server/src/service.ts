// The one engine behind both the language server and the CLI, so the editor and
// CI can never disagree. It parses each document version once and maps every
// request onto the cached model; positions are made here, at the edge.
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver';
import { parseDump } from './model/parse';
import type { DumpModel, WordSegmenter } from './model/types';
import { LineIndex, type Position } from './text/positions';
import { documentSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { outlineJson, type OutlineJson } from './features/outlineJson';
import { runRules, type CheckedProblem, type SeverityOverrides } from './rules/runRules';
import { withoutIgnored, type IgnoreEntry } from './ignores/ignoreStore';
import { toDiagnostics } from './features/diagnostics';
import { codeActions, type CodeActionRequest } from './features/codeActions';
import { applyEdits, compatibleSafeFixes } from './features/safeFixes';

/** What the service needs of a document; vscode-languageserver-textdocument's TextDocument fits. */
export interface DumpDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** LSP's CancellationToken fits; a request cancelled before its work starts gets no answer. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface ParsedDump {
  readonly text: string;
  readonly model: DumpModel;
  readonly lines: LineIndex;
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
  diagnostics(doc: DumpDocument, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[], token?: Cancellation): Diagnostic[] | null;
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
  /** Drops the cached parse of a closed document. */
  forget(uri: string): void;
}

/** A document that exists only in memory (the CLI, tests). */
export function textDocument(uri: string, text: string, version = 0): DumpDocument {
  return { uri, version, getText: () => text };
}

export function createDumpService(options: DumpServiceOptions = {}): DumpService {
  const cache = new Map<string, ParsedDump & { readonly version: number }>();

  function getModel(doc: DumpDocument): ParsedDump {
    const text = doc.getText();
    const cached = cache.get(doc.uri);
    // The text check keeps a caller that reuses a version number honest; for TextDocuments it is one pointer compare.
    if (cached && cached.version === doc.version && cached.text === text) return cached;
    const parsed = {
      version: doc.version,
      text,
      model: parseDump(text, { segmenter: options.segmenter }),
      lines: new LineIndex(text),
    };
    cache.set(doc.uri, parsed);
    return parsed;
  }

  const checks = new Map<string, { readonly version: number; readonly text: string; readonly key: string; readonly problems: readonly CheckedProblem[] }>();

  function checkDocument(doc: DumpDocument, overrides: SeverityOverrides = {}, ignores: readonly IgnoreEntry[] = []): readonly CheckedProblem[] {
    const { text, model } = getModel(doc);
    const key = JSON.stringify([Object.entries(overrides).sort(), ignores]);
    const cached = checks.get(doc.uri);
    if (cached && cached.version === doc.version && cached.text === text && cached.key === key) return cached.problems;
    const found = runRules({ text, model, segmenter: options.segmenter }, overrides, undefined, (ruleId, error) =>
      options.logError?.(`rule ${ruleId} failed on ${doc.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    const problems = Object.freeze(withoutIgnored(found, ignores, text, model));
    checks.set(doc.uri, { version: doc.version, text, key, problems });
    return problems;
  }

  return Object.freeze({
    getModel,
    checkDocument,
    diagnostics(doc: DumpDocument, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[], token?: Cancellation) {
      if (token?.isCancellationRequested) return null;
      const problems = checkDocument(doc, overrides, ignores);
      return toDiagnostics(problems, getModel(doc).lines, doc.version);
    },
    codeActions(doc: DumpDocument, request: CodeActionRequest, overrides?: SeverityOverrides, ignores?: readonly IgnoreEntry[], token?: Cancellation) {
      if (token?.isCancellationRequested) return null;
      const problems = checkDocument(doc, overrides, ignores);
      const { text, model, lines } = getModel(doc);
      return codeActions({ uri: doc.uri, version: doc.version, text, model, lines, problems }, request);
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
      const { model, text, lines } = getModel(doc);
      return documentSymbols(model, text, lines);
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
    forget(uri: string) {
      cache.delete(uri);
      checks.delete(uri);
    },
  });
}
