// Tagged entities in the colours of their types (PER, ORG, LOC and the project's own, from
// newsdump.json or newsdump.entityTypes): a line under each tag and a mark in the scroll
// bar, so an annotator sees what is tagged, and where in a long dump, at a glance. The
// theme still colours the text itself (semantic tokens); this adds the user's colours.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './config';
import type { ServerController } from './languageClient';
import { TagsChangedNotification, TagsRequest } from './protocol';

/** Typing pauses shorter than this do not ask the server again (VS Code moves the marks with the text meanwhile). */
const REFRESH_AFTER_MS = 400;

export class EntityColors implements vscode.Disposable {
  private readonly decorations = new Map<string, vscode.TextEditorDecorationType>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly server: ServerController) {
    this.subscriptions.push(
      server.onDidStart((client) => {
        this.subscriptions.push(client.onNotification(TagsChangedNotification, ({ uri }) => this.refreshUri(client, uri)));
        this.refreshVisible();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshVisible()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.languageId === LANGUAGE_ID && event.contentChanges.length > 0) this.schedule(event.document);
      }),
    );
  }

  private refreshVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.languageId === LANGUAGE_ID) this.schedule(editor.document, 0);
  }

  private refreshUri(client: LanguageClient, uri: string): void {
    const document = vscode.workspace.textDocuments.find((open) => client.code2ProtocolConverter.asUri(open.uri) === uri);
    if (document) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay = REFRESH_AFTER_MS): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.paint(document).catch(() => undefined); // a server that is restarting answers nothing: the next change asks again
      }, delay),
    );
  }

  private async paint(document: vscode.TextDocument): Promise<void> {
    const client = this.server.running;
    const editors = vscode.window.visibleTextEditors.filter((editor) => editor.document === document);
    if (!client || editors.length === 0) return;
    const result = await client.sendRequest(TagsRequest, { uri: client.code2ProtocolConverter.asUri(document.uri) });
    // An answer for an older text would put marks in the wrong places: the newer text's request follows.
    if (!result || result.version !== document.version) return;
    const byColour = new Map<string, vscode.DecorationOptions[]>();
    for (const tag of result.tags) {
      if (!tag.color) continue;
      const ranges = byColour.get(tag.color) ?? [];
      ranges.push({ range: client.protocol2CodeConverter.asRange(tag.range) });
      byColour.set(tag.color, ranges);
    }
    for (const colour of byColour.keys()) this.decorationFor(colour);
    for (const editor of editors) {
      for (const [colour, decoration] of this.decorations) editor.setDecorations(decoration, byColour.get(colour) ?? []);
    }
  }

  private decorationFor(colour: string): vscode.TextEditorDecorationType {
    let decoration = this.decorations.get(colour);
    if (!decoration) {
      decoration = vscode.window.createTextEditorDecorationType({
        borderStyle: 'none none solid none',
        borderWidth: '0 0 2px 0',
        borderColor: colour,
        overviewRulerColor: colour,
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        // Typing next to a name does not grow its tag (the server's rule too).
        rangeBehavior: vscode.DecorationRangeBehavior.OpenOpen,
      });
      this.decorations.set(colour, decoration);
    }
    return decoration;
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.decorations.forEach((decoration) => decoration.dispose());
  }
}
