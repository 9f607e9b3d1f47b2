// An open document: its text and a line index moved by each edit. It stands in for
// vscode-languageserver-textdocument's TextDocument (same interface, same positions) for one
// reason: that class builds its line table with a loop over every character the first time
// an edit needs a position (~50 ms on an 11 MB dump, on the user's first keystroke), and the
// service then built a second table of its own. Here the one LineIndex (built by indexOf,
// only when first asked for) serves both the edits and the service.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Position, type Range } from './positions';

export class OpenDocument implements TextDocument {
  private index?: LineIndex;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly text: string,
    index?: LineIndex,
  ) {
    this.index = index;
  }

  /** The line index of exactly this text. */
  get lineIndex(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  get lineCount(): number {
    return this.lineIndex.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** As TextDocument: an offset inside a line break stands for the end of its line. */
  positionAt(offset: number): Position {
    const index = this.lineIndex;
    const { line, character } = index.positionAt(offset);
    const length = index.lineEnd(line) - index.lineStart(line);
    return character > length ? { line, character: length } : { line, character };
  }

  offsetAt(position: Position): number {
    return this.lineIndex.offsetAt(position);
  }

  /** A line without its line break; a line past the end is the last line, one before the start is empty. */
  getLineRange(line: number): Range {
    const index = this.lineIndex;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, index.lineCount - 1);
    return { start: { line: at, character: 0 }, end: { line: at, character: index.lineEnd(at) - index.lineStart(at) } };
  }

  /** The line break ending `line` (\n, \r\n or \r; none on the last line or out of range). */
  getEOLCharacters(line: number): string {
    const index = this.lineIndex;
    if (line < 0 || line >= index.lineCount) return '';
    const next = line + 1 < index.lineCount ? index.lineStart(line + 1) : this.text.length;
    return this.text.substring(index.lineEnd(line), next);
  }

  /** This document with `text` put in place of [start, end), at `version`; the line index moves with the edit. */
  replaced(start: number, end: number, text: string, version: number): OpenDocument {
    const next = this.text.slice(0, start) + text + this.text.slice(end);
    // No index yet: none is built just to be moved.
    const index = this.index?.afterEdit(next, { start, oldEnd: end, newEnd: start + text.length });
    return new OpenDocument(this.uri, this.languageId, version, next, index);
  }

  /** This document holding `text` whole (a client that sends the full text), at `version`. */
  withText(text: string, version: number): OpenDocument {
    return new OpenDocument(this.uri, this.languageId, version, text);
  }
}
