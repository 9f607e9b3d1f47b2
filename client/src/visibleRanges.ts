// Tells the server which lines of each dump the user sees (newsdump/visibleRanges). VS Code
// shows at most 1 000 diagnostics of a file, so on a big dump the server publishes those
// around the visible lines; it also makes entity hints there first.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './config';
import type { ServerController } from './languageClient';
import { VisibleRangesNotification } from './protocol';

/** Scrolling fires an event per frame: only where the user stops counts. */
const SEND_AFTER_MS = 150;

export class VisibleRangesReporter implements vscode.Disposable {
  private readonly timers = new Map<vscode.TextEditor, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly controller: ServerController) {
    this.subscriptions = [
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.later(event.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.later(editor)),
      // A file switched to the dump language is opened again, wherever its editor stands.
      vscode.workspace.onDidOpenTextDocument((document) => {
        const uri = document.uri.toString();
        vscode.window.visibleTextEditors.filter((editor) => editor.document.uri.toString() === uri).forEach((editor) => this.later(editor));
      }),
      // A (re)started server knows nothing of where the user is.
      controller.onDidStart(() => vscode.window.visibleTextEditors.forEach((editor) => this.later(editor))),
    ];
  }

  private later(editor: vscode.TextEditor): void {
    clearTimeout(this.timers.get(editor));
    this.timers.set(
      editor,
      setTimeout(() => {
        this.timers.delete(editor);
        this.send(editor);
      }, SEND_AFTER_MS),
    );
  }

  private send(editor: vscode.TextEditor): void {
    const client = this.controller.running;
    // Looked at when sending: an editor's document may have changed language meanwhile.
    if (!client || editor.document.languageId !== LANGUAGE_ID || editor.document.isClosed || editor.visibleRanges.length === 0) return;
    const converter = client.code2ProtocolConverter;
    void client
      .sendNotification(VisibleRangesNotification, { uri: converter.asUri(editor.document.uri), ranges: editor.visibleRanges.map((range) => converter.asRange(range)) })
      .catch(() => undefined);
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
