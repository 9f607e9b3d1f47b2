// The article card on hover: on every title line of every fixture dump, and nowhere else.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDump } from '../src/model/parse';
import type { Article, DumpModel, Span } from '../src/model/types';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { isWhiteSpace } from '../src/model/characters';
import { LineIndex } from '../src/text/positions';
import { articleCard, hover } from '../src/features/hover';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');
const { segmenter } = loadJiebaSegmenter();

const dumps = ['seeds', 'outline'].flatMap((folder) =>
  fs.readdirSync(path.join(FIXTURES, folder)).filter((name) => name.endsWith('.txt')).map((name) => path.join(folder, name)),
);

/** What the card is for, read straight off the model: the first article in the dump with a title line over the offset (end included). */
function titleLineUnder(model: DumpModel, offset: number): { article: Article; span: Span } | undefined {
  for (const article of model.articles) {
    const spans = [article.titleSpan, ...article.titleLines.map((line) => line.span)];
    const span = spans.find((candidate) => candidate.start <= offset && offset <= candidate.end);
    if (span && article.span.start <= offset && offset <= article.span.end) return { article, span };
  }
  return undefined;
}

test('there are dumps to hover over', () => {
  assert.ok(dumps.length >= 10, `found only ${dumps.length} dumps under ${FIXTURES}`);
});

for (const dump of dumps) {
  test(`every position of ${dump}: the card of the title line under it, and no card elsewhere`, () => {
    const text = fs.readFileSync(path.join(FIXTURES, dump), 'utf8').replace(/^\ufeff/, '');
    const model = parseDump(text, { segmenter });
    const lines = new LineIndex(text);
    let cards = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const position = lines.positionAt(offset);
      if (lines.offsetAt(position) !== offset) continue; // inside a CRLF or a surrogate pair: no position of its own
      const expected = titleLineUnder(model, offset);
      const shown = hover(model, text, lines, position);
      const where = `${dump} offset ${offset} (line ${position.line + 1}:${position.character + 1})`;
      if (!expected) {
        assert.equal(shown, null, `no card at ${where}`);
        continue;
      }
      cards++;
      assert.ok(shown, `a card at ${where}`);
      assert.deepEqual(shown.range, lines.rangeOf(expected.span), `the card's range at ${where}`);
      assert.equal((shown.contents as { value: string }).value, articleCard(expected.article, text), `the card's article at ${where}`);
    }
    if (model.articles.some((article) => article.title !== null)) assert.ok(cards > 0, `${dump} has titles, so some position shows a card`);
  });
}

test('the end of a title line counts, also where an article of title lines alone ends the dump', () => {
  const text = '第一个标题\n\n本报讯 今天下雨。\n\n记者 张三\n\n第二个标题';
  const model = parseDump(text, { segmenter });
  const lines = new LineIndex(text);
  const last = model.articles[model.articles.length - 1];
  assert.equal(last.title, '第二个标题', 'the trailing title is an article of its own');
  for (const offset of [text.length, text.indexOf('第二'), text.indexOf('第一个标题') + '第一个标题'.length]) {
    const shown = hover(model, text, lines, lines.positionAt(offset));
    assert.ok(shown, `a card at offset ${offset}`);
  }
  assert.equal(hover(model, text, lines, lines.positionAt(text.indexOf('今天'))), null, 'the lead is not a title line');
});

test('the card counts what an editor counts: code points, white space left out', () => {
  // 2 + 3 + 6 (𠮷 is one character, two code units) + 1 + 2 + 2; spaces, the ideographic space and line ends are not counted.
  const text = '标题\n\n本报讯 今天𠮷下雨。\u3000好\n\n记者 张三';
  const model = parseDump(text, { segmenter });
  assert.equal(model.articles.length, 1);
  assert.match(articleCard(model.articles[0], text), /^16 characters · /m);
});

test('white space is what a regular expression\'s \\s matches, code unit by code unit', () => {
  for (let code = 0; code <= 0xffff; code++) assert.equal(isWhiteSpace(code), /\s/.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
});
