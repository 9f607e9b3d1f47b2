// The VS Code side of newsdump: recognises dumps among plain-text files, starts the
// language server when the first dump opens, and adds the commands and the status bar
// item that work on articles. Everything about the text itself is the server's.
import * as vscode from 'vscode';
import { ArticleIndex } from './articleIndex';
import { checkWorkspace } from './checkWorkspace';
import { LANGUAGE_ID } from './config';
import { LanguageDetector, type Choice } from './detection';
import { joinAllBreaks } from './fixAll';
import { ServerController } from './languageClient';
import { ArticleNavigator } from './navigation';
import { ArticleStatusBar } from './statusBar';
import { EntityColors } from './entityColors';
import { tagEntity } from './tagEntity';
import { EntitiesView } from './entitiesView';
import { exportAnnotations } from './exportAnnotations';
import { VisibleRangesReporter } from './visibleRanges';

let server: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('newsdump', { log: true });
  server = new ServerController(context, output);
  const controller = server;
  const detector = new LanguageDetector(output);
  const index = new ArticleIndex();
  const navigator = new ArticleNavigator(index, controller);
  const statusBar = new ArticleStatusBar(index);

  context.subscriptions.push(
    output,
    detector,
    index,
    statusBar,
    new EntityColors(controller),
    new EntitiesView(controller),
    new VisibleRangesReporter(controller),
    { dispose: () => void controller.dispose() },
    controller.onDidStart(() => {
      index.clear();
      statusBar.refresh();
    }),

    // The server is started by the first dump, not by the plain .txt files that activate us for sniffing.
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.languageId === LANGUAGE_ID) void controller.ensureStarted();
    }),

    vscode.commands.registerCommand('newsdump.switchToDump', (uri?: vscode.Uri) => switchLanguage(detector, uri, 'dump')),
    vscode.commands.registerCommand('newsdump.switchToPlainText', (uri?: vscode.Uri) => switchLanguage(detector, uri, 'other')),
    vscode.commands.registerCommand('newsdump.nextArticle', () => navigator.next()),
    vscode.commands.registerCommand('newsdump.previousArticle', () => navigator.previous()),
    vscode.commands.registerCommand('newsdump.goToArticle', () => navigator.pick()),
    vscode.commands.registerCommand('newsdump.joinAllBreaks', () => joinAllBreaks(controller)),
    vscode.commands.registerCommand('newsdump.tagEntity', () => tagEntity(controller)),
    vscode.commands.registerCommand('newsdump.checkWorkspace', () => checkWorkspace(controller, output, (uri) => detector.choiceFor(uri))),
    vscode.commands.registerCommand('newsdump.exportAnnotations', () => exportAnnotations(controller, output, (uri) => detector.choiceFor(uri))),
    vscode.commands.registerCommand('newsdump.restartServer', () => controller.restart()),
    vscode.commands.registerCommand('newsdump.showOutput', () => output.show(true)),
  );

  if (vscode.workspace.textDocuments.some((document) => document.languageId === LANGUAGE_ID)) void controller.ensureStarted();
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}

/**
 * "Treat File as …" on the file it was invoked on (explorer, editor tab) or the active
 * editor's. The choice is recorded before the file opens, so sniffing on open obeys it.
 */
async function switchLanguage(detector: LanguageDetector, uri: vscode.Uri | undefined, choice: Choice): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('newsdump: open the file first, then run the command in its editor.');
    return;
  }
  detector.remember(target, choice);
  let document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === target.toString());
  if (!document) {
    try {
      document = await vscode.workspace.openTextDocument(target);
      await vscode.window.showTextDocument(document);
    } catch (error) {
      void vscode.window.showErrorMessage(`newsdump: cannot open ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
  }
  await detector.applyChoice(document, choice);
}
