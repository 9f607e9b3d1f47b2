// "Article 3/12  ⚠ 2" while a dump is active: where the cursor is and how many problems
// that article has. Clicking it opens "Go to Article…".
import * as vscode from 'vscode';
import { articleIndexAt, countProblems, describeProblems, describeShownLines, shownLines, statusText, type ArticleEntry } from './articles';
import type { ArticleIndex } from './articleIndex';
import { LANGUAGE_ID, statusBarEnabled } from './config';

const CURSOR_DELAY_MS = 50;
const EDIT_DELAY_MS = 400;

export class ArticleStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Bumped on every update so a slow answer for an old state never overwrites a newer one. */
  private generation = 0;

  constructor(private readonly index: ArticleIndex) {
    this.item = vscode.window.createStatusBarItem('newsdump.article', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'newsdump: Article';
    this.item.command = 'newsdump.goToArticle';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.schedule(CURSOR_DELAY_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule(EDIT_DELAY_MS);
      }),
      // A language switch (sniffing, or the user's choice) reopens the document with its new id.
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document === vscode.window.activeTextEditor?.document) this.schedule(0);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.schedule(CURSOR_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('newsdump.statusBar.enabled')) this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  /** Re-reads the articles (after a server start, when the first answer was empty). */
  refresh(): void {
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID || !statusBarEnabled()) {
      this.item.hide();
      return;
    }
    const articles = await this.index.articles(editor.document);
    if (generation !== this.generation) return;
    if (articles === undefined) {
      this.item.hide();
      return;
    }
    this.render(editor, articles);
  }

  private render(editor: vscode.TextEditor, articles: readonly ArticleEntry[]): void {
    const current = articleIndexAt(articles, editor.selection.active);
    const article = current >= 0 ? articles[current] : undefined;
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
    const shown = shownLines(diagnostics);
    const counts = article ? countProblems(diagnostics, article.range, shown) : undefined;
    this.item.text = statusText(current, articles.length, counts);

    const tooltip = new vscode.MarkdownString(undefined, true);
    if (article) {
      tooltip.appendMarkdown(`**${escape(article.name)}**\n\n`);
      if (article.detail) tooltip.appendMarkdown(`${escape(article.detail)}\n\n`);
      tooltip.appendMarkdown(`Article ${current + 1} of ${articles.length} · ${describeProblems(counts)}\n\n`);
    } else if (articles.length > 0) {
      tooltip.appendMarkdown(`The cursor is outside the ${articles.length} articles of this file.\n\n`);
    } else {
      tooltip.appendMarkdown('No articles found in this file.\n\n');
    }
    if (shown) tooltip.appendMarkdown(`${escape(describeShownLines(shown))}\n\n`);
    tooltip.appendMarkdown('Click to go to another article');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: article ? `Article ${current + 1} of ${articles.length}, ${describeProblems(counts)}` : `${articles.length} articles`,
    };
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (char) => `\\${char}`);
}
