// The one engine behind both the language server and the CLI, so the editor and
// CI can never disagree. It parses each document version once and maps every
// request onto the cached model; positions are made here, at the edge.
import type { DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver';
import { parseDump } from './model/parse';
import type { DumpModel, WordSegmenter } from './model/types';
import { LineIndex, type Position } from './text/positions';
import { documentSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { outlineJson, type OutlineJson } from './features/outlineJson';

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

export interface DumpServiceOptions {
  readonly segmenter?: WordSegmenter;
}

export interface DumpService {
  getModel(doc: DumpDocument): ParsedDump;
  documentSymbols(doc: DumpDocument, token?: Cancellation): DocumentSymbol[] | null;
  foldingRanges(doc: DumpDocument, token?: Cancellation): FoldingRange[] | null;
  hover(doc: DumpDocument, position: Position, token?: Cancellation): Hover | null;
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

  return Object.freeze({
    getModel,
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
    },
  });
}
