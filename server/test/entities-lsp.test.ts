// Tagging entities through the real server over stdio, as an editor does it, on temp copies
// of a seed: the .ann lines it writes (offsets computed here, independently, in code
// points), edits that move or cut tags, undo, re-anchoring, tag-all, removal, lines of the
// .ann we do not understand, colours and hovers. Every file the server writes is in a temp
// folder, never in test-fixtures/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  HoverRequest,
  SemanticTokensRequest,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type SemanticTokensLegend,
  type ShowMessageParams,
} from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT as ROOT } from './support/lspSession';

const SEED = join(ROOT, 'test-fixtures', 'seeds', '000_136616f476cb0ed9.txt');
const NAME = '安伟';
const ASTRAL = '𠮷'; // CJK Extension B: one code point, two UTF-16 units

/** Code points before a UTF-16 offset, counted here without the server's code. */
const codePoints = (text: string, utf16: number): number => [...text.slice(0, utf16)].length;

/** The LSP position (line, UTF-16 character) of an offset in an LF text. */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const messageOf = (diagnostic: Diagnostic): string => String(diagnostic.message);
const rangeOf = (text: string, start: number, end: number): Range => ({ start: positionOf(text, start), end: positionOf(text, end) });
const cursorAt = (text: string, offset: number): Range => rangeOf(text, offset, offset);

function offsetsOf(text: string, name: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) found.push(at);
  return found;
}

/** The line brat expects for a tag at a UTF-16 offset of the text. */
const bratLine = (id: string, type: string, text: string, start: number, name: string): string =>
  `${id}\t${type} ${codePoints(text, start)} ${codePoints(text, start + name.length)}\t${name}`;

describe('entity tagging over stdio', { timeout: 120_000 }, () => {
  let scratch: string;
  let session: LspSession;
  let connection: ProtocolConnection;
  let legend: SemanticTokensLegend;
  let published: PublishDiagnosticsParams[] = [];
  let messages: ShowMessageParams[] = [];
  const docs = new Map<string, { path: string; text: string; version: number }>();

  /** A fresh copy of the seed (or the given text) in its own folder, so tag-all and the corpus stay per test. */
  function dump(folder: string, text = readFileSync(SEED, 'utf8')): { path: string; uri: string } {
    mkdirSync(join(scratch, folder), { recursive: true });
    const path = join(scratch, folder, 'dump.txt');
    writeFileSync(path, text);
    return { path, uri: pathToFileURL(path).toString() };
  }

  const annOf = (path: string): string => readFileSync(path.replace(/\.txt$/, '.ann'), 'utf8');

  async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}; server stderr:\n${session.stderr}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  /** The latest diagnostics of the current version that satisfy the check. */
  function diagnostics(uri: string, check: (all: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return waitFor(`diagnostics of ${uri}`, () => {
      const latest = published.filter((params) => params.uri === uri).pop();
      return latest && latest.version === docs.get(uri)!.version && check(latest.diagnostics) ? latest.diagnostics : undefined;
    });
  }

  async function open(file: { path: string; uri: string }): Promise<void> {
    const text = readFileSync(file.path, 'utf8');
    docs.set(file.uri, { path: file.path, text, version: 1 });
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: file.uri, languageId: 'newsdump', version: 1, text } });
    await diagnostics(file.uri);
  }

  /**
   * Edits in one didChange, as an editor sends them: each in the offsets the one before left.
   * The document becomes dirty (the file on disk is not changed).
   */
  async function change(uri: string, ...edits: [start: number, end: number, newText: string][]): Promise<void> {
    const doc = docs.get(uri)!;
    const contentChanges = edits.map(([start, end, newText]) => {
      const range = rangeOf(doc.text, start, end);
      doc.text = doc.text.slice(0, start) + newText + doc.text.slice(end);
      return { range, text: newText };
    });
    doc.version++;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges });
  }

  /** Saves as an editor does: the file is written, then didSave (without text) is sent. */
  async function save(uri: string): Promise<void> {
    const doc = docs.get(uri)!;
    writeFileSync(doc.path, doc.text);
    await connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async function actionsAt(uri: string, range: Range, context: Diagnostic[] = []): Promise<CodeAction[]> {
    return ((await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: context } })) ?? []) as CodeAction[];
  }

  async function run(action: CodeAction | undefined): Promise<unknown> {
    assert.ok(action?.command, 'the action runs a command');
    return connection.sendRequest(ExecuteCommandRequest.type, { command: action.command.command, arguments: action.command.arguments });
  }

  const titled = (actions: CodeAction[], title: string): CodeAction | undefined => actions.find((action) => action.title === title);

  /** Tags the occurrence of the name at `at` through the "Tag 「…」 as PER" code action at the cursor. */
  async function tagAt(uri: string, at: number, type = 'PER (人名)'): Promise<void> {
    const doc = docs.get(uri)!;
    const actions = await actionsAt(uri, cursorAt(doc.text, at + 1));
    await run(titled(actions, `Tag 「${doc.text.slice(at, at + NAME.length)}」 as ${type}`));
  }

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'newsdump-entities-'));
    session = await LspSession.start({ cwd: scratch, rootUri: pathToFileURL(scratch).toString() });
    ({ connection, published, messages } = session);
    const init = session.initializeResult!;
    const sync = init.capabilities.textDocumentSync as { save?: { includeText?: boolean } };
    assert.deepEqual(sync.save, { includeText: false }, 'the server asks to hear about saves');
    legend = init.capabilities.semanticTokensProvider!.legend;
  });

  after(() => {
    session?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the tag action on 安伟 writes the exact brat line at once (the file is saved)', async () => {
    const file = dump('tag');
    await open(file);
    const text = docs.get(file.uri)!.text;
    const at = text.indexOf(`市委书记${NAME}`) + 4;
    const actions = await actionsAt(file.uri, cursorAt(text, at + 1));
    const tagTitles = actions.filter((action) => action.kind === 'refactor.newsdump.tag').map((action) => action.title);
    assert.deepEqual(tagTitles.slice(0, 3), [`Tag 「${NAME}」 as PER (人名)`, `Tag 「${NAME}」 as ORG (机构)`, `Tag 「${NAME}」 as LOC (地名)`], 'one action per type, in a stable order');
    assert.ok(!existsSync(file.path.replace(/\.txt$/, '.ann')), 'no .ann before tagging');
    // The light bulb (an automatic request) at a bare cursor stays off; on a selection it is there.
    const automatic = async (range: Range): Promise<CodeAction[]> =>
      ((await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: file.uri }, range, context: { diagnostics: [], triggerKind: 2 } })) ?? []) as CodeAction[];
    assert.ok(!(await automatic(cursorAt(text, at + 1))).some((action) => action.kind === 'refactor.newsdump.tag'));
    assert.ok((await automatic(rangeOf(text, at, at + NAME.length))).some((action) => action.title === `Tag 「${NAME}」 as PER (人名)`));
    await run(titled(actions, `Tag 「${NAME}」 as PER (人名)`));
    assert.equal(annOf(file.path), `${bratLine('T1', 'PER', text, at, NAME)}\n`);
    // The document shows no problem with its tags.
    const after = await diagnostics(file.uri, (all) => !all.some((d) => d.code === 'untagged-entity' && messageOf(d).includes(`「${NAME}」`) && d.range.start.line === positionOf(text, at).line));
    assert.ok(!after.some((d) => d.code === 'annotation-drift'), 'no drift');
  });

  test('a selection after 𠮷 is written in code points, not UTF-16 units', async () => {
    const seed = readFileSync(SEED, 'utf8');
    const text = seed.replace(`市委书记${NAME}`, `市委书记${ASTRAL}${NAME}`);
    const file = dump('astral', text);
    await open(file);
    const at = text.indexOf(`${ASTRAL}${NAME}`) + ASTRAL.length;
    const selection = rangeOf(text, at, at + NAME.length);
    const actions = await actionsAt(file.uri, selection);
    await run(titled(actions, `Tag 「${NAME}」 as PER (人名)`));
    const [line] = annOf(file.path).split('\n');
    assert.equal(line, bratLine('T1', 'PER', text, at, NAME));
    assert.equal(Number(line.split(/[\t ]/)[2]), at - 1, 'one code point fewer than UTF-16 units before it');
  });

  test('edits above a tag move it in the .ann when the dump is saved, not before', async () => {
    const file = dump('shift');
    await open(file);
    const original = docs.get(file.uri)!.text;
    const at = original.indexOf(`市委书记${NAME}`) + 4;
    await tagAt(file.uri, at);
    const tagged = annOf(file.path);
    // Two changes in one event: a line on top, then a mark at the start of the name's line, in the text the first left.
    // A short first line: were the second change read in the text before the first, it would land after the name, and show.
    const line = `${ASTRAL}\n`;
    const lineStart = original.lastIndexOf('\n', at) + 1;
    await change(file.uri, [0, 0, line], [line.length + lineStart, line.length + lineStart, '【导读】']);
    await actionsAt(file.uri, cursorAt(docs.get(file.uri)!.text, 0)); // a round trip: the edit is processed
    assert.equal(annOf(file.path), tagged, 'the .ann is not touched while the dump is dirty');
    await save(file.uri);
    const edited = docs.get(file.uri)!.text;
    const moved = line.length + '【导读】'.length + at;
    assert.equal(edited.slice(moved, moved + NAME.length), NAME);
    const expected = `${bratLine('T1', 'PER', edited, moved, NAME)}\n`;
    await waitFor('the .ann to follow the save', () => (annOf(file.path) === expected ? true : undefined));
  });

  test('tag, edit inside the name, undo, save: the .ann is left as it was', async () => {
    const file = dump('undo');
    await open(file);
    const text = docs.get(file.uri)!.text;
    const at = text.indexOf(`市委书记${NAME}`) + 4;
    await tagAt(file.uri, at);
    const annPath = file.path.replace(/\.txt$/, '.ann');
    const tagged = readFileSync(annPath, 'utf8');
    const stamp = statSync(annPath).mtimeMs;
    await change(file.uri, [at + 1, at + 1, '某']);
    const drifted = await diagnostics(file.uri, (all) => all.some((d) => d.code === 'annotation-drift'));
    assert.equal(drifted.filter((d) => d.code === 'annotation-drift').length, 1, 'the cut tag is flagged');
    await change(file.uri, [at + 1, at + 2, '']); // undo, as the editor sends it: one more edit
    const healed = await diagnostics(file.uri);
    assert.ok(!healed.some((d) => d.code === 'annotation-drift'), 'undo puts the tag back on its text');
    await save(file.uri);
    await actionsAt(file.uri, cursorAt(text, 0)); // a round trip after the save
    await new Promise((done) => setTimeout(done, 300));
    assert.equal(readFileSync(annPath, 'utf8'), tagged);
    assert.equal(statSync(annPath).mtimeMs, stamp, 'nothing to write, so nothing written');
  });

  test('an edit inside the name flags the tag; re-anchoring it on another occurrence is saved', async () => {
    const file = dump('drift');
    await open(file);
    const text = docs.get(file.uri)!.text;
    const at = text.indexOf(`市委书记${NAME}`) + 4;
    await tagAt(file.uri, at);
    await change(file.uri, [at + 1, at + 1, '某']);
    const edited = docs.get(file.uri)!.text;
    const all = await diagnostics(file.uri, (found) => found.some((d) => d.code === 'annotation-drift'));
    const drift = all.find((d) => d.code === 'annotation-drift')!;
    assert.equal(drift.severity, 2, 'a warning');
    assert.deepEqual(drift.range, rangeOf(edited, at, at + 3), 'on what is there now: 安某伟');
    assert.match(messageOf(drift), /T1 PER \(人名\) 「安伟」/);

    const fixes = (await actionsAt(file.uri, drift.range, [drift])).filter((action) => action.kind === 'quickfix' && action.diagnostics?.[0]?.code === 'annotation-drift');
    const others = offsetsOf(edited, NAME);
    assert.deepEqual(
      fixes.map((action) => action.title),
      [...others.map((offset) => `Re-anchor 「${NAME}」 on line ${positionOf(edited, offset).line + 1}, column ${positionOf(edited, offset).character + 1}`), `Drop the tag T1 「${NAME}」`],
      'one re-anchor per occurrence in the article, then drop',
    );
    await run(fixes[0]);
    const fixed = await diagnostics(file.uri, (found) => !found.some((d) => d.code === 'annotation-drift'));
    assert.ok(!fixed.some((d) => d.code === 'annotation-drift'));
    await save(file.uri);
    const expected = `${bratLine('T1', 'PER', edited, others[0], NAME)}\n`;
    await waitFor('the re-anchored tag in the .ann', () => (annOf(file.path) === expected ? true : undefined));
  });

  test('tag all occurrences in the file, then remove one and retype another', async () => {
    const file = dump('all');
    await open(file);
    const text = docs.get(file.uri)!.text;
    const occurrences = offsetsOf(text, NAME);
    assert.ok(occurrences.length >= 4, 'the seed names him several times');
    const actions = await actionsAt(file.uri, cursorAt(text, occurrences[1] + 1));
    await run(titled(actions, `Tag all 「${NAME}」 in this file as PER (人名)`));
    const lines = annOf(file.path).split('\n').filter(Boolean);
    assert.deepEqual(lines, occurrences.map((offset, index) => bratLine(`T${index + 1}`, 'PER', text, offset, NAME)));
    assert.ok(messages.some((message) => message.message.includes(`tagged ${occurrences.length} 「${NAME}」 as PER`)), 'the user is told how many');

    const onTag = await actionsAt(file.uri, cursorAt(text, occurrences[2] + 1));
    const tagTitles = onTag.filter((action) => action.kind === 'refactor.newsdump.tag').map((action) => action.title);
    assert.deepEqual(tagTitles, [
      `Remove tag 「${NAME}」 (PER (人名))`,
      `Change 「${NAME}」 to ORG (机构)`,
      `Change 「${NAME}」 to LOC (地名)`,
      `Tag all other 「${NAME}」 in this file as PER (人名)`,
      `Tag all other 「${NAME}」 in the workspace as PER (人名)`,
    ]);
    await run(titled(onTag, `Remove tag 「${NAME}」 (PER (人名))`));
    await run(titled(await actionsAt(file.uri, cursorAt(text, occurrences[0] + 1)), `Change 「${NAME}」 to ORG (机构)`));
    const expected = occurrences.flatMap((offset, index) => (index === 2 ? [] : [bratLine(`T${index + 1}`, index === 0 ? 'ORG' : 'PER', text, offset, NAME)]));
    assert.deepEqual(annOf(file.path).split('\n').filter(Boolean), expected);
  });

  test('lines of the .ann it does not edit stay byte for byte; the new tag gets the next id', async () => {
    const file = dump('verbatim');
    const text = readFileSync(file.path, 'utf8');
    const zhengzhou = text.indexOf('郑州');
    const before =
      `${bratLine('T9', 'LOC', text, zhengzhou, '郑州')}\n` +
      'A1\tConfirmed T9\n' +
      '#1\tAnnotatorNotes T9\t晚报的郑州, 不是郑州日报\n' +
      'R1\tPart-of Arg1:T9 Arg2:T12\n' +
      'this is not a brat line\t\t\n' +
      'T3\tTitle 41 43;43 45\t市委 书记\n';
    writeFileSync(file.path.replace(/\.txt$/, '.ann'), before);
    await open(file);
    const at = text.indexOf(`市委书记${NAME}`) + 4;
    await tagAt(file.uri, at);
    assert.equal(annOf(file.path), `${before}${bratLine('T10', 'PER', text, at, NAME)}\n`);
    // Its problems are shown on the dump, with the .ann line they are on.
    const all = await diagnostics(file.uri, (found) => found.some((d) => d.code === 'dangling-reference'));
    const dangling = all.find((d) => d.code === 'dangling-reference')!;
    assert.match(messageOf(dangling), /^dump\.ann line 4: R1 refers to T12/);
    assert.ok(all.some((d) => d.code === 'malformed-line' && /^dump\.ann line 5: /.test(messageOf(d))));
  });

  test('semantic tokens decode to the tagged spans and their types', async () => {
    const file = dump('tokens');
    await open(file);
    const text = docs.get(file.uri)!.text;
    const name = text.indexOf(`市委书记${NAME}`) + 4;
    await tagAt(file.uri, name);
    const place = text.indexOf('郑州');
    await run(titled(await actionsAt(file.uri, rangeOf(text, place, place + 2)), 'Tag 「郑州」 as LOC (地名)'));
    const result = await connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: file.uri } });
    assert.ok(result, 'tokens for an open dump');
    const { data } = result;
    const lines = text.split('\n');
    const tokens: { text: string; type: string; modifiers: string[] }[] = [];
    for (let i = 0, line = 0, character = 0; i < data.length; i += 5) {
      line += data[i];
      character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
      const modifiers = legend.tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0);
      tokens.push({ text: `${line}:${character}:${lines[line].slice(character, character + data[i + 2])}`, type: legend.tokenTypes[data[i + 3]], modifiers });
    }
    const tagged = tokens.filter((token) => token.modifiers.length === 0);
    const at = (offset: number, word: string): string => `${positionOf(text, offset).line}:${positionOf(text, offset).character}:${word}`;
    assert.deepEqual(tagged, [
      { text: at(place, '郑州'), type: 'place', modifiers: [] },
      { text: at(name, NAME), type: 'person', modifiers: [] },
    ]);
    assert.ok(tokens.every((token) => token.modifiers.length === 0 || token.modifiers.includes('suggested')), 'the others are suggestions');
  });

  test('an untagged name is a hint with a one-key fix; the hover on a tag says who it is', async () => {
    const file = dump('hints');
    await open(file);
    const text = docs.get(file.uri)!.text;
    const credit = text.indexOf('陈锋');
    // Hints come from the background, article by article: wait for the one on the credit.
    const isCreditHint = (d: Diagnostic): boolean => d.code === 'untagged-entity' && d.range.start.line === positionOf(text, credit).line && messageOf(d).startsWith('「陈锋」');
    const hints = await diagnostics(file.uri, (all) => all.some(isCreditHint));
    const hint = hints.find(isCreditHint);
    assert.ok(hint, `a hint on the credited name: ${hints.map(messageOf).join(' | ')}`);
    assert.equal(hint.severity, 4, 'a hint, kept out of the Problems panel');
    assert.deepEqual(hint.range, rangeOf(text, credit, credit + 2));
    const wordCard = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: file.uri }, position: positionOf(text, credit + 1) });
    assert.match((wordCard?.contents as MarkupContent).value.replace(/\\(.)/g, '$1'), /「陈锋」 looks like an untagged/, 'the hover on the hinted name says so');
    const fix = (await actionsAt(file.uri, hint.range, [hint])).find((action) => action.isPreferred);
    assert.equal(fix?.title, 'Tag 「陈锋」 as PER (人名)');
    await run(fix);
    assert.equal(annOf(file.path), `${bratLine('T1', 'PER', text, credit, '陈锋')}\n`);
    const since = published.length;
    await waitFor('the hint to go once the name is tagged', () => {
      const latest = published.slice(since).filter((params) => params.uri === file.uri).pop();
      return latest && !latest.diagnostics.some((d) => d.code === 'untagged-entity' && d.range.start.line === hint.range.start.line && messageOf(d).startsWith('「陈锋」')) ? true : undefined;
    });

    const at = text.indexOf(`市委书记${NAME}`) + 4;
    await tagAt(file.uri, at);
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: file.uri }, position: positionOf(text, at + 1) });
    const shown = (hover?.contents as MarkupContent).value.replace(/\\(.)/g, '$1');
    assert.match(shown, /\*\*安伟\*\* — PER \(人名\) · T2/);
    assert.match(shown, /tagged 1× in this file/);
    assert.match(shown, /titles before it: 市委书记 \(1\)/);
  });

  test('a name typed into an article is hinted in the publish of that keystroke, with no second publish for the hint', async () => {
    const file = dump('typing');
    await open(file);
    const before = docs.get(file.uri)!.text;
    // The background's hints for the opened dump, then quiet.
    await diagnostics(file.uri, (all) => all.some((d) => d.code === 'untagged-entity'));
    await new Promise((done) => setTimeout(done, 800));
    const at = before.indexOf('。') + 1;
    const typed = '市委书记张宏伟';
    const since = published.length;
    await change(file.uri, [at, at, typed]);
    const { text, version } = docs.get(file.uri)!;
    const first = await waitFor('the keystroke\'s publish', () => published.slice(since).find((params) => params.uri === file.uri && params.version === version));
    const name = text.indexOf('张宏伟', at);
    assert.ok(
      first.diagnostics.some((d) => d.code === 'untagged-entity' && messageOf(d).startsWith('「张宏伟」') && d.range.start.character === positionOf(text, name).character),
      `the typed name's hint in the first publish: ${first.diagnostics.filter((d) => d.code === 'untagged-entity').map(messageOf).join(' | ')}`,
    );
    await new Promise((done) => setTimeout(done, 600));
    assert.equal(published.slice(since).filter((params) => params.uri === file.uri).length, 1, 'one publish for one keystroke');
  });

  test('dumps of six folders opened together all get their hints (more folders than suggestion caches kept)', async () => {
    // As VS Code restoring tabs: every dump opened before any is hinted. Each folder's hints
    // are made with its own cache; dropping one whose dump was still being hinted once made
    // every job start its article again on each slice, and no hint ever came.
    const files = ['one', 'two', 'three', 'four', 'five', 'six'].map((folder) => dump(`folders-${folder}`));
    for (const file of files) {
      const text = readFileSync(file.path, 'utf8');
      docs.set(file.uri, { path: file.path, text, version: 1 });
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: file.uri, languageId: 'newsdump', version: 1, text } });
    }
    for (const file of files) {
      const text = docs.get(file.uri)!.text;
      const credit = text.indexOf('陈锋');
      const hints = await diagnostics(file.uri, (all) => all.some((d) => d.code === 'untagged-entity' && d.range.start.line === positionOf(text, credit).line));
      assert.ok(hints.length > 0, file.uri);
    }
  });

  test('a project type from newsdump.json; tag all in the workspace: open and closed dumps, never an unrelated folder', async () => {
    const seed = readFileSync(SEED, 'utf8');
    const open1 = dump('corpus');
    const folder = join(scratch, 'corpus');
    writeFileSync(join(folder, 'newsdump.json'), JSON.stringify({ entityTypes: [{ type: 'TITLE', label: '职务', color: '#b58900' }] }));
    const other = join(folder, 'other.txt');
    writeFileSync(other, seed);
    const otherAnn = `${bratLine('T5', 'ORG', seed, seed.indexOf('郑州晚报'), '郑州晚报')}\r\n#1\tAnnotatorNotes T5\t报社\r\n`;
    writeFileSync(join(folder, 'other.ann'), otherAnn);
    writeFileSync(join(folder, 'plain.txt'), '没有人名的一段话。\n');
    const elsewhere = dump('elsewhere'); // no .ann next to it: not part of the annotated corpus
    await open(open1);
    const title = seed.indexOf(`市委书记${NAME}`);
    const onTitle = await actionsAt(open1.uri, cursorAt(seed, title + 1));
    assert.ok(titled(onTitle, 'Tag 「市委书记」 as TITLE (职务)'), onTitle.map((action) => action.title).join(' | '));

    const occurrences = offsetsOf(seed, NAME);
    await run(titled(await actionsAt(open1.uri, cursorAt(seed, occurrences[0] + 1)), `Tag all 「${NAME}」 in the workspace as PER (人名)`));
    assert.deepEqual(annOf(open1.path).split('\n').filter(Boolean), occurrences.map((offset, index) => bratLine(`T${index + 1}`, 'PER', seed, offset, NAME)));
    const added = occurrences.map((offset, index) => `${bratLine(`T${index + 6}`, 'PER', seed, offset, NAME)}\r\n`).join('');
    assert.equal(readFileSync(join(folder, 'other.ann'), 'utf8'), otherAnn + added, 'the closed dump: its lines kept, new ids after its highest, its line ends');
    assert.ok(!existsSync(join(folder, 'plain.ann')), 'a dump without the name gets no .ann');
    assert.ok(!existsSync(elsewhere.path.replace(/\.txt$/, '.ann')), 'a folder outside the annotated corpus is left alone');
    assert.equal(readFileSync(other, 'utf8'), seed, 'the text is never touched');
  });
});
