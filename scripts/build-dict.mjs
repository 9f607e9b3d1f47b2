#!/usr/bin/env node
// Generates the smaller jieba dictionaries the server loads (issue 6: memory). nodejieba's
// load() builds the dictionary trie twice (segmenter and TextRank, ~0.3 KB a word each) and
// reads a 6 MB idf table that only keyword extraction uses, which we never call.
//
//   node scripts/build-dict.mjs [--out DIR] [--min-freq N] [--keep-tags a,b,…] [--no-lexicon]
//                               [--keep-two-char] [--full]
//
// Run it after `tsc -b`: it reads the entity lexicons from server/out (see lexiconEndings()).
//
// Writes into DIR (default server/out/jieba-dict, git-ignored; segmentation/jieba.ts loads it):
//   jieba.dict.utf8   nodejieba's dictionary without its rare common words (see keep())
//   idf.utf8          one-line stand-in (keyword extraction only)
//   stop_words.utf8   one-line stand-in (keyword extraction only; an empty file aborts nodejieba)
// It reads the installed nodejieba's dictionary, so it follows nodejieba's version. Without
// nodejieba it writes nothing and exits 0: there is no segmenter to feed then.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Defaults: the configuration chosen in issue 6, where the measurements are (200 k of 349 k
// words; NER figures within 0.005, outline and rule figures identical).
const options = {
  out: join(root, 'server', 'out', 'jieba-dict'),
  minFreq: 10,
  // Proper nouns: the entity suggestions read these tags (entities/suggestions.ts); dropping
  // the rare person and place names costs recall.
  keepTags: new Set(['nr', 'nrfg', 'nrt', 'ns', 'nt', 'nz', 'j']),
  lexicon: true,
  keepTwoChar: false,
  full: false,
};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const value = () => (i + 1 < args.length ? args[++i] : fail(`${arg} needs a value`));
  if (arg === '--out') options.out = resolve(value());
  else if (arg === '--min-freq') options.minFreq = Number(value());
  else if (arg === '--keep-tags') options.keepTags = new Set(value().split(',').filter(Boolean));
  else if (arg === '--no-lexicon') options.lexicon = false;
  else if (arg === '--keep-two-char') options.keepTwoChar = true;
  else if (arg === '--full') options.full = true;
  else fail(`unknown option '${arg}'`);
}
if (!Number.isFinite(options.minFreq) || options.minFreq < 0) fail('--min-freq needs a number');

let source;
try {
  // index.js only names the paths; the native addon is not loaded by require.
  source = createRequire(import.meta.url)('nodejieba').DEFAULT_DICT;
} catch (error) {
  console.log(`build-dict: nodejieba is not installed (${String(error).split('\n')[0]}); nothing generated`);
  process.exit(0);
}
if (typeof source !== 'string' || !existsSync(source)) {
  console.log(`build-dict: nodejieba's dictionary is missing (${source}); nothing generated`);
  process.exit(0);
}

const endings = options.lexicon ? lexiconEndings() : new Set();
const longestEnding = Math.max(0, ...[...endings].map((ending) => ending.length));
const lines = readFileSync(source, 'utf8').split('\n').filter((line) => line.trim() !== '');
const kept = [];
let total = 0;
let dropped = 0;
for (const line of lines) {
  const [word, freqText, tag, extra] = line.trim().split(' ');
  const freq = Number(freqText);
  if (!word || !tag || extra !== undefined || !(freq > 0)) fail(`${source}: unexpected line '${line}'`);
  total += freq;
  if (options.full || keep(word, freq, tag)) kept.push(`${word} ${freqText} ${tag}`);
  else dropped += freq;
}

/** Common words stay; so do single characters (the segmenter's fallback) and what the suggestions read. */
function keep(word, freq, tag) {
  if (freq >= options.minFreq || options.keepTags.has(tag)) return true;
  const chars = [...word];
  if (chars.length === 1 || (options.keepTwoChar && chars.length === 2)) return true;
  for (let length = 1; length <= longestEnding && length < word.length; length++) {
    if (endings.has(word.slice(-length))) return true;
  }
  return false;
}

/**
 * What the entity suggestions and the tag command look for at a word's end: titles (市委书记),
 * organisation heads (…大队, …局) and place suffixes (金水区, 金水路). Rare words ending in one
 * are mostly tagged n (金水区 3 n); dropped, jieba splits them (金/nr 水区) and the name, title
 * or organisation is lost. Read from the compiled lexicon so the two never disagree.
 */
function lexiconEndings() {
  const compiled = join(root, 'server', 'out', 'src', 'entities', 'nerLexicon.js');
  if (!existsSync(compiled)) fail(`${relative(process.cwd(), compiled)} is missing: run \`npx tsc -b\` first`);
  const lexicon = createRequire(import.meta.url)(compiled);
  const lists = [lexicon.TITLES, lexicon.ORG_HEAD_WORDS, lexicon.ORG_HEAD_CHARS, lexicon.PLACE_SUFFIXES, lexicon.ADMIN_UNITS];
  if (lists.some((list) => !list || typeof list[Symbol.iterator] !== 'function')) fail(`${compiled}: a word list is missing`);
  return new Set(lists.flatMap((list) => [...list]));
}

// cppjieba weighs a word log(freq / sum of all freqs). The dropped words are rare, so the
// sum barely moves (under 1 % by default) and the kept words weigh what they did.
mkdirSync(options.out, { recursive: true });
writeAtomically(join(options.out, 'jieba.dict.utf8'), kept.join('\n') + '\n');
writeAtomically(join(options.out, 'idf.utf8'), 'unused 1.0\n');
writeAtomically(join(options.out, 'stop_words.utf8'), 'unused\n');
const share = ((100 * dropped) / total).toFixed(2);
console.log(`build-dict: ${relative(process.cwd(), options.out) || '.'}: ${kept.length} of ${lines.length} words (${share} % of the frequency mass dropped)`);

/** A running server never reads a half-written dictionary. */
function writeAtomically(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function fail(message) {
  console.error(`build-dict: ${message}`);
  process.exit(2);
}
