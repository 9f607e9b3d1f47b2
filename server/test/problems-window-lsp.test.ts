// A client that shows only so many diagnostics of a file (VS Code: 1 000) says so at
// initialize; a dump with more gets the problems on the lines around the user, whole, with
// a notice, and the window follows the visible lines and the edits.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT } from './support/lspSession';

const SEEDS = join(REPO_ROOT, 'test-fixtures', 'seeds');
const seed = (name: string) => readFileSync(join(SEEDS, `${name}.txt`), 'utf8');
// Four real pages one after another: a few dozen problems spread over ~250 lines.
const TEXT = ['002_ec0d75b02129a70c', '004_2037477c42b4a3c4', '002_ec0d75b02129a70c', '004_2037477c42b4a3c4'].map(seed).join('\n\n');
const URI = 'file:///tmp/newsdump-window-test/pages.txt';
const LIMIT = 8;
const NOTICE = 'problems-window';

/** Hints off: the QA problems alone are the same in every publish of the same text. */
const sessionOptions = {
  capabilities: { workspace: { configuration: true } },
  configuration: (item: { section?: string }) => (item.section === 'newsdump' ? { suggestions: { enabled: false } } : null),
};

const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}|${String(d.code)}|${d.message}`;

interface Window {
  fromLine: number;
  toLine: number;
  shown: number;
  total: number;
}

/** The window a publish says it is, after checking it holds exactly the full list's problems on its lines. */
function checkedWindow(publish: PublishDiagnosticsParams, full: readonly Diagnostic[]): Window {
  const [notice, ...shown] = publish.diagnostics;
  assert.equal(notice.code, NOTICE, 'a cut publish starts with the notice');
  assert.ok(publish.diagnostics.length <= LIMIT, `${publish.diagnostics.length} diagnostics for a limit of ${LIMIT}`);
  const window = notice.data as Window;
  assert.equal(window.total, full.length);
  assert.equal(window.shown, shown.length);
  const expected = full.filter((d) => d.range.start.line >= window.fromLine && d.range.start.line <= window.toLine);
  assert.deepEqual(shown.map(key), expected.map(key), 'every problem on the window lines, none elsewhere');
  assert.match(String(notice.message), new RegExp(`^${shown.length} of ${full.length} problems shown, those on lines ${window.fromLine + 1}–${window.toLine + 1}`));
  return window;
}

describe('a publish cut to the client\'s limit', { timeout: 60_000 }, () => {
  let capped: LspSession;
  let uncapped: LspSession;
  let full: Diagnostic[];

  before(async () => {
    [capped, uncapped] = await Promise.all([
      LspSession.start({ ...sessionOptions, initializationOptions: { maxDiagnosticsPerDocument: LIMIT } }),
      LspSession.start(sessionOptions),
    ]);
    await uncapped.open(URI, { text: TEXT });
    full = [...(await uncapped.diagnostics(URI)).diagnostics];
  });

  after(() => {
    capped?.dispose();
    uncapped?.dispose();
  });

  test('a client without a limit gets every problem, and no notice', () => {
    assert.ok(full.length > 2 * LIMIT, `the test needs a dump with many problems (has ${full.length})`);
    assert.ok(!full.some((d) => d.code === NOTICE));
  });

  test('on open, the problems from the top, whole lines, with a notice of how many are left out', async () => {
    await capped.open(URI, { text: TEXT });
    const window = checkedWindow(await capped.diagnostics(URI), full);
    assert.equal(window.fromLine, 0);
    assert.ok(window.toLine < full.at(-1)!.range.start.line, 'the last problems are left out at the top');
  });

  test('scrolling to the end moves the window there, without an edit', async () => {
    const lastLine = TEXT.split('\n').length - 1;
    const since = capped.published.length;
    await capped.notify('newsdump/visibleRanges', { uri: URI, ranges: [{ start: { line: lastLine - 20, character: 0 }, end: { line: lastLine, character: 0 } }] });
    const publish = await capped.diagnostics(URI, { since });
    const window = checkedWindow(publish, full);
    assert.ok(window.toLine >= Math.max(...full.map((d) => d.range.start.line)), 'the last problem is shown');
    assert.ok(window.fromLine > 0);
  });

  test('the light bulb\'s own request at a cursor left at the top does not pull the window back; a quick fix asked for there does', async () => {
    const codeActionAtTop = (triggerKind: number) =>
      capped.request('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [], triggerKind } });
    const since = capped.published.length;
    // VS Code asks by itself (triggerKind 2) at the cursor each time the diagnostics change.
    await codeActionAtTop(2);
    await new Promise((done) => setTimeout(done, 600));
    assert.equal(capped.published.length, since, 'no publish: the window stays where the user scrolled');
    await codeActionAtTop(1);
    const window = checkedWindow(await capped.diagnostics(URI, { since }), full);
    assert.equal(window.fromLine, 0);
  });

  test('a file checked on disk (not open) gets its first lines, with the note; the check\'s summary counts them all', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'newsdump-window-'));
    try {
      const path = join(folder, 'closed.txt');
      writeFileSync(path, TEXT);
      const uri = pathToFileURL(path).toString();
      const result = (await capped.request('newsdump/checkFiles', { uris: [uri] })) as { files: { problems: Record<string, number> }[] };
      const publish = await capped.diagnostics(uri, { version: null });
      const window = checkedWindow(publish, full);
      assert.equal(window.fromLine, 0);
      assert.equal(Object.values(result.files[0].problems).reduce((sum, n) => sum + n, 0), full.length);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('an edit near the top brings the window back to it', async () => {
    const lastLine = TEXT.split('\n').length - 1;
    let since = capped.published.length;
    await capped.notify('newsdump/visibleRanges', { uri: URI, ranges: [{ start: { line: lastLine - 20, character: 0 }, end: { line: lastLine, character: 0 } }] });
    assert.ok(checkedWindow(await capped.diagnostics(URI, { since }), full).fromLine > 0);
    since = capped.published.length;
    await capped.change(URI, { start: 0, end: 0, text: ' ' });
    await uncapped.change(URI, { start: 0, end: 0, text: ' ' });
    full = [...(await uncapped.diagnostics(URI, { since: 0 })).diagnostics];
    const window = checkedWindow(await capped.diagnostics(URI, { since }), full);
    assert.equal(window.fromLine, 0);
  });
});

describe('a large dump\'s opening publish', { timeout: 120_000 }, () => {
  // All five pages twelve times over: about 240 000 characters, far more problems than the limit.
  const names = ['000_136616f476cb0ed9', '001_ccc67071d7f988a0', '002_ec0d75b02129a70c', '003_447fc06111f63b44', '004_2037477c42b4a3c4'];
  const LARGE = Array.from({ length: 12 }, () => names.map(seed).join('\n\n')).join('\n\n');
  const LARGE_URI = 'file:///tmp/newsdump-window-test/large.txt';
  const OPENING_LIMIT = 40;
  let session: LspSession;

  /** A small document first: its publish waits for the editor's settings, which a dump opened while they are read is checked whole with. */
  async function settled(started: LspSession): Promise<LspSession> {
    await started.open('file:///tmp/newsdump-window-test/small.txt', { text: seed(names[0]) });
    await started.diagnostics('file:///tmp/newsdump-window-test/small.txt');
    return started;
  }

  before(async () => {
    session = await settled(await LspSession.start({ ...sessionOptions, initializationOptions: { maxDiagnosticsPerDocument: OPENING_LIMIT } }));
  });

  after(() => session?.dispose());

  test('comes first with the problems at the top, checked ahead of the rest, and the whole check\'s publish follows with the same ones', async () => {
    await session.open(LARGE_URI, { text: LARGE });
    const opening = await session.diagnostics(LARGE_URI);
    const [openingNotice, ...openingShown] = opening.diagnostics;
    const openingWindow = openingNotice.data as Window & { uncheckedFromLine?: number };
    assert.equal(openingNotice.code, NOTICE);
    assert.equal(typeof openingWindow.uncheckedFromLine, 'number', 'the first publish is the opening one');
    assert.match(String(openingNotice.message), /the lines below are still being checked/);
    assert.equal(openingWindow.fromLine, 0);
    assert.ok(openingWindow.toLine < openingWindow.uncheckedFromLine!, 'the window ends above the lines not checked');
    assert.equal(openingShown.length, OPENING_LIMIT - 1);
    assert.ok(openingShown.some((diagnostic) => diagnostic.code === 'stray-space'), 'stray spaces are among the problems at the top');

    const whole = await session.diagnostics(LARGE_URI, { check: (params) => (params.diagnostics[0]?.data as { uncheckedFromLine?: number } | undefined)?.uncheckedFromLine === undefined });
    const [wholeNotice, ...wholeShown] = whole.diagnostics;
    const wholeWindow = wholeNotice.data as Window;
    assert.ok(wholeWindow.total > openingWindow.total, `the whole check counts every problem (${wholeWindow.total} against ${openingWindow.total} above line ${openingWindow.uncheckedFromLine! + 1})`);
    assert.deepEqual(wholeWindow, { fromLine: openingWindow.fromLine, toLine: openingWindow.toLine, shown: openingWindow.shown, total: wholeWindow.total, errorsElsewhere: 0 });
    assert.deepEqual(wholeShown.map(key), openingShown.map(key), 'the same problems, on the same lines');
  });

  test('the dump opened as the server starts gets it too, with the settings the client sent at start', async () => {
    // No document before: the settings are still being asked for when the dump arrives.
    const starting = await LspSession.start({
      ...sessionOptions,
      initializationOptions: { maxDiagnosticsPerDocument: OPENING_LIMIT, settings: { suggestions: { enabled: false }, rules: { 'stray-space': 'off' } } },
    });
    try {
      await starting.open(LARGE_URI, { text: LARGE });
      const opening = await starting.diagnostics(LARGE_URI);
      assert.equal(typeof (opening.diagnostics[0].data as { uncheckedFromLine?: number }).uncheckedFromLine, 'number', 'the first publish is the opening one');
      assert.equal(opening.diagnostics.length, OPENING_LIMIT);
      assert.ok(!opening.diagnostics.some((diagnostic) => diagnostic.code === 'stray-space'), 'the rule turned off at start is off');
    } finally {
      starting.dispose();
    }
  });

  test('a rule the user made an error gets no opening publish: every error of the dump is listed, and those are known only after the whole check', async () => {
    const strict = await settled(await LspSession.start({
      capabilities: { workspace: { configuration: true } },
      configuration: (item: { section?: string }) => (item.section === 'newsdump' ? { suggestions: { enabled: false }, rules: { 'ocr-break': 'error' } } : null),
      initializationOptions: { maxDiagnosticsPerDocument: OPENING_LIMIT },
    }));
    try {
      await strict.open(LARGE_URI, { text: LARGE });
      const first = await strict.diagnostics(LARGE_URI);
      const window = first.diagnostics[0].data as { uncheckedFromLine?: number; total: number };
      assert.equal(window.uncheckedFromLine, undefined);
      assert.ok(first.diagnostics.some((diagnostic) => diagnostic.severity === 1), 'the errors are there');
    } finally {
      strict.dispose();
    }
  });
});
