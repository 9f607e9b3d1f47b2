// Moving between articles: next / previous title, and a quick pick of all articles with
// their bylines and problem counts (previewed as you move through the list).
import * as vscode from 'vscode';
import { articleIndexAt, countProblems, describeProblems, nextArticleIndex, previousArticleIndex, shownLines, type ArticleEntry } from './articles';
import type { ArticleIndex } from './articleIndex';
import { LANGUAGE_ID } from './config';
import type { ServerController } from './languageClient';

export class ArticleNavigator {
  constructor(
    private readonly index: ArticleIndex,
    private readonly server: ServerController,
  ) {}

  async next(): Promise<void> {
    await this.step('next');
  }

  async previous(): Promise<void> {
    await this.step('previous');
  }

  private async step(direction: 'next' | 'previous'): Promise<void> {
    const editor = activeDumpEditor();
    if (!editor) return;
    const articles = await this.articlesOf(editor.document);
    if (!articles) return;
    const position = editor.selection.active;
    const target = direction === 'next' ? nextArticleIndex(articles, position) : previousArticleIndex(articles, position);
    if (target === -1) {
      vscode.window.setStatusBarMessage(direction === 'next' ? 'newsdump: no article after this one' : 'newsdump: no article before this one', 2500);
      return;
    }
    revealTitle(editor, articles[target]);
  }

  /** "Go to Article…": every article by title, byline names and problem count. */
  async pick(): Promise<void> {
    const editor = activeDumpEditor();
    if (!editor) return;
    const articles = await this.articlesOf(editor.document);
    if (!articles) return;
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
    const shown = shownLines(diagnostics);
    const current = articleIndexAt(articles, editor.selection.active);

    interface ArticleItem extends vscode.QuickPickItem {
      readonly article: ArticleEntry;
    }
    const items: ArticleItem[] = articles.map((article, i) => {
      const counts = countProblems(diagnostics, article.range, shown);
      const line = article.selectionRange.start.line + 1;
      return {
        label: `$(symbol-class) ${i + 1}. ${article.name}`,
        description: article.detail,
        detail: `line ${line} · ${describeProblems(counts)}`,
        article,
      };
    });

    const quickPick = vscode.window.createQuickPick<ArticleItem>();
    quickPick.title = `Articles in ${vscode.workspace.asRelativePath(editor.document.uri, false)} (${articles.length})`;
    quickPick.placeholder = 'Type to filter by title or byline names';
    quickPick.matchOnDescription = true;
    quickPick.items = items;
    if (current >= 0) quickPick.activeItems = [items[current]];

    const originalSelection = editor.selection;
    const originalVisible = editor.visibleRanges[0];
    let accepted = false;
    quickPick.onDidChangeActive(([item]) => {
      if (item) editor.revealRange(toRange(item.article.selectionRange), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
    quickPick.onDidAccept(() => {
      const [item] = quickPick.selectedItems;
      if (item) {
        accepted = true;
        revealTitle(editor, item.article);
      }
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!accepted) {
        editor.selection = originalSelection;
        if (originalVisible) editor.revealRange(originalVisible, vscode.TextEditorRevealType.AtTop);
      }
      quickPick.dispose();
    });
    quickPick.show();
  }

  private async articlesOf(document: vscode.TextDocument): Promise<ArticleEntry[] | undefined> {
    if (!(await this.server.ensureStarted())) return undefined;
    const articles = await this.index.articles(document);
    if (articles === undefined || articles.length === 0) {
      void vscode.window.showInformationMessage('newsdump: no articles found in this file (yet): the outline is empty.');
      return undefined;
    }
    return articles;
  }
}

function activeDumpEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('newsdump: open a newspaper dump first (or run "newsdump: Treat File as Newspaper Dump").');
    return undefined;
  }
  return editor;
}

/** Puts the cursor at the start of the title and the title at the top of the view, so the article reads from its head. */
function revealTitle(editor: vscode.TextEditor, article: ArticleEntry): void {
  const start = toPosition(article.selectionRange.start);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
}

function toPosition(pos: { line: number; character: number }): vscode.Position {
  return new vscode.Position(pos.line, pos.character);
}

function toRange(span: ArticleEntry['selectionRange']): vscode.Range {
  return new vscode.Range(toPosition(span.start), toPosition(span.end));
}
