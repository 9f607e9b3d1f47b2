// Editing a big dump must not keep every old version of its text alive. V8 makes a slice of a
// string a view of the whole string, so a block (or a message) sliced from the text of one
// edit would keep that whole text as long as its article goes unedited: typing in ten
// articles of an 11 MB dump held ten old copies, about 80 MB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDumpService } from '../src/service';
import { OpenDocument } from '../src/text/openDocument';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { detachedSlice } from '../src/model/blocks';
import { parseDump } from '../src/model/parse';
import { SuggestionCache } from '../src/features/entitySuggestions';
import { ENTITY_TYPES } from '../src/entities/suggestions';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsedMB(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1e6;
}

const SEEDS = join(__dirname, '..', '..', '..', 'test-fixtures', 'seeds');

test('a detached slice reads the same as a slice', () => {
  const text = '本报讯 记者张三报道:' + '这是一段很长的文字,'.repeat(20);
  for (const [start, end] of [[0, 0], [0, 5], [3, 40], [10, text.length], [0, text.length]]) {
    assert.equal(detachedSlice(text, start, end), text.slice(start, end));
  }
});

test('typing in a dozen articles of a big dump keeps at most a copy or two of its old text', () => {
  const seeds = readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(join(SEEDS, name), 'utf8'));
  // About 4 MB of UTF-16: the seeds, over and over.
  let text = seeds.join('\n\n');
  while (text.length < 2_000_000) text += '\n\n' + seeds.join('\n\n');
  const textMB = (text.length * 2) / 1e6;
  const service = createDumpService({ segmenter: loadJiebaSegmenter().segmenter });
  let doc = new OpenDocument('file:///big.txt', 'newsdump', 1, text);
  service.diagnostics(doc);
  const afterOpen = heapUsedMB();

  const edits = 12;
  for (let i = 0; i < edits; i++) {
    // One character into a different stretch of the dump each time, in the middle of a line.
    const current = doc.getText();
    const at = current.indexOf('。', Math.floor((current.length * (i + 0.5)) / edits));
    doc = doc.replaced(at, at, '的', doc.version + 1);
    service.noteChanges(doc.uri, [{ start: at, end: at, text: '的' }]);
    const diagnostics = service.diagnostics(doc)!;
    // The messages are read, as a publish would read those it sends.
    JSON.stringify(diagnostics.slice(0, 50));
  }
  const grown = heapUsedMB() - afterOpen;
  // The document's current text and the one the untouched articles were parsed from are
  // alive by design; a copy per edited article is not.
  assert.ok(grown < 3 * textMB, `the heap grew by ${grown.toFixed(1)} MB over ${edits} edits of a ${textMB.toFixed(1)} MB text`);
});

test('suggesting in an article after each edit keeps no old copy of the text', () => {
  const seeds = readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(join(SEEDS, name), 'utf8'));
  let text = seeds.join('\n\n');
  while (text.length < 2_000_000) text += '\n\n' + seeds.join('\n\n');
  const textMB = (text.length * 2) / 1e6;
  const segmenter = loadJiebaSegmenter().segmenter!;
  const cache = new SuggestionCache(segmenter);
  const middle = parseDump(text, { segmenter }).articles.length >> 1;
  const afterOpen = heapUsedMB();

  /** A character typed into the article, then its suggestions: each version is a new text, and the article's text a new key of the cache. */
  const typeAndSuggest = (before: string): { after: string; suggestions: number } => {
    const article = parseDump(before, { segmenter }).articles[middle];
    const at = before.indexOf('。', article.span.start);
    const after = `${before.slice(0, at)}的${before.slice(at)}`;
    const found = cache.suggest(after, parseDump(after, { segmenter }), { types: ENTITY_TYPES, tags: [], articles: { from: middle, to: middle + 1 } });
    assert.ok(found.complete);
    return { after, suggestions: found.suggestions.length };
  };
  const edits = 12;
  let suggested = 0;
  for (let i = 0; i < edits; i++) {
    const typed = typeAndSuggest(text);
    text = typed.after;
    suggested += typed.suggestions;
  }
  assert.ok(suggested > 0, 'the article has suggestions');
  const grown = heapUsedMB() - afterOpen;
  // The last version is alive (the loop's text); a copy per edit is not.
  assert.ok(grown < 2 * textMB, `the heap grew by ${grown.toFixed(1)} MB over ${edits} edits of a ${textMB.toFixed(1)} MB text`);
});
