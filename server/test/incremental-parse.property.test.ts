// A keystroke re-parses only the articles around it (model/incremental.ts). Whatever the
// edit, the spliced model must equal a parse of the whole new text: random edits (typing,
// deleting, new lines and blank lines, pasted titles, leads and bylines, CRLF, characters
// outside the BMP) on the seeds and on several seeds joined into one dump.
// NEWSDUMP_FUZZ_COUNT for a longer run; NEWSDUMP_FUZZ_SEED to replay one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDump } from '../src/model/parse';
import { reparseEdited } from '../src/model/incremental';
import type { DumpModel } from '../src/model/types';
import { randomSource } from './support/random';
import { regionOfReplacements, type EditRegion } from '../src/text/editRegion';

const EDIT_COUNT = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 600);
const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 20261122);
const SEEDS_DIR = join(__dirname, '..', '..', '..', 'test-fixtures', 'seeds');

const PIECES = [
  '的', '郑州', '市委书记安伟', '。', '，', '、', '“', '”', '𠮷', ' ', '\u3000', 'PM2.5', '(上接一版)', '(下转二版)',
  '\n', '\n\n', '\r\n', '\n\n\n', '本报讯(记者 杨宜锦)', '记者 杨宜锦 通讯员 王鹏', '新郑市召开工作会议',
  '——访全国人大代表李明', '【新华社北京十日电】', '编者按:', '文/图 王磊',
];

function seedTexts(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(SEEDS_DIR, name), 'utf8'));
}

/** Plain data, so that a key holding undefined and an absent key compare the same. */
function plain(model: DumpModel): unknown {
  return JSON.parse(JSON.stringify(model));
}

function randomEdit(text: string, random: () => number): { start: number; end: number; insert: string } {
  let start = Math.floor(random() * (text.length + 1));
  // Never split a surrogate pair: an editor does not.
  if (start > 0 && start < text.length && /[\udc00-\udfff]/.test(text[start])) start--;
  const roll = random();
  let end = start;
  if (roll < 0.4) end = Math.min(text.length, start + Math.floor(random() * (random() < 0.8 ? 3 : 400)));
  if (end > start && end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
  let insert = '';
  if (roll > 0.25) {
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) insert += PIECES[Math.floor(random() * PIECES.length)];
  }
  return { start, end, insert };
}

test('the model spliced after an edit equals a parse of the whole new text', () => {
  const random = randomSource(SEED);
  const texts = seedTexts();
  const documents = [...texts, texts.join('\n\n')];
  let spliced = 0;
  let fallbacks = 0;
  for (let n = 0; n < EDIT_COUNT; n++) {
    const docIndex = n % documents.length;
    const before = documents[docIndex];
    const previous = parseDump(before);
    const { start, end, insert } = randomEdit(before, random);
    const after = before.slice(0, start) + insert + before.slice(end);
    const incremental = reparseEdited(previous, before, after, { start, oldEnd: end, newEnd: start + insert.length });
    if (incremental === undefined) {
      fallbacks++;
    } else {
      spliced++;
      assert.deepEqual(plain(incremental.model), plain(parseDump(after)), `edit ${n} (seed ${SEED}): [${start}, ${end}) → ${JSON.stringify(insert)}`);
      const { reparsed } = incremental;
      assert.ok(reparsed.start <= start && reparsed.newEnd >= start + insert.length, `edit ${n}: the re-parsed stretch covers the edit`);
    }
    // Documents drift with their edits, so later edits meet earlier damage.
    documents[docIndex] = after;
  }
  // Falling back is always correct, but a splice that almost never happens would make keystrokes slow again.
  assert.ok(spliced > fallbacks * 9, `spliced ${spliced}, fell back ${fallbacks}`);
  console.log(`${EDIT_COUNT} edits: ${spliced} spliced, ${fallbacks} parsed whole`);
});

test('edits composed over several keystrokes splice like one edit', () => {
  const random = randomSource(SEED + 1);
  let text = seedTexts().join('\n\n');
  for (let round = 0; round < 100; round++) {
    const previous = parseDump(text);
    let current = text;
    let region: EditRegion | undefined;
    for (let k = 0; k < 4; k++) {
      const { start, end, insert } = randomEdit(current, random);
      current = current.slice(0, start) + insert + current.slice(end);
      region = regionOfReplacements([{ start, end, text: insert }], region);
    }
    // The folded region is exact: outside it both texts agree.
    assert.equal(text.slice(0, region!.start), current.slice(0, region!.start));
    assert.equal(text.slice(region!.oldEnd), current.slice(region!.newEnd));
    const incremental = reparseEdited(previous, text, current, region!);
    if (incremental) assert.deepEqual(plain(incremental.model), plain(parseDump(current)), `round ${round} (seed ${SEED + 1})`);
    text = current;
  }
});
