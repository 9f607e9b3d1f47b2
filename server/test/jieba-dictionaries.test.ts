// The smaller dictionaries of scripts/build-dict.mjs (issue 6: memory) and how jieba.ts picks them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useGeneratedDictionaries } from '../src/segmentation/jieba';

const ROOT = path.join(__dirname, '..', '..', '..');

function temporaryDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'newsdump-dict-'));
}

/** A stand-in for nodejieba's module object: its default paths, all pointing at files that exist. */
function fakeJieba(existing: string) {
  return {
    cut: (text: string) => [text],
    tag: (text: string) => [{ word: text, tag: 'x' }],
    DEFAULT_DICT: existing,
    DEFAULT_HMM_DICT: existing,
    DEFAULT_USER_DICT: existing,
    DEFAULT_IDF_DICT: existing,
    DEFAULT_STOP_WORD_DICT: existing,
  };
}

test('the generated dictionaries replace the dictionary, idf and stop words; the HMM model and user words stay', () => {
  const dir = temporaryDir();
  for (const file of ['jieba.dict.utf8', 'idf.utf8', 'stop_words.utf8']) fs.writeFileSync(path.join(dir, file), 'unused 1 x\n');
  const jieba = fakeJieba(__filename);
  assert.deepEqual(useGeneratedDictionaries(jieba, dir), {});
  assert.equal(jieba.DEFAULT_DICT, path.join(dir, 'jieba.dict.utf8'));
  assert.equal(jieba.DEFAULT_IDF_DICT, path.join(dir, 'idf.utf8'));
  assert.equal(jieba.DEFAULT_STOP_WORD_DICT, path.join(dir, 'stop_words.utf8'));
  assert.equal(jieba.DEFAULT_HMM_DICT, __filename);
  assert.equal(jieba.DEFAULT_USER_DICT, __filename);
});

test('an incomplete generated folder falls back to the full dictionaries, with a notice', () => {
  const dir = temporaryDir();
  fs.writeFileSync(path.join(dir, 'jieba.dict.utf8'), 'unused 1 x\n');
  const jieba = fakeJieba(__filename);
  const result = useGeneratedDictionaries(jieba, dir);
  assert.match(result.notice ?? '', /build-dict\.mjs/);
  assert.equal(result.problem, undefined);
  assert.equal(jieba.DEFAULT_DICT, __filename, 'nothing switched to a half-generated folder');
});

test('a missing default dictionary is a problem, not a crash: cppjieba would abort the process on it', () => {
  const jieba = { ...fakeJieba(__filename), DEFAULT_DICT: path.join(temporaryDir(), 'gone.utf8') };
  const result = useGeneratedDictionaries(jieba, path.join(temporaryDir(), 'not-generated'));
  assert.match(result.problem ?? '', /gone\.utf8 is missing/);
});

test('build-dict keeps common words, proper nouns, single characters and lexicon endings; drops rare common words', () => {
  const nodejieba = require('nodejieba') as { DEFAULT_DICT: string };
  const full = new Map(
    fs
      .readFileSync(nodejieba.DEFAULT_DICT, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [word, freq, tag] = line.split(' ');
        return [word, { freq: Number(freq), tag }] as const;
      }),
  );
  const dir = temporaryDir();
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-dict.mjs'), '--out', dir], { stdio: 'pipe' });
  const words = new Set(
    fs
      .readFileSync(path.join(dir, 'jieba.dict.utf8'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')[0]),
  );
  assert.ok(words.size > 150_000 && words.size < full.size * 0.7, `${words.size} words`);
  // The examples stand for the rules; check that the installed dictionary still has them as assumed.
  const expect = (word: string, kept: boolean, why: string) => {
    assert.ok(full.has(word), `${word} is in nodejieba's dictionary`);
    assert.equal(words.has(word), kept, `${word} (${full.get(word)?.freq} ${full.get(word)?.tag}): ${why}`);
  };
  expect('记者', true, 'common');
  expect('金水区', true, 'rare, tagged n, but ends in a place suffix');
  expect('市委书记', true, 'rare, but ends in a title');
  expect('特大事故', false, 'rare common word');
  for (const [word, { freq, tag }] of full) {
    if (tag === 'nr' || tag === 'ns' || tag === 'nt' || [...word].length === 1) assert.ok(words.has(word), `${word} ${freq} ${tag} kept`);
  }
  assert.equal(fs.readFileSync(path.join(dir, 'stop_words.utf8'), 'utf8').trim().split('\n').length, 1, 'one line: an empty file aborts nodejieba');
});
