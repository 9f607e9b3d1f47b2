// The real server, over stdio, as VS Code talks to it. Expectations come from the
// hand-written fixture next to the dump, never from the code under test.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SymbolKind,
  type DocumentSymbol,
  type MarkupContent,
  type ProtocolConnection,
  type Range,
} from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT as ROOT } from './support/lspSession';

const SEED = resolve(ROOT, 'test-fixtures', 'seeds', '002_ec0d75b02129a70c');
const URI = pathToFileURL(`${SEED}.txt`).toString();

interface ExpectedArticle {
  title: string | null;
  titleLine: number; // 1-based, as in the editor's gutter
  firstLine: number;
  lastLine: number;
  credits: { role: string; names: string[]; mark?: string }[];
  bylineLines: number[];
}

const text = readFileSync(`${SEED}.txt`, 'utf8');
const expected = (): ExpectedArticle[] =>
  (JSON.parse(readFileSync(`${SEED}.expected.json`, 'utf8')) as { articles: ExpectedArticle[] }).articles;

/** The last line a range covers: an end at column 0 of a later line stops on the line before. */
function lastLineOf(range: Range): number {
  return range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The names an editor expects to see next to a title, in order, each once. */
function expectedDetail(article: ExpectedArticle): string {
  const names = [...new Set(article.credits.flatMap((credit) => credit.names))];
  return names.length > 0 ? names.join(' ') : 'no byline';
}

function markdownOf(contents: unknown): string {
  // Escapes such as \( are Markdown's business; compare what the reader sees.
  return (contents as MarkupContent).value.replace(/\\(.)/g, '$1');
}

describe('language server over stdio', { timeout: 30_000 }, () => {
  let session: LspSession;
  let connection: ProtocolConnection;

  before(async () => {
    session = await LspSession.start({ cwd: ROOT, rootUri: pathToFileURL(ROOT).toString() });
    connection = session.connection;
    const init = session.initializeResult!;
    assert.equal(init.capabilities.documentSymbolProvider, true);
    assert.equal(init.capabilities.foldingRangeProvider, true);
    assert.equal(init.capabilities.hoverProvider, true);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'newsdump', version: 1, text },
    });
  });

  after(() => session?.dispose());

  const symbols = async (uri = URI): Promise<DocumentSymbol[] | null> =>
    (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[] | null;

  test('documentSymbol: one symbol per article, named by its title, bylines as detail', async () => {
    const articles = expected();
    const result = await symbols();
    assert.ok(result, 'symbols for an open document');
    assert.equal(result.length, articles.length, `articles: ${result.map((symbol) => symbol.name).join(' | ')}`);
    for (const [index, article] of articles.entries()) {
      const symbol: DocumentSymbol = result[index];
      if (article.title === null) assert.match(symbol.name, /^\(untitled\) /);
      else assert.equal(symbol.name, article.title);
      assert.equal(symbol.detail, expectedDetail(article), `detail of ${symbol.name}`);
      assert.equal(symbol.selectionRange.start.line, article.titleLine - 1, `title line of ${symbol.name}`);
      assert.equal(symbol.range.start.line, article.firstLine - 1, `first line of ${symbol.name}`);
      assert.equal(lastLineOf(symbol.range), article.lastLine - 1, `last line of ${symbol.name}`);
      assert.ok(contains(symbol.range, symbol.selectionRange), 'selection range inside the range');
      for (const child of symbol.children ?? []) {
        assert.ok(contains(symbol.range, child.range), `child ${child.name} inside ${symbol.name}`);
        assert.ok(contains(child.range, child.selectionRange), `selection of ${child.name} inside it`);
      }
      // A credit site may span several lines (`记者 …` then `通讯员 … 文/图`): every byline line lies in one.
      const bylineChildren = (symbol.children ?? []).filter((child) => child.kind === SymbolKind.Property);
      for (const line of article.bylineLines) {
        assert.ok(
          bylineChildren.some((child) => child.range.start.line <= line - 1 && line - 1 <= lastLineOf(child.range)),
          `a byline child of ${symbol.name} covers line ${line}`,
        );
      }
      for (const child of bylineChildren) {
        assert.ok(article.bylineLines.includes(child.range.start.line + 1), `byline ${child.name} starts on a byline line`);
      }
    }
  });

  test('foldingRange: one fold per article, from its first to its last line', async () => {
    const folds = await connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: URI } });
    const multiLine = expected().filter((article) => article.lastLine > article.firstLine);
    assert.deepEqual(
      folds?.map((fold) => [fold.startLine, fold.endLine]),
      multiLine.map((article) => [article.firstLine - 1, article.lastLine - 1]),
    );
  });

  test('hover on a title line shows the article card with its credits', async () => {
    for (const article of expected()) {
      const hover = await connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: URI },
        position: { line: article.titleLine - 1, character: 2 },
      });
      assert.ok(hover, `a card on line ${article.titleLine}`);
      const card = markdownOf(hover.contents);
      if (article.title) assert.ok(card.includes(article.title), `card shows the title ${article.title}`);
      for (const credit of article.credits) {
        const names = [...credit.names, ...(credit.mark ? [credit.mark] : [])].join(' ');
        assert.ok(card.includes(credit.role ? `${credit.role}: ${names}` : names), `card shows ${credit.role} ${names}:\n${card}`);
      }
      assert.match(card, /\d+ characters/);
    }
  });

  test('hover on a kicker line above the title shows the same card', async () => {
    const withKicker = expected().find((article) => article.firstLine < article.titleLine && article.title);
    assert.ok(withKicker, 'the seed has an article with a line above its title');
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: withKicker.firstLine - 1, character: 0 },
    });
    assert.ok(hover);
    assert.ok(markdownOf(hover.contents).includes(withKicker.title!));
  });

  test('hover on a body line shows how the segmenter cuts it, never the article card', async () => {
    const lines = text.split(/\r\n|\r|\n/);
    const article = expected()[0];
    // A line ending a sentence is body text, never a title.
    const body = lines.findIndex((line, index) => index >= article.titleLine && index < article.lastLine && line.trim().endsWith('。'));
    assert.ok(body > 0, 'the first article has a body line');
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: body, character: 3 },
    });
    assert.ok(hover, 'a hover on a word of the body');
    const shown = markdownOf(hover.contents);
    assert.match(shown, /^segmenter: /, shown);
    assert.ok(!shown.includes(article.title ?? '\u0000'), `not the article card: ${shown}`);
    // The word under the cursor is one of the words shown, in bold, with its part of speech.
    const word = /\*\*([^*]+)\/[a-z]+\*\*/.exec(shown)?.[1];
    assert.ok(word && lines[body].includes(word), `the word under the cursor, in bold: ${shown}`);
    const at = lines[body].indexOf(word);
    assert.ok(at <= 3 && 3 <= at + word.length, `${word} is under column 3 of “${lines[body].slice(0, 10)}”`);
  });

  test('a request for an unknown document answers null and the server keeps serving', async () => {
    const unknown = await symbols('file:///nowhere/never-opened.txt');
    assert.ok(unknown === null || unknown.length === 0);
    const again = await symbols();
    assert.equal(again?.length, expected().length);
  });

  test('incremental edits: inserted lines shift every range, an edited title is renamed', async () => {
    const beforeEdit = (await symbols())!;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n\n' }],
    });
    const shifted = (await symbols())!;
    assert.deepEqual(
      shifted.map((symbol) => [symbol.name, symbol.range.start.line, symbol.selectionRange.start.line]),
      beforeEdit.map((symbol) => [symbol.name, symbol.range.start.line + 3, symbol.selectionRange.start.line + 3]),
    );

    const last = shifted[shifted.length - 1];
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: last.selectionRange.start, end: last.selectionRange.start }, text: '测试' }],
    });
    const renamed = (await symbols())!;
    assert.equal(renamed[renamed.length - 1].name, `测试${last.name}`);
  });

  test('shutdown and exit end the server cleanly', async () => {
    assert.equal(await session.shutdown(), 0, `server stderr:\n${session.stderr}`);
  });
});

// vscode-languageclient starts a module server with --clientProcessId=<pid>; the server must accept it.
test('the server starts with the arguments VS Code adds', { timeout: 30_000 }, async () => {
  const session = await LspSession.start({ args: [`--clientProcessId=${process.pid}`], rootUri: null });
  try {
    assert.equal(session.initializeResult!.capabilities.documentSymbolProvider, true, session.stderr);
    await session.shutdown();
  } finally {
    session.dispose();
  }
});
