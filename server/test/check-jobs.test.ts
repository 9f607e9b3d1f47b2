// `newsdump check --jobs N`: worker threads must change the speed only. Every run here
// is compared with `--jobs 1` (the in-process path) byte for byte: stdout, stderr and
// the exit code, in every format, with --fix, with bad files and with a worker that dies.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = resolve(__dirname, '..', 'src', 'cli.js');
const FIXTURE_FOLDERS = ['test-fixtures/seeds', 'test-fixtures/rules'];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI without blocking the test runner, so a hung run fails on the timeout rather than stalling everything. */
function newsdump(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`newsdump ${args.join(' ')} did not finish in 90 s`));
    }, 90_000);
    child.once('error', fail);
    child.once('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}

function assertSameRun(threaded: Run, inProcess: Run, what: string): void {
  assert.equal(threaded.stderr, inProcess.stderr, `${what}: stderr`);
  assert.equal(threaded.stdout, inProcess.stdout, `${what}: stdout`);
  assert.equal(threaded.status, inProcess.status, `${what}: exit code`);
}

/** Every file under a folder with its bytes, as a sorted list, for comparing two folders. */
function folderContents(dir: string, under = ''): [string, string][] {
  return readdirSync(join(dir, under), { withFileTypes: true })
    .flatMap((entry): [string, string][] => {
      const path = join(under, entry.name);
      return entry.isDirectory() ? folderContents(dir, path) : [[path, readFileSync(join(dir, path)).toString('base64')]];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('newsdump check --jobs', { timeout: 300_000 }, () => {
  let scratch: string;
  before(() => (scratch = mkdtempSync(join(tmpdir(), 'newsdump-jobs-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** `check --format <format> --jobs 1` over the fixture folders, run once and shared by the tests. */
  const inProcessRuns = new Map<string, Promise<Run>>();
  function inProcessRun(format: string): Promise<Run> {
    if (!inProcessRuns.has(format)) inProcessRuns.set(format, newsdump(ROOT, ['check', '--format', format, '--jobs', '1', ...FIXTURE_FOLDERS]));
    return inProcessRuns.get(format)!;
  }

  /** A fresh copy of the fixture folders (seeds and rule cases), with `extra` files added. */
  function fixtureCopy(name: string, extra: Record<string, string | Uint8Array> = {}): string {
    const dir = join(scratch, name);
    for (const folder of FIXTURE_FOLDERS) {
      cpSync(join(ROOT, folder), join(dir, folder), { recursive: true, filter: (source) => !source.endsWith('.json') });
    }
    for (const [path, content] of Object.entries(extra)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  }

  for (const format of ['text', 'json', 'sarif']) {
    test(`--format ${format}: the same bytes and exit code with --jobs 2 as with --jobs 1`, async () => {
      const inProcess = await inProcessRun(format);
      assert.equal(inProcess.status, 0, inProcess.stderr);
      assert.ok(inProcess.stdout.length > 1000, 'the fixtures have problems to report');
      assertSameRun(await newsdump(ROOT, ['check', '--format', format, '-j', '2', ...FIXTURE_FOLDERS]), inProcess, `--format ${format}`);
    });
  }

  test('--fix with --jobs 2 writes the same files, each once (the .bak is the original), and reports the same', async () => {
    const original = fixtureCopy('fix-original');
    const inProcessDir = fixtureCopy('fix-1');
    const threadedDir = fixtureCopy('fix-2');
    const inProcess = await newsdump(inProcessDir, ['check', '--fix', '--jobs', '1', '.']);
    const threaded = await newsdump(threadedDir, ['check', '--fix', '--jobs=2', '.']);
    assert.equal(inProcess.status, 0, inProcess.stderr);
    assert.match(inProcess.stdout.trimEnd().split('\n').pop()!, /; fixed \d+ problems? in \d+ files?$/);
    assertSameRun(threaded, inProcess, '--fix');
    const written = folderContents(threadedDir);
    assert.deepEqual(written, folderContents(inProcessDir), 'the same fixed files and backups');
    const originals = new Map(folderContents(original));
    const backups = written.filter(([path]) => path.endsWith('.bak'));
    assert.ok(backups.length > 0, 'some files were fixed');
    for (const [path, bytes] of backups) {
      // A second write would have backed up the first fix instead.
      assert.equal(bytes, originals.get(path.slice(0, -'.bak'.length)), `${path} holds the original`);
    }
    assert.deepEqual(written.filter(([path]) => path.endsWith('.tmp')), [], 'no temp file left behind');
  });

  test('bad files among good ones: the same one-line messages, exit 2, every good file still reported', async () => {
    const dir = fixtureCopy('bad-files', {
      'test-fixtures/seeds/000-binary.txt': new Uint8Array([0x61, 0, 0x62]),
      'test-fixtures/seeds/zzz-not-text.txt': new Uint8Array([0xff, 0xfe, 0xfd, 0x80]),
      'test-fixtures/rules/newsdump.json': '{ "rules": { "no-such-rule": "error" ',
    });
    const args = ['check', '--format', 'json', ...FIXTURE_FOLDERS];
    const inProcess = await newsdump(dir, [...args, '--jobs', '1']);
    assert.equal(inProcess.status, 2);
    const lines = inProcess.stderr.trimEnd().split('\n');
    assert.ok(lines.some((line) => /^newsdump: test-fixtures\/seeds\/000-binary\.txt: binary file/.test(line)), inProcess.stderr);
    assert.ok(lines.some((line) => /^newsdump: test-fixtures\/seeds\/zzz-not-text\.txt: /.test(line)), inProcess.stderr);
    assert.equal(lines.filter((line) => line.includes('newsdump.json')).length, 1, 'a broken config is said once');
    const good = JSON.parse(inProcess.stdout) as { file: string }[];
    assert.equal(good.length, 45, 'every readable fixture is in the report');
    assertSameRun(await newsdump(dir, [...args, '--jobs', '2']), inProcess, 'bad files');
  });

  test('a worker that dies in mid-file: one line for that file, exit 2, the other files all reported, no hang', async () => {
    const victim = '002_ec0d75b02129a70c.txt';
    const args = ['check', '--format', 'json', '--jobs', '2', ...FIXTURE_FOLDERS];
    const run = await newsdump(ROOT, args, { NEWSDUMP_TEST_WORKER_DIES_ON: victim });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `newsdump: test-fixtures/seeds/${victim}: internal error: check worker stopped (exit code 70)\n`);
    const inProcess = JSON.parse((await inProcessRun('json')).stdout) as { file: string }[];
    assert.deepEqual(JSON.parse(run.stdout), inProcess.filter((report) => !report.file.endsWith(victim)));
  });

  test('more jobs than files: one worker per file, same result', async () => {
    const files = ['test-fixtures/seeds/001_ccc67071d7f988a0.txt', 'test-fixtures/seeds/002_ec0d75b02129a70c.txt'];
    const run = await newsdump(ROOT, ['check', '--format', 'json', '--jobs', '16', ...files]);
    assert.equal(run.status, 0, run.stderr);
    const inProcess = JSON.parse((await inProcessRun('json')).stdout) as { file: string }[];
    assert.deepEqual(JSON.parse(run.stdout), inProcess.filter((report) => files.includes(report.file)));
  });

  test('--jobs 0, --jobs abc and a missing count: one usage line, exit 2', async () => {
    for (const args of [['--jobs', '0'], ['--jobs', 'abc'], ['-j', '-3'], ['--jobs=1.5']]) {
      const run = await newsdump(ROOT, ['check', ...args, 'test-fixtures/seeds']);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^newsdump: check: --jobs needs a whole number of 1 or more \(got '[^']*'\)\n$/);
    }
    const missing = await newsdump(ROOT, ['check', 'test-fixtures/seeds', '--jobs']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'newsdump: check: --jobs needs a whole number of 1 or more (got nothing)\n');
  });

  test('--help and check --help mention --jobs', async () => {
    for (const args of [['--help'], ['check', '--help']]) {
      const run = await newsdump(ROOT, args);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /--jobs N/);
    }
  });
});
