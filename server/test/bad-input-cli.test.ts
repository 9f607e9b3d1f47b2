// Bad input through the built CLI (`outline`, `check`, `entities`), as a corpus really comes:
// GB18030 and BOM dumps, mixed line ends, empty files, binary and broken bytes, a 5 MB line,
// a 50 MB month, and paths that are not readable files. Each gives the right result, or one
// line on stderr naming the file and exit code 2 (README: 0 no error, 1 error-severity
// problems, 2 a file could not be read), never a stack trace and never a hang: every run has a
// time limit. cli.test.ts and check-cli.test.ts cover the single-file basics; here several
// bad files go through one run, so the others must still be read.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeGb18030 } from '../src/io/gb18030';
import { GB18030_NOTE } from '../src/features/checkDumpFile';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = resolve(__dirname, '..', 'src', 'cli.js');
const SEED_TEXT = readFileSync(join(ROOT, 'test-fixtures', 'seeds', '002_ec0d75b02129a70c.txt'), 'utf8');
const ALL_SEEDS = ['000_136616f476cb0ed9', '001_ccc67071d7f988a0', '002_ec0d75b02129a70c', '003_447fc06111f63b44', '004_2037477c42b4a3c4']
  .map((name) => readFileSync(join(ROOT, 'test-fixtures', 'seeds', `${name}.txt`), 'utf8'))
  .join('\n\n');
const RUNNING_AS_ROOT = process.getuid?.() === 0;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

function newsdump(cwd: string, args: readonly string[], limitSeconds = 60): Run {
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: limitSeconds * 1000, maxBuffer: 512 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(run.signal, null, `newsdump ${args.join(' ')}: stopped after ${seconds.toFixed(0)} s (limit ${limitSeconds} s): a hang?`);
  assert.equal(run.error, undefined, `newsdump ${args.join(' ')}: ${run.error}`);
  assert.doesNotMatch(run.stderr, /^\s+at .+:\d+:\d+\)?$/m, `newsdump ${args.join(' ')}: a stack trace on stderr:\n${run.stderr}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, seconds };
}

/**
 * stderr lines about the given files (`newsdump: <file>: …`), leaving out what is said about the
 * machine (nodejieba or its dictionary missing), which depends on how the project was built.
 */
const fileLines = (stderr: string, files: readonly string[]): string[] =>
  stderr.split('\n').filter((line) => files.some((file) => line.startsWith(`newsdump: ${file}: `)));

/** Exactly one stderr line names the file, in the form `newsdump: <file>: <reason>` (besides a note on its encoding). */
function assertRefused(run: Run, file: string, reason: RegExp, command: string): void {
  const lines = fileLines(run.stderr, [file]).filter((line) => !line.startsWith(`newsdump: ${file}: note: `));
  assert.equal(lines.length, 1, `${command} ${file}: one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0], reason, `${command} ${file}`);
}

/** Line ends cycled LF, CRLF, CR, line by line; never a CR before an empty line ending in LF, which would read as one CRLF. */
function mixedLineEnds(text: string): string {
  const lines = text.split('\n');
  const ends = lines.map((_, i) => ['\n', '\r\n', '\r'][i % 3]);
  return lines.map((line, i) => line + (i === lines.length - 1 ? '' : ends[i] === '\r' && lines[i + 1] === '' && i + 1 < lines.length - 1 && ends[i + 1] !== '\r' ? '\r\n' : ends[i])).join('');
}

function linesWithEnds(text: string): { content: string; eol: string }[] {
  const lines: { content: string; eol: string }[] = [];
  const breaks = /\r\n|\r|\n/g;
  let from = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    lines.push({ content: text.slice(from, match.index), eol: match[0] });
    from = match.index + match[0].length;
  }
  if (from < text.length) lines.push({ content: text.slice(from), eol: '' });
  return lines;
}

const squeeze = (line: string): string => line.replace(/\s+/g, '');

interface Entity {
  readonly type: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly source: string;
}

describe('bad input through the built CLI', { timeout: 900_000 }, () => {
  let dir: string;
  /** 1-based line of the character cut short in `cut.txt`. */
  let cutLine = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsdump-bad-input-'));
    writeFileSync(join(dir, 'seed.txt'), SEED_TEXT);
    writeFileSync(join(dir, 'gb.txt'), encodeGb18030(SEED_TEXT)!);
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.txt'), '\n  \n\u3000\r\n\t\r\r\n\n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    // The last byte of a character lost, as a cut extraction leaves it.
    const bytes = Buffer.from(SEED_TEXT, 'utf8');
    let at = Math.floor(bytes.length / 2);
    while (bytes[at] < 0xe0) at++; // the lead byte of a three-byte character
    writeFileSync(join(dir, 'cut.txt'), Buffer.concat([bytes.subarray(0, at + 2), bytes.subarray(at + 3)]));
    cutLine = bytes.subarray(0, at).toString('latin1').split('\n').length;
    writeFileSync(join(dir, 'noise.txt'), Buffer.from([0x61, 0xff, 0xfe, 0x80, 0x0a, 0xc3, 0x28, 0xa0, 0xa1, 0xff, 0x62]));
    mkdirSync(join(dir, 'month.txt'));
    writeFileSync(join(dir, 'month.txt', 'inner.txt'), SEED_TEXT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a GB18030 dump reads as its UTF-8 copy does, in all three commands', () => {
    const outline = newsdump(dir, ['outline', '--json', 'gb.txt', 'seed.txt']);
    assert.equal(outline.status, 0, outline.stderr);
    const [gbOutline, utf8Outline] = JSON.parse(outline.stdout) as { articles: unknown[] }[];
    assert.ok(utf8Outline.articles.length > 1);
    assert.deepEqual(gbOutline.articles, utf8Outline.articles);

    const check = newsdump(dir, ['check', '--format', 'json', 'gb.txt', 'seed.txt']);
    assert.equal(check.status, 0, check.stderr);
    const [gbCheck, utf8Check] = JSON.parse(check.stdout) as { diagnostics: unknown[] }[];
    assert.ok(utf8Check.diagnostics.length > 0);
    assert.deepEqual(gbCheck.diagnostics, utf8Check.diagnostics);

    const entities = newsdump(dir, ['entities', '--json', 'gb.txt', 'seed.txt']);
    assert.equal(entities.status, 0, entities.stderr);
    const [gbEntities, utf8Entities] = JSON.parse(entities.stdout) as { entities: unknown[] }[];
    assert.deepEqual(gbEntities.entities, utf8Entities.entities);
    // Each command says once that it read gb.txt as GB18030, and nothing else.
    for (const run of [outline, check, entities]) {
      assert.deepEqual(fileLines(run.stderr, ['gb.txt', 'seed.txt']), [`newsdump: gb.txt: note: ${GB18030_NOTE}`]);
    }
  });

  test('check --fix writes GB18030 back byte for byte apart from the fix, and refuses a GBK code it cannot keep', () => {
    copyFileSync(join(dir, 'seed.txt'), join(dir, 'fix-utf8.txt'));
    copyFileSync(join(dir, 'gb.txt'), join(dir, 'fix-gb.txt'));
    // GBK as Windows writes it: € is the single byte 0x80, which GB18030 writes as A2 E3.
    const euro = Buffer.concat([Buffer.from([0x80]), encodeGb18030(SEED_TEXT)!]);
    writeFileSync(join(dir, 'fix-euro.txt'), euro);

    const run = newsdump(dir, ['check', '--fix', 'fix-gb.txt', 'fix-utf8.txt', 'fix-euro.txt']);
    assert.equal(run.status, 2, 'a file not written is exit 2');
    assert.match(run.stdout.trimEnd().split('\n').pop()!, /fixed \d+ problems in 2 files$/);
    const fixedUtf8 = readFileSync(join(dir, 'fix-utf8.txt'), 'utf8');
    assert.notEqual(fixedUtf8, SEED_TEXT, 'the seed has breaks to join');
    assert.deepEqual(readFileSync(join(dir, 'fix-gb.txt')), Buffer.from(encodeGb18030(fixedUtf8)!), 'the same fix, in GB18030 bytes');
    assert.deepEqual(readFileSync(join(dir, 'fix-gb.txt.bak')), readFileSync(join(dir, 'gb.txt')), 'the backup is the original');

    assertRefused(run, 'fix-euro.txt', /GB18030.*0x80.*not written/, 'check --fix');
    assert.deepEqual(readFileSync(join(dir, 'fix-euro.txt')), euro, 'untouched');
    assert.equal(existsSync(join(dir, 'fix-euro.txt.bak')), false);
    const plain = newsdump(dir, ['check', 'fix-euro.txt']);
    assert.equal(plain.status, 0, `read without --fix it checks like any dump: ${plain.stderr}`);
  });

  test('a BOM and mixed LF / CRLF / CR line ends: the results of plain LF, and --fix keeps every line end it does not join', () => {
    const mixed = mixedLineEnds(SEED_TEXT);
    writeFileSync(join(dir, 'mixed.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mixed, 'utf8')]));
    const outline = newsdump(dir, ['outline', '--json', 'mixed.txt', 'seed.txt']);
    assert.equal(outline.status, 0, outline.stderr);
    const [mixedOutline, lfOutline] = JSON.parse(outline.stdout) as { articles: unknown[] }[];
    assert.deepEqual(mixedOutline.articles, lfOutline.articles, 'the same articles at the same LSP positions');
    const check = newsdump(dir, ['check', '--format', 'json', 'mixed.txt', 'seed.txt']);
    const [mixedCheck, lfCheck] = JSON.parse(check.stdout) as { diagnostics: unknown[] }[];
    assert.deepEqual(mixedCheck.diagnostics, lfCheck.diagnostics);
    // Entity offsets are code points of the text, where CRLF is two: the same names, each on its text.
    const entities = newsdump(dir, ['entities', '--json', 'mixed.txt', 'seed.txt']);
    const [mixedEntities, lfEntities] = JSON.parse(entities.stdout) as { entities: Entity[] }[];
    const names = (list: Entity[]): string[] => list.map((entity) => `${entity.type} ${entity.text} ${entity.source}`);
    assert.deepEqual(names(mixedEntities.entities), names(lfEntities.entities));
    const codePoints = [...mixed];
    for (const entity of mixedEntities.entities) assert.equal(codePoints.slice(entity.start, entity.end).join(''), entity.text, `${entity.text} at ${entity.start}`);

    copyFileSync(join(dir, 'seed.txt'), join(dir, 'mixed-lf.txt'));
    const fix = newsdump(dir, ['check', '--fix', 'mixed.txt', 'mixed-lf.txt']);
    assert.equal(fix.status, 0, fix.stderr);
    const bytes = readFileSync(join(dir, 'mixed.txt'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    const fixed = bytes.subarray(3).toString('utf8');
    assert.equal(fixed.replace(/\r\n|\r/g, '\n'), readFileSync(join(dir, 'mixed-lf.txt'), 'utf8'), 'the same fixes as the LF copy');
    // Each line left ends as it did: find the original line it ends with, past the ones before.
    const original = linesWithEnds(mixed);
    let next = 0;
    for (const line of linesWithEnds(fixed)) {
      const blank = line.content.trim() === '';
      while (next < original.length && !(blank ? original[next].content.trim() === '' : original[next].content.trim() !== '' && squeeze(line.content).endsWith(squeeze(original[next].content)))) next++;
      assert.ok(next < original.length, `fixed line ${JSON.stringify(line.content.slice(0, 20))} is no original line`);
      assert.equal(JSON.stringify(line.eol), JSON.stringify(original[next].eol), `the line end after ${JSON.stringify(line.content.slice(-12))}`);
      next++;
    }
  });

  test('an empty file and a file of blank lines: no articles, no problems, no entities, exit 0', () => {
    const outline = newsdump(dir, ['outline', 'empty.txt', 'blank.txt']);
    assert.equal(outline.status, 0, outline.stderr);
    assert.equal(outline.stdout, 'empty.txt\n  (no articles found)\nblank.txt\n  (no articles found)\n');
    const json = newsdump(dir, ['outline', '--json', 'empty.txt', 'blank.txt']);
    assert.deepEqual((JSON.parse(json.stdout) as { articles: unknown[] }[]).map((file) => file.articles), [[], []]);
    const check = newsdump(dir, ['check', '--fix', 'empty.txt', 'blank.txt']);
    assert.equal(check.status, 0, check.stderr);
    assert.equal(check.stdout, 'no problems in 2 files\n');
    assert.equal(readFileSync(join(dir, 'blank.txt'), 'utf8'), '\n  \n\u3000\r\n\t\r\r\n\n', 'nothing to fix, nothing written');
    const entities = newsdump(dir, ['entities', 'empty.txt', 'blank.txt']);
    assert.equal(entities.status, 0, entities.stderr);
    assert.equal(entities.stdout, '');
    for (const run of [outline, json, check, entities]) assert.deepEqual(fileLines(run.stderr, ['empty.txt', 'blank.txt']), []);
  });

  test('unreadable files: one line each on stderr naming the file, exit 2, and the readable file in the same run still read', () => {
    const fifo = mkfifo(join(dir, 'pipe.txt'));
    const bad: [string, RegExp][] = [
      ['missing.txt', /: no such file/],
      ['binary.txt', /: binary file/],
      ['cut.txt', new RegExp(`: not valid UTF-8: a broken character at line ${cutLine} \\(byte \\d+\\)`)],
      ['noise.txt', /: neither valid UTF-8 \(first bad byte at line 1 \(byte 1\)\) nor GB18030 text$/],
      ['/dev/zero', /: not a regular file \(a device\)$/],
      ...(fifo ? [['pipe.txt', /: not a regular file \(a named pipe\)$/] as [string, RegExp]] : []),
    ];
    const files = [...bad.map(([file]) => file), 'month.txt', 'seed.txt'];
    for (const command of [['outline', '--json'], ['check', '--format', 'json'], ['entities', '--json']]) {
      const run = newsdump(dir, [...command, ...files], 120);
      assert.equal(run.status, 2, `${command[0]}: ${run.stderr}`);
      for (const [file, reason] of bad) assertRefused(run, file, reason, command[0]);
      assert.equal(fileLines(run.stderr, [...files, join('month.txt', 'inner.txt')]).length, bad.length, `${command[0]}: nothing else on stderr:\n${run.stderr}`);
      // A folder given as a path is searched for dumps, even one named like a dump.
      const read = (JSON.parse(run.stdout) as { file: string }[]).map((result) => result.file);
      assert.deepEqual(read, [join('month.txt', 'inner.txt'), 'seed.txt'], `${command[0]} read the others`);
    }
  });

  test('entities: a .ann that is a named pipe is reported, not waited for', (t) => {
    mkdirSync(join(dir, 'piped'));
    writeFileSync(join(dir, 'piped', 'dump.txt'), SEED_TEXT);
    if (!mkfifo(join(dir, 'piped', 'dump.ann'))) return t.skip('mkfifo is not available here');
    const run = newsdump(dir, ['entities', '--json', join('piped', 'dump.txt')], 60);
    assert.equal(run.status, 0, run.stderr);
    assertRefused(run, join('piped', 'dump.txt'), /warning: cannot read dump\.ann: not a regular file/, 'entities');
  });

  test('a file and a folder without read permission: one line each, exit 2', { skip: RUNNING_AS_ROOT && 'running as root, where chmod 000 does not stop reading' }, () => {
    writeFileSync(join(dir, 'secret.txt'), SEED_TEXT);
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'inside.txt'), SEED_TEXT);
    chmodSync(join(dir, 'secret.txt'), 0o000);
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      for (const command of ['outline', 'check', 'entities']) {
        const run = newsdump(dir, [command, 'secret.txt', 'locked', 'seed.txt']);
        assert.equal(run.status, 2, `${command}: ${run.stderr}`);
        assertRefused(run, 'secret.txt', /permission denied/, command);
        assertRefused(run, 'locked', /cannot list directory/, command);
      }
    } finally {
      chmodSync(join(dir, 'secret.txt'), 0o644);
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  test('a 5 MB dump on one line: read, outlined, checked and fixed in bounded time', (t) => {
    const paragraph = ALL_SEEDS.replace(/[\r\n]+/g, '');
    writeFileSync(join(dir, 'one-line.txt'), paragraph.repeat(Math.ceil(5_000_000 / Buffer.byteLength(paragraph))));
    const outline = newsdump(dir, ['outline', 'one-line.txt'], 120);
    assert.equal(outline.status, 0, outline.stderr);
    assert.match(outline.stdout, /^one-line\.txt\n {2}L1 {2}/, 'one article, on line 1');
    const check = newsdump(dir, ['check', 'one-line.txt'], 120);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout.trimEnd().split('\n').pop()!, /^\d+ problems .* in 1 file$/);
    assert.match(check.stdout, /^one-line\.txt:1:\d+: /m, 'problems on line 1');
    const entities = newsdump(dir, ['entities', '--json', 'one-line.txt'], 120);
    assert.equal(entities.status, 0, entities.stderr);
    const fix = newsdump(dir, ['check', '--fix', 'one-line.txt'], 120);
    assert.equal(fix.status, 0, fix.stderr);
    assert.match(fix.stdout, /; fixed \d+ problems in 1 file\n$/);
    t.diagnostic(`5 MB line: outline ${outline.seconds.toFixed(1)} s, check ${check.seconds.toFixed(1)} s, entities ${entities.seconds.toFixed(1)} s, check --fix ${fix.seconds.toFixed(1)} s`);
  });

  test('a 50 MB month of dumps: outline, check and entities finish in bounded time', (t) => {
    const chunks: string[] = [];
    let bytes = 0;
    for (let copy = 0; bytes < 50_000_000; copy++) {
      const piece = `${ALL_SEEDS}\n\n`;
      chunks.push(piece);
      bytes += Buffer.byteLength(piece);
    }
    writeFileSync(join(dir, 'month-50mb.txt'), chunks.join(''));
    const seedArticles = (newsdump(dir, ['outline', '--json', join(ROOT, 'test-fixtures', 'seeds')]).stdout.match(/"titleRange"/g) ?? []).length;
    const outline = newsdump(dir, ['outline', 'month-50mb.txt'], 300);
    assert.equal(outline.status, 0, outline.stderr);
    const articles = outline.stdout.split('\n').filter((line) => /^ {2}L\d+ /.test(line)).length;
    // Where one seed runs into the next, articles may merge; most are found.
    assert.ok(articles >= (chunks.length * seedArticles) / 2, `${articles} articles in ${chunks.length} copies of ${seedArticles}`);
    const check = newsdump(dir, ['check', 'month-50mb.txt'], 300);
    assert.equal(check.status, 0, check.stderr);
    const entities = newsdump(dir, ['entities', 'month-50mb.txt'], 300);
    assert.equal(entities.status, 0, entities.stderr);
    t.diagnostic(`50 MB: outline ${outline.seconds.toFixed(1)} s, check ${check.seconds.toFixed(1)} s, entities ${entities.seconds.toFixed(1)} s`);
  });
});

/** A named pipe at `path`, or false where mkfifo is not available. */
function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}
