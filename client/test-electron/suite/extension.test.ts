// The extension in a real VS Code: a seed dump saved as an ordinary .txt file is recognised
// by its content, the Outline lists its articles, its OCR breaks are warnings in the Problems
// panel, and the quick fix joins one. Everything goes through VS Code's own commands and
// APIs, the way the editor's UI gets it, not through the language server directly.
// Expectations come from the hand-written test-fixtures/seeds/002_ec0d75b02129a70c.expected.json.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { after, test } from './harness';

const EXTENSION_ID = 'newsdump.newsdump';
const SEED = '002_ec0d75b02129a70c';

interface ExpectedArticle {
  readonly title: string;
  readonly titleLine: number;
  /** [last line of the first half, first line of the second half], 1-based. */
  readonly breaks: readonly (readonly [number, number])[];
}

const extension = vscode.extensions.getExtension(EXTENSION_ID);
const root = extension?.extensionPath ?? join(__dirname, '..', '..', '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'test-fixtures', 'seeds', `${SEED}.expected.json`), 'utf8')) as {
  articles: ExpectedArticle[];
};
const expectedBreaks = expected.articles.flatMap((article) => article.breaks.map(([first, second]) => [first, second] as const));

// runTests.ts opens VS Code on a fresh temporary folder and names it here; run some other way,
// the test makes its own. Neither the folder nor the name `paper-002.txt` matches a
// `newsdump.files` glob, so only detection by content can make the file a dump.
const ownWorkspace = process.env.NEWSDUMP_TEST_WORKSPACE === undefined;
const workspace = process.env.NEWSDUMP_TEST_WORKSPACE ?? mkdtempSync(join(tmpdir(), 'newsdump-vscode-'));
const file = join(workspace, 'paper-002.txt');
const uri = vscode.Uri.file(file);

after(async () => {
  const open = vscode.workspace.textDocuments.find((doc) => sameUri(doc.uri, uri));
  if (open?.isDirty) {
    await vscode.window.showTextDocument(open);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  if (ownWorkspace) rmSync(workspace, { recursive: true, force: true });
});

test('the extension is installed from the development folder', () => {
  assert.ok(extension, `extension ${EXTENSION_ID} is loaded (--extensionDevelopmentPath)`);
});

test('a dump saved as .txt opens as plain text and is recognised as newsdump by its content', async () => {
  copyFileSync(join(root, 'test-fixtures', 'seeds', `${SEED}.txt`), file);
  const opened = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(opened);
  await eventually('the language to become newsdump', 20_000, () => {
    assert.equal(documentOf(uri).languageId, 'newsdump');
  });
  assert.equal(extension?.isActive, true, 'the extension is active');
});

test('the Outline lists the articles by title, at their title lines', async () => {
  await eventually('the document symbols', 30_000, async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.deepEqual(
      (symbols ?? []).map((symbol) => symbol.name),
      expected.articles.map((article) => article.title),
    );
    assert.deepEqual(
      (symbols ?? []).map((symbol) => symbol.selectionRange.start.line + 1),
      expected.articles.map((article) => article.titleLine),
    );
  });
});

test('the OCR breaks are warnings at the lines the editor marked', async () => {
  await eventually('the ocr-break diagnostics', 30_000, () => {
    assert.deepEqual(breakLines(ocrBreaks()), expectedBreaks);
  });
  for (const diagnostic of ocrBreaks()) {
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning, diagnostic.message);
    assert.equal(diagnostic.source, 'newsdump');
  }
});

test('"Join the two halves" at the first break joins the paragraph and the warning goes', async () => {
  const target = ocrBreaks()[0];
  assert.ok(target, 'there is a break to fix');
  const before = documentOf(uri);
  const linesBefore = before.lineCount;
  const joined =
    before.lineAt(target.range.start.line).text.slice(0, target.range.start.character) +
    before.lineAt(target.range.end.line).text.slice(target.range.end.character);

  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
      10, // resolve up to this many actions, in case the edits are filled in lazily
    )) ?? [];
  const joinFix = actions.filter(isCodeAction).find((action) => action.title === 'Join the two halves');
  assert.ok(joinFix?.edit, `a "Join the two halves" fix with an edit among: ${actions.map((action) => action.title).join(' | ')}`);
  assert.equal(await vscode.workspace.applyEdit(joinFix.edit), true, 'the edit applies');
  if (joinFix.command) await vscode.commands.executeCommand(joinFix.command.command, ...(joinFix.command.arguments ?? []));

  const removed = target.range.end.line - target.range.start.line;
  await eventually('the joined text', 5_000, () => {
    const edited = documentOf(uri);
    assert.equal(edited.lineCount, linesBefore - removed, 'the lines between the halves are gone');
    assert.equal(edited.lineAt(target.range.start.line).text, joined, 'the second half follows the first on one line');
  });
  await eventually('the remaining ocr-break diagnostics', 30_000, () => {
    assert.deepEqual(
      breakLines(ocrBreaks()),
      expectedBreaks.slice(1).map(([first, second]) => [first - removed, second - removed]),
    );
  });
});

/** The open document for `target` now: a language change replaces the TextDocument object. */
function documentOf(target: vscode.Uri): vscode.TextDocument {
  const doc = vscode.workspace.textDocuments.find((candidate) => sameUri(candidate.uri, target));
  assert.ok(doc, `${target.fsPath} is open`);
  return doc;
}

function ocrBreaks(): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => codeOf(diagnostic) === 'ocr-break')
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** 1-based [start line, end line] of each break, the form of the expected file. */
function breakLines(diagnostics: readonly vscode.Diagnostic[]): (readonly [number, number])[] {
  return diagnostics.map((diagnostic) => [diagnostic.range.start.line + 1, diagnostic.range.end.line + 1] as const);
}

/** A diagnostic's rule id; VS Code wraps it in `{ value, target }` when it links to documentation. */
function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

function isCodeAction(action: vscode.CodeAction | vscode.Command): action is vscode.CodeAction {
  return typeof (action as vscode.Command).command !== 'string';
}

function sameUri(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}

/**
 * Retries `check` until it stops throwing. The language server answers asynchronously (it
 * starts with the first dump, and diagnostics follow a short pause after each change), so
 * the tests wait for the state they expect and, on time-out, fail with the last mismatch.
 */
async function eventually(what: string, timeoutMs: number, check: () => void | Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}:\n${reason}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
