// Fuzzing the pure core: parseDump and every rule, on text no dump should hold and on the
// seed dumps under random damage, with no segmenter, nodejieba, or a segmenter that cuts
// anywhere. What must hold:
// - nothing throws (a rule that throws is reported through runRules' onRuleError);
// - the model holds together (support/modelInvariants.ts);
// - every problem lies in the text, says what it is on one line, and its fixes are in range,
//   do not overlap, and give text that parses again (and keeps surrogate pairs whole);
// - the safe fixes applied together (what `check --fix` writes) parse and check again;
// - parse + check + safe fixes take time linear in the input, on every shape of line we know.
// NEWSDUMP_FUZZ_COUNT=5000 for a longer run; NEWSDUMP_FUZZ_SEED=<n> NEWSDUMP_FUZZ_COUNT=1
// replays the one case a failure names (its input is also saved in the temp folder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDump } from '../src/model/parse';
import type { DumpModel, TaggedWord, WordSegmenter } from '../src/model/types';
import { runRules } from '../src/rules/runRules';
import { RULES } from '../src/rules/registry';
import { applyEdits, compatibleSafeFixes } from '../src/features/safeFixes';
import { decodeDump } from '../src/io/readDump';
import { encodeGb18030 } from '../src/io/gb18030';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { checkModelInvariants } from './support/modelInvariants';
import { Fuzz } from './support/random';

const COUNT = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 200);
const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 20240611);
/** Fixes applied one by one per case (each copies the whole text, so not all of them). */
const FIXES_PER_CASE = 4;

const SEEDS_DIR = resolve(__dirname, '..', '..', '..', 'test-fixtures', 'seeds');
const SEEDS = readdirSync(SEEDS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(join(SEEDS_DIR, name), 'utf8'));
const SEED_LINES = SEEDS.flatMap((seed) => seed.split('\n')).filter((line) => line.trim() !== '');

/** Characters and pieces a dump should not hold, or holds in the wrong place. */
const ODD = [
  '𠮷', '\ud842', '\udfb7', '\u0000', '\r', '\r\n', '\n', '\n\n\n', '\u3000', '\ufeff', '\u00a0', '\t', '\u2028',
  '\u200b', '\ufffd', '\u0301', ' ', '  ', '。', ',', '、', '“', '”', '《', '》', '(', ')', '（', '）', '【', '】',
  '——', ':', '……', '本报讯', '(上接一版)', '(下转二版)', '记者 ', '通讯员 ', '文/图', '【新华社延安十日电】',
  '编者按:', 'PM_{2.5}', '&amp;', '<br>', '\\n', 'and', 'COVID-19', '123', '\ud83d\ude00',
];
const HAN = '郑州市委召开高校挂职人才述职座谈会新闻记者杨宜锦李娜安伟何雄从事一线工作的和是了在';

const ROLES = ['none', 'jieba', 'chaotic'] as const;
type SegmenterRole = (typeof ROLES)[number];

let jieba: WordSegmenter | undefined | null = null;
function segmenterFor(role: SegmenterRole, random: () => number): WordSegmenter | undefined {
  if (role === 'none') return undefined;
  if (role === 'jieba') {
    if (jieba === null) jieba = loadJiebaSegmenter().segmenter;
    if (jieba) return jieba;
  }
  return chaoticSegmenter(random);
}

/** Keeps the contract (the words give the input back) but cuts anywhere, surrogate pairs included, with any tag. */
function chaoticSegmenter(random: () => number): WordSegmenter {
  const cut = (text: string): string[] => {
    const words: string[] = [];
    for (let at = 0; at < text.length; ) {
      const length = 1 + Math.floor(random() * 4);
      words.push(text.slice(at, at + length));
      at += length;
    }
    return words;
  };
  const tags = ['nr', 'ns', 'nt', 'n', 'v', 'x', 'eng', 'm', ''];
  return {
    cut,
    tag: (text: string): TaggedWord[] => cut(text).map((word) => ({ word, tag: tags[Math.floor(random() * tags.length)] })),
  };
}

/** The shared choices, and pieces of seeds and odd text for the parser. */
class ParserFuzz extends Fuzz {  /** A piece of a seed: part of a line, a few lines, or lines with their breaks. */
  seedPiece(): string {
    const seed = this.pick(SEEDS);
    const start = this.int(seed.length);
    return seed.slice(start, start + 1 + this.int(this.chance(0.8) ? 40 : 600));
  }
  snippet(): string {
    const roll = this.random();
    if (roll < 0.4) return this.pick(ODD);
    if (roll < 0.7) return this.seedPiece();
    let han = '';
    for (let i = 1 + this.int(12); i > 0; i--) han += HAN[this.int(HAN.length)];
    return han;
  }
}

// ---- (a) random text ----

/** Code points from everywhere: Han, the odd characters above, any BMP unit (lone surrogates too), astral. */
function randomCodePoints(fuzz: ParserFuzz): string {
  const parts: string[] = [];
  for (let length = 0, target = fuzz.int(fuzz.chance(0.2) ? 10_000 : 2000); length < target; ) {
    const roll = fuzz.random();
    const part =
      roll < 0.35 ? HAN[fuzz.int(HAN.length)]
      : roll < 0.6 ? fuzz.pick(ODD)
      : roll < 0.7 ? String.fromCharCode(fuzz.int(0x10000))
      : roll < 0.75 ? String.fromCodePoint(0x10000 + fuzz.int(0x100000))
      : roll < 0.85 ? fuzz.pick(['\n', '\r\n', '\r', '\n\n'])
      : roll < 0.95 ? fuzz.pick(SEED_LINES).slice(0, 1 + fuzz.int(40))
      : String.fromCharCode(fuzz.int(0x80));
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

let gbPieces: Uint8Array[] | undefined;

/** Bytes as a broken extraction leaves them: UTF-8 and GB18030 runs, cut anywhere, among random bytes. */
function randomBytes(fuzz: ParserFuzz): Uint8Array {
  gbPieces ??= SEED_LINES.slice(0, 40).map((line) => encodeGb18030(line) ?? Buffer.from(line, 'utf8'));
  const chunks: Uint8Array[] = [];
  if (fuzz.chance(0.1)) chunks.push(Uint8Array.from([0xef, 0xbb, 0xbf]));
  for (let length = 0, target = fuzz.int(4000); length < target; ) {
    const roll = fuzz.random();
    let chunk: Uint8Array;
    if (roll < 0.3) chunk = Buffer.from(fuzz.seedPiece(), 'utf8');
    else if (roll < 0.5) chunk = fuzz.pick(gbPieces);
    else if (roll < 0.6) chunk = Uint8Array.from(fuzz.pick([[0x0a], [0x0d], [0x0d, 0x0a], [0x00], [0x0a, 0x0a]]));
    else chunk = Uint8Array.from({ length: 1 + fuzz.int(16) }, () => fuzz.int(256));
    if (fuzz.chance(0.2)) chunk = chunk.subarray(fuzz.int(chunk.length + 1)); // cut into a character
    chunks.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(chunks);
}

const DECODERS = ['decodeDump', 'utf-8', 'utf-16le', 'latin1', 'gb18030'] as const;

function decodeSomehow(fuzz: ParserFuzz, bytes: Uint8Array): { how: string; text: string } {
  const how = fuzz.pick(DECODERS);
  if (how === 'decodeDump') {
    const dump = decodeDump(bytes);
    assert.equal(typeof dump.text, 'string');
    if (dump.problem !== undefined) {
      assert.equal(dump.text, '', 'a refused file gives no text');
      assert.doesNotMatch(dump.problem, /\n/, 'the reason is one line');
    }
    return { how: `decodeDump (${dump.encoding}${dump.problem ? `: ${dump.problem}` : ''})`, text: dump.text };
  }
  // Lenient decoders: U+FFFD for what does not decode; UTF-16LE gives lone surrogates.
  return { how, text: new TextDecoder(how, { fatal: false, ignoreBOM: fuzz.chance(0.5) }).decode(bytes) };
}

// ---- (b) damaged seeds ----

function damagedSeed(fuzz: ParserFuzz): { text: string; edits: string[] } {
  let text = fuzz.pick(SEEDS);
  const log: string[] = [];
  const at = (): number => fuzz.int(text.length + 1);
  for (let count = 1 + fuzz.int(fuzz.chance(0.3) ? 60 : 12); count > 0; count--) {
    const roll = fuzz.random();
    if (roll < 0.25) {
      const where = at();
      const piece = fuzz.snippet();
      text = text.slice(0, where) + piece + text.slice(where);
      log.push(`insert ${JSON.stringify(piece.slice(0, 12))} at ${where}`);
    } else if (roll < 0.4) {
      const from = at();
      const to = Math.min(text.length, from + 1 + fuzz.int(fuzz.chance(0.8) ? 10 : 2000));
      text = text.slice(0, from) + text.slice(to);
      log.push(`delete ${from}-${to}`);
    } else if (roll < 0.52) {
      const from = at();
      const to = Math.min(text.length, from + fuzz.int(20));
      text = text.slice(0, from) + fuzz.snippet() + text.slice(to);
      log.push(`replace ${from}-${to}`);
    } else if (roll < 0.6) {
      // Move a stretch elsewhere, as a column read in the wrong order.
      const from = at();
      const to = Math.min(text.length, from + fuzz.int(800));
      const moved = text.slice(from, to);
      const rest = text.slice(0, from) + text.slice(to);
      const where = fuzz.int(rest.length + 1);
      text = rest.slice(0, where) + moved + rest.slice(where);
      log.push(`move ${from}-${to} to ${where}`);
    } else if (roll < 0.7) {
      const style = fuzz.pick(['\r\n', '\r', '\n', 'mixed'] as const);
      text = text.replace(/\r\n|\r|\n/g, () => (style === 'mixed' ? fuzz.pick(['\r\n', '\r', '\n']) : style));
      log.push(`line ends ${JSON.stringify(style)}`);
    } else if (roll < 0.78) {
      // Blank lines: all removed (line layout), or multiplied (a column gap).
      text = fuzz.chance(0.5) ? text.replace(/(\r?\n|\r)(?:[ \t\u3000]*(?:\r?\n|\r))+/g, '$1') : text.replace(/\n/g, () => '\n'.repeat(1 + fuzz.int(3)));
      log.push('blank lines');
    } else if (roll < 0.86) {
      const lines = text.split('\n');
      const line = fuzz.int(lines.length);
      lines.splice(line, 0, ...Array.from({ length: 1 + fuzz.int(3) }, () => lines[line]));
      text = lines.join('\n');
      log.push(`repeat line ${line}`);
    } else if (roll < 0.93) {
      const lines = text.split('\n');
      const line = fuzz.int(lines.length);
      lines[line] = fuzz.pick(['\u3000\u3000', '  ', '\t', '\ufeff', '']) + lines[line] + fuzz.pick(['', ' ', '\u3000', '\r', '\t']);
      text = lines.join('\n');
      log.push(`pad line ${line}`);
    } else {
      // Glue two lines: a lost line end.
      const lines = text.split('\n');
      const line = fuzz.int(Math.max(1, lines.length - 1));
      lines.splice(line, 2, (lines[line] ?? '') + (lines[line + 1] ?? ''));
      text = lines.join('\n');
      log.push(`glue line ${line}`);
    }
  }
  return { text, edits: log };
}

// ---- checking one input ----

const RULE_IDS = new Set(RULES.map((rule) => rule.id));
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const LONE_SURROGATE = /[\ud800-\udfff]/u;

function parseChecked(text: string, segmenter: WordSegmenter | undefined, what: string): DumpModel {
  let model: DumpModel;
  try {
    model = parseDump(text, { segmenter });
  } catch (error) {
    assert.fail(`${what}: parseDump threw ${(error as Error).stack}`);
  }
  try {
    checkModelInvariants(model, text);
  } catch (error) {
    assert.fail(`${what}: ${(error as Error).message}`);
  }
  return model;
}

function checkRules(text: string, model: DumpModel, segmenter: WordSegmenter | undefined, fuzz: Fuzz, what: string): void {
  const failures: string[] = [];
  const problems = runRules({ text, model, segmenter }, {}, RULES, (ruleId, error) => failures.push(`${ruleId}: ${(error as Error).stack}`));
  assert.deepEqual(failures, [], `${what}: a rule threw`);
  const wellFormed = !LONE_SURROGATE.test(text);
  for (const problem of problems) {
    const where = `${what}: ${problem.ruleId} at ${problem.span.start}-${problem.span.end}`;
    assert.ok(RULE_IDS.has(problem.ruleId) && SEVERITIES.has(problem.severity), `${where}: known rule and severity`);
    assert.ok(0 <= problem.span.start && problem.span.start <= problem.span.end && problem.span.end <= text.length, `${where}: inside the text (${text.length})`);
    // The CLI prints one problem a line.
    assert.ok(problem.message.length > 0 && !/[\r\n]/.test(problem.message), `${where}: one-line message ${JSON.stringify(problem.message)}`);
    for (const fix of problem.fixes) {
      let end = -1;
      for (const edit of [...fix.edits].sort((a, b) => a.span.start - b.span.start)) {
        assert.ok(0 <= edit.span.start && edit.span.start <= edit.span.end && edit.span.end <= text.length, `${where}: fix “${fix.title}” edit ${edit.span.start}-${edit.span.end} in range`);
        assert.ok(edit.span.start >= end, `${where}: fix “${fix.title}” has overlapping edits`);
        end = edit.span.end;
      }
    }
  }
  // A few fixes one by one, as quick fixes are applied.
  const withFixes = problems.filter((problem) => problem.fixes.length > 0);
  for (let i = 0; i < FIXES_PER_CASE && withFixes.length > 0; i++) {
    const problem = fuzz.pick(withFixes);
    const fix = fuzz.pick(problem.fixes);
    const fixed = applyEdits(text, fix.edits);
    if (wellFormed) assert.ok(!LONE_SURROGATE.test(fixed), `${what}: ${problem.ruleId} fix “${fix.title}” cuts a surrogate pair`);
    parseChecked(fixed, segmenter, `${what}, after ${problem.ruleId} fix “${fix.title}”`);
  }
  // All safe fixes at once, as `check --fix` writes them; the result checks again without a fault.
  const safe = compatibleSafeFixes(problems);
  if (safe.length > 0) {
    const fixed = applyEdits(text, safe.flatMap((fix) => fix.edits));
    if (wellFormed) assert.ok(!LONE_SURROGATE.test(fixed), `${what}: the safe fixes cut a surrogate pair`);
    const again = parseChecked(fixed, segmenter, `${what}, after the safe fixes`);
    const refailures: string[] = [];
    runRules({ text: fixed, model: again, segmenter }, {}, RULES, (ruleId, error) => refailures.push(`${ruleId}: ${(error as Error).stack}`));
    assert.deepEqual(refailures, [], `${what}, after the safe fixes: a rule threw`);
  }
}

function runCase(seed: number, make: (fuzz: ParserFuzz) => { text: string; how: string }): SegmenterRole {
  const fuzz = new ParserFuzz(seed);
  const { text, how } = make(fuzz);
  const role = fuzz.pick(ROLES);
  const what = `NEWSDUMP_FUZZ_SEED=${seed} NEWSDUMP_FUZZ_COUNT=1 (${how}, segmenter ${role}, ${text.length} units, starts ${JSON.stringify(text.slice(0, 30))})`;
  const segmenter = segmenterFor(role, fuzz.random);
  try {
    const model = parseChecked(text, segmenter, what);
    checkRules(text, model, segmenter, fuzz, what);
  } catch (error) {
    // The input itself, to open in the editor or feed to the CLI.
    const saved = join(tmpdir(), `newsdump-fuzz-${seed}.txt`);
    writeFileSync(saved, text);
    (error as Error).message += ` (input saved as ${saved})`;
    throw error;
  }
  return role;
}

test(`random text, decoded every which way: ${COUNT} cases from seed ${SEED}`, () => {
  const decoders = new Set<string>();
  for (let k = 0; k < COUNT; k++) {
    runCase(SEED + k, (fuzz) => {
      if (fuzz.chance(0.4)) return { text: randomCodePoints(fuzz), how: 'random code points' };
      const decoded = decodeSomehow(fuzz, randomBytes(fuzz));
      decoders.add(decoded.how.replace(/ \(.*/, ''));
      return { text: decoded.text, how: `random bytes, ${decoded.how}` };
    });
  }
  if (COUNT >= 100) assert.equal(decoders.size, DECODERS.length, 'every decoder was tried');
});

test(`seed dumps under random edits: ${COUNT} cases from seed ${SEED}`, () => {
  const roles = new Set<string>();
  for (let k = 0; k < COUNT; k++) {
    roles.add(
      runCase(SEED + k, (fuzz) => {
        const { text, edits } = damagedSeed(fuzz);
        return { text, how: `${edits.length} edits: ${edits.slice(0, 4).join(', ')}${edits.length > 4 ? ' …' : ''}` };
      }),
    );
  }
  if (COUNT >= 100) assert.equal(roles.size, ROLES.length, 'with and without a segmenter');
});

test('degenerate inputs parse and check without a fault', () => {
  const cases = [
    '', '\n', '\r', '\r\n', '\n\r', '\ufeff', '\ufeff\ufeff', '\u0000', '\ud842', '\udfb7', '\udfb7\ud842', '𠮷', '\u3000\n\u3000',
    '\r\r\r\r', '\n'.repeat(10_000), ' \n'.repeat(5000), '本报讯', '本报讯(', '(上接', '(上接一版)', '记者', '记者 ', '——', '“', '《》',
    '编者按:', '文/图', '【新华社延安十日电】', 'a'.repeat(100_000), '𠮷'.repeat(50_000), '\ud842'.repeat(50_000), '郑'.repeat(100_000),
  ];
  for (const [index, text] of cases.entries()) {
    for (const role of ROLES) {
      const fuzz = new ParserFuzz(index);
      const segmenter = segmenterFor(role, fuzz.random);
      const what = `degenerate case ${index} ${JSON.stringify(text.slice(0, 12))}, segmenter ${role}`;
      checkRules(text, parseChecked(text, segmenter, what), segmenter, fuzz, what);
    }
  }
});

test('what the model quotes after an OCR break is the text at its span, without the blank lines', () => {
  // Found by the fuzz: a jump marker or a lead credit that starts the second half of a joined
  // paragraph took in the break before it, and the credit's text was read from the first half.
  const cases: [string, (model: DumpModel) => number][] = [
    ['郑州市召开会议\n\n本报讯 近日,市委召开会议,研究部署,\n\n(下转二版)\n\n另一段正文继续写下去。\n', (model) => model.articles[0].jumps.length],
    ['郑州市召开会议\n\n本报讯\n\n(记者 张三)近日,市委召开会议。\n', (model) => model.articles[0].bylines.filter((b) => b.text === '记者 张三').length],
  ];
  for (const [text, found] of cases) {
    const model = parseChecked(text, undefined, JSON.stringify(text));
    assert.equal(model.breaks.length, 1, `${JSON.stringify(text)}: joined across the break`);
    assert.equal(found(model), 1, `${JSON.stringify(text)}: what it quotes`);
  }
});

test('a title line repeated at the end of the file belongs to its article', () => {
  // Found by the fuzz: repeats inside a run of title lines were in no article.
  const line = '当天,虎强一行先后来到新郑路167号院、德风街“断头路”施员 姜璞 文/图';
  const text = `管城回族区领导督导国家卫生城市复审工作\n\n本报讯 近日,区委书记虎强实地督导复审工作。\n\n${line}\n${line}\n${line}\n`;
  const model = parseChecked(text, undefined, 'repeated title lines');
  const last = model.articles[model.articles.length - 1];
  assert.deepEqual([last.titleLines.length, last.duplicates.length], [1, 2], 'read as a title line, then two repeats of it');
});

// ---- time ----

/** Line shapes that each exercise one path of the parser and the rules, repeated to any size. */
const SHAPES: Readonly<Record<string, string>> = {
  'short title lines': '标题一个\n',
  'title lines between blank lines': '何雄调研督导城市防汛\n\n',
  'title phrases': '何雄调研督导 强化底线思维 拧紧责任链条\n',
  'lone-CR title lines': '标题\r',
  'credit lines': '记者 杨宜锦\n',
  'leads with credits': '本报讯(记者 张三) 近日,新郑市召开 会议。\n',
  'paragraphs cut after a comma': '需满足长期从事一线工作,\n\n',
  'fragments that cannot start a sentence': '、继续推进\n\n',
  'jump markers': '(上接一版)正文继续,\n\n',
  'repeated paragraph': '不忘为民初心,勇担社会责任。\n',
  'heads and paragraphs': '锐意进取\n在推动发展上奋发有为。\n',
  'one line of prose': '郑州市召开高校挂职人才述职座谈会,',
  'stray spaces and Latin': '新方法。 2011年 体系 and 安全 中 国。\n',
  'open quotes and brackets': '“《(【他说,\n',
  'markup': '&amp;<b>x</b>PM_{2.5}\\n',
  'ideographic space lines': '\u3000\u3000\n',
  'astral': '𠮷野家𠮷\n',
};

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Milliseconds for parse + every rule + the safe fixes (`check --fix`); the least of `runs`, to shed a busy machine's noise. */
function timeParseAndCheck(text: string, runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const model = parseDump(text);
    applyEdits(text, compatibleSafeFixes(runRules({ text, model }, {}, RULES)).flatMap((fix) => fix.edits));
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

/**
 * 16× the input may take 16× the time; 64× (with a floor for inputs too small to time)
 * passes noise and GC, while a quadratic path (256×) fails.
 */
function assertLinear(name: string, make: (size: number) => string, small: number, report: (line: string) => void): void {
  const ratio = 16;
  const smallMs = timeParseAndCheck(make(small), 2);
  const bigMs = timeParseAndCheck(make(small * ratio), 1);
  report(`${name}: ${small} units ${smallMs.toFixed(0)} ms, ${small * ratio} units ${bigMs.toFixed(0)} ms`);
  const limit = ratio * 4 * Math.max(smallMs, 30);
  assert.ok(bigMs <= limit, `${name}: ${ratio}× the text took ${(bigMs / smallMs).toFixed(1)}× the time (${smallMs.toFixed(0)} → ${bigMs.toFixed(0)} ms): not linear`);
}

test('parse, check and fix time grow linearly, whatever the lines are made of', { timeout: 120_000 }, (t) => {
  for (const [name, unit] of Object.entries(SHAPES)) assertLinear(name, (size) => repeatTo(unit, size), 8000, (line) => t.diagnostic(line));
});

test('a 2 MB dump of damaged seeds parses and checks in time linear in its size', { timeout: 120_000 }, (t) => {
  const fuzz = new ParserFuzz(SEED);
  const pieces: string[] = [];
  for (let length = 0; length < 2_100_000; ) {
    const piece = damagedSeed(fuzz).text;
    pieces.push(piece);
    length += piece.length + 2;
  }
  const corpus = pieces.join('\n\n');
  // Cut at a line end, so the small input is the same kind of text.
  const prefix = (size: number): string => corpus.slice(0, corpus.indexOf('\n', size) + 1 || size);
  assertLinear('damaged seeds', prefix, 125_000, (line) => t.diagnostic(line));
});
