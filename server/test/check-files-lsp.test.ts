// "Check All Dumps in Workspace": the server checks files that are not open and
// publishes their problems, as the client's newsdump/checkFiles request asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT as ROOT } from './support/lspSession';

const SEEDS = join(ROOT, 'test-fixtures', 'seeds');

function expectedBreakLines(seed: string): number[] {
  const expected = JSON.parse(readFileSync(join(SEEDS, `${seed}.expected.json`), 'utf8')) as { articles: { breaks: [number, number][] }[] };
  return expected.articles.flatMap((article) => article.breaks.map(([first]) => first - 1));
}

test('newsdump/checkFiles checks unopened dumps and publishes their problems', { timeout: 60_000 }, async () => {
  const session = await LspSession.start({ cwd: ROOT, rootUri: pathToFileURL(ROOT).toString() });
  const { connection } = session;
  // The last publish for each URI.
  const published = {
    get: (uri: string): PublishDiagnosticsParams | undefined => session.latest(uri),
    has: (uri: string): boolean => session.latest(uri) !== undefined,
  };
  try {
    const seeds = ['002_ec0d75b02129a70c', '004_2037477c42b4a3c4'];
    const uris = [...seeds.map((seed) => pathToFileURL(join(SEEDS, `${seed}.txt`)).toString()), pathToFileURL(join(ROOT, 'no-such-dump.txt')).toString()];
    const result = (await connection.sendRequest('newsdump/checkFiles', { uris })) as {
      files: { uri: string; articles: number; problems: Record<string, number>; error?: string }[];
    };

    assert.deepEqual(result.files.map((file) => file.uri), uris, session.stderr);
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

    await session.shutdown();
  } finally {
    session.dispose();
  }
});
