// The server's open documents (text/openDocument.ts) stand in for
// vscode-languageserver-textdocument's TextDocument: after any sequence of didChange events
// they must hold the same text and answer every position question as a TextDocument made
// from that text, and the line index the service reuses must be the index of that text.
// The reference applies each change to a TextDocument made afresh: the library's own
// incremental line table can go wrong (a range past the end replaced by a text ending in \r
// counts a line too many, and the next change then lands elsewhere). Random edits with CRLF, lone
// CR, characters outside the BMP, reversed ranges, positions past the end and whole-text
// replacements. NEWSDUMP_FUZZ_COUNT for a longer run; NEWSDUMP_FUZZ_SEED to replay one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { OpenDocument } from '../src/text/openDocument';
import { trackedDocuments } from '../src/text/documentChanges';
import { LineIndex } from '../src/text/positions';
import type { TextChange } from '../src/entities/annotationSet';
import { Fuzz } from './support/random';

const EVENT_COUNT = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 400);
const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 20261122);
const PIECES = ['的', '郑州市', '。', '𠮷', '𠮷𠮷', ' ', '\n', '\n\n', '\r\n', '\r', '\r\r\n', 'ab', '本报讯(记者 杨宜锦)'];

function randomText(fuzz: Fuzz, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += fuzz.pick(PIECES);
  return text;
}

/** A position anywhere, including past a line's end, past the last line and before the start. */
function randomPosition(fuzz: Fuzz, lineCount: number): { line: number; character: number } {
  return { line: fuzz.int(lineCount + 2) - (fuzz.chance(0.05) ? 2 : 0), character: fuzz.int(12) - (fuzz.chance(0.05) ? 3 : 0) };
}

function randomChange(fuzz: Fuzz, lineCount: number): TextDocumentContentChangeEvent {
  if (fuzz.chance(0.03)) return { text: randomText(fuzz, fuzz.int(8)) };
  return { range: { start: randomPosition(fuzz, lineCount), end: randomPosition(fuzz, lineCount) }, text: fuzz.chance(0.3) ? '' : randomText(fuzz, 1 + fuzz.int(3)) };
}

function assertSameAnswers(ours: OpenDocument, theirs: TextDocument, fuzz: Fuzz, context: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, context);
  assert.equal(ours.lineCount, theirs.lineCount, `${context}: lineCount`);
  for (let offset = -1; offset <= text.length + 1; offset++) {
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${context}: positionAt(${offset}) of ${JSON.stringify(text)}`);
  }
  for (let i = 0; i < 20; i++) {
    const position = randomPosition(fuzz, theirs.lineCount);
    assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `${context}: offsetAt(${JSON.stringify(position)}) of ${JSON.stringify(text)}`);
    const range = { start: position, end: randomPosition(fuzz, theirs.lineCount) };
    if (theirs.offsetAt(range.start) <= theirs.offsetAt(range.end)) assert.equal(ours.getText(range), theirs.getText(range), `${context}: getText(range)`);
  }
  for (let line = -1; line <= theirs.lineCount; line++) {
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${context}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${context}: getEOLCharacters(${line})`);
  }
  // The index the service takes instead of building its own.
  const fresh = new LineIndex(text);
  assert.equal(ours.lineIndex.lineCount, fresh.lineCount, `${context}: index line count`);
  for (let line = 0; line < fresh.lineCount; line++) {
    assert.equal(ours.lineIndex.lineStart(line), fresh.lineStart(line), `${context}: index line ${line}`);
  }
  assert.ok(ours.lineIndex.indexes(text));
}

/** TextDocument.update one change at a time, each on a document made afresh from the text the one before left; the result made afresh too. */
function referenceUpdate(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): TextDocument {
  const fresh = (text: string) => TextDocument.create(document.uri, document.languageId, version, text);
  let text = document.getText();
  for (const change of changes) text = TextDocument.update(fresh(text), [change], version).getText();
  return fresh(text);
}

test('open documents follow random didChange events exactly as TextDocument does', () => {
  const fuzz = new Fuzz(SEED);
  const config = trackedDocuments(() => undefined);
  let documents = 0;
  for (let done = 0; done < EVENT_COUNT; documents++) {
    const initial = randomText(fuzz, 3 + fuzz.int(12));
    let ours = config.create('file:///d.txt', 'newsdump', 1, initial);
    let theirs = TextDocument.create('file:///d.txt', 'newsdump', 1, initial);
    // Half the documents are edited before any position was asked for (no index yet to move).
    if (fuzz.chance(0.5)) void ours.lineIndex;
    for (let event = 0; event < 12 && done < EVENT_COUNT; event++, done++) {
      const changes = Array.from({ length: 1 + fuzz.int(3) }, () => randomChange(fuzz, theirs.lineCount + 1));
      const version = theirs.version + 1;
      ours = config.update(ours, changes, version);
      theirs = referenceUpdate(theirs, changes, version);
      assert.equal(ours.version, version);
      assertSameAnswers(ours, theirs, fuzz, `seed ${SEED}, document ${documents}, event ${event}`);
    }
  }
});

test('the offsets heard for each change are those applied, each relative to the text the one before left', () => {
  const heard: { changes: readonly TextChange[]; textAfter: string }[] = [];
  const config = trackedDocuments((_uri, changes, textAfter) => heard.push({ changes, textAfter }));
  const before = '第一行\r\n𠮷第二行\n第三行';
  const document = config.create('file:///d.txt', 'newsdump', 1, before);
  const after = config.update(
    document,
    [
      // Reversed: applied as its well-formed self.
      { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 2 } }, text: 'X' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '𠮷\n' },
    ],
    2,
  );
  assert.equal(after.getText(), '𠮷\n第一行\r\n𠮷X行\n第三行');
  assert.deepEqual(heard, [{ changes: [{ start: 7, end: 9, text: 'X' }, { start: 0, end: 0, text: '𠮷\n' }], textAfter: after.getText() }]);
});
