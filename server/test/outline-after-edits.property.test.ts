// After an edit the outline is made from the last one (features/symbols.ts, OutlineCache):
// the symbols of articles the edit did not touch are kept, moved down by the lines it added.
// It must be exactly the outline of the whole new text, over random edits told to the service
// the way the server tells it, the outline asked for after some versions and not others.
// NEWSDUMP_FUZZ_COUNT for a longer run; NEWSDUMP_FUZZ_SEED to replay one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDumpService, textDocument } from '../src/service';
import { OutlineCache } from '../src/features/symbols';
import { parseDump } from '../src/model/parse';
import { shiftArticle } from '../src/model/shift';
import { LineIndex } from '../src/text/positions';
import { randomEdits, randomSource } from './support/random';

const ROUNDS = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 150);
const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 2211);
const SEEDS = join(__dirname, '..', '..', '..', 'test-fixtures', 'seeds');
const URI = 'file:///corpus/outline.txt';

const PIECES = ['的', '。', ' ', '\u3000', '\n', '\n\n', '\r\n', '记者 杨宜锦', '新郑市召开工作会议\n\n本报讯 ', '𠮷', '——副题'];

function seeds(): string {
  return readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(join(SEEDS, name), 'utf8')).join('\n\n');
}

/** The outline of `text` made from scratch. */
function freshOutline(text: string, version: number): unknown {
  return createDumpService().documentSymbols(textDocument(URI, text, version));
}

test('the outline after random edits is the outline of the whole new text', () => {
  const random = randomSource(SEED);
  const service = createDumpService();
  let text = seeds();
  let version = 1;
  service.documentSymbols(textDocument(URI, text, version));
  for (let round = 0; round < ROUNDS; round++) {
    text = randomEdits(random, text, 2, PIECES, { short: 0.8, shortMax: 2, longMax: 200, deletion: 0.25 }, (edit) => service.noteChanges(URI, [edit]));
    version++;
    const doc = textDocument(URI, text, version);
    // Some versions are never outlined: the next outline is made from an older one.
    if (random() < 0.3) {
      service.getModel(doc);
      continue;
    }
    assert.deepEqual(service.documentSymbols(doc), freshOutline(text, version), `round ${round} (seed ${SEED})`);
  }
});

test('a keystroke keeps the symbols of the articles it did not touch; a new line moves those after it down', () => {
  const service = createDumpService();
  const text = seeds();
  const before = service.documentSymbols(textDocument(URI, text, 1))!;
  assert.ok(before.length >= 6, `${before.length} articles`);
  // Into the middle of the body of an article in the middle.
  const middle = before[Math.floor(before.length / 2)];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const at = lineStarts[middle.range.end.line] + 1;

  const typed = text.slice(0, at) + '的' + text.slice(at);
  service.noteChanges(URI, [{ start: at, end: at, text: '的' }]);
  const after = service.documentSymbols(textDocument(URI, typed, 2))!;
  assert.deepEqual(after, freshOutline(typed, 2));
  // The parse reads the edited article again with an untouched one on each side as context (model/incremental.ts).
  const edited = before.indexOf(middle);
  const remade = after.flatMap((symbol, index) => (symbol === before[index] ? [] : [index]));
  assert.ok(remade.length > 0 && remade.every((index) => Math.abs(index - edited) <= 2), `made anew: ${remade.join(' ')} (edited ${edited})`);

  const broken = typed.slice(0, at) + '\n' + typed.slice(at);
  service.noteChanges(URI, [{ start: at, end: at, text: '\n' }]);
  const moved = service.documentSymbols(textDocument(URI, broken, 3))!;
  assert.deepEqual(moved, freshOutline(broken, 3));
  const index = edited;
  assert.equal(moved[index + 1].range.start.line, after[index + 1].range.start.line + 1);
  assert.equal(moved[moved.length - 1].range.start.line, after[after.length - 1].range.start.line + 1);
  assert.ok(moved.slice(0, index - 2).every((symbol, i) => symbol === after[i]), 'the articles before it keep their symbols');
});

test('an article moved sideways on its first line is outlined anew, not moved down', () => {
  const text = seeds();
  const model = parseDump(text);
  const outlines = new OutlineCache();
  const before = outlines.symbols(model, text, new LineIndex(text));
  // Two spaces in front of the first title: every article moves by 2, the first one also sideways.
  const at = model.articles[0].span.start;
  const padded = `${text.slice(0, at)}  ${text.slice(at)}`;
  const moved = { ...model, articles: model.articles.map((article) => shiftArticle(article, 2)) };
  const after = outlines.symbols(moved, padded, new LineIndex(padded));
  assert.deepEqual(after, new OutlineCache().symbols(parseDump(padded), padded, new LineIndex(padded)));
  assert.equal(after[0].range.start.character, before[0].range.start.character + 2);
  assert.ok(after.slice(1).every((symbol, i) => symbol === before[i + 1]), 'the others did not move');
});
