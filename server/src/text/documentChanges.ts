// The offsets of each incremental change, for whatever has to follow edits (annotations).
//
// Why here and not in a didChange handler: `TextDocuments.listen()` owns
// textDocument/didChange (a connection keeps one handler per notification, so a second
// handler would replace the library's), and by the time `onDidChangeContent` fires the
// text before the change is gone. What TextDocuments does let us choose is its
// configuration: it calls `update(document, changes, version)` for every didChange, before
// it fires onDidChangeContent. This configuration applies the changes one at a time,
// reading each change's offsets from the text just before it (LSP: every change of one
// event is relative to the text the previous one left), and reports them once the document
// holds the new text. So the offsets are exactly the ones applied, the order is fixed
// (annotations follow before any listener sees the new version), and a keystroke in an
// 11 MB dump costs no scan of the text: the document's line index moves with each edit.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextChange } from '../entities/annotationSet';
import { OpenDocument } from './openDocument';

/** `receivedAt` (performance.now()) is when the change came, before any work on it. */
export type ChangeListener = (uri: string, changes: readonly TextChange[], textAfter: string, receivedAt: number) => void;

export interface TrackedDocumentsConfiguration {
  create(uri: string, languageId: string, version: number, content: string): OpenDocument;
  update(document: OpenDocument, changes: TextDocumentContentChangeEvent[], version: number): OpenDocument;
}

/** The configuration to give `new TextDocuments(…)`; `listener` hears every change of an open document. */
export function trackedDocuments(listener: ChangeListener, onError: (error: unknown) => void = () => undefined): TrackedDocumentsConfiguration {
  return {
    create: (uri, languageId, version, content) => new OpenDocument(uri, languageId, version, content),
    update(document, changes, version) {
      const receivedAt = performance.now();
      const offsets: TextChange[] = [];
      let current = document;
      for (const change of changes) {
        if ('range' in change) {
          // A reversed range is applied as its well-formed self (as vscode-languageserver-textdocument does).
          const [a, b] = [current.offsetAt(change.range.start), current.offsetAt(change.range.end)];
          const [start, end] = [Math.min(a, b), Math.max(a, b)];
          offsets.push({ start, end, text: change.text });
          current = current.replaced(start, end, change.text, version);
        } else {
          // A whole-text replacement (a client without incremental sync): everything changed.
          offsets.push({ start: 0, end: current.getText().length, text: change.text });
          current = current.withText(change.text, version);
        }
      }
      // The text is updated whatever the listener does: a failure there must not desynchronise the document.
      try {
        listener(document.uri, offsets, current.getText(), receivedAt);
      } catch (error) {
        onError(error);
      }
      return current;
    },
  };
}
