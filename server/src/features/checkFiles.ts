// `newsdump/checkFiles`: check dumps that are not open in an editor (the client's
// "Check All Dumps in Workspace"). Files are read with the CLI's decoding; an open
// document's text wins over the file on disk, as the user sees it.
import type { Diagnostic } from 'vscode-languageserver';
import type { DumpDocument } from '../service';

export const CHECK_FILES_REQUEST = 'newsdump/checkFiles';

export interface CheckFilesParams {
  readonly uris: readonly string[];
}

export interface CheckedFile {
  readonly uri: string;
  readonly articles: number;
  readonly problems: { error: number; warning: number; information: number; hint: number };
  readonly error?: string;
}

export interface CheckFilesDependencies {
  /** The open document for a URI, if any. */
  openDocument(uri: string): DumpDocument | undefined;
  /** The file behind a URI, decoded; `problem` when it cannot be read as a dump. */
  readFile(uri: string): { document?: DumpDocument; problem?: string };
  articleCount(doc: DumpDocument): number;
  diagnostics(doc: DumpDocument): readonly Diagnostic[];
  publish(uri: string, diagnostics: readonly Diagnostic[]): void;
  /** Drop what was cached for a document that is not open. */
  forget(uri: string): void;
  isCancelled(): boolean;
}

export function checkFiles(params: CheckFilesParams, deps: CheckFilesDependencies): { files: CheckedFile[] } {
  const files: CheckedFile[] = [];
  for (const uri of Array.isArray(params?.uris) ? params.uris : []) {
    if (deps.isCancelled()) break;
    const open = deps.openDocument(uri);
    const read = open ? { document: open } : deps.readFile(uri);
    if (!read.document) {
      files.push({ uri, articles: 0, problems: { error: 0, warning: 0, information: 0, hint: 0 }, error: read.problem ?? 'cannot read' });
      continue;
    }
    const diagnostics = deps.diagnostics(read.document);
    deps.publish(uri, diagnostics);
    files.push({ uri, articles: deps.articleCount(read.document), problems: countBySeverity(diagnostics) });
    if (!open) deps.forget(uri);
  }
  return { files };
}

function countBySeverity(diagnostics: readonly Diagnostic[]): CheckedFile['problems'] {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 1) counts.error++;
    else if (diagnostic.severity === 3) counts.information++;
    else if (diagnostic.severity === 4) counts.hint++;
    else counts.warning++;
  }
  return counts;
}
