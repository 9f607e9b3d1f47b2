// newsdump.files patterns: the glob subset VS Code users write in files.exclude.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, matchesAnyGlob } from '../src/glob';

const DEFAULTS = ['**/corpus/**/*.txt', '**/dumps/**/*.txt', '**/*.dump.txt'];

function matches(pattern: string, path: string, ignoreCase = false): boolean {
  const regexp = globToRegExp(pattern, ignoreCase);
  assert.ok(regexp, `pattern ${pattern} should compile`);
  return regexp.test(path);
}

describe('globToRegExp', () => {
  test('* stays inside one segment', () => {
    assert.ok(matches('*.txt', 'a.txt'));
    assert.ok(!matches('*.txt', 'corpus/a.txt'));
    assert.ok(matches('corpus/*.txt', 'corpus/2023-07-12.txt'));
    assert.ok(!matches('corpus/*.txt', 'corpus/july/12.txt'));
  });

  test('** spans zero or more folders', () => {
    assert.ok(matches('**/*.txt', 'a.txt'));
    assert.ok(matches('**/*.txt', 'x/y/z/a.txt'));
    assert.ok(matches('**/corpus/**/*.txt', 'corpus/a.txt'));
    assert.ok(matches('**/corpus/**/*.txt', 'papers/corpus/2023/07/a.txt'));
    assert.ok(!matches('**/corpus/**/*.txt', 'papers/corpora/a.txt'));
    assert.ok(matches('corpus/**', 'corpus/a/b.txt'));
  });

  test('? is one character, not a slash', () => {
    assert.ok(matches('day?.txt', 'day1.txt'));
    assert.ok(!matches('day?.txt', 'day10.txt'));
    assert.ok(!matches('a?b', 'a/b'));
  });

  test('{a,b} alternatives, with globs inside', () => {
    assert.ok(matches('**/*.{txt,dump}', 'x/a.dump'));
    assert.ok(matches('**/*.{txt,dump}', 'x/a.txt'));
    assert.ok(!matches('**/*.{txt,dump}', 'x/a.md'));
    assert.ok(matches('{corpus,dumps}/**/*.txt', 'dumps/2023/a.txt'));
  });

  test('[...] classes, negated with ! or ^', () => {
    assert.ok(matches('day[0-9].txt', 'day7.txt'));
    assert.ok(!matches('day[!0-9].txt', 'day7.txt'));
    assert.ok(matches('day[^0-9].txt', 'dayX.txt'));
  });

  test('regular-expression characters are literal', () => {
    assert.ok(matches('a+b (1).txt', 'a+b (1).txt'));
    assert.ok(!matches('a.txt', 'abtxt'));
    assert.ok(matches('$^|.txt', '$^|.txt'));
  });

  test('Chinese folder and file names', () => {
    assert.ok(matches('**/郑州日报/**/*.txt', '报纸/郑州日报/2023年/7月12日.txt'));
  });

  test('backslashes in a pattern read as folder separators', () => {
    assert.ok(matches('corpus\\**\\*.txt', 'corpus/a/b.txt'));
  });

  test('empty and malformed patterns match nothing', () => {
    assert.equal(globToRegExp(''), null);
    assert.equal(globToRegExp('   '), null);
    assert.equal(globToRegExp('{a,b'), null);
    assert.equal(globToRegExp('[abc'), null);
  });

  test('case folds only when asked (Windows)', () => {
    assert.ok(!matches('**/Corpus/*.txt', 'corpus/a.TXT'));
    assert.ok(matches('**/Corpus/*.txt', 'corpus/a.TXT', true));
  });
});

describe('matchesAnyGlob', () => {
  test('the default patterns', () => {
    assert.ok(matchesAnyGlob(DEFAULTS, { relativePath: 'corpus/zz/2023-07-12.txt', absolutePath: '/w/corpus/zz/2023-07-12.txt' }));
    assert.ok(matchesAnyGlob(DEFAULTS, { relativePath: 'data/dumps/a.txt', absolutePath: '/w/data/dumps/a.txt' }));
    assert.ok(matchesAnyGlob(DEFAULTS, { relativePath: 'notes/2023-07-12.dump.txt', absolutePath: '/w/notes/2023-07-12.dump.txt' }));
    assert.ok(!matchesAnyGlob(DEFAULTS, { relativePath: 'notes/todo.txt', absolutePath: '/w/notes/todo.txt' }));
    assert.ok(!matchesAnyGlob(DEFAULTS, { relativePath: 'corpus/readme.md', absolutePath: '/w/corpus/readme.md' }));
  });

  test('a file outside every workspace folder is matched by its absolute path', () => {
    assert.ok(matchesAnyGlob(DEFAULTS, { absolutePath: '/home/ed/corpus/a.txt' }));
    assert.ok(matchesAnyGlob(['/data/papers/**/*.txt'], { absolutePath: '/data/papers/2023/a.txt' }));
  });

  test('relative patterns are relative to the workspace folder', () => {
    assert.ok(matchesAnyGlob(['papers/*.txt'], { relativePath: 'papers/a.txt', absolutePath: '/w/papers/a.txt' }));
    assert.ok(!matchesAnyGlob(['papers/*.txt'], { relativePath: 'old/papers/a.txt', absolutePath: '/w/old/papers/a.txt' }));
  });

  test('Windows paths', () => {
    const target = { relativePath: 'Corpus\\2023\\a.TXT', absolutePath: 'C:\\work\\Corpus\\2023\\a.TXT' };
    assert.ok(matchesAnyGlob(DEFAULTS, target, true));
    assert.ok(!matchesAnyGlob(DEFAULTS, target, false));
    assert.ok(matchesAnyGlob(['C:/work/**/*.txt'], target, true));
  });

  test('no patterns, no match; a bad pattern does not hide good ones', () => {
    assert.ok(!matchesAnyGlob([], { absolutePath: '/w/corpus/a.txt' }));
    assert.ok(matchesAnyGlob(['{broken', '**/*.txt'], { absolutePath: '/w/a.txt' }));
  });
});
