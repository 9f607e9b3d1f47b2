// Every dump in test-fixtures/ against the outline an editor wrote for it by hand.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDump } from '../src/model/parse';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { ExpectedOutline, summarizeOutline } from '../src/evaluation/outlineScore';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');

function findExpectedFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findExpectedFiles(full);
    return entry.name.endsWith('.expected.json') ? [full] : [];
  });
}

function readFixture(expectedPath: string): { text: string; expected: ExpectedOutline } {
  const textPath = expectedPath.replace(/\.expected\.json$/, '.txt');
  // VS Code hides a BOM from the document; the model sees the text the editor shows.
  const text = fs.readFileSync(textPath, 'utf8').replace(/^\ufeff/, '');
  return { text, expected: JSON.parse(fs.readFileSync(expectedPath, 'utf8')) };
}

// Only these folders hold outlines; rules/ and annotations/ hold other kinds of expectations.
const expectedFiles = ['seeds', 'outline'].flatMap((folder) => findExpectedFiles(path.join(FIXTURES, folder))).sort();
const { segmenter, problem } = loadJiebaSegmenter();

test('there are fixtures to check', () => {
  assert.ok(expectedFiles.length >= 15, `found only ${expectedFiles.length} expected files under ${FIXTURES}`);
  assert.equal(problem, undefined, 'nodejieba must load in the test environment');
});

for (const expectedPath of expectedFiles) {
  const name = path.relative(FIXTURES, expectedPath).replace(/\.expected\.json$/, '');

  test(`outline of ${name} matches the editor's`, () => {
    const { text, expected } = readFixture(expectedPath);
    const actual = summarizeOutline(parseDump(text, { segmenter }), text);
    assert.equal(actual.layout, expected.layout, 'layout');
    assert.equal(actual.articles.length, expected.articles.length, 'number of articles');
    actual.articles.forEach((article, index) => {
      assert.deepEqual(article, expected.articles[index], `article ${index + 1} (${expected.articles[index].title})`);
    });
  });

  // Without nodejieba the outline still holds: same articles, titles and credits.
  test(`outline of ${name} without a segmenter keeps every article and credit`, () => {
    const { text, expected } = readFixture(expectedPath);
    const actual = summarizeOutline(parseDump(text), text);
    const skeleton = (outline: ExpectedOutline) =>
      outline.articles.map(({ title, titleLine, firstLine, lastLine, credits }) => ({ title, titleLine, firstLine, lastLine, credits }));
    assert.deepEqual(skeleton(actual), skeleton(expected));
  });
}
