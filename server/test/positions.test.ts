// Offsets → LSP positions and brat code points. Columns drift after characters
// outside the BMP (𠮷 is two UTF-16 units, one code point) and after \r\n or a lone \r.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodePointIndex, LineIndex } from '../src/text/positions';
import { randomSource } from './support/random';

const ASTRAL = '𠮷'; // CJK Extension B: a surrogate pair in UTF-16

test('LineIndex counts UTF-16 columns after a character outside the BMP', () => {
  const text = `标题\n本报讯(记者 ${ASTRAL}安伟) 7月12日`;
  const lines = new LineIndex(text);
  const name = text.indexOf('安伟');
  // `本报讯(记者 ` is 7 units and 𠮷 two more: the name starts at column 9 (code points would say 8).
  assert.deepEqual(lines.positionAt(name), { line: 1, character: 9 });
  assert.equal(lines.offsetAt({ line: 1, character: 9 }), name);
  assert.deepEqual(lines.rangeOf({ start: name, end: name + 2 }), {
    start: { line: 1, character: 9 },
    end: { line: 1, character: 11 },
  });
});

test('LineIndex treats \\n, \\r\\n and a lone \\r as line breaks', () => {
  const text = 'a\nbb\r\nccc\rdddd';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.positionAt(text.indexOf('bb')), { line: 1, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('ccc')), { line: 2, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('dddd')), { line: 3, character: 0 });
  assert.equal(lines.lineEnd(1), text.indexOf('\r\n'), 'line end stops before \\r\\n');
  assert.equal(lines.lineEnd(2), text.indexOf('\rdddd'), 'line end stops before a lone \\r');
  assert.equal(lines.lineEnd(3), text.length);
  assert.equal(lines.lineStart(2), text.indexOf('ccc'));
});

test('LineIndex clamps out-of-range offsets and positions', () => {
  const text = 'ab\r\ncd';
  const lines = new LineIndex(text);
  assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(lines.positionAt(999), { line: 1, character: 2 });
  assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2, 'past the line end: the line end, not the next line');
  assert.equal(lines.offsetAt({ line: 0, character: -3 }), 0);
  assert.equal(lines.offsetAt({ line: 7, character: 0 }), text.length);
  assert.equal(lines.offsetAt({ line: -1, character: 4 }), 0);
  assert.equal(lines.lineStart(99), lines.lineStart(1));
});

test('LineIndex handles an empty text and a trailing line break', () => {
  assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
  assert.equal(new LineIndex('').lineCount, 1);
  const trailing = new LineIndex('标题\r\n');
  assert.equal(trailing.lineCount, 2);
  assert.deepEqual(trailing.positionAt(4), { line: 1, character: 0 });
});

test('LineIndex agrees with vscode-languageserver-textdocument on mixed texts', () => {
  // The editor's own conversion is the reference; a pseudo-random mix of the hard cases.
  const pieces = ['郑州', ASTRAL, '\n', '\r\n', '\r', ' ', 'a', '。', '\n\n'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let round = 0; round < 50; round++) {
    let text = '';
    for (let i = 0; i < 40; i++) text += pieces[next() % pieces.length];
    const lines = new LineIndex(text);
    const reference = TextDocument.create('mem://x', 'newsdump', 0, text);
    for (let offset = 0; offset <= text.length; offset++) {
      // Inside a \r\n pair the two disagree on a column no span ever ends at; skip it.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      const position = lines.positionAt(offset);
      assert.deepEqual(position, reference.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
      assert.equal(lines.offsetAt(position), offset);
    }
  }
});

test('CodePointIndex converts UTF-16 offsets to code points and back', () => {
  const text = `${ASTRAL}安伟 ${ASTRAL}${ASTRAL}郑州`;
  const index = new CodePointIndex(text);
  const codePoints = Array.from(text);
  assert.equal(index.codePointLength, codePoints.length);
  // Every code-point boundary maps both ways; the reference is Array.from.
  let utf16 = 0;
  for (let cp = 0; cp <= codePoints.length; cp++) {
    assert.equal(index.toCodePoints(utf16), cp, `utf16 ${utf16}`);
    assert.equal(index.toUtf16(cp), utf16, `code point ${cp}`);
    utf16 += codePoints[cp]?.length ?? 0;
  }
  // 安伟 as brat would record it: code points 1..3, not UTF-16 2..4.
  const name = text.indexOf('安伟');
  assert.equal(index.toCodePoints(name), 1);
  assert.equal(index.toCodePoints(name + 2), 3);
});

test('CodePointIndex maps an offset inside a surrogate pair to its start and clamps', () => {
  const text = `a${ASTRAL}b`;
  const index = new CodePointIndex(text);
  assert.equal(index.toCodePoints(2), 1, 'between the two halves of 𠮷');
  assert.equal(index.toCodePoints(-1), 0);
  assert.equal(index.toCodePoints(99), 3);
  assert.equal(index.toUtf16(-4), 0);
  assert.equal(index.toUtf16(99), text.length);
});

test('CodePointIndex ignores a lone surrogate', () => {
  const text = 'a\ud842b'; // a broken half pair counts as one unit and one code point
  const index = new CodePointIndex(text);
  assert.equal(index.codePointLength, 3);
  assert.equal(index.toCodePoints(3), 3);
  assert.equal(index.toUtf16(2), 2);
});

test('a line index updated after an edit equals one built from the new text (\\r, \\n, \\r\\n, 𠮷, edits at both ends)', () => {
  const random = randomSource(4711);
  const pieces = ['\r', '\n', '\r\n', 'a', '𠮷', '郑州', '\n\n', ''];
  let text = '郑州\r\n\r\n𠮷a\rb\n';
  let index = new LineIndex(text);
  for (let n = 0; n < 3000; n++) {
    const start = Math.floor(random() * (text.length + 1));
    const end = Math.min(text.length, start + Math.floor(random() * 4));
    const insert = pieces[Math.floor(random() * pieces.length)] + pieces[Math.floor(random() * pieces.length)];
    const next = text.slice(0, start) + insert + text.slice(end);
    index = index.afterEdit(next, { start, oldEnd: end, newEnd: start + insert.length });
    const fresh = new LineIndex(next);
    assert.equal(index.lineCount, fresh.lineCount, `edit ${n}`);
    for (let line = 0; line < fresh.lineCount; line++) {
      assert.equal(index.lineStart(line), fresh.lineStart(line), `edit ${n}, line ${line}`);
      assert.equal(index.lineEnd(line), fresh.lineEnd(line), `edit ${n}, line ${line}`);
    }
    text = next.length > 400 ? next.slice(0, 200) : next;
    if (text !== next) index = new LineIndex(text);
  }
});

test('a code-point index updated after an edit equals one built from the new text (pairs made and broken at the edges)', () => {
  const random = randomSource(2718);
  const pieces = ['𠮷', '\ud842', '\udfb7', 'a', '郑', '𠮷𠮷', ''];
  let text = `a${ASTRAL}b${ASTRAL}${ASTRAL}c`;
  let index = new CodePointIndex(text);
  for (let n = 0; n < 3000; n++) {
    const start = Math.floor(random() * (text.length + 1));
    const end = Math.min(text.length, start + Math.floor(random() * 4));
    const insert = pieces[Math.floor(random() * pieces.length)] + pieces[Math.floor(random() * pieces.length)];
    const next = text.slice(0, start) + insert + text.slice(end);
    index = index.afterEdit(next, { start, oldEnd: end, newEnd: start + insert.length });
    const fresh = new CodePointIndex(next);
    assert.equal(index.codePointLength, fresh.codePointLength, `edit ${n}`);
    for (let offset = 0; offset <= next.length; offset++) assert.equal(index.toCodePoints(offset), fresh.toCodePoints(offset), `edit ${n}, offset ${offset}`);
    text = next.length > 300 ? next.slice(0, 150) : next;
    if (text !== next) index = new CodePointIndex(text);
  }
});

test('isAt and rangeKey say what positionAt and rangeOf say, without making them', () => {
  const text = 'a𠮷b\r\nc\rd\n\n郑州𠮷\r';
  const lines = new LineIndex(text);
  const offsets = Array.from({ length: text.length + 3 }, (_, i) => i - 1);
  for (const offset of offsets) {
    const position = lines.positionAt(offset);
    assert.ok(lines.isAt(position, offset), `offset ${offset}`);
    assert.ok(!lines.isAt({ line: position.line, character: position.character + 1 }, offset), `offset ${offset}, one character on`);
    assert.ok(!lines.isAt({ line: position.line + 1, character: position.character }, offset), `offset ${offset}, one line down`);
    for (const end of offsets) {
      const range = lines.rangeOf({ start: offset, end });
      assert.equal(lines.rangeKey({ start: offset, end }), `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`);
    }
  }
});
