// ocr-break's message shows a few characters of the lines on both sides of the cut. It reads
// them outward from the cut instead of copying whole lines; these tests hold it to what
// copying the line and trimming it would show, around white space and surrogate pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDump } from '../src/model/parse';
import { runRules } from '../src/rules/runRules';
import { isTrimmedInLine, ocrBreakRule } from '../src/rules/ocrBreak';
import { firstCodePoints, lastCodePoints } from '../src/model/characters';

test('isTrimmedInLine is what String.trim removes, over the whole BMP, less the line ends', () => {
  for (let code = 0; code <= 0xffff; code++) {
    if (code === 0x0a || code === 0x0d) continue;
    assert.equal(isTrimmedInLine(code), String.fromCharCode(code).trim() === '', `U+${code.toString(16)}`);
  }
});

/** The trimmed lines on both sides of a cut, read whole. */
function linesAt(text: string, start: number, end: number): { before: string; after: string } {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const nextEnd = [text.indexOf('\n', end), text.indexOf('\r', end), text.length].filter((at) => at >= 0);
  return { before: text.slice(lineStart, start).trim(), after: text.slice(end, Math.min(...nextEnd)).trim() };
}

/** The message context as the whole-line reading gives it: the line, trimmed, then its ends. */
function contextByWholeLines(text: string, start: number, end: number): string {
  const { before, after } = linesAt(text, start, end);
  const last = lastCodePoints(before, 3);
  const first = firstCodePoints(after, 3);
  return `「${last.length < before.length ? '…' : ''}${last}」 | 「${first}${first.length < after.length ? '…' : ''}」`;
}

test('the context around a cut is the trimmed lines\' ends, with … only when a line holds more', () => {
  const title = '郑州市召开工作会议\n\n本报讯 近日,郑州市召开会议。\n\n';
  const halves: [string, string][] = [
    ['个人申报条件需满足长期从事一线工作,', '对我省质量管理制度作出突出贡献。'],
    ['\u3000\u3000需满足长期从事一线工作,\u3000 ', ' \u00a0、对我省质量管理制度作出突出贡献。'],
    ['\u3000 作,', '、事。'],
    ['\u3000,', '、\u3000'],
    ['满足𠮷𠮷𠮷,', '𠮷𠮷𠮷工作,作出突出贡献。'],
  ];
  for (const [first, second] of halves) {
    for (const eol of ['\n', '\r\n']) {
      const text = (title + first + '\n\n' + second + '\n').replace(/\n/g, eol);
      const problems = runRules({ text, model: parseDump(text) }, {}, [ocrBreakRule]);
      assert.equal(problems.length, 1, JSON.stringify(text));
      const expected = contextByWholeLines(text, problems[0].span.start, problems[0].span.end);
      assert.ok(problems[0].message.startsWith(`Paragraph cut in mid-sentence: ${expected} (`), `${JSON.stringify(first)}: ${problems[0].message}`);
      // The reason names the character at the cut: the second line's first if it cannot start a sentence, else the first line's last.
      const { before, after } = linesAt(text, problems[0].span.start, problems[0].span.end);
      const reason = after.startsWith('、') ? `「${Array.from(after)[0]}」 cannot start a sentence` : `the first half ends on 「${Array.from(before).at(-1)}」`;
      assert.ok(problems[0].message.endsWith(`(${reason})`), `${JSON.stringify(first)}: ${problems[0].message}`);
    }
  }
});
