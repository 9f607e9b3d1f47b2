// The only file that talks to the connection: each handler is one service call.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type HoverParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDumpService } from './service';
import { loadJiebaSegmenter } from './segmentation/jieba';

/** Starts the newsdump language server; with no connection given, one is made from the process arguments (--stdio, --node-ipc …). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  const jieba = loadJiebaSegmenter();
  const service = createDumpService({ segmenter: jieba.segmenter });

  /** A failing feature must cost one answer, never the server: log it and answer null. */
  function guarded<P, R>(
    name: string,
    handler: (params: P, token: CancellationToken) => R,
  ): (params: P, token: CancellationToken) => R | null {
    return (params, token) => {
      try {
        return handler(params, token);
      } catch (error) {
        connection.console.error(`newsdump: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return null;
      }
    };
  }

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        hoverProvider: true,
      },
      serverInfo: { name: 'newsdump' },
    }),
  );

  connection.onInitialized(() => {
    // Once per session: the editor keeps working, only OCR-break judgement is weaker.
    if (jieba.problem) void connection.window.showWarningMessage(jieba.problem);
    // jieba reads its dictionaries (about 2 s) on the first cut: do it now, not inside the first request.
    setImmediate(() => jieba.segmenter?.cut('郑州'));
  });

  connection.onDocumentSymbol(
    guarded('documentSymbol', (params: DocumentSymbolParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? service.documentSymbols(doc, token) : null;
    }),
  );

  connection.onFoldingRanges(
    guarded('foldingRange', (params: FoldingRangeParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? service.foldingRanges(doc, token) : null;
    }),
  );

  connection.onHover(
    guarded('hover', (params: HoverParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? service.hover(doc, params.position, token) : null;
    }),
  );

  documents.onDidClose((event) => service.forget(event.document.uri));

  documents.listen(connection);
  connection.listen();
  return connection;
}

// Also runnable on its own (`node server.js --stdio`), as a LanguageClient's server module.
if (require.main === module) startServer();
