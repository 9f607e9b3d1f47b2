// Go to Symbol in Workspace over stdio: articles of dumps that are not open, found by a
// title fragment, a byline name or a tagged entity (from the .ann), in the right files;
// node_modules and dot-folders skipped; an open dump answers with its editor text; a new
// file reported by the watcher is indexed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  WorkspaceSymbolRequest,
  type ProtocolConnection,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT as ROOT } from './support/lspSession';

const SEEDS = join(ROOT, 'test-fixtures', 'seeds');
const CITY = '000_136616f476cb0ed9.txt';
const XINZHENG = '002_ec0d75b02129a70c.txt';

describe('workspace symbols over stdio', { timeout: 120_000 }, () => {
  let scratch: string;
  let session: LspSession;
  let connection: ProtocolConnection;
  const uriOf = (...parts: string[]): string => pathToFileURL(join(scratch, ...parts)).toString();

  async function find(query: string): Promise<SymbolInformation[]> {
    return ((await connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? []) as SymbolInformation[];
  }

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-wsym-'));
    for (const [folder, seed] of [['a', CITY], ['b', XINZHENG], ['node_modules', XINZHENG], ['.hidden', XINZHENG]]) {
      mkdirSync(join(scratch, folder));
      copyFileSync(join(SEEDS, seed), join(scratch, folder, seed));
    }
    // One tag: 安伟 after 市委书记 in the first article of the city dump (brat offsets: code points).
    const text = readFileSync(join(SEEDS, CITY), 'utf8');
    const at = text.indexOf('市委书记安伟') + 4;
    const start = [...text.slice(0, at)].length;
    writeFileSync(join(scratch, 'a', CITY.replace(/\.txt$/, '.ann')), `T1\tPER ${start} ${start + 2}\t安伟\n`);

    // The session answers the server's client/registerCapability (its watchers) so it goes on.
    session = await LspSession.start({
      cwd: scratch,
      rootUri: null,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      workspaceFolders: [{ uri: pathToFileURL(scratch).toString(), name: 'corpus' }],
    });
    connection = session.connection;
    assert.equal(session.initializeResult!.capabilities.workspaceSymbolProvider, true);
  });

  after(() => {
    session?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('a title fragment finds its article in its file, at the title', async () => {
    const found = await find('高校挂职人才');
    assert.equal(found.length, 1, `one article: ${JSON.stringify(found.map((symbol) => symbol.name))}; stderr:\n${session.stderr}`);
    assert.equal(found[0].location.uri, uriOf('b', XINZHENG), 'not the copies in node_modules or .hidden');
    assert.match(found[0].name, /新郑市召开高校挂职人才述职座谈会/);
    const titleLine = readFileSync(join(SEEDS, XINZHENG), 'utf8').split('\n')[found[0].location.range.start.line];
    assert.ok(titleLine.includes('高校挂职人才'), `the range is on the title line: ${titleLine}`);
    assert.equal(found[0].kind, 5, 'Class, as in the Outline');
    assert.ok(found[0].containerName?.startsWith(`${XINZHENG} · `));
  });

  test('a byline name finds every article it signs', async () => {
    const found = await find('杨宜锦');
    assert.ok(found.length >= 3, `the three articles 杨宜锦 signs: ${JSON.stringify(found.map((symbol) => symbol.name))}`);
    assert.ok(found.every((symbol) => symbol.location.uri === uriOf('b', XINZHENG)));
    assert.ok(found.every((symbol) => symbol.containerName?.includes('杨宜锦')));
  });

  test('a tagged entity (from the .ann) finds the article holding the tag', async () => {
    const found = await find('安伟');
    assert.equal(found.length, 1, JSON.stringify(found.map((symbol) => symbol.name)));
    assert.equal(found[0].location.uri, uriOf('a', CITY));
    assert.equal(found[0].location.range.start.line, 2, 'the first article of the city dump');
  });

  test('case-insensitive, and nothing for a string no article has', async () => {
    assert.deepEqual(await find('没有这样的标题xyz'), []);
    const lower = await find('杨宜锦'.toLowerCase());
    assert.ok(lower.length > 0);
  });

  test('an open dump answers with its editor text', async () => {
    const uri = uriOf('b', XINZHENG);
    const text = readFileSync(join(SEEDS, XINZHENG), 'utf8').replace('新郑市召开高校挂职人才述职座谈会', '新郑市召开编辑器里改过的标题会');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'newsdump', version: 1, text } });
    const found = await find('编辑器里改过');
    assert.equal(found.length, 1);
    assert.equal(found[0].location.uri, uri);
  });

  test('a new file the watcher reports is indexed', async () => {
    mkdirSync(join(scratch, 'c'));
    const path = join(scratch, 'c', 'new.txt');
    writeFileSync(path, '\n全新的一篇测试标题文章\n\n本报讯 今天,记者 王小明 报道了一件事情,内容很多很多很多很多。\n');
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path).toString(), type: 1 }] });
    const found = await find('全新的一篇');
    assert.equal(found.length, 1, `${JSON.stringify(found)}; stderr:\n${session.stderr}`);
    assert.equal(found[0].location.uri, uriOf('c', 'new.txt'));
  });
});
