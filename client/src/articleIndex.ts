// The articles of an open dump, from the document symbols the server provides (one
// top-level symbol per article, named by its main title). Cached per document version so
// the status bar can follow the cursor without asking the server on every move.
import * as vscode from 'vscode';
import { sortArticles, type ArticleEntry } from './articles';

interface CacheEntry {
  readonly version: number;
  readonly articles: Promise<ArticleEntry[] | undefined>;
}

export class ArticleIndex implements vscode.Disposable {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
    );
  }

  /** The articles of the document in document order; undefined when the symbol provider failed. */
  async articles(document: vscode.TextDocument): Promise<ArticleEntry[] | undefined> {
    const id = document.uri.toString();
    const cached = this.cache.get(id);
    if (cached && cached.version === document.version) return cached.articles;
    const articles = fetchArticles(document.uri);
    this.cache.set(id, { version: document.version, articles });
    const result = await articles;
    // No answer, or none yet (before the server has started, VS Code answers []): ask again next time.
    if ((result === undefined || result.length === 0) && this.cache.get(id)?.articles === articles) this.cache.delete(id);
    return result;
  }

  /** Drops every cached answer (the server restarted: its answers may differ). */
  clear(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.cache.clear();
  }
}

async function fetchArticles(uri: vscode.Uri): Promise<ArticleEntry[] | undefined> {
  let symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined;
  try {
    symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
  } catch {
    return undefined;
  }
  if (!Array.isArray(symbols)) return undefined;
  const articles: ArticleEntry[] = [];
  for (const symbol of symbols) {
    if ('selectionRange' in symbol) {
      articles.push({ name: symbol.name, detail: symbol.detail || undefined, range: symbol.range, selectionRange: symbol.selectionRange });
    } else if (symbol.containerName === '' || symbol.containerName === undefined) {
      // A provider of flat SymbolInformation: the top-level ones are the articles.
      const range = symbol.location.range;
      articles.push({ name: symbol.name, range, selectionRange: new vscode.Range(range.start, range.start) });
    }
  }
  return sortArticles(articles);
}
