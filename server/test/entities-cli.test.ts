// `newsdump entities` and `newsdump export` against the hand-written expectations in
// test-fixtures/export (see its README for what each line of small.ann should become).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = resolve(__dirname, '..', 'src', 'cli.js');
const FIXTURES = join(ROOT, 'test-fixtures', 'export');

function newsdump(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: FIXTURES, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const expected = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

test('entities --json: the tags of the .ann in code points, re-anchored as the editor does, the lost one left out', () => {
  const run = newsdump('entities', '--json', '--no-suggestions', 'small.txt');
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), JSON.parse(expected('small.entities.json')));
  assert.match(run.stderr, /small\.ann does not match the text: T8 found again nearby and used there; T7 not found, left out/);
});

test('entities --json with suggestions: the untagged byline name comes as a suggestion, the tags unchanged', () => {
  const run = newsdump('entities', '--json', 'small.txt');
  assert.equal(run.status, 0, run.stderr);
  const [{ entities }] = JSON.parse(run.stdout) as { entities: { type: string; text: string; start: number; end: number; source: string }[] }[];
  const [{ entities: tagged }] = JSON.parse(expected('small.entities.json')) as { entities: unknown[] }[];
  assert.deepEqual(entities.filter((entity) => entity.source === 'annotation'), tagged);
  assert.ok(
    entities.some((entity) => entity.source === 'suggestion' && entity.text === '李娜' && entity.start === 64 && entity.end === 66 && entity.type === 'PER'),
    JSON.stringify(entities),
  );
  const starts = entities.map((entity) => entity.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'in text order');
});

test('export --format bio and jsonl give the hand-written files', () => {
  const bio = newsdump('export', '--format', 'bio', 'small.txt');
  assert.equal(bio.status, 0, bio.stderr);
  assert.equal(bio.stdout, expected('small.bio'));
  const jsonl = newsdump('export', '--format', 'jsonl', 'small.txt');
  assert.equal(jsonl.status, 0, jsonl.stderr);
  assert.equal(jsonl.stdout, expected('small.jsonl'));
});

test('export --format brat writes a clean copy of the pair; never over the dumps themselves', () => {
  const out = mkdtempSync(join(tmpdir(), 'newsdump-export-'));
  try {
    const run = newsdump('export', '--format', 'brat', '-o', out, 'small.txt');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(join(out, 'small.ann'), 'utf8'), expected('small.brat.ann'));
    assert.equal(readFileSync(join(out, 'small.txt'), 'utf8'), expected('small.txt'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const refused = newsdump('export', '--format', 'brat', '-o', '.', 'small.txt');
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr.trim().split('\n').length, 1, 'one line');
  assert.equal(expected('small.ann').includes('this line is not brat'), true, 'the original .ann is untouched');
});

test('bad input: one line on stderr, exit code 2, no stack trace', () => {
  for (const args of [['entities', 'no-such-file.txt'], ['export', '--format', 'csv', 'small.txt'], ['export', 'small.txt']]) {
    const run = newsdump(...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});
