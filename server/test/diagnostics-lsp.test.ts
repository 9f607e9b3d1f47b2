// QA diagnostics through the real server over stdio, as an editor sees them: pushed
// diagnostics, quick fixes, "ignore here", "disable rule", fix-all and settings.
// Expected break lines come from the hand-written fixtures; every file the server
// writes goes to a temp copy, never into test-fixtures/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  FileChangeType,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type ShowMessageParams,
  type TextEdit,
} from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT as ROOT } from './support/lspSession';

const SEEDS = join(ROOT, 'test-fixtures', 'seeds');
const SEED_A = '002_ec0d75b02129a70c';
const SEED_B = '004_2037477c42b4a3c4';

/** First lines (1-based) of the breaks an editor marked in a seed. */
function expectedBreakLines(seed: string): number[] {
  const expected = JSON.parse(readFileSync(join(SEEDS, `${seed}.expected.json`), 'utf8')) as { articles: { breaks: [number, number][] }[] };
  return expected.articles.flatMap((article) => article.breaks.map(([first]) => first));
}

/** LSP edits applied to a text, computed here independently of the server's code. */
function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index! + match[0].length);
  const offset = (p: Range['start']): number => lineStarts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}

const ocrBreaks = (diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === 'ocr-break');
/** The QA problems: entity suggestions (hints) follow the text by design and are tested in entities-lsp.test.ts. */
const problemKeys = (diagnostics: readonly Diagnostic[]): string[] =>
  diagnostics.filter((d) => d.code !== 'untagged-entity').map((d) => `${String(d.code)}|${String(d.message)}`).sort();

describe('QA diagnostics over stdio', { timeout: 60_000 }, () => {
  let scratch: string;
  let session: LspSession;
  let connection: ProtocolConnection;
  let published: PublishDiagnosticsParams[] = [];
  let messages: ShowMessageParams[] = [];
  /** What the client answers to workspace/configuration for `newsdump`. */
  let editorSettings: { rules?: Record<string, string> } = {};
  const docs = new Map<string, { text: string; version: number }>();

  const uriOf = (seed: string): string => pathToFileURL(join(scratch, `${seed}.txt`)).toString();

  /** The first publish for a URI after `since` (a count of publishes) that satisfies the check. */
  async function diagnosticsFor(uri: string, since: number, check: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    return (await session.diagnostics(uri, { since, version: null, check })).diagnostics;
  }

  async function open(seed: string): Promise<Diagnostic[]> {
    const uri = uriOf(seed);
    const text = readFileSync(join(scratch, `${seed}.txt`), 'utf8');
    docs.set(uri, { text, version: 1 });
    const since = published.length;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'newsdump', version: 1, text } });
    return diagnosticsFor(uri, since, (params) => params.version === 1);
  }

  /** Applies edits as an editor does (later ones first, so earlier ranges stay valid) and waits for the re-check. */
  async function edit(uri: string, edits: readonly TextEdit[]): Promise<Diagnostic[]> {
    const doc = docs.get(uri)!;
    doc.text = applyLspEdits(doc.text, edits);
    doc.version++;
    const since = published.length;
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
    return diagnosticsFor(uri, since, (params) => params.version === doc.version);
  }

  async function actionsAt(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (result ?? []) as CodeAction[];
  }

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-lsp-qa-'));
    for (const seed of [SEED_A, SEED_B]) copyFileSync(join(SEEDS, `${seed}.txt`), join(scratch, `${seed}.txt`));
    session = await LspSession.start({
      cwd: scratch,
      rootUri: pathToFileURL(scratch).toString(),
      capabilities: { workspace: { configuration: true } },
      workspaceFolders: [{ uri: pathToFileURL(scratch).toString(), name: 'scratch' }],
      configuration: (item) => (item.section === 'newsdump' ? editorSettings : null),
    });
    ({ connection, published, messages } = session);
    const init = session.initializeResult!;
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, [
      'newsdump.ignoreProblem',
      'newsdump.disableRule',
      'newsdump.export',
      'newsdump.tag',
      'newsdump.untag',
      'newsdump.retag',
      'newsdump.reanchor',
      'newsdump.tagTarget',
    ]);
    const codeActionKinds = (init.capabilities.codeActionProvider as { codeActionKinds?: string[] }).codeActionKinds;
    assert.deepEqual(codeActionKinds, ['quickfix', 'source.fixAll.newsdump', 'refactor.newsdump.tag']);
  });

  after(() => {
    session?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('opening a dump publishes its OCR breaks at the lines an editor marked', async () => {
    const diagnostics = await open(SEED_A);
    const breaks = ocrBreaks(diagnostics);
    assert.deepEqual(
      breaks.map((d) => d.range.start.line + 1),
      expectedBreakLines(SEED_A),
    );
    for (const d of diagnostics) {
      assert.equal(d.source, 'newsdump');
      assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, `severity ${d.severity}`);
    }
    assert.ok(breaks.every((d) => d.severity === 2), 'ocr-break is a warning by default');
  });

  test('the join quick fix removes that break and brings no new problem', async () => {
    const uri = uriOf(SEED_A);
    const before = await diagnosticsFor(uri, 0, (params) => params.version === docs.get(uri)!.version);
    const target = ocrBreaks(before)[1];
    const all = await actionsAt(uri, target.range, [target]);
    const actions = all.filter((action) => action.kind === 'quickfix');
    const titles = actions.map((action) => action.title);
    const ignoreAt = titles.findIndex((title) => title.startsWith('Ignore this problem here'));
    const disableAt = titles.findIndex((title) => title.startsWith('Disable rule ocr-break'));
    assert.ok(ignoreAt > 0 && disableAt === ignoreAt + 1 && disableAt === actions.length - 1, `fixes, then ignore, then disable: ${titles.join(' | ')}`);
    assert.deepEqual(all.slice(0, actions.length), actions, 'quick fixes come first');
    assert.deepEqual(all.slice(actions.length).map((action) => action.kind), ['source.fixAll.newsdump'], 'then fix-all, for clients without a source-action menu');
    const join = actions[0];
    assert.equal(join.isPreferred, true, 'the join is the preferred fix');
    assert.deepEqual(join.diagnostics?.map((d) => d.range), [target.range]);
    assert.equal(JSON.stringify(await actionsAt(uri, target.range, [target])), JSON.stringify(all), 'the same request gives the same actions');
    assert.deepEqual(await actionsAt(uri, target.range, [target], ['quickfix']), actions, 'only quick fixes when only those are asked for');

    const after = await edit(uri, join.edit!.changes![uri]);
    const lines = docs.get(uri)!.text.split(/\r\n|\r|\n/);
    const joinedLine = lines[target.range.start.line];
    assert.ok(joinedLine.length > target.range.start.character + 1, 'the second half now follows the first on one line');
    assert.equal(ocrBreaks(after).length, ocrBreaks(before).length - 1);
    assert.deepEqual(problemKeys(after), problemKeys(before.filter((d) => d !== target)), 'only the fixed problem is gone');
  });

  test('"Ignore this problem here" writes the sidecar, hides the problem, and survives an edit above it', async () => {
    const uri = uriOf(SEED_A);
    const before = await diagnosticsFor(uri, 0, (params) => params.version === docs.get(uri)!.version);
    const target = ocrBreaks(before)[0];
    const ignore = (await actionsAt(uri, target.range, [target])).find((action) => action.title.startsWith('Ignore this problem here'));
    assert.ok(ignore?.command, 'an ignore action with a command');
    assert.equal(ignore.command.command, 'newsdump.ignoreProblem');

    const since = published.length;
    await connection.sendRequest(ExecuteCommandRequest.type, { command: ignore.command.command, arguments: ignore.command.arguments });
    const sidecar = join(scratch, `${SEED_A}.newsdump-ignore.json`);
    const file = JSON.parse(readFileSync(sidecar, 'utf8')) as { version: number; ignores: { rule: string; article: string | null; context: string }[] };
    assert.equal(file.version, 1);
    assert.equal(file.ignores.length, 1);
    assert.equal(file.ignores[0].rule, 'ocr-break');
    assert.ok(file.ignores[0].context.length > 0 && file.ignores[0].context.length < 80, `a short context: ${file.ignores[0].context}`);

    const afterIgnore = await diagnosticsFor(uri, since);
    assert.deepEqual(problemKeys(afterIgnore), problemKeys(before.filter((d) => d !== target)));

    const shifted = await edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n\n' }]);
    assert.deepEqual(problemKeys(shifted), problemKeys(afterIgnore), 'still ignored after lines were added above');
    assert.deepEqual(
      ocrBreaks(shifted).map((d) => d.range.start.line),
      ocrBreaks(afterIgnore).map((d) => d.range.start.line + 2),
    );
  });

  test('fast typing is checked once, after the pause', async () => {
    const uri = uriOf(SEED_A);
    const doc = docs.get(uri)!;
    const since = published.length;
    const first = doc.version + 1;
    for (let i = 0; i < 3; i++) {
      doc.version++;
      doc.text = `\n${doc.text}`;
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: doc.version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
      });
    }
    await diagnosticsFor(uri, since, (params) => params.version === doc.version);
    const versions = published.slice(since).filter((params) => params.uri === uri).map((params) => params.version);
    assert.deepEqual(versions, [doc.version], `published for versions ${versions.join(', ')} after edits ${first}–${doc.version}`);
  });

  test('fix-all joins every break in one edit and the re-check finds none left', async () => {
    const before = await open(SEED_B);
    assert.equal(ocrBreaks(before).length, expectedBreakLines(SEED_B).length);
    const uri = uriOf(SEED_B);
    const everywhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await actionsAt(uri, everywhere, [], ['source.fixAll']);
    assert.equal(actions.length, 1, actions.map((action) => action.title).join(' | '));
    assert.equal(actions[0].kind, 'source.fixAll.newsdump');
    const edits = actions[0].edit!.changes![uri];
    assert.equal(edits.length, expectedBreakLines(SEED_B).length, 'one join per break');
    const after = await edit(uri, edits);
    assert.deepEqual(ocrBreaks(after), []);
    assert.deepEqual(problemKeys(after), problemKeys(before.filter((d) => d.code !== 'ocr-break')), 'no new problem');
    assert.deepEqual(await actionsAt(uri, everywhere, [], ['source.fixAll.newsdump']), [], 'nothing safe is left to fix');
  });

  test('"Disable rule" writes newsdump.json in the workspace root and the rule goes quiet', async () => {
    const uri = uriOf(SEED_A);
    const current = await diagnosticsFor(uri, 0, (params) => params.version === docs.get(uri)!.version);
    const target = ocrBreaks(current)[0];
    const disable = (await actionsAt(uri, target.range, [target])).find((action) => action.command?.command === 'newsdump.disableRule');
    assert.ok(disable?.command);
    const since = published.length;
    await connection.sendRequest(ExecuteCommandRequest.type, { command: disable.command.command, arguments: disable.command.arguments });
    const config = JSON.parse(readFileSync(join(scratch, 'newsdump.json'), 'utf8')) as { rules: Record<string, string> };
    assert.deepEqual(config.rules, { 'ocr-break': 'off' });
    const after = await diagnosticsFor(uri, since);
    assert.deepEqual(ocrBreaks(after), []);
  });

  test('the newsdump.rules setting wins over newsdump.json', async () => {
    const uri = uriOf(SEED_A);
    editorSettings = { rules: { 'ocr-break': 'error' } };
    const since = published.length;
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const after = await diagnosticsFor(uri, since, (params) => ocrBreaks(params.diagnostics).length > 0);
    assert.ok(ocrBreaks(after).every((d) => d.severity === 1), 'ocr-break is an error now');
    editorSettings = {};
    const reset = published.length;
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual(ocrBreaks(await diagnosticsFor(uri, reset)), [], 'unset again: newsdump.json turns it off');
  });

  test('a broken newsdump.json is reported once, on the file and in a message, and checking goes on', async () => {
    const configPath = join(scratch, 'newsdump.json');
    writeFileSync(configPath, '{ "rules": { "ocr-break": "of" ');
    const since = published.length;
    const messagesBefore = messages.length;
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(configPath).toString(), type: FileChangeType.Changed }],
    });
    const onConfig = await diagnosticsFor(pathToFileURL(configPath).toString(), since);
    assert.equal(onConfig.length, 1);
    assert.match(String(onConfig[0].message), /not valid JSON/);
    const dump = await diagnosticsFor(uriOf(SEED_A), since);
    assert.ok(ocrBreaks(dump).length > 0, 'an unusable config turns nothing off');
    const shown = messages.slice(messagesBefore).filter((message) => message.message.includes('newsdump.json'));
    assert.equal(shown.length, 1, shown.map((message) => message.message).join('\n'));
    assert.equal(shown[0].type, 1, 'an error message');

    writeFileSync(configPath, '{ "rules": { "ocr-break": "of" } }');
    const again = published.length;
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(configPath).toString(), type: FileChangeType.Changed }],
    });
    const valueProblem = await diagnosticsFor(pathToFileURL(configPath).toString(), again);
    assert.match(String(valueProblem[0].message), /"of" is not one of off, hint, information, warning, error/);
    assert.equal(valueProblem[0].range.start.line, 0);
    assert.ok(valueProblem[0].range.start.character > 0, 'underlines the rule, not the start of the file');

    rmSync(configPath);
    const removed = published.length;
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(configPath).toString(), type: FileChangeType.Deleted }],
    });
    assert.deepEqual(await diagnosticsFor(pathToFileURL(configPath).toString(), removed), [], 'a deleted config takes its problems along');
  });

  test('closing a dump clears its diagnostics', async () => {
    const uri = uriOf(SEED_B);
    const since = published.length;
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    // A check already under way may still land; what stays in the editor is the last word, and it is empty.
    await diagnosticsFor(uri, since, (params) => params.diagnostics.length === 0);
    await new Promise((done) => setTimeout(done, 500));
    const last = published.slice(since).filter((params) => params.uri === uri).pop();
    assert.deepEqual(last?.diagnostics, []);
  });

  test('a bad command answers null and the server keeps serving', async () => {
    const result = await connection.sendRequest(ExecuteCommandRequest.type, { command: 'newsdump.ignoreProblem', arguments: [{ nonsense: true }] });
    assert.equal(result, null);
    assert.ok(!existsSync(join(scratch, 'undefined.newsdump-ignore.json')));
    const uri = uriOf(SEED_A);
    assert.ok((await actionsAt(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [])) !== null);
  });

  test('shutdown and exit end the server cleanly', async () => {
    assert.equal(await session.shutdown(), 0, `server stderr:\n${session.stderr}`);
  });
});
