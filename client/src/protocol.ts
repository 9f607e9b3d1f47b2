// Custom requests between this client and the newsdump language server.
import { RequestType } from 'vscode-languageclient/node';

/**
 * `newsdump/checkFiles` — check dumps that are not open in an editor.
 *
 * The client finds the files (newsdump.files globs, and .txt files that sniff as dumps)
 * and sends their URIs in batches. For each URI the server reads the file from disk (its
 * own decoding: BOM, UTF-8, GB18030; the open document's text instead when the file is
 * open), checks it with the same rules and settings as an open dump (newsdump.rules,
 * newsdump.json, the ignore sidecar), publishes `textDocument/publishDiagnostics` for the
 * URI (an empty list when clean, so a re-check clears old results) and answers with a
 * summary per file. A file it cannot read gets `error` and no diagnostics. The request is
 * cancellable between files.
 */
export interface CheckFilesParams {
  /** file: URIs, as `vscode.Uri.toString()` writes them. */
  readonly uris: string[];
}

export interface CheckedFile {
  readonly uri: string;
  /** Articles found (top-level outline symbols). */
  readonly articles: number;
  /** Diagnostics published for the file, by severity. */
  readonly problems: {
    readonly error: number;
    readonly warning: number;
    readonly information: number;
    readonly hint: number;
  };
  /** Why the file could not be checked (unreadable, not text …); absent on success. */
  readonly error?: string;
}

export interface CheckFilesResult {
  /** One entry per requested URI, in the order asked. */
  readonly files: CheckedFile[];
}

export const CheckFilesRequest = new RequestType<CheckFilesParams, CheckFilesResult, void>('newsdump/checkFiles');
