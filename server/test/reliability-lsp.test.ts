// Reliability of the real server over stdio: what an editor, a user's disk or another
// editor can throw at it. Each test sends something a well-behaved session never would
// (malformed params, cancelled work, files changing underneath, a full disk, a second
// editor on the same .ann, input that is not a dump) and checks that the server answers,
// keeps serving, loses no tag and tells the user when the user has to know.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError, type CodeAction, type DocumentSymbol } from 'vscode-languageserver/node';
import { CancellationTokenSource, LspSession, REPO_ROOT, positionAt } from './support/lspSession';
import { bratLines } from './support/bratLines';

const SEEDS = join(REPO_ROOT, 'test-fixtures', 'seeds');
const CITY = join(SEEDS, '000_136616f476cb0ed9.txt');
const XINZHENG = '002_ec0d75b02129a70c';
const REQUEST_CANCELLED = -32800;
const WATCHERS = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true } };

const uriOf = (path: string): string => pathToFileURL(path).toString();
const annOf = (txt: string): string => txt.replace(/\.txt$/, '.ann');
const read = (path: string): string => readFileSync(path, 'utf8');
const expectedArticles = (): { title: string | null; titleLine: number; breaks: [number, number][] }[] =>
  (JSON.parse(read(join(SEEDS, `${XINZHENG}.expected.json`))) as { articles: { title: string | null; titleLine: number; breaks: [number, number][] }[] }).articles;

/** brat's offsets of a span of the text: code points, counted here without the server's code. */
function bratSpan(text: string, start: number, end: number): [number, number] {
  return [[...text.slice(0, start)].length, [...text.slice(0, end)].length];
}

/** Every tag of the .ann sits on its text in the .txt beside it, in code points. */
function assertAnnFitsText(txtPath: string): void {
  const codePoints = [...read(txtPath)];
  for (const { id, start, end, text } of bratLines(read(annOf(txtPath)))) {
    assert.equal(codePoints.slice(start, end).join(''), text, `${id} covers its text`);
  }
}

/** Runs the "Tag 「name」 as TYPE" code action on a selection, as an editor does. */
async function tag(session: LspSession, uri: string, at: number, name: string, type = 'PER (人名)'): Promise<void> {
  const text = session.text(uri);
  assert.equal(text.slice(at, at + name.length), name);
  const range = { start: positionAt(text, at), end: positionAt(text, at + name.length) };
  const actions = ((await session.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })) ?? []) as CodeAction[];
  const action = actions.find((candidate) => candidate.title === `Tag 「${name}」 as ${type}`);
  assert.ok(action?.command, `a tag action: ${actions.map((candidate) => candidate.title).join(' | ')}`);
  await session.request('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments });
}

async function tagsOf(session: LspSession, uri: string): Promise<string[]> {
  const answer = (await session.request('newsdump/entities', { uri })) as { entities: { type: string; text: string }[] } | null;
  return (answer?.entities ?? []).map((entity) => `${entity.type} ${entity.text}`).sort();
}

const settle = (ms = 300): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A result that says "nothing here": null, an empty list, no tokens. */
function isEmptyAnswer(result: unknown): boolean {
  if (result === null || (Array.isArray(result) && result.length === 0)) return true;
  const data = (result as { data?: unknown[] }).data;
  return Array.isArray(data) && data.length === 0 && Object.keys(result as object).length === 1;
}

describe('reliability over stdio', { timeout: 240_000 }, () => {
  let scratch: string;
  let session: LspSession;
  let seedUri: string;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-reliability-'));
    const seed = join(scratch, `${XINZHENG}.txt`);
    copyFileSync(join(SEEDS, `${XINZHENG}.txt`), seed);
    session = await LspSession.start({ cwd: scratch, rootUri: uriOf(scratch), workspaceFolders: [{ uri: uriOf(scratch), name: 'scratch' }], capabilities: WATCHERS });
    seedUri = uriOf(seed);
    await session.open(seedUri, { path: seed });
    await session.diagnostics(seedUri);
  });

  after(() => {
    session?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** The server still answers an ordinary request about the seed with the hand-written outline. */
  async function stillServing(): Promise<void> {
    assert.ok(session.alive, `the server is running; stderr:\n${session.stderr}`);
    const symbols = (await session.request('textDocument/documentSymbol', { textDocument: { uri: seedUri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((symbol) => symbol.selectionRange.start.line + 1),
      expectedArticles().map((article) => article.titleLine),
    );
    const hover = await session.request('textDocument/hover', { textDocument: { uri: seedUri }, position: { line: expectedArticles()[0].titleLine - 1, character: 1 } });
    assert.ok(hover, 'the article card on a title');
  }

  test('malformed requests get an error or null, and the server goes on serving', async () => {
    const uri = seedUri;
    const at = { line: 0, character: 0 };
    const range = { start: at, end: at };
    const requests: [string, ...([] | [unknown])][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', null],
      ['textDocument/hover'],
      ['textDocument/hover', { textDocument: 5, position: 'x' }],
      ['textDocument/hover', { textDocument: { uri }, position: null }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 1e9 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: -5 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 'a', character: {} } }],
      ['textDocument/hover', { textDocument: { uri: null }, position: at }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['textDocument/documentSymbol', [1, 2, 3]],
      ['textDocument/documentSymbol', { textDocument: { uri: 42 } }],
      ['textDocument/foldingRange', 'a string'],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: null }],
      ['textDocument/codeAction', { textDocument: { uri }, range }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [null, 5, {}], only: 'quickfix' } }],
      ['textDocument/semanticTokens/full', { textDocument: {} }],
      ['textDocument/semanticTokens/range', { textDocument: { uri }, range: 7 }],
      ['workspace/symbol', null],
      ['workspace/symbol', { query: 5 }],
      ['workspace/executeCommand', null],
      ['workspace/executeCommand', { command: 5 }],
      ['workspace/executeCommand', { command: 'newsdump.tag', arguments: [null] }],
      ['workspace/executeCommand', { command: 'newsdump.tag', arguments: [{ uri, range: 'x', type: 5 }] }],
      ['workspace/executeCommand', { command: 'newsdump.untag', arguments: [{ uri, id: 5 }] }],
      ['workspace/executeCommand', { command: 'newsdump.retag', arguments: [{ uri }] }],
      ['workspace/executeCommand', { command: 'newsdump.reanchor', arguments: [{ uri, id: 'T1', start: 'x' }] }],
      ['workspace/executeCommand', { command: 'newsdump.tagTarget', arguments: [{ uri }] }],
      ['workspace/executeCommand', { command: 'newsdump.export', arguments: [{ format: 'bio', uris: 5 }] }],
      ['workspace/executeCommand', { command: 'newsdump.ignoreProblem', arguments: ['x'] }],
      ['workspace/executeCommand', { command: 'newsdump.disableRule', arguments: [] }],
      ['workspace/executeCommand', { command: 'no.such.command', arguments: [] }],
      ['newsdump/entities', null],
      ['newsdump/entities', { uri: 5 }],
      ['newsdump/tags', null],
      ['newsdump/checkFiles', null],
      ['newsdump/checkFiles', { uris: 'x' }],
      ['newsdump/checkFiles', { uris: [5, null, 'file:///etc'] }],
      ['newsdump/noSuchRequest', { uri }],
    ];
    const answers: string[] = [];
    for (const [method, ...params] of requests) {
      const response = await Promise.race([session.rawRequest(method, ...params), settle(15_000).then(() => undefined)]);
      const shown = `${method} ${JSON.stringify(params)}`;
      assert.ok(response, `an answer to ${shown}; stderr:\n${session.stderr}`);
      assert.ok('result' in response || typeof response.error?.code === 'number', `a result or an error for ${shown}: ${JSON.stringify(response)}`);
      answers.push('error' in response ? `error ${response.error!.code}` : response.result === null ? 'null' : 'result');
    }
    const notifications: [string, ...([] | [unknown])][] = [
      ['textDocument/didOpen', {}],
      ['textDocument/didOpen', null],
      ['textDocument/didOpen', { textDocument: { uri: uriOf(join(scratch, 'x.txt')), text: 5 } }],
      ['textDocument/didChange', { textDocument: { uri: uriOf(join(scratch, 'never-opened.txt')), version: 3 }, contentChanges: [{ text: 'a' }] }],
      ['textDocument/didChange', { textDocument: { uri }, contentChanges: null }],
      ['textDocument/didSave', { textDocument: { uri: uriOf(join(scratch, 'never-opened.txt')) } }],
      ['textDocument/didSave', {}],
      ['textDocument/didClose', { textDocument: { uri: uriOf(join(scratch, 'never-opened.txt')) } }],
      ['textDocument/didClose', null],
      ['workspace/didChangeWatchedFiles', null],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 5, type: 9 }, null] }],
      ['workspace/didChangeConfiguration', null],
      ['$/cancelRequest', { id: 99_999 }],
      ['$/setTrace', { value: 'verbose' }],
      ['no/such/notification', [1]],
    ];
    for (const [method, ...params] of notifications) await session.rawNotify(method, ...params);
    await stillServing();
    console.log(`malformed: ${requests.length} requests (${answers.filter((a) => a === 'null').length} null, ${answers.filter((a) => a.startsWith('error')).length} errors, ${answers.filter((a) => a === 'result').length} results), ${notifications.length} notifications`);
  });

  test('unknown URIs, other schemes and closed documents answer null or nothing; a tag for a closed one writes nothing', async () => {
    const closed = join(scratch, 'closed', 'dump.txt');
    mkdirSync(join(scratch, 'closed'));
    copyFileSync(CITY, closed);
    const closedUri = uriOf(closed);
    await session.open(closedUri, { path: closed });
    await session.diagnostics(closedUri);
    const text = session.text(closedUri);
    const name = text.indexOf('安伟');
    await tag(session, closedUri, name, '安伟');
    const annBefore = read(annOf(closed));
    const range = { start: positionAt(text, name), end: positionAt(text, name + 2) };
    const actions = (await session.request('textDocument/codeAction', { textDocument: { uri: closedUri }, range, context: { diagnostics: [] } })) as CodeAction[];
    const retype = actions.find((action) => action.title.startsWith('Change 「安伟」 to ORG'));
    assert.ok(retype?.command);
    await session.close(closedUri);

    const uris = [closedUri, uriOf(join(scratch, 'never-opened.txt')), 'untitled:Untitled-9', 'https://example.com/dump.txt', 'file:///%E0%A4%A', 'not a uri'];
    let asked = 0;
    for (const uri of uris) {
      const requests: [string, unknown][] = [
        ['textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 1 } }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/foldingRange', { textDocument: { uri } }],
        ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }],
        ['textDocument/semanticTokens/full', { textDocument: { uri } }],
        ['textDocument/semanticTokens/range', { textDocument: { uri }, range }],
        ['newsdump/entities', { uri }],
        ['newsdump/tags', { uri }],
      ];
      for (const [method, params] of requests) {
        const response = await session.rawRequest(method, params);
        assert.ok(!response.error, `${method} on ${uri}: ${JSON.stringify(response.error)}`);
        assert.ok(isEmptyAnswer(response.result), `${method} on ${uri} says nothing: ${JSON.stringify(response.result).slice(0, 200)}`);
        asked++;
      }
    }
    // The retype action of the closed document, run after the close: the tags went with the document.
    const response = await session.rawRequest('workspace/executeCommand', { command: retype.command.command, arguments: retype.command.arguments });
    assert.ok('result' in response || response.error, 'answered');
    await settle();
    assert.equal(read(annOf(closed)), annBefore, 'the .ann of a closed dump is not touched');
    await stillServing();
    console.log(`unknown and closed: ${asked} requests on ${uris.length} URIs`);
  });

  test('$/cancelRequest while a big dump is being read: each request is answered or cancelled, then work goes on', async () => {
    const seeds = readdirSync(SEEDS).filter((file) => file.endsWith('.txt')).map((file) => read(join(SEEDS, file)));
    const unit = `${seeds.join('\n\n')}\n\n`;
    const big = join(scratch, 'big.txt');
    writeFileSync(big, unit.repeat(Math.ceil(2_000_000 / unit.length)));
    const uri = uriOf(big);
    const outcomes: string[] = [];
    const cancelled = async (method: string, params: unknown, cancelAfterMs: number): Promise<void> => {
      const source = new CancellationTokenSource();
      const answer = session.request(method, params, source);
      if (cancelAfterMs === 0) source.cancel();
      else setTimeout(() => source.cancel(), cancelAfterMs);
      try {
        // A request cancelled before its work started is answered null by the service.
        outcomes.push((await answer) === null ? 'null' : 'answered');
      } catch (error) {
        assert.ok(error instanceof ResponseError, String(error));
        assert.equal(error.code, REQUEST_CANCELLED, error.message);
        outcomes.push('cancelled');
      }
    };
    await session.open(uri, { path: big });
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const methods: [string, unknown][] = [
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } }],
      ['textDocument/semanticTokens/full', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } }],
      ['workspace/symbol', { query: '郑州' }],
    ];
    // Cancelled at once (still queued behind the open) and a little later (being worked on).
    await Promise.all(methods.map(([method, params]) => cancelled(method, params, 0)));
    await session.change(uri, { start: 0, end: 0, text: '\n' });
    await Promise.all(methods.map(([method, params], index) => cancelled(method, params, 5 + 20 * index)));
    const symbols = (await session.request('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.ok(symbols.length > 100, `the big dump's articles: ${symbols.length}`);
    const published = await session.diagnostics(uri, { timeoutMs: 90_000 });
    assert.ok(published.diagnostics.some((d) => d.code === 'ocr-break'), 'its OCR breaks');
    await stillServing();
    const count = (outcome: string): number => outcomes.filter((o) => o === outcome).length;
    // Those cancelled while still queued behind the open are answered "cancelled", not run.
    assert.ok(count('cancelled') >= methods.length, `RequestCancelled answers: ${count('cancelled')}`);
    console.log(`cancel: ${outcomes.length} requests: ${count('cancelled')} RequestCancelled, ${count('null')} null, ${count('answered')} answered anyway, on ${Math.round(read(big).length / 1000)} k chars`);
    await session.close(uri);
  });

  describe('input that is not a tidy dump', () => {
    const seed = read(join(SEEDS, `${XINZHENG}.txt`));
    const flat = readdirSync(SEEDS)
      .filter((file) => file.endsWith('.txt'))
      .map((file) => read(join(SEEDS, file)))
      .join('')
      .replace(/\s*\n\s*/g, '');
    /** \r\n, \n and \r in turn; a \r before an empty line would make one \r\n of two line ends, so that one is \r\n. */
    const mixedLineEnds = (text: string): string => {
      const lines = text.split('\n');
      return lines.map((line, index) => line + (index % 3 === 2 && lines[index + 1] !== '' ? '\r' : index % 3 === 1 ? '\n' : '\r\n')).join('');
    };
    const cases: [name: string, text: string][] = [
      ['empty', ''],
      ['only blank lines', '\n\n   \n\t\n\u3000\n\n'],
      ['CRLF line ends', seed.replace(/\n/g, '\r\n')],
      ['mixed line ends', mixedLineEnds(seed)],
      ['NUL and control bytes', `${seed.slice(0, 400)}\u0000\u0000\u0001\u0002\u001b[0m\ufffd${seed.slice(400)}`],
      ['lone surrogates', `${seed.slice(0, 300)}\ud800${seed.slice(300, 600)}\udc00${seed.slice(600)}\ud83d`],
      ['one line of 5 MB (a dump whose line breaks were lost)', flat.repeat(Math.ceil(5_000_000 / flat.length)).slice(0, 5_000_000)],
    ];
    for (const [name, text] of cases) {
      test(`${name}: diagnostics, outline and hover come back`, async () => {
        const path = join(scratch, `input-${cases.findIndex(([other]) => other === name)}.txt`);
        const uri = uriOf(path);
        const started = Date.now();
        await session.open(uri, { text });
        const published = await session.diagnostics(uri, { timeoutMs: 120_000 });
        const opened = Date.now() - started;
        const symbols = (await session.request('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
        assert.ok(Array.isArray(symbols));
        await session.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
        const tokens = (await session.request('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] };
        assert.ok(Array.isArray(tokens.data));
        if (text.trim() === '') {
          assert.deepEqual(symbols, [], 'no articles');
          assert.deepEqual(published.diagnostics, [], 'no problems');
        }
        if (name.includes('line ends')) {
          // The same articles as the LF seed, on the same lines: LSP counts \r\n, \r and \n as one line end each.
          assert.deepEqual(
            symbols.map((symbol) => [symbol.name, symbol.selectionRange.start.line + 1]),
            expectedArticles().map((article) => [article.title, article.titleLine]),
          );
        }
        for (const diagnostic of published.diagnostics) {
          assert.ok(diagnostic.range.start.line <= diagnostic.range.end.line, 'a well-formed range');
        }
        if (name.includes('5 MB')) {
          // Suggesting in it would block the server: skipped, and said so where the user looks.
          const skipped = published.diagnostics.filter((diagnostic) => diagnostic.code === 'suggestions-skipped');
          assert.equal(skipped.length, 1, 'one note that suggestions were skipped');
          assert.match(String(skipped[0].message), /5,000,000 characters/);
        }
        console.log(`${name}: ${text.length} chars, ${published.diagnostics.length} diagnostics in ${opened} ms, ${symbols.length} articles`);
        await session.close(uri);
      });
    }

    test('CRLF dump: a tag is written in code points of the file, \\r\\n counting two', async () => {
      const path = join(scratch, 'crlf', 'dump.txt');
      mkdirSync(join(scratch, 'crlf'));
      writeFileSync(path, read(CITY).replace(/\n/g, '\r\n'));
      const uri = uriOf(path);
      await session.open(uri, { path });
      await session.diagnostics(uri);
      const text = session.text(uri);
      const at = text.indexOf('市委书记安伟') + 4;
      await tag(session, uri, at, '安伟');
      const [start, end] = bratSpan(text, at, at + 2);
      assert.equal(read(annOf(path)), `T1\tPER ${start} ${end}\t安伟\n`);
      assertAnnFitsText(path);
      await session.close(uri);
    });

    test('a long line of listed names costs linear time, not quadratic', async () => {
      // Names after titles, listed with 、: every one a suggestion, overlapping its neighbours' readings.
      const unit = '市委书记安伟、副市长张三、';
      const timeOpen = async (length: number): Promise<number> => {
        const uri = uriOf(join(scratch, `names-${length}.txt`));
        const started = Date.now();
        await session.open(uri, { text: unit.repeat(Math.ceil(length / unit.length)) });
        await session.diagnostics(uri, { timeoutMs: 120_000 });
        const took = Date.now() - started;
        await session.close(uri);
        return took;
      };
      await timeOpen(5_000); // warm-up
      // Below MAX_SUGGESTED_ARTICLE_LENGTH (200 000), where suggestions stop.
      const small = await timeOpen(20_000);
      const large = await timeOpen(160_000);
      console.log(`names line: 20 k chars in ${small} ms, 160 k chars (8×) in ${large} ms (${(large / small).toFixed(1)}×)`);
      // Linear is about 8×; quadratic about 64× (it took minutes before resolveOverlaps and withListedPersons were fixed).
      assert.ok(large < 24 * small + 3000, `160 k chars took ${large} ms against ${small} ms for 20 k`);
    });
  });

  describe('files changing on disk while open', () => {
    let folder: string;
    let txt: string;
    let uri: string;
    let index = 0;

    /** A fresh tagged copy of the city seed in its own folder, open in the editor. */
    async function openTagged(): Promise<void> {
      folder = join(scratch, `disk-${++index}`);
      mkdirSync(folder);
      txt = join(folder, 'dump.txt');
      copyFileSync(CITY, txt);
      uri = uriOf(txt);
      await session.open(uri, { path: txt });
      await session.diagnostics(uri);
      await tag(session, uri, session.text(uri).indexOf('安伟'), '安伟');
      await tag(session, uri, session.text(uri).indexOf('郑州形成'), '郑州', 'LOC (地名)');
      assert.deepEqual(await tagsOf(session, uri), ['LOC 郑州', 'PER 安伟']);
    }

    const watched = (path: string, type: 1 | 2 | 3) => ({ uri: uriOf(path), type });
    const filesChanged = (...changes: { uri: string; type: number }[]): Promise<void> => session.notify('workspace/didChangeWatchedFiles', { changes });
    const messagesSince = (count: number): string[] => session.messages.slice(count).map((message) => message.message);

    after(async () => {
      if (uri && session.docs.has(uri)) await session.close(uri);
    });

    test('the .ann changed by another program: the editor reads it again', async () => {
      await openTagged();
      const text = session.text(uri);
      const at = text.indexOf('郑州晚报');
      const [start, end] = bratSpan(text, at, at + 4);
      writeFileSync(annOf(txt), `${read(annOf(txt))}T7\tORG ${start} ${end}\t郑州晚报\n`);
      await filesChanged(watched(annOf(txt), 2));
      let tags: string[] = [];
      for (let tries = 0; tries < 50 && tags.length < 3; tries++) {
        tags = await tagsOf(session, uri);
        if (tags.length < 3) await settle(100);
      }
      assert.deepEqual(tags, ['LOC 郑州', 'ORG 郑州晚报', 'PER 安伟']);
      await session.close(uri);
    });

    test('the .ann deleted: the tags stay in the editor, the user is told, and a save writes them back', async () => {
      await openTagged();
      const before = read(annOf(txt));
      const told = session.messages.length;
      rmSync(annOf(txt));
      await filesChanged(watched(annOf(txt), 3));
      await session.waitFor('a message about the deleted .ann', () => messagesSince(told).find((message) => message.includes('deleted or moved')));
      assert.deepEqual(await tagsOf(session, uri), ['LOC 郑州', 'PER 安伟'], 'no tag lost in the editor');
      assert.ok(!existsSync(annOf(txt)), 'not written back behind the user’s back');
      await session.save(uri);
      await session.waitFor('the .ann written back', () => (existsSync(annOf(txt)) ? true : undefined));
      assert.equal(read(annOf(txt)), before);
      await session.close(uri);
    });

    test('the .ann moved away (renamed): the next tag writes every tag to dump.ann, the moved file is left alone', async () => {
      await openTagged();
      const before = read(annOf(txt));
      renameSync(annOf(txt), join(folder, 'renamed.ann'));
      await filesChanged(watched(annOf(txt), 3), watched(join(folder, 'renamed.ann'), 1));
      await settle();
      const text = session.text(uri);
      await tag(session, uri, text.indexOf('郑州晚报'), '郑州晚报', 'ORG (机构)');
      const lines = read(annOf(txt)).split('\n').filter(Boolean);
      assert.deepEqual(lines.slice(0, 2), before.split('\n').filter(Boolean), 'the earlier tags, as they were');
      assert.match(lines[2], /^T3\tORG \d+ \d+\t郑州晚报$/);
      assertAnnFitsText(txt);
      assert.equal(read(join(folder, 'renamed.ann')), before);
      await session.close(uri);
    });

    test('the .txt deleted: tagging goes on in memory, and the save writes the text and the tags that fit it', async () => {
      await openTagged();
      const before = read(annOf(txt));
      rmSync(txt);
      await filesChanged(watched(txt, 3));
      const text = session.text(uri);
      await tag(session, uri, text.indexOf('郑州晚报'), '郑州晚报', 'ORG (机构)');
      await settle();
      assert.equal(read(annOf(txt)), before, 'not written while there is no text on disk to fit');
      assert.deepEqual(await tagsOf(session, uri), ['LOC 郑州', 'ORG 郑州晚报', 'PER 安伟']);
      await session.save(uri);
      await session.waitFor('the .ann after the save', () => (read(annOf(txt)).includes('郑州晚报') ? true : undefined));
      assertAnnFitsText(txt);
      await session.close(uri);
    });

    test('the .txt renamed by another program: the open editor keeps its tags and its save recreates both files', async () => {
      await openTagged();
      renameSync(txt, join(folder, 'moved.txt'));
      await filesChanged(watched(txt, 3), watched(join(folder, 'moved.txt'), 1));
      const symbols = (await session.request('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
      assert.ok(symbols.length > 0, 'still an outline');
      const before = read(annOf(txt));
      await session.change(uri, { start: 0, end: 0, text: '【导读】\n' });
      await session.save(uri);
      await session.waitFor('the tags moved by the edit in dump.ann', () => (read(annOf(txt)) !== before ? true : undefined));
      assert.equal(bratLines(read(annOf(txt))).length, 2);
      assertAnnFitsText(txt);
      assert.equal(read(join(folder, 'moved.txt')), read(CITY), 'the moved file is left alone');
      await session.close(uri);
    });

    test('the .txt changed on disk (git pull) and reloaded by the editor: the tags follow, the next tag writes them where they are', async () => {
      await openTagged();
      const inserted = '本版编辑 王某某\n\n';
      writeFileSync(txt, inserted + read(txt));
      // VS Code reloads an unmodified document from disk as a minimal edit, then the watcher reports the file.
      await session.change(uri, { start: 0, end: 0, text: inserted });
      await filesChanged(watched(txt, 2));
      const text = session.text(uri);
      await tag(session, uri, text.indexOf('郑州晚报'), '郑州晚报', 'ORG (机构)');
      assert.equal(bratLines(read(annOf(txt))).length, 3);
      assertAnnFitsText(txt);
      await session.close(uri);
    });
  });
});

describe('two editors tagging the same dump', { timeout: 120_000 }, () => {
  let scratch: string;
  let editors: LspSession[] = [];

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-two-editors-'));
    copyFileSync(CITY, join(scratch, 'dump.txt'));
    const options = { cwd: scratch, rootUri: uriOf(scratch), workspaceFolders: [{ uri: uriOf(scratch), name: 'corpus' }], capabilities: WATCHERS };
    editors = await Promise.all([LspSession.start(options), LspSession.start(options)]);
  });

  after(() => {
    editors.forEach((editor) => editor.dispose());
    rmSync(scratch, { recursive: true, force: true });
  });

  test('neither overwrites the other: a stale save is merged into the .ann on disk, the user is told, no line is lost', async () => {
    const [a, b] = editors;
    const txt = join(scratch, 'dump.txt');
    const ann = annOf(txt);
    const uri = uriOf(txt);
    for (const editor of editors) {
      await editor.open(uri, { path: txt });
      await editor.diagnostics(uri);
    }
    const text = read(txt);
    const lineOf = (type: string, name: string, at = text.indexOf(name)): string => {
      const [start, end] = bratSpan(text, at, at + name.length);
      return `${type} ${start} ${end}\t${name}`;
    };

    // A tags first; B, not told yet (its watcher event has not come), tags another name.
    await tag(a, uri, text.indexOf('安伟'), '安伟');
    assert.equal(read(ann), `T1\t${lineOf('PER', '安伟')}\n`);
    const bTold = b.messages.length;
    await tag(b, uri, text.indexOf('郑州形成'), '郑州', 'LOC (地名)');
    assert.equal(read(ann), `T1\t${lineOf('PER', '安伟')}\nT2\t${lineOf('LOC', '郑州', text.indexOf('郑州形成'))}\n`, "A's line kept, B's added after it with a free id");
    const told = b.messages.slice(bTold).map((message) => message.message);
    assert.ok(told.some((message) => /changed on disk.*merged/.test(message)), `B is told: ${told.join(' | ')}`);

    // Now each hears about the other's write, as VS Code's watcher tells them.
    const changed = { changes: [{ uri: uriOf(ann), type: 2 }] };
    await Promise.all(editors.map((editor) => editor.notify('workspace/didChangeWatchedFiles', changed)));
    for (let tries = 0; tries < 50 && (await tagsOf(a, uri)).length < 2; tries++) await settle(100);
    assert.deepEqual(await tagsOf(a, uri), ['LOC 郑州', 'PER 安伟']);

    // Second round, both without news of the other: A retypes its tag, B tags a third name; then B saves.
    const retype = ((await a.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: positionAt(text, text.indexOf('安伟')), end: positionAt(text, text.indexOf('安伟') + 2) },
      context: { diagnostics: [] },
    })) as CodeAction[]).find((action) => action.title === 'Change 「安伟」 to ORG (机构)');
    assert.ok(retype?.command);
    await a.request('workspace/executeCommand', { command: retype.command.command, arguments: retype.command.arguments });
    await tag(b, uri, text.indexOf('郑州晚报'), '郑州晚报', 'ORG (机构)');
    await b.save(uri);
    await settle();
    assert.equal(read(ann), `T1\t${lineOf('ORG', '安伟')}\nT2\t${lineOf('LOC', '郑州', text.indexOf('郑州形成'))}\nT3\t${lineOf('ORG', '郑州晚报')}\n`);
    assertAnnFitsText(txt);
    for (const editor of editors) assert.ok(editor.alive, editor.stderr);
  });
});

describe('a save that cannot be written', { timeout: 120_000 }, () => {
  let scratch: string;
  let session: LspSession;
  let marker: string;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-disk-full-'));
    marker = join(scratch, 'disk-is-full');
    session = await LspSession.start({ cwd: scratch, rootUri: uriOf(scratch), faults: [`disk-full=${marker}`] });
  });

  after(() => {
    session?.dispose();
    if (existsSync(join(scratch, 'ro'))) chmodSync(join(scratch, 'ro'), 0o755);
    rmSync(scratch, { recursive: true, force: true });
  });

  async function openWithAnn(folder: string): Promise<{ txt: string; uri: string; before: string }> {
    mkdirSync(join(scratch, folder));
    const txt = join(scratch, folder, 'dump.txt');
    copyFileSync(CITY, txt);
    const text = read(CITY);
    const at = text.indexOf('郑州');
    const [start, end] = bratSpan(text, at, at + 2);
    const before = `T1\tLOC ${start} ${end}\t郑州\n#1\tAnnotatorNotes T1\t报头\n`;
    writeFileSync(annOf(txt), before);
    const uri = uriOf(txt);
    await session.open(uri, { path: txt });
    await session.diagnostics(uri);
    return { txt, uri, before };
  }

  test('disk full: the previous .ann survives byte for byte, no temp file is left, the user is told; the next save writes it', async () => {
    const { txt, uri, before } = await openWithAnn('full');
    writeFileSync(marker, '');
    const told = session.messages.length;
    await tag(session, uri, session.text(uri).indexOf('安伟'), '安伟');
    const shown = await session.waitFor('an error message', () => session.messages.slice(told).find((message) => message.type === 1));
    assert.match(shown.message, /dump\.ann.*no space left on the device.*left as it was/);
    assert.equal(read(annOf(txt)), before);
    assert.deepEqual(readdirSync(join(scratch, 'full')).sort(), ['dump.ann', 'dump.txt'], 'no temp file left behind');
    // Space freed: saving the dump writes what the failed write could not.
    rmSync(marker);
    await session.save(uri);
    await session.waitFor('the tag in the .ann', () => (read(annOf(txt)).includes('安伟') ? true : undefined));
    assert.ok(read(annOf(txt)).startsWith(before), 'the lines it had, then the new tag');
    assertAnnFitsText(txt);
    await session.close(uri);
  });

  test('read-only folder: the previous .ann survives and the user is told', { skip: process.getuid?.() === 0 ? 'root writes into a read-only folder: the disk-full case covers it' : false }, async () => {
    const { txt, uri, before } = await openWithAnn('ro');
    chmodSync(join(scratch, 'ro'), 0o555);
    const told = session.messages.length;
    await tag(session, uri, session.text(uri).indexOf('安伟'), '安伟');
    const shown = await session.waitFor('an error message', () => session.messages.slice(told).find((message) => message.type === 1));
    assert.match(shown.message, /dump\.ann.*permission denied/);
    assert.equal(read(annOf(txt)), before);
    await session.close(uri);
  });
});

describe('nodejieba missing', { timeout: 120_000 }, () => {
  let scratch: string;
  let session: LspSession;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-no-jieba-'));
    session = await LspSession.start({ cwd: scratch, rootUri: uriOf(scratch), faults: ['no-nodejieba'] });
  });

  after(() => {
    session?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('outline, structural diagnostics and tagging still work; one message says what is missing and how to fix it', async () => {
    const uris: string[] = [];
    for (const seed of [XINZHENG, '004_2037477c42b4a3c4']) {
      const txt = join(scratch, `${seed}.txt`);
      copyFileSync(join(SEEDS, `${seed}.txt`), txt);
      uris.push(uriOf(txt));
      await session.open(uriOf(txt), { path: txt });
    }
    const published = await session.diagnostics(uris[0]);
    await session.diagnostics(uris[1]);
    const symbols = (await session.request('textDocument/documentSymbol', { textDocument: { uri: uris[0] } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.selectionRange.start.line + 1]),
      expectedArticles().map((article) => [article.title, article.titleLine]),
      'the same outline as with the segmenter',
    );
    const breaks = published.diagnostics.filter((d) => d.code === 'ocr-break').map((d) => d.range.start.line + 1);
    const expectedBreaks = expectedArticles().flatMap((article) => article.breaks.map(([first]) => first));
    assert.ok(breaks.length > 0 && breaks.every((line) => expectedBreaks.includes(line)), `OCR breaks from punctuation cues: ${breaks.join(', ')} of ${expectedBreaks.join(', ')}`);
    assert.ok(published.diagnostics.every((d) => d.code !== 'untagged-entity'), 'no suggestions without the segmenter');

    const about = session.messages.filter((message) => message.message.includes('nodejieba'));
    assert.equal(about.length, 1, JSON.stringify(session.messages));
    assert.equal(about[0].type, 2, 'a warning');
    assert.match(about[0].message, /npm rebuild nodejieba/);

    // Tagging a selection needs no segmenter.
    const text = session.text(uris[0]);
    const at = text.indexOf('杨宜锦');
    await tag(session, uris[0], at, '杨宜锦');
    const [start, end] = bratSpan(text, at, at + 3);
    assert.equal(read(annOf(join(scratch, `${XINZHENG}.txt`))), `T1\tPER ${start} ${end}\t杨宜锦\n`);
    assert.ok(session.alive);
  });
});

test('the server ends when its editor goes away (stdin closes without shutdown)', async () => {
  const { spawn } = await import('node:child_process');
  const server = spawn(process.execPath, [join(REPO_ROOT, 'server', 'out', 'src', 'cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
  server.stdin.end();
  const timeout = new Promise<'running'>((done) => setTimeout(() => done('running'), 10_000).unref());
  const outcome = await Promise.race([exited, timeout]);
  if (outcome === 'running') server.kill();
  server.stdin.destroy();
  assert.equal(outcome, 1, 'exit code 1: no shutdown came before');
});
