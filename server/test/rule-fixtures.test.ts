// Every rule fixture against the problems an editor listed by hand: test-fixtures/rules/<rule id>/CASE.txt
// with CASE.expected.json (format in test-fixtures/rules/README.md). Only the rule named by the
// folder runs, so a case lists that rule's problems and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDump } from '../src/model/parse';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { LineIndex } from '../src/text/positions';
import { RULES, findRule } from '../src/rules/registry';
import { runRules } from '../src/rules/runRules';
import { TextEdit } from '../src/rules/types';

const RULE_FIXTURES = path.resolve(__dirname, '../../../test-fixtures/rules');
const MIN_CASES = 3;

interface ExpectedProblem {
  line: number; // 1-based
  character: number; // 0-based UTF-16
  endLine: number;
  endCharacter: number;
  message?: string;
  variant?: string;
  fix?: string;
}

const { segmenter } = loadJiebaSegmenter();

const folders = fs
  .readdirSync(RULE_FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function casesIn(folder: string): string[] {
  return fs
    .readdirSync(path.join(RULE_FIXTURES, folder))
    .filter((name) => name.endsWith('.expected.json'))
    .map((name) => name.slice(0, -'.expected.json'.length))
    .sort();
}

test('every registered rule has a fixture folder with at least three cases', () => {
  for (const rule of RULES) {
    assert.ok(folders.includes(rule.id), `no folder test-fixtures/rules/${rule.id}/`);
    assert.ok(casesIn(rule.id).length >= MIN_CASES, `${rule.id}: fewer than ${MIN_CASES} cases`);
  }
});

/** Applies edits (model offsets, non-overlapping) and returns the new text and the lines they touched. */
function applyFix(text: string, edits: readonly TextEdit[]): { text: string; touched: string } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let out = '';
  let last = 0;
  let first = Infinity;
  let end = 0;
  for (const edit of sorted) {
    out += text.slice(last, edit.span.start);
    first = Math.min(first, out.length);
    out += edit.newText;
    end = out.length;
    last = edit.span.end;
  }
  out += text.slice(last);
  const lines = new LineIndex(out);
  const touched: string[] = [];
  for (let line = lines.lineOf(first); line <= lines.lineOf(end); line++) {
    touched.push(out.slice(lines.lineStart(line), lines.lineEnd(line)));
  }
  return { text: out, touched: touched.join('\n') };
}

for (const folder of folders) {
  const rule = findRule(folder);

  test(`test-fixtures/rules/${folder}/ names a registered rule`, () => {
    assert.ok(rule, `no rule with id ${folder}`);
  });
  if (!rule) continue;

  for (const name of casesIn(folder)) {
    test(`${folder}: ${name}`, () => {
      // VS Code hides a BOM from the document; the rules see the text the editor shows.
      const text = fs.readFileSync(path.join(RULE_FIXTURES, folder, `${name}.txt`), 'utf8').replace(/^\ufeff/, '');
      const expected = JSON.parse(fs.readFileSync(path.join(RULE_FIXTURES, folder, `${name}.expected.json`), 'utf8')) as ExpectedProblem[];
      const problems = runRules({ text, model: parseDump(text, { segmenter }), segmenter }, {}, [rule]);
      const lines = new LineIndex(text);

      const where = (p: { line: number; character: number; endLine: number; endCharacter: number }) =>
        `${p.line}:${p.character}-${p.endLine}:${p.endCharacter}`;
      const actualRanges = problems.map((problem) => {
        const range = lines.rangeOf(problem.span);
        return where({ line: range.start.line + 1, character: range.start.character, endLine: range.end.line + 1, endCharacter: range.end.character });
      });
      const expectedRanges = [...expected].sort((a, b) => a.line - b.line || a.character - b.character).map(where);
      assert.deepEqual(actualRanges, expectedRanges, `underlined ranges (messages: ${problems.map((p) => p.message).join(' / ')})`);

      const sortedExpected = [...expected].sort((a, b) => a.line - b.line || a.character - b.character);
      problems.forEach((problem, i) => {
        const want = sortedExpected[i];
        if (want.message !== undefined) assert.ok(problem.message.includes(want.message), `message "${problem.message}" should contain "${want.message}"`);
        if (want.variant !== undefined) assert.equal(problem.variant, want.variant, 'variant');
        if (want.fix !== undefined) {
          assert.ok(problem.fixes.length > 0, `${where(want)}: expected a fix`);
          // The README's own example gives only the seam (`需满足长期从事一线工作`), so the expected text
          // must appear in the touched lines; it fails when the fix leaves or removes anything at the seam.
          const { touched } = applyFix(text, problem.fixes[0].edits);
          assert.ok(touched.includes(want.fix), `after "${problem.fixes[0].title}" the touched lines read:\n${touched}\nexpected:\n${want.fix}`);
        }
      });
    });
  }
}
