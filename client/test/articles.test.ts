// Article navigation and the status bar's counts, on symbols shaped like the server's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  articleIndexAt,
  countProblems,
  describeProblems,
  describeShownLines,
  shownLines,
  nextArticleIndex,
  previousArticleIndex,
  Severity,
  sortArticles,
  statusText,
  type ArticleEntry,
} from '../src/articles';

const pos = (line: number, character = 0) => ({ line, character });
const span = (startLine: number, endLine: number, endCharacter = 10) => ({ start: pos(startLine), end: pos(endLine, endCharacter) });

/** Three articles: titles on lines 2, 20 and 40; a gap (blank lines) between 30 and 40. */
const ARTICLES: ArticleEntry[] = [
  { name: '深化全国文明城市创建', detail: '陈锋 孙亚文', range: span(2, 18), selectionRange: span(2, 2) },
  { name: '新郑市召开高校挂职人才述职座谈会', detail: '杨宜锦', range: span(20, 30), selectionRange: span(22, 22) },
  { name: '区人大常委会 督导', detail: 'no byline', range: span(40, 55), selectionRange: span(40, 40) },
];

describe('articleIndexAt', () => {
  test('inside, on the first and last line of an article', () => {
    assert.equal(articleIndexAt(ARTICLES, pos(2)), 0);
    assert.equal(articleIndexAt(ARTICLES, pos(10, 5)), 0);
    assert.equal(articleIndexAt(ARTICLES, pos(18, 10)), 0);
    assert.equal(articleIndexAt(ARTICLES, pos(20)), 1);
    assert.equal(articleIndexAt(ARTICLES, pos(55, 3)), 2);
  });

  test('before the first article and in a gap: none', () => {
    assert.equal(articleIndexAt(ARTICLES, pos(0)), -1);
    assert.equal(articleIndexAt(ARTICLES, pos(35)), -1);
    assert.equal(articleIndexAt(ARTICLES, pos(60)), -1);
    assert.equal(articleIndexAt([], pos(0)), -1);
  });
});

describe('next / previous article', () => {
  test('next goes to the next title after the cursor', () => {
    assert.equal(nextArticleIndex(ARTICLES, pos(0)), 0);
    assert.equal(nextArticleIndex(ARTICLES, pos(2)), 1);
    assert.equal(nextArticleIndex(ARTICLES, pos(21)), 1, 'a kicker line above the main title: the title is still ahead');
    assert.equal(nextArticleIndex(ARTICLES, pos(22)), 2);
    assert.equal(nextArticleIndex(ARTICLES, pos(40)), -1);
  });

  test('previous goes to the title before the cursor: the own title from the body, the one before from a title', () => {
    assert.equal(previousArticleIndex(ARTICLES, pos(25)), 1);
    assert.equal(previousArticleIndex(ARTICLES, pos(22)), 0);
    assert.equal(previousArticleIndex(ARTICLES, pos(2, 3)), 0);
    assert.equal(previousArticleIndex(ARTICLES, pos(2)), -1);
    assert.equal(previousArticleIndex(ARTICLES, pos(0)), -1);
  });

  test('sortArticles orders by start', () => {
    const shuffled = [ARTICLES[2], ARTICLES[0], ARTICLES[1]];
    assert.deepEqual(sortArticles(shuffled), ARTICLES);
  });
});

describe('problems of an article', () => {
  const diagnostics = [
    { range: span(5, 5), severity: Severity.Warning },
    { range: span(18, 18, 2), severity: Severity.Error },
    { range: span(12, 12), severity: Severity.Hint },
    { range: span(21, 21), severity: Severity.Information },
    { range: span(35, 35), severity: Severity.Warning },
  ];

  test('counts what starts inside the article, hints left out', () => {
    assert.deepEqual(countProblems(diagnostics, ARTICLES[0].range), { errors: 1, warnings: 1, infos: 0 });
    assert.deepEqual(countProblems(diagnostics, ARTICLES[1].range), { errors: 0, warnings: 0, infos: 1 });
    assert.deepEqual(countProblems(diagnostics, ARTICLES[2].range), { errors: 0, warnings: 0, infos: 0 });
  });

  test('a publish cut to VS Code\'s limit: articles inside the sent lines are counted without the note, the others are not known', () => {
    // The server sent the problems of lines 15–35 only, with its note on line 15.
    const note = { range: span(15, 15, 0), severity: Severity.Information, code: 'problems-window', data: { fromLine: 15, toLine: 35, shown: 3, total: 900 } };
    const cut = [note, ...diagnostics.filter((diagnostic) => diagnostic.range.start.line >= 15 && diagnostic.range.start.line <= 35)];
    assert.deepEqual(countProblems(cut, ARTICLES[1].range), { errors: 0, warnings: 0, infos: 1 });
    assert.equal(countProblems(cut, ARTICLES[0].range), undefined, 'lines 2–14 of the first article were not sent');
    assert.equal(countProblems(cut, ARTICLES[2].range), undefined);
    assert.match(describeProblems(undefined), /listed when you go there/);
    assert.equal(
      describeShownLines(shownLines(cut)!),
      'Problems are listed for lines 16–36 of this file (3 of 900): VS Code lists 1,000 a file, so they follow where you are. `newsdump check` reports them all.',
    );
    // A large dump's opening publish: the rest is still being checked, so the file's total is not given.
    const opening = { ...note, data: { ...note.data, uncheckedFromLine: 40 } };
    assert.equal(
      describeShownLines(shownLines([opening])!),
      'Problems are listed for lines 16–36 of this file: VS Code lists 1,000 a file, so they follow where you are. `newsdump check` reports them all.',
    );
    // A note without its data (another server) leaves counting as before.
    assert.deepEqual(countProblems([{ ...note, data: undefined }, ...diagnostics], ARTICLES[0].range), { errors: 1, warnings: 1, infos: 0 });
    // vscode.Diagnostic.code may come as { value, target }.
    assert.equal(countProblems([{ ...note, code: { value: 'problems-window' } }], ARTICLES[0].range), undefined);
  });

  test('describeProblems', () => {
    assert.equal(describeProblems({ errors: 0, warnings: 0, infos: 0 }), 'no problems');
    assert.equal(describeProblems({ errors: 1, warnings: 2, infos: 0 }), '3 problems (1 error, 2 warnings)');
    assert.equal(describeProblems({ errors: 0, warnings: 0, infos: 1 }), '1 problem (1 info)');
  });
});

describe('statusText', () => {
  test('article position and the worst severity icon', () => {
    assert.equal(statusText(2, 12, { errors: 0, warnings: 0, infos: 0 }), '$(book) Article 3/12');
    assert.equal(statusText(2, 12, { errors: 0, warnings: 2, infos: 1 }), '$(book) Article 3/12  $(warning) 3');
    assert.equal(statusText(0, 12, { errors: 1, warnings: 0, infos: 0 }), '$(book) Article 1/12  $(error) 1');
    assert.equal(statusText(0, 1, { errors: 0, warnings: 0, infos: 4 }), '$(book) Article 1/1  $(info) 4');
  });

  test('outside every article, and a file without articles', () => {
    assert.equal(statusText(-1, 12, undefined), '$(book) Article –/12');
    assert.equal(statusText(-1, 0, undefined), '$(book) No articles');
  });
});
