// `newsdump check` as CI runs it: the three output formats, exit codes, the project
// config, and `--fix` writing files back the way they came. Every file it touches is
// a temp copy; expected break lines come from the hand-written seed fixture.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RULES } from '../src/rules/registry';
import { readDumpSnapshot, writeFixedDump } from '../src/io/writeDump';
import { encodeGb18030 } from '../src/io/gb18030';
import { parseDump } from '../src/model/parse';
import { addIgnore, ignoreEntryFor } from '../src/ignores/ignoreStore';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = resolve(__dirname, '..', 'src', 'cli.js');
const SEED = '002_ec0d75b02129a70c';
const SEED_TEXT = readFileSync(join(ROOT, 'test-fixtures', 'seeds', `${SEED}.txt`), 'utf8');
const TEXT_LINE = /^(.+):(\d+):(\d+): (error|warning|info|hint): (.+) \[([a-z-]+(?:\/[a-z-]+)?)\]$/;

/** [last line of the first half, first line of the second], 1-based, as an editor marked them. */
function expectedBreaks(): [number, number][] {
  const expected = JSON.parse(readFileSync(join(ROOT, 'test-fixtures', 'seeds', `${SEED}.expected.json`), 'utf8')) as { articles: { breaks: [number, number][] }[] };
  return expected.articles.flatMap((article) => article.breaks);
}

function newsdump(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface TextProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  rule: string;
}

function problemLines(stdout: string): TextProblem[] {
  const lines = stdout.trimEnd().split('\n');
  return lines.slice(0, -1).map((line) => {
    const match = TEXT_LINE.exec(line);
    assert.ok(match, `a compiler-style line: ${line}`);
    return { file: match[1], line: Number(match[2]), column: Number(match[3]), severity: match[4], message: match[5], rule: match[6] };
  });
}

const summaryOf = (stdout: string): string => stdout.trimEnd().split('\n').pop()!;

describe('newsdump check', { timeout: 120_000 }, () => {
  let scratch: string;
  let caseNumber = 0;
  before(() => (scratch = mkdtempSync(join(tmpdir(), 'newsdump-check-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** A fresh folder holding a copy of the seed (and a newsdump.json when given). */
  function folderWithSeed(config?: string): string {
    const dir = join(scratch, `case-${++caseNumber}`);
    mkdirSync(dir);
    copyFileSync(join(ROOT, 'test-fixtures', 'seeds', `${SEED}.txt`), join(dir, `${SEED}.txt`));
    if (config !== undefined) writeFileSync(join(dir, 'newsdump.json'), config);
    return dir;
  }

  test('text: one line per problem, at the cut an editor marked, then a summary; warnings exit 0', () => {
    const dir = folderWithSeed();
    const run = newsdump(dir, 'check', `${SEED}.txt`);
    assert.equal(run.status, 0, run.stderr);
    const problems = problemLines(run.stdout);
    const breaks = problems.filter((problem) => problem.rule === 'ocr-break');
    assert.deepEqual(breaks.map((problem) => problem.line), expectedBreaks().map(([first]) => first));
    const lines = SEED_TEXT.split('\n');
    for (const problem of breaks) {
      assert.equal(problem.file, `${SEED}.txt`);
      assert.equal(problem.severity, 'warning');
      // The underline starts where the first half's text ends (1-based column).
      const line = lines[problem.line - 1];
      assert.equal(problem.column - 1, line.trimEnd().length, `column ${problem.column} of line ${problem.line}`);
    }
    assert.equal(summaryOf(run.stdout), `${problems.length} problems (0 errors, ${problems.length} warnings, 0 info, 0 hints) in 1 file`);
    assert.doesNotMatch(run.stderr, /checked \d+\/\d+/, 'no progress line when stderr is not a terminal');
  });

  test('json: LSP-shaped diagnostics per file', () => {
    const dir = folderWithSeed();
    const run = newsdump(dir, 'check', '--format', 'json', `${SEED}.txt`);
    assert.equal(run.status, 0, run.stderr);
    const reports = JSON.parse(run.stdout) as { file: string; diagnostics: any[] }[];
    assert.equal(reports.length, 1);
    assert.equal(reports[0].file, `${SEED}.txt`);
    for (const diagnostic of reports[0].diagnostics) {
      assert.deepEqual(Object.keys(diagnostic).sort(), ['code', 'message', 'range', 'severity', 'source']);
      assert.ok([1, 2, 3, 4].includes(diagnostic.severity));
      assert.ok(RULES.some((rule) => rule.id === diagnostic.code), `a registry rule id: ${diagnostic.code}`);
    }
    const breaks = reports[0].diagnostics.filter((diagnostic) => diagnostic.code === 'ocr-break');
    assert.deepEqual(breaks.map((diagnostic) => diagnostic.range.start.line + 1), expectedBreaks().map(([first]) => first));
    assert.deepEqual(breaks.map((diagnostic) => diagnostic.range.end.line + 1), expectedBreaks().map(([, second]) => second));
  });

  test('sarif: a valid 2.1.0 log with the registry as rules and 1-based regions', () => {
    const dir = folderWithSeed();
    const run = newsdump(dir, 'check', '--format=sarif', `${SEED}.txt`);
    assert.equal(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif.*2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'newsdump');
    assert.deepEqual(driver.rules.map((rule: any) => rule.id), RULES.map((rule) => rule.id));
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const results = log.runs[0].results as any[];
    const breaks = results.filter((result) => result.ruleId === 'ocr-break');
    assert.deepEqual(breaks.map((result) => result.locations[0].physicalLocation.region.startLine), expectedBreaks().map(([first]) => first));
    for (const result of results) {
      assert.ok(driver.rules.some((rule: any) => rule.id === result.ruleId));
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uri, `${SEED}.txt`);
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(region[key] >= 1, `${key} is 1-based`);
    }
  });

  test('newsdump.json can raise a rule to error (exit 1) or turn it off; the nearest file wins', () => {
    const dir = folderWithSeed('{ "rules": { "ocr-break": "error" } }');
    const raised = newsdump(dir, 'check', `${SEED}.txt`);
    assert.equal(raised.status, 1);
    assert.ok(problemLines(raised.stdout).filter((problem) => problem.rule === 'ocr-break').every((problem) => problem.severity === 'error'));
    assert.match(summaryOf(raised.stdout), new RegExp(`^\\d+ problems \\(${expectedBreaks().length} errors,`));

    // A nearer newsdump.json, in a subfolder, wins over the one above.
    mkdirSync(join(dir, 'sub'));
    copyFileSync(join(dir, `${SEED}.txt`), join(dir, 'sub', 'copy.txt'));
    writeFileSync(join(dir, 'sub', 'newsdump.json'), '{ "rules": { "ocr-break": "off" } }');
    const nearer = newsdump(dir, 'check', join('sub', 'copy.txt'));
    assert.equal(nearer.status, 0, nearer.stderr);
    assert.deepEqual(problemLines(nearer.stdout).filter((problem) => problem.rule === 'ocr-break'), []);
  });

  test('a folder is searched for *.txt dumps recursively', () => {
    const dir = folderWithSeed();
    mkdirSync(join(dir, 'deeper'));
    copyFileSync(join(dir, `${SEED}.txt`), join(dir, 'deeper', 'again.txt'));
    writeFileSync(join(dir, 'notes.md'), '不是转储');
    const run = newsdump(dir, 'check', '.');
    assert.equal(run.status, 0, run.stderr);
    const files = new Set(problemLines(run.stdout).map((problem) => problem.file));
    assert.deepEqual([...files].sort(), [join('.', 'deeper', 'again.txt'), join('.', `${SEED}.txt`)].sort());
    assert.match(summaryOf(run.stdout), / in 2 files$/);
  });

  test('a broken newsdump.json is one line on stderr and exit 2; the check still runs with defaults', () => {
    const dir = folderWithSeed('{ "rules": { "ocr-break": "error", } ');
    const run = newsdump(dir, 'check', `${SEED}.txt`);
    assert.equal(run.status, 2);
    const errors = run.stderr.trimEnd().split('\n').filter((line) => line.includes('newsdump.json'));
    assert.equal(errors.length, 1, run.stderr);
    assert.match(errors[0], /^newsdump: .*newsdump\.json: not valid JSON/);
    assert.ok(problemLines(run.stdout).some((problem) => problem.rule === 'ocr-break' && problem.severity === 'warning'));
  });

  test('an unknown rule id or severity is reported, not fatal for the rest of the file', () => {
    const dir = folderWithSeed('{ "rules": { "no-such-rule": "off", "ocr-break": "loud", "stray-space": "off" } }');
    const run = newsdump(dir, 'check', `${SEED}.txt`);
    assert.match(run.stderr, /warning: unknown rule 'no-such-rule'/);
    assert.match(run.stderr, /rule 'ocr-break': "loud" is not one of off, hint, information, warning, error/);
    assert.equal(run.status, 2, 'a severity that cannot be used fails the run');
    assert.ok(problemLines(run.stdout).some((problem) => problem.rule === 'ocr-break'), 'the bad entry is skipped, the rule keeps its default');
  });

  test('an ignore written in the editor applies in CI too', () => {
    const dir = folderWithSeed();
    const model = parseDump(SEED_TEXT);
    const first = model.breaks[0];
    addIgnore(join(dir, `${SEED}.newsdump-ignore.json`), ignoreEntryFor({ ruleId: 'ocr-break', span: first.span }, SEED_TEXT, model));
    const run = newsdump(dir, 'check', `${SEED}.txt`);
    assert.equal(run.status, 0, run.stderr);
    const lines = problemLines(run.stdout).filter((problem) => problem.rule === 'ocr-break').map((problem) => problem.line);
    assert.deepEqual(lines, expectedBreaks().slice(1).map(([line]) => line));
  });

  test('usage errors and unreadable files exit 2', () => {
    assert.equal(newsdump(scratch, 'check').status, 2);
    assert.equal(newsdump(scratch, 'check', '--format', 'xml', 'a.txt').status, 2);
    const missing = newsdump(scratch, 'check', 'no-such.txt');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no-such\.txt: /);
  });

  test('--fix joins the breaks, keeps a .bak of the original, and a second check finds no break', () => {
    const dir = folderWithSeed();
    const run = newsdump(dir, 'check', '--fix', `${SEED}.txt`);
    assert.equal(run.status, 0, run.stderr);
    assert.match(summaryOf(run.stdout), new RegExp(`fixed ${expectedBreaks().length} problems in 1 file$`));
    assert.equal(readFileSync(join(dir, `${SEED}.txt.bak`), 'utf8'), SEED_TEXT, 'the backup is the original');
    const fixed = readFileSync(join(dir, `${SEED}.txt`), 'utf8');
    const lines = SEED_TEXT.split('\n');
    for (const [first, second] of expectedBreaks()) {
      const joined = lines[first - 1].trimEnd() + lines[second - 1].trimStart();
      assert.ok(fixed.includes(joined), `lines ${first} and ${second} are one paragraph again`);
    }
    const again = newsdump(dir, 'check', `${SEED}.txt`);
    assert.deepEqual(problemLines(again.stdout).filter((problem) => problem.rule === 'ocr-break'), []);
    assert.deepEqual(readdirSync(dir).sort(), [`${SEED}.txt`, `${SEED}.txt.bak`].sort(), 'no temp file left behind');
  });

  test('--fix keeps a BOM and CRLF line ends', () => {
    const dir = folderWithSeed();
    const path = join(dir, 'crlf.txt');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEED_TEXT.replace(/\n/g, '\r\n'), 'utf8')]));
    const plain = join(dir, `${SEED}.txt`);
    assert.equal(newsdump(dir, 'check', '--fix', 'crlf.txt', `${SEED}.txt`).status, 0);
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is still there');
    const text = bytes.subarray(3).toString('utf8');
    assert.doesNotMatch(text, /[^\r]\n/, 'no bare LF');
    assert.equal(text, readFileSync(plain, 'utf8').replace(/\n/g, '\r\n'), 'the same fix as the LF copy');
  });

  test('--fix writes a GB18030 dump back as GB18030', () => {
    const dir = folderWithSeed();
    const original = encodeGb18030(SEED_TEXT);
    assert.ok(original, 'this Node can encode GB18030');
    writeFileSync(join(dir, 'gb.txt'), original);
    assert.equal(newsdump(dir, 'check', '--fix', 'gb.txt', `${SEED}.txt`).status, 0);
    const bytes = readFileSync(join(dir, 'gb.txt'));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'not rewritten as UTF-8');
    const decoded = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    assert.equal(decoded, readFileSync(join(dir, `${SEED}.txt`), 'utf8'), 'the same fix as the UTF-8 copy');
  });

  test('--fix refuses to write over a file that changed after it was read', () => {
    const dir = folderWithSeed();
    const path = join(dir, `${SEED}.txt`);
    const snapshot = readDumpSnapshot(path);
    assert.ok(!('problem' in snapshot));
    writeFileSync(path, `${SEED_TEXT}编辑者刚加的一行\n`);
    const refused = writeFixedDump(snapshot, 'fixed text');
    assert.match(refused ?? '', /changed on disk since it was read; not written/);
    assert.equal(readFileSync(path, 'utf8'), `${SEED_TEXT}编辑者刚加的一行\n`, 'the editor’s change is kept');
    assert.equal(existsSync(`${path}.bak`), false, 'no backup either');
  });
});

describe('GB18030 encoder', () => {
  test('matches known GB18030 bytes and round-trips characters outside the BMP', () => {
    // 郑州 记者, as GBK/GB18030 write it.
    assert.deepEqual([...(encodeGb18030('郑州 记者') ?? [])], [0xd6, 0xa3, 0xd6, 0xdd, 0x20, 0xbc, 0xc7, 0xd5, 0xdf]);
    const astral = encodeGb18030('𠮷野家');
    assert.ok(astral);
    assert.equal(new TextDecoder('gb18030', { fatal: true }).decode(astral), '𠮷野家');
    assert.equal(encodeGb18030('\ud800'), undefined, 'a lone surrogate has no encoding');
  });
});

describe('settings contributed to VS Code', () => {
  test('newsdump.rules lists every rule of the registry with the five severities', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['newsdump.rules'];
    assert.equal(setting.type, 'object');
    for (const rule of RULES) {
      const property = setting.properties[rule.id];
      assert.ok(property, `a property for ${rule.id}`);
      assert.deepEqual(property.enum, ['off', 'hint', 'information', 'warning', 'error']);
      assert.ok(property.description.includes(rule.description), `${rule.id} is described as the rule describes itself`);
    }
  });
});
