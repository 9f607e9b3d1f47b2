// The Entities view in the Explorer: the entities of the active dump by type, then by
// name, then each occurrence; a click goes there. Shown only while a dump is the active
// editor (context key newsdump.dumpActive); suggestions are a separate group, off until
// the user turns them on from the view's title bar.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './config';
import type { ServerController } from './languageClient';
import { EntitiesRequest, TagsChangedNotification } from './protocol';
import { buildEntityTree, type EntityRange, type TreeNode } from './entitiesTree';

export const ENTITIES_VIEW_ID = 'newsdump.entities';
const DUMP_ACTIVE_KEY = 'newsdump.dumpActive';
const SUGGESTIONS_KEY = 'newsdump.entities.suggestionsShown';
/** Typing pauses shorter than this do not ask the server again. */
const REFRESH_AFTER_MS = 500;

export class EntitiesView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The dump the view shows: the last active one (focusing the view itself keeps it). */
  private document: vscode.TextDocument | undefined;
  private roots: TreeNode[] = [];
  private suggestions = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly view: vscode.TreeView<TreeNode>;

  constructor(private readonly server: ServerController) {
    this.view = vscode.window.createTreeView(ENTITIES_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      // Switching a file to or from newsdump reopens its document under the new language.
      vscode.workspace.onDidOpenTextDocument(() => this.follow()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.schedule(REFRESH_AFTER_MS);
      }),
      server.onDidStart((client) => {
        this.subscriptions.push(
          client.onNotification(TagsChangedNotification, ({ uri }) => {
            if (this.document && client.code2ProtocolConverter.asUri(this.document.uri) === uri) this.schedule(0);
          }),
        );
        this.schedule(0);
      }),
      vscode.commands.registerCommand('newsdump.entities.showSuggestions', () => this.setSuggestions(true)),
      vscode.commands.registerCommand('newsdump.entities.hideSuggestions', () => this.setSuggestions(false)),
      vscode.commands.registerCommand('newsdump.entities.refresh', () => this.schedule(0)),
    );
    void vscode.commands.executeCommand('setContext', SUGGESTIONS_KEY, false);
    this.follow();
  }

  private follow(): void {
    const active = vscode.window.activeTextEditor?.document;
    const isDump = active?.languageId === LANGUAGE_ID;
    void vscode.commands.executeCommand('setContext', DUMP_ACTIVE_KEY, isDump);
    if (!isDump || active === this.document) return;
    this.document = active;
    this.schedule(0);
  }

  private setSuggestions(on: boolean): void {
    this.suggestions = on;
    void vscode.commands.executeCommand('setContext', SUGGESTIONS_KEY, on);
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), delay); // a restarting server answers nothing: the next change asks again
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    const client = this.server.running;
    if (!document || !client) return;
    const result = await client.sendRequest(EntitiesRequest, { uri: client.code2ProtocolConverter.asUri(document.uri), suggestions: this.suggestions });
    // An answer for an older text has stale ranges: the newer text's request follows.
    if (!result || result.version !== document.version || document !== this.document) return;
    this.roots = buildEntityTree(result.entities, (line) => (line < document.lineCount ? document.lineAt(line).text : ''), result.labels);
    const tagged = this.roots.reduce((sum, node) => sum + (node.kind === 'type' ? node.count : 0), 0);
    this.view.description = `${document.uri.path.split('/').pop()} · ${tagged} tagged`;
    this.changed.fire(undefined);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots;
    if (node.kind === 'suggestions') return [...node.types];
    if (node.kind === 'type') return [...node.entities];
    if (node.kind === 'entity') return [...node.occurrences];
    return [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'suggestions':
        return Object.assign(new vscode.TreeItem(node.label, collapsed), { iconPath: new vscode.ThemeIcon('lightbulb'), contextValue: 'suggestions' });
      case 'type':
        return Object.assign(new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded), {
          description: node.description,
          iconPath: new vscode.ThemeIcon('symbol-class'),
        });
      case 'entity':
        return Object.assign(new vscode.TreeItem(node.label, collapsed), {
          iconPath: new vscode.ThemeIcon('tag'),
          // A click on a name goes to its first occurrence; expanding lists them all.
          command: this.goTo(node.occurrences[0].range),
        });
      case 'occurrence':
        return Object.assign(new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None), { command: this.goTo(node.range) });
    }
  }

  private goTo(range: EntityRange): vscode.Command | undefined {
    if (!this.document) return undefined;
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    return { title: 'Go to Occurrence', command: 'vscode.open', arguments: [this.document.uri, { selection } satisfies vscode.TextDocumentShowOptions] };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
