// Which open files are newspaper dumps. A plain-text file becomes `newsdump` when its
// path matches `newsdump.files`, or (with `newsdump.detectByContent`) when it is a .txt
// whose first 64 KB read like a dump. The user has the last word: a language picked by
// hand (our two commands, or VS Code's own language picker) sticks to that file for the
// session, and sniffing never flips it back.
import * as vscode from 'vscode';
import { detectByContent, fileGlobs, LANGUAGE_ID, PLAIN_TEXT_ID } from './config';
import { matchesAnyGlob } from './glob';
import { SNIFF_HEAD_SIZE, sniffDump } from './sniff';

/** Schemes worth looking at: real files, and the left side of a diff against git. */
const SNIFFED_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs', 'git']);

export type Choice = 'dump' | 'other';

export class LanguageDetector implements vscode.Disposable {
  /** Per file, for this session: the user's own choice of language. */
  private readonly manual = new Map<string, Choice>();
  /** Language changes this detector asked for and has not yet seen happen. */
  private readonly expected = new Map<string, string>();
  /**
   * VS Code reports a language change as a close immediately followed by an open of the
   * same document in the same turn. A close remembered until the turn ends tells such an
   * open from a real reopen.
   */
  private readonly closedThisTurn = new Map<string, string>();
  /** Switches under way, so a second request for the same one waits for it instead of racing it. */
  private readonly switching = new Map<string, { readonly languageId: string; readonly done: Promise<void> }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.subscriptions.push(
      vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)),
      vscode.workspace.onDidOpenTextDocument((document) => void this.onOpen(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('newsdump.files') || event.affectsConfiguration('newsdump.detectByContent')) {
          this.reconsiderOpenDocuments();
        }
      }),
    );
    // The extension is activated by the first plain-text file: it is already open.
    this.reconsiderOpenDocuments();
  }

  /** Records the user's choice for a file before it is (re)opened, so sniffing on open already obeys it. */
  remember(uri: vscode.Uri, choice: Choice): void {
    this.manual.set(uri.toString(), choice);
  }

  /** The user's choice for a file this session, if any. */
  choiceFor(uri: vscode.Uri): Choice | undefined {
    return this.manual.get(uri.toString());
  }

  /** "Treat File as …": switches the document to the language the user chose for it. */
  async applyChoice(document: vscode.TextDocument, choice: Choice): Promise<void> {
    this.manual.set(key(document), choice);
    const target = choice === 'dump' ? LANGUAGE_ID : PLAIN_TEXT_ID;
    if (document.languageId !== target) await this.switchTo(document, target, 'chosen by you');
  }

  private onClose(document: vscode.TextDocument): void {
    const id = key(document);
    this.closedThisTurn.set(id, document.languageId);
    queueMicrotask(() => this.closedThisTurn.delete(id));
  }

  private async onOpen(document: vscode.TextDocument): Promise<void> {
    const id = key(document);
    const previousLanguage = this.closedThisTurn.get(id);
    if (previousLanguage !== undefined) {
      this.closedThisTurn.delete(id);
      if (this.expected.get(id) === document.languageId) {
        this.expected.delete(id);
        return;
      }
      // A language picked in VS Code's own picker (or set by another extension): respect it.
      this.expected.delete(id);
      this.manual.set(id, document.languageId === LANGUAGE_ID ? 'dump' : 'other');
      this.output.info(`newsdump: ${describe(document)} is now ${document.languageId} (chosen outside newsdump; kept for this session)`);
      return;
    }
    await this.consider(document);
  }

  private reconsiderOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) void this.consider(document);
  }

  private async consider(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const choice = this.manual.get(key(document));
    if (choice === 'dump') {
      // Reopened after the user chose: the choice still holds.
      if (document.languageId !== LANGUAGE_ID) await this.switchTo(document, LANGUAGE_ID, 'your choice earlier in this session');
      return;
    }
    if (choice === 'other' || document.languageId !== PLAIN_TEXT_ID) return;
    if (!SNIFFED_SCHEMES.has(document.uri.scheme)) return;

    if (matchesFileGlobs(document.uri)) {
      await this.switchTo(document, LANGUAGE_ID, 'its path matches newsdump.files');
      return;
    }
    if (!detectByContent(document.uri) || !isTxt(document.uri)) return;
    const result = sniffDump(headOf(document), document.offsetAt(document.lineAt(document.lineCount - 1).range.end) > SNIFF_HEAD_SIZE);
    if (result.isDump) await this.switchTo(document, LANGUAGE_ID, `it reads like a dump (${result.reason})`);
    else this.output.debug(`newsdump: ${describe(document)} stays plain text (${result.reason})`);
  }

  private switchTo(document: vscode.TextDocument, languageId: string, why: string): Promise<void> {
    const id = key(document);
    const inFlight = this.switching.get(id);
    if (inFlight && inFlight.languageId === languageId) return inFlight.done;
    const done = this.doSwitch(document, languageId, why).finally(() => {
      if (this.switching.get(id)?.done === done) this.switching.delete(id);
    });
    this.switching.set(id, { languageId, done });
    return done;
  }

  private async doSwitch(document: vscode.TextDocument, languageId: string, why: string): Promise<void> {
    const id = key(document);
    this.expected.set(id, languageId);
    try {
      await vscode.languages.setTextDocumentLanguage(document, languageId);
      this.output.info(`newsdump: ${describe(document)} → ${languageId}: ${why}`);
    } catch (error) {
      this.output.warn(`newsdump: could not switch ${describe(document)} to ${languageId}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      // Seen by onOpen when the switch happened; dropped here when it did not (already that language, or failed).
      if (this.expected.get(id) === languageId) this.expected.delete(id);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}

/** Does the file's path match one of the `newsdump.files` patterns of its folder? */
export function matchesFileGlobs(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const relativePath = folder ? vscode.workspace.asRelativePath(uri, false) : undefined;
  const absolutePath = uri.scheme === 'file' ? uri.fsPath : uri.path;
  return matchesAnyGlob(fileGlobs(uri), { relativePath, absolutePath }, process.platform === 'win32');
}

export function isTxt(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.txt');
}

/** The first SNIFF_HEAD_SIZE characters, without reading the rest of a month-long dump. */
function headOf(document: vscode.TextDocument): string {
  const end = document.positionAt(SNIFF_HEAD_SIZE);
  return document.getText(new vscode.Range(new vscode.Position(0, 0), end));
}

function key(document: vscode.TextDocument): string {
  return document.uri.toString();
}

function describe(document: vscode.TextDocument): string {
  return vscode.workspace.asRelativePath(document.uri, true);
}
