// The Entities view's request (newsdump/entities) and Export Annotations' server command
// (newsdump.export) over stdio, on a temp copy of a seed with one tag in its .ann.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, ExecuteCommandRequest, type ProtocolConnection } from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT as ROOT } from './support/lspSession';

const SEED = join(ROOT, 'test-fixtures', 'seeds', '000_136616f476cb0ed9.txt');

describe('entities request and export command over stdio', { timeout: 120_000 }, () => {
  let scratch: string;
  let session: LspSession;
  let connection: ProtocolConnection;
  let text: string;
  let dumpUri: string;
  let at: number;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-entities-view-'));
    mkdirSync(join(scratch, 'corpus'));
    const dump = join(scratch, 'corpus', 'dump.txt');
    copyFileSync(SEED, dump);
    text = readFileSync(SEED, 'utf8');
    at = text.indexOf('市委书记安伟') + 4;
    const start = [...text.slice(0, at)].length;
    writeFileSync(join(scratch, 'corpus', 'dump.ann'), `T1\tPER ${start} ${start + 2}\t安伟\n`);
    dumpUri = pathToFileURL(dump).toString();
    session = await LspSession.start({ cwd: scratch, rootUri: pathToFileURL(scratch).toString() });
    connection = session.connection;
    assert.ok(session.initializeResult!.capabilities.executeCommandProvider?.commands.includes('newsdump.export'));
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: dumpUri, languageId: 'newsdump', version: 1, text } });
  });

  after(() => {
    session?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('newsdump/entities gives the tag with its LSP range; suggestions only when asked', async () => {
    type Answer = { version: number; labels: Record<string, string>; entities: { type: string; text: string; source: string; range: { start: { line: number; character: number } } }[] };
    let answer: Answer | null = null;
    // The .ann is read right after the open: ask until it is in.
    for (let tries = 0; tries < 100 && !answer?.entities.length; tries++) {
      answer = await connection.sendRequest<Answer | null>('newsdump/entities', { uri: dumpUri });
      if (!answer?.entities.length) await new Promise((done) => setTimeout(done, 50));
    }
    assert.ok(answer);
    assert.equal(answer.version, 1);
    assert.equal(answer.labels.PER, '人名');
    const line = text.slice(0, at).split('\n').length - 1;
    assert.deepEqual(answer.entities, [{ type: 'PER', text: '安伟', source: 'annotation', range: { start: { line, character: at - (text.lastIndexOf('\n', at) + 1) }, end: { line, character: at - (text.lastIndexOf('\n', at) + 1) + 2 } } }]);
    const withSuggestions = await connection.sendRequest<Answer | null>('newsdump/entities', { uri: dumpUri, suggestions: true });
    assert.ok(withSuggestions!.entities.some((entity) => entity.source === 'annotation'));
    assert.ok(withSuggestions!.entities.every((entity) => entity.source === 'annotation' || entity.source === 'suggestion'));
  });

  test('newsdump.export writes BIO (appending batches) and brat copies, and refuses the dumps\' own folder', async () => {
    const out = join(scratch, 'out', 'train.bio');
    const run = (args: object) => connection.sendRequest(ExecuteCommandRequest.type, { command: 'newsdump.export', arguments: [args] }) as Promise<{ files?: number; tags?: number; error?: string }>;
    assert.deepEqual(await run({ format: 'bio', uris: [dumpUri], output: out }), { files: 1, tags: 1, warnings: [] });
    const once = readFileSync(out, 'utf8');
    assert.match(once, /^安 B-PER\n伟 I-PER$/m);
    await run({ format: 'bio', uris: [dumpUri], output: out, append: true });
    assert.equal(readFileSync(out, 'utf8'), once + once);
    const brat = join(scratch, 'out', 'brat');
    await run({ format: 'brat', uris: [dumpUri], output: brat });
    assert.match(readFileSync(join(brat, 'dump.ann'), 'utf8'), /^T1\tPER \d+ \d+\t安伟$/m);
    const refused = await run({ format: 'brat', uris: [dumpUri], output: join(scratch, 'corpus') });
    assert.match(refused.error ?? '', /own folder/);
  });
});
