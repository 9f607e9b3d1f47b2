// "Check All Dumps in Workspace": the server checks files that are not open and
// publishes their problems, as the client's newsdump/checkFiles request asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = resolve(__dirname, '..', 'src', 'cli.js');
const SEEDS = join(ROOT, 'test-fixtures', 'seeds');

function expectedBreakLines(seed: string): number[] {
  const expected = JSON.parse(readFileSync(join(SEEDS, `${seed}.expected.json`), 'utf8')) as { articles: { breaks: [number, number][] }[] };
  return expected.articles.flatMap((article) => article.breaks.map(([first]) => first - 1));
}

test('newsdump/checkFiles checks unopened dumps and publishes their problems', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<string, PublishDiagnosticsParams>();
  connection.onNotification(PublishDiagnosticsNotification.method, (params: PublishDiagnosticsParams) => {
    published.set(params.uri, params);
  });
  connection.listen();
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(ROOT).toString(), capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
    const seeds = ['002_ec0d75b02129a70c', '004_2037477c42b4a3c4'];
    const uris = [...seeds.map((seed) => pathToFileURL(join(SEEDS, `${seed}.txt`)).toString()), pathToFileURL(join(ROOT, 'no-such-dump.txt')).toString()];
    const result = (await connection.sendRequest('newsdump/checkFiles', { uris })) as {
      files: { uri: string; articles: number; problems: Record<string, number>; error?: string }[];
    };

    assert.deepEqual(result.files.map((file) => file.uri), uris, stderr);
    seeds.forEach((seed, index) => {
      const file = result.files[index];
      const expected = JSON.parse(readFileSync(join(SEEDS, `${seed}.expected.json`), 'utf8')) as { articles: unknown[] };
      assert.equal(file.articles, expected.articles.length, `${seed}: articles`);
      const diagnostics = published.get(uris[index])?.diagnostics ?? [];
      const breaks = diagnostics.filter((diagnostic) => diagnostic.code === 'ocr-break').map((diagnostic) => diagnostic.range.start.line);
      assert.deepEqual(breaks, expectedBreakLines(seed), `${seed}: published OCR breaks`);
      const total = Object.values(file.problems).reduce((sum, count) => sum + count, 0);
      assert.equal(total, diagnostics.length, `${seed}: the summary counts what was published`);
    });
    assert.match(result.files[2].error ?? '', /no such file/);
    assert.equal(published.has(uris[2]), false, 'nothing is published for a file that cannot be read');

    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
  }
});
