// Fixes re-checked, as markdownlint re-lints its fixed output: on every dump under
// test-fixtures/, applying all safe fixes of all rules (what `check --fix` and fix-all on save
// do) must leave nothing safely fixable and must not make a problem appear that was not there
// before; and "Join all N breaks in this article" alone must leave no break in that article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDump } from '../src/model/parse';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { LineIndex } from '../src/text/positions';
import { runRules, CheckedProblem } from '../src/rules/runRules';
import { TextEdit } from '../src/rules/types';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');
/** Fix passes before giving up, as ESLint does: one fix can make another possible. */
const MAX_PASSES = 10;

const { segmenter } = loadJiebaSegmenter();

function findDumps(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findDumps(full);
    return entry.name.endsWith('.txt') ? [full] : [];
  });
}

function check(text: string): CheckedProblem[] {
  return runRules({ text, model: parseDump(text, { segmenter }), segmenter });
}

/** Offsets in an edited text back to offsets in the text before the edits; inserted text maps to where it went in. */
type MapBack = (offset: number) => number;

function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; mapBack: MapBack } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const placed: { newStart: number; newEnd: number; edit: TextEdit }[] = [];
  let out = '';
  let last = 0;
  for (const edit of sorted) {
    out += text.slice(last, edit.span.start);
    const newStart = out.length;
    out += edit.newText;
    placed.push({ newStart, newEnd: out.length, edit });
    last = edit.span.end;
  }
  out += text.slice(last);
  const mapBack: MapBack = (offset) => {
    let shift = 0;
    for (const { newStart, newEnd, edit } of placed) {
      if (offset < newStart) break;
      if (offset <= newEnd) return edit.span.start + Math.min(offset - newStart, edit.span.end - edit.span.start);
      shift = newEnd - edit.span.end;
    }
    return offset - shift;
  };
  return { text: out, mapBack };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start === b.span.start;
}

/** The first safe fix of every problem whose edits do not collide with one already taken. */
function safeEdits(problems: readonly CheckedProblem[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const problem of problems) {
    const fix = problem.fixes.find((candidate) => candidate.safe);
    if (!fix || fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    taken.push(...fix.edits);
  }
  return taken;
}

/** Problems in the fixed text that map back onto no problem of the same rule in the original. */
function newProblems(before: readonly CheckedProblem[], after: readonly CheckedProblem[], mapBack: MapBack): CheckedProblem[] {
  return after.filter((problem) => {
    const start = mapBack(problem.span.start);
    const end = mapBack(problem.span.end);
    return !before.some(
      (old) => old.ruleId === problem.ruleId && old.variant === problem.variant && old.span.start <= end && start <= old.span.end,
    );
  });
}

function describe(problems: readonly CheckedProblem[], text: string): string {
  const lines = new LineIndex(text);
  return problems.map((p) => `line ${lines.lineOf(p.span.start) + 1} ${p.ruleId}: ${p.message}`).join('\n');
}

const dumps = findDumps(FIXTURES).sort();

test('there are dumps to fix', () => {
  assert.ok(dumps.some((dump) => dump.includes(`${path.sep}seeds${path.sep}`)), 'the seeds are checked');
  assert.ok(dumps.length >= 20, `found only ${dumps.length} dumps`);
});

for (const dump of dumps) {
  const name = path.relative(FIXTURES, dump);
  const original = fs.readFileSync(dump, 'utf8').replace(/^\ufeff/, '');

  test(`all safe fixes on ${name} leave nothing safe to fix and no new problem`, () => {
    const before = check(original);
    let text = original;
    let mapBack: MapBack = (offset) => offset;
    let problems = before;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const edits = safeEdits(problems);
      if (edits.length === 0) break;
      const applied = applyEdits(text, edits);
      const outer = mapBack;
      mapBack = (offset) => outer(applied.mapBack(offset));
      text = applied.text;
      problems = check(text);
    }
    const left = problems.filter((problem) => problem.fixes.some((fix) => fix.safe));
    assert.deepEqual(describe(left, text), '', `safe fixes still offered after ${MAX_PASSES} passes`);
    assert.deepEqual(describe(newProblems(before, problems, mapBack), text), '', 'problems that appeared after fixing');
  });

  test(`"Join all breaks" on ${name} leaves no break in the article and no new problem`, () => {
    const before = check(original);
    const joinAll = new Map<string, readonly TextEdit[]>();
    for (const problem of before) {
      for (const fix of problem.fixes) {
        if (fix.title.startsWith('Join all')) joinAll.set(JSON.stringify(fix.edits), fix.edits);
      }
    }
    for (const edits of joinAll.values()) {
      assert.ok(edits.length > 1, 'a "Join all" fix joins more than one break');
      const applied = applyEdits(original, edits);
      const after = check(applied.text);
      const first = Math.min(...edits.map((edit) => edit.span.start));
      const last = Math.max(...edits.map((edit) => edit.span.end));
      const breaksLeft = after.filter(
        (problem) => problem.ruleId === 'ocr-break' && applied.mapBack(problem.span.start) >= first && applied.mapBack(problem.span.end) <= last,
      );
      assert.deepEqual(describe(breaksLeft, applied.text), '', 'breaks left between the joined ones');
      assert.deepEqual(describe(newProblems(before, after, applied.mapBack), applied.text), '', 'problems that appeared after joining');
    }
  });
}
