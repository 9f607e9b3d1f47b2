// The built CLI as a user runs it: output, exit codes, and columns that match the editor's.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { decodeDump } from '../src/io/readDump';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = resolve(__dirname, '..', 'src', 'cli.js');
const SEED = join('test-fixtures', 'seeds', '002_ec0d75b02129a70c');
const ASTRAL = join('test-fixtures', 'outline', 'astral');

interface ExpectedArticle {
  title: string | null;
  titleLine: number; // 1-based
  credits: { role: string; names: string[]; mark?: string }[];
}

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function expectedArticles(fixture: string): ExpectedArticle[] {
  return (JSON.parse(readFileSync(join(ROOT, `${fixture}.expected.json`), 'utf8')) as { articles: ExpectedArticle[] }).articles;
}

function newsdump(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function outlineJson(...paths: string[]): any[] {
  const run = newsdump('outline', '--json', ...paths);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as any[];
}

function assertLspRange(range: LspRange, where: string): void {
  for (const position of [range.start, range.end]) {
    assert.ok(Number.isInteger(position.line) && position.line >= 0, `${where}: line ${position.line}`);
    assert.ok(Number.isInteger(position.character) && position.character >= 0, `${where}: character ${position.character}`);
  }
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${where}: start after end`);
}

/** Text under an LSP range, counting columns in UTF-16 units as the editor does. */
function textAt(text: string, range: LspRange): string {
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index! + match[0].length);
  const offset = (p: LspRange['start']): number => lineStarts[p.line] + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

function assertOneLineError(stderr: string, mustContain: string): void {
  assert.equal(stderr.trimEnd().split('\n').length, 1, `one line, got:\n${stderr}`);
  assert.ok(stderr.startsWith('newsdump: '), stderr);
  assert.ok(stderr.includes(mustContain), stderr);
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
}

describe('newsdump CLI', { timeout: 60_000 }, () => {
  let scratch: string;
  before(() => (scratch = mkdtempSync(join(tmpdir(), 'newsdump-cli-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('--help lists the commands', () => {
    const run = newsdump('--help');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /newsdump outline \[--json\]/);
    assert.match(run.stdout, /newsdump lsp --stdio/);
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = newsdump('--version');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  test('usage errors exit 2 with one line on stderr', () => {
    const unknown = newsdump('frobnicate');
    assert.equal(unknown.status, 2);
    assertOneLineError(unknown.stderr, "unknown command 'frobnicate'");
    const noFiles = newsdump('outline');
    assert.equal(noFiles.status, 2);
    assertOneLineError(noFiles.stderr, 'outline needs');
    assert.equal(newsdump().status, 2, 'no arguments is a usage error');
  });

  test('outline prints the path, then one line per article with its title line and bylines', () => {
    const run = newsdump('outline', `${SEED}.txt`);
    assert.equal(run.status, 0, run.stderr);
    const [header, ...rest] = run.stdout.trimEnd().split('\n');
    assert.equal(header, `${SEED}.txt`);
    const articleLines = rest.filter((line) => /^ {2}L\d/.test(line));
    const expected = expectedArticles(SEED);
    assert.equal(articleLines.length, expected.length, run.stdout);
    expected.forEach((article, index) => {
      const names = [...new Set(article.credits.flatMap((credit) => credit.names))].join(' ') || 'no byline';
      const title = article.title ?? articleLines[index].split('  ')[2];
      assert.equal(articleLines[index], `  L${article.titleLine}  ${title}  — ${names}`);
    });
  });

  test('outline --json gives every field, with LSP ranges', () => {
    const [outline, ...others] = outlineJson(`${SEED}.txt`);
    assert.equal(others.length, 0);
    assert.equal(outline.file, `${SEED}.txt`);
    const expected = expectedArticles(SEED);
    assert.equal(outline.articles.length, expected.length);
    outline.articles.forEach((article: any, index: number) => {
      const where = `article ${index}`;
      assert.deepEqual(Object.keys(article).sort(), ['breaks', 'byline', 'bylines', 'range', 'sections', 'title', 'titleRange'].sort());
      assert.equal(article.title, expected[index].title);
      assertLspRange(article.range, where);
      assertLspRange(article.titleRange, `${where} title`);
      assert.equal(article.titleRange.start.line, expected[index].titleLine - 1, `${where}: 0-based title line`);
      for (const byline of article.bylines) {
        assert.equal(typeof byline.text, 'string');
        assertLspRange(byline.range, `${where} byline`);
        for (const credit of byline.credits) {
          assert.equal(typeof credit.role, 'string');
          assert.ok(Array.isArray(credit.names));
          if ('mark' in credit) assert.equal(typeof credit.mark, 'string');
        }
      }
      assert.deepEqual(article.byline, article.bylines[0] ?? null, `${where}: byline is the first credit site`);
      const credits = article.bylines.flatMap((byline: any) => byline.credits);
      assert.deepEqual(credits, expected[index].credits, `${where}: credits`);
      for (const section of article.sections) {
        assert.equal(typeof section.title, 'string');
        assertLspRange(section.range, `${where} section`);
      }
      for (const found of article.breaks) assertLspRange(found.range, `${where} break`);
    });
  });

  test('outline --json counts columns in UTF-16 units after characters outside the BMP', () => {
    const text = readFileSync(join(ROOT, `${ASTRAL}.txt`), 'utf8');
    const lines = text.split(/\r\n|\r|\n/);
    const [outline] = outlineJson(`${ASTRAL}.txt`);
    assert.ok(outline.articles.length > 0);
    for (const article of outline.articles) {
      if (article.title) assert.ok(textAt(text, article.titleRange).includes(article.title), `title range of ${article.title}`);
      // 𠮷 is one code point but two columns: a code-point column would cut the last name short.
      for (const byline of article.bylines) {
        for (const name of byline.credits.flatMap((credit: any) => credit.names)) {
          assert.ok(textAt(text, byline.range).includes(name), `byline range holds ${name}`);
        }
      }
      for (const found of article.breaks) {
        const line = lines[found.range.start.line];
        assert.equal(found.range.start.character, line.trimEnd().length, `break starts at the end of line ${found.range.start.line + 1}`);
      }
    }
    const titleLine = lines.findIndex((line) => line.includes('𠮷祥书屋'));
    const first = outline.articles[0];
    assert.equal(first.titleRange.start.line, titleLine);
    assert.equal(first.titleRange.end.character, lines[titleLine].length, 'title ends at the UTF-16 end of its line');
    assert.notEqual(lines[titleLine].length, Array.from(lines[titleLine]).length, 'the line does hold astral characters');
  });

  test('a BOM and CRLF line ends do not move any range', () => {
    const text = readFileSync(join(ROOT, `${ASTRAL}.txt`), 'utf8');
    // The title on line 1, column 0: a BOM left in the text would push it to column 1.
    const titleFirst = text.replace(/^\s+/, '');
    const plain = join(scratch, 'plain.txt');
    const bom = join(scratch, 'bom.txt');
    const crlf = join(scratch, 'crlf.txt');
    writeFileSync(plain, titleFirst);
    writeFileSync(bom, `\ufeff${titleFirst}`);
    writeFileSync(crlf, text.replace(/\r?\n/g, '\r\n'));
    const [lf, withoutBom, withBom, withCrlf] = outlineJson(`${ASTRAL}.txt`, plain, bom, crlf);
    assert.equal(withBom.articles[0].titleRange.start.character, 0);
    assert.deepEqual(withBom.articles, withoutBom.articles, 'BOM: the editor hides it, so must we');
    assert.deepEqual(withCrlf.articles, lf.articles, 'CRLF: lines and columns as with LF');
  });

  test('a directory is searched for *.txt dumps', () => {
    const dir = join(scratch, 'dir');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const seedText = readFileSync(join(ROOT, `${SEED}.txt`));
    writeFileSync(join(dir, 'a.txt'), seedText);
    writeFileSync(join(dir, 'sub', 'b.txt'), seedText);
    writeFileSync(join(dir, 'notes.md'), '# not a dump\n');
    const outlines = outlineJson(dir);
    assert.deepEqual(
      outlines.map((outline) => relative(dir, outline.file)),
      ['a.txt', join('sub', 'b.txt')],
    );
  });

  test('a missing file exits 2 with one line naming it', () => {
    const run = newsdump('outline', 'no/such/dump.txt');
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assertOneLineError(run.stderr, 'no/such/dump.txt: no such file');
  });

  test('a binary file is refused in one line, other files are still listed', () => {
    const binary = join(scratch, 'image.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]));
    const run = newsdump('outline', binary, `${SEED}.txt`);
    assert.equal(run.status, 2);
    assertOneLineError(run.stderr, `${binary}: binary file`);
    assert.ok(run.stdout.includes(`${SEED}.txt`), 'the readable file is still outlined');
  });
});

describe('reading dumps', () => {
  test('UTF-8 with a BOM: the BOM is dropped and reported', () => {
    const dump = decodeDump(Buffer.from('\ufeff郑州\n', 'utf8'));
    assert.equal(dump.text, '郑州\n');
    assert.equal(dump.encoding, 'utf-8-bom');
  });

  test('GB18030 is decoded when the bytes are not UTF-8', () => {
    // 郑州 记者 in GB18030
    const dump = decodeDump(Buffer.from([0xd6, 0xa3, 0xd6, 0xdd, 0x20, 0xbc, 0xc7, 0xd5, 0xdf]));
    assert.equal(dump.problem, undefined);
    assert.equal(dump.text, '郑州 记者');
    assert.equal(dump.encoding, 'gb18030');
  });

  test('plain UTF-8 stays UTF-8, a NUL byte means binary', () => {
    assert.deepEqual(decodeDump(Buffer.from('记者 杨宜锦', 'utf8')), { text: '记者 杨宜锦', encoding: 'utf-8' });
    assert.match(decodeDump(Buffer.from([0x61, 0x00, 0x62])).problem ?? '', /binary/);
  });
});
