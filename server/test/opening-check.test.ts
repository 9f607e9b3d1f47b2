// A large dump's opening publish carries the problems of its top before the whole dump is
// checked (features/openingCheck.ts). Every problem it gives must be the whole check's, in
// the same order, and it must say truly how far it checked: pieces of many sizes cut the
// text at every kind of place (inside articles, title runs, OCR breaks, CRLF pairs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOpening } from '../src/features/openingCheck';
import { parseDump, parseDumpAfter } from '../src/model/parse';
import { runRules, type CheckedProblem } from '../src/rules/runRules';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { createDumpService, textDocument } from '../src/service';

const FIXTURES = join(__dirname, '..', '..', '..', 'test-fixtures');
const segmenter = loadJiebaSegmenter().segmenter;

/** The seeds and the rules' fixtures, one after another, `copies` times: every rule has something to find. */
function corpus(copies: number): string {
  const texts: string[] = [];
  for (const dir of [join(FIXTURES, 'seeds'), ...readdirSync(join(FIXTURES, 'rules')).filter((rule) => !rule.includes('.')).map((rule) => join(FIXTURES, 'rules', rule))]) {
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.txt')) texts.push(readFileSync(join(dir, name), 'utf8'));
  }
  return Array.from({ length: copies }, () => texts.join('\n\n')).join('\n\n');
}

const describe = (problem: CheckedProblem) => `${problem.span.start}-${problem.span.end} ${problem.ruleId} ${problem.severity} ${problem.message}`;

function wholeCheck(text: string): CheckedProblem[] {
  return runRules({ text, model: parseDump(text, { segmenter }), segmenter });
}

function opening(text: string, wanted: number, pieceChars: number) {
  return checkOpening(text, wanted, (model, scope) => runRules({ text, model, segmenter, scope }), { segmenter }, pieceChars);
}

for (const [name, lineEnd] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
  test(`the opening problems are the whole check's above where it stopped, for pieces of every size (${name})`, () => {
    const text = corpus(6).replace(/\r?\n/g, lineEnd);
    const whole = wholeCheck(text);
    const wholeModel = JSON.stringify(parseDump(text, { segmenter }));
    let tried = 0;
    for (const pieceChars of [700, 1_500, 2_500, 4_000, 6_500, 9_000, 15_000]) {
      for (const wanted of [10, 60, 150]) {
        const found = opening(text, wanted, pieceChars);
        if (!found) continue;
        tried++;
        assert.ok(found.problems.length >= wanted, `${found.problems.length} problems, ${wanted} wanted`);
        assert.ok(found.checkedTo < text.length / 3 + pieceChars * 2, 'it stops well before the end');
        const expected = whole.filter((problem) => problem.span.start < found.checkedTo);
        assert.deepEqual(found.problems.map(describe), expected.map(describe), `pieces of ${pieceChars}, ${wanted} wanted, checked to ${found.checkedTo}`);
        // The whole parse goes on from the checked top: it must come out as a parse from the start.
        assert.equal(found.head.resume.from, found.checkedTo);
        assert.ok(JSON.stringify(parseDumpAfter(text, found.head, { segmenter })) === wholeModel, `the parse after the top differs (pieces of ${pieceChars}, ${wanted} wanted)`);
      }
    }
    assert.ok(tried >= 15, `only ${tried} of 21 settings found their problems early`);
  });
}

test('a dump whose wanted problems lie past its first third gets no opening check: the whole check is as quick', () => {
  const text = corpus(1);
  const total = wholeCheck(text).length;
  assert.equal(opening(text, total, 2_000), undefined);
  assert.equal(opening(text, 10, text.length), undefined, 'one piece reaching the end saves nothing');
});

test('the service words the opening problems as the whole check does, with the first line not checked', () => {
  // A character outside the BMP in every copy: lines and characters must be those of the whole text's positions.
  const text = corpus(8).replace(/本报讯/g, '𠮷本报讯');
  const service = createDumpService({ segmenter });
  const doc = textDocument('file:///opening.txt', text, 1);
  const found = service.openingDiagnostics(doc, 40);
  assert.ok(found, 'the opening check applies');
  const whole = createDumpService({ segmenter }).diagnostics(textDocument('file:///whole.txt', text, 1))!;
  const above = whole.filter((diagnostic) => diagnostic.range.start.line < found.uncheckedFromLine);
  assert.deepEqual(found.diagnostics.map((d) => JSON.stringify(d)), above.map((d) => JSON.stringify(d)));
  assert.ok(found.diagnostics.length >= 40);
  assert.ok(whole.length > found.diagnostics.length, 'problems lie below the checked lines');
  assert.equal(service.openingDiagnostics(doc, 40) !== undefined, true, 'nothing of it is kept: asked again, it checks again');
  assert.deepEqual(service.diagnostics(doc)!.map((d) => JSON.stringify(d)), whole.map((d) => JSON.stringify(d)), 'the whole check after it (its parse going on from the top) is a whole check from the start');
  assert.ok(JSON.stringify(service.getModel(doc).model) === JSON.stringify(parseDump(text, { segmenter })), 'the model is a whole parse\'s');
  assert.equal(service.openingDiagnostics(doc, 40), undefined, 'a document checked whole needs no opening check');
});
