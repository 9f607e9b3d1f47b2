// "Ignore this problem here": ignores are anchored by article title and nearby text,
// so they hold while the file is edited elsewhere; a sidecar that cannot be read is
// reported and never overwritten.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDump } from '../src/model/parse';
import type { DumpModel } from '../src/model/types';
import {
  addIgnore,
  ignoreEntryFor,
  ignoreFilePath,
  parseIgnoreFile,
  readIgnoreFile,
  serializeIgnoreFile,
  withoutIgnored,
  type IgnorableProblem,
} from '../src/ignores/ignoreStore';

const SEED = resolve(__dirname, '..', '..', '..', 'test-fixtures', 'seeds', '002_ec0d75b02129a70c.txt');

/** One problem per OCR break of the model, as the ocr-break rule reports them: the span between the halves. */
function breakProblems(model: DumpModel): IgnorableProblem[] {
  return model.breaks.map((cut) => ({ ruleId: 'ocr-break', span: cut.span }));
}

/** What the user sees of a break: the characters either side of the cut. */
function label(text: string, problem: IgnorableProblem): string {
  return `${text.slice(problem.span.start - 3, problem.span.start)}|${text.slice(problem.span.end, problem.span.end + 3)}`;
}

function visibleBreaks(text: string, ignores: ReturnType<typeof ignoreEntryFor>[]): string[] {
  const model = parseDump(text);
  return withoutIgnored(breakProblems(model), ignores, text, model).map((problem) => label(text, problem));
}

describe('ignore anchoring (in memory)', () => {
  const text = readFileSync(SEED, 'utf8');
  const model = parseDump(text);
  const problems = breakProblems(model);
  const all = problems.map((problem) => label(text, problem));

  test('the seed has breaks in more than one article to work with', () => {
    assert.ok(problems.length >= 3, `breaks: ${all.join(', ')}`);
  });

  test('an ignore is anchored to the title of the article the problem starts in, at every offset', () => {
    let inArticles = 0;
    let between = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const holder = model.articles.find((article) => article.span.start <= offset && offset < article.span.end);
      if (holder) inArticles++;
      else between++;
      const entry = ignoreEntryFor({ ruleId: 'ocr-break', span: { start: offset, end: offset } }, text, model);
      assert.equal(entry.article, holder ? holder.title : null, `offset ${offset}`);
    }
    assert.ok(inArticles > 0 && between > 0, 'offsets inside articles and between them');
  });

  test('an ignore hides exactly its problem', () => {
    const entry = ignoreEntryFor(problems[1], text, model);
    assert.equal(entry.rule, 'ocr-break');
    assert.ok(entry.context.length <= 8 + 40 + 8 + 4, `short context: ${JSON.stringify(entry.context)}`);
    assert.deepEqual(visibleBreaks(text, [entry]), all.filter((_, index) => index !== 1));
  });

  test('it still holds after lines are added above and a paragraph is edited in another article', () => {
    const target = problems[problems.length - 1];
    const entry = ignoreEntryFor(target, text, model);
    assert.notEqual(ignoreEntryFor(problems[0], text, model).article, entry.article, 'the first and last breaks sit in different articles');
    // Well inside the first article's paragraph, clear of its break; both edits move every offset and line after them.
    const at = problems[0].span.start - 20;
    const edited = `\n\n${text.slice(0, at)}(补充一句话)${text.slice(at)}`;
    const visible = visibleBreaks(edited, [entry]);
    assert.deepEqual(visible, all.slice(0, -1));
  });

  test('CRLF line ends do not lose it', () => {
    const entry = ignoreEntryFor(problems[0], text, model);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(visibleBreaks(crlf, [entry]), all.slice(1));
  });

  test('an edit next to the problem releases it: the text it was given for is gone', () => {
    const target = problems[0];
    const entry = ignoreEntryFor(target, text, model);
    const edited = `${text.slice(0, target.span.start - 1)}甲${text.slice(target.span.start)}`;
    assert.equal(visibleBreaks(edited, [entry]).length, all.length);
  });

  test('the same text under another title is not ignored', () => {
    const target = problems[0];
    const entry = ignoreEntryFor(target, text, model);
    assert.ok(entry.article, 'the first break sits in a titled article');
    assert.equal(visibleBreaks(text, [{ ...entry, article: `${entry.article}(另一篇)` }]).length, all.length);
    assert.equal(visibleBreaks(text, [{ ...entry, rule: 'stray-space' }]).length, all.length, 'nor under another rule');
  });
});

describe('ignore sidecar file', () => {
  let scratch: string;
  before(() => (scratch = mkdtempSync(join(tmpdir(), 'newsdump-ignores-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const entry = { rule: 'ocr-break', article: '标题', context: '前文\n\n后文' };

  test('lives next to the dump as <name>.newsdump-ignore.json', () => {
    assert.equal(ignoreFilePath(join('a', 'b', '2023-07-12.txt')), join('a', 'b', '2023-07-12.newsdump-ignore.json'));
  });

  test('adding writes version 1 with the entry, once, and leaves no temp file behind', () => {
    const path = join(scratch, 'day.newsdump-ignore.json');
    addIgnore(path, entry);
    addIgnore(path, entry);
    addIgnore(path, { ...entry, article: null });
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { version: 1, ignores: [entry, { ...entry, article: null }] });
    assert.deepEqual(readdirSync(scratch), ['day.newsdump-ignore.json']);
    assert.deepEqual(readIgnoreFile(path), { ignores: [entry, { ...entry, article: null }] });
  });

  test('a missing sidecar is no ignores and no problem', () => {
    assert.deepEqual(readIgnoreFile(join(scratch, 'none.newsdump-ignore.json')), { ignores: [] });
  });

  test('a corrupt sidecar is reported, applies no ignores, and is not overwritten', () => {
    const path = join(scratch, 'broken.newsdump-ignore.json');
    const corrupt = '{ "version": 1, "ignores": [ { "rule": "ocr-break", ';
    writeFileSync(path, corrupt);
    const read = readIgnoreFile(path);
    assert.deepEqual(read.ignores, []);
    assert.match(read.problem ?? '', /not valid JSON/);
    assert.throws(() => addIgnore(path, entry), (error: Error) => error.message.includes(path) && /fix or remove it first/.test(error.message));
    assert.equal(readFileSync(path, 'utf8'), corrupt, 'left as it was');
  });

  test('a sidecar of another version or shape is refused rather than misread', () => {
    assert.match(parseIgnoreFile('{ "version": 2, "ignores": [] }').problem ?? '', /unsupported version 2/);
    assert.match(parseIgnoreFile('{ "version": 1, "ignores": [{ "rule": 1 }] }').problem ?? '', /ignores\[0\]/);
    assert.match(parseIgnoreFile('[]').problem ?? '', /not a JSON object/);
    assert.deepEqual(parseIgnoreFile(serializeIgnoreFile([entry])), { ignores: [entry] });
  });
});
