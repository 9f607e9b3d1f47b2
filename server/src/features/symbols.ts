// Outline: one symbol per article, its sections and credit sites as children.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { Article, DumpModel, Span } from '../model/types';
import { parsedArticleOf } from '../model/shift';
import type { LineIndex } from '../text/positions';

const UNTITLED_PREVIEW_CHARS = 20;

/**
 * The outlines of the versions of edited documents, each article's symbol made once. An edit
 * re-parses the articles around it; those before it are the same objects, and those after it
 * views of the ones before (model/shift.ts), so their symbols are the last ones moved down by
 * the lines the edit added (the same objects when it added none). VS Code asks for the outline
 * after every edit (Outline view, breadcrumbs, sticky scroll): making and writing it whole took
 * the server 100–190 ms a version on an 11 MB dump, hovers and keystrokes waiting behind it.
 */
export class OutlineCache {
  /** The last symbol made for each article as parsed, in the positions of the version it was made for. */
  private readonly made = new WeakMap<Article, DocumentSymbol>();

  symbols(model: DumpModel, text: string, lines: LineIndex): DocumentSymbol[] {
    return model.articles.map((article) => this.symbolOf(article, text, lines));
  }

  private symbolOf(article: Article, text: string, lines: LineIndex): DocumentSymbol {
    const parsed = parsedArticleOf(article) ?? article;
    const before = this.made.get(parsed);
    if (before !== undefined) {
      // The same text: every position in it follows from where it starts. Only an edit before
      // it on its first line moves it sideways, and that is made anew.
      const start = lines.positionAt(article.span.start);
      if (start.character === before.range.start.character) {
        const lineDelta = start.line - before.range.start.line;
        if (lineDelta === 0) return before;
        const moved = movedDown(before, lineDelta);
        this.made.set(parsed, moved);
        return moved;
      }
    }
    const symbol = articleSymbol(article, text, lines);
    this.made.set(parsed, symbol);
    return symbol;
  }
}

function movedDown(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  const down = (range: DocumentSymbol['range']) => ({
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  });
  const moved: DocumentSymbol = { name: symbol.name, detail: symbol.detail, kind: symbol.kind, range: down(symbol.range), selectionRange: down(symbol.selectionRange) };
  if (symbol.children !== undefined) moved.children = symbol.children.map((child) => movedDown(child, lines));
  return moved;
}

function articleSymbol(article: Article, text: string, lines: LineIndex): DocumentSymbol {
  const outer = article.span;
  const sections = article.sections.map((section) =>
    symbol(section.title, undefined, SymbolKind.String, clamp(section.span, outer), clamp(section.titleSpan, outer), lines),
  );
  const bylines = article.bylines.map((byline) =>
    symbol(byline.text, undefined, SymbolKind.Property, clamp(byline.span, outer), clamp(byline.span, outer), lines),
  );
  // Document order, so the Outline reads like the page.
  const children = [...sections, ...bylines].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return {
    ...symbol(articleLabel(article, text), bylineSummary(article), SymbolKind.Class, outer, clamp(article.titleSpan, outer), lines),
    children,
  };
}

function symbol(
  name: string,
  detail: string | undefined,
  kind: SymbolKind,
  range: Span,
  selection: Span,
  lines: LineIndex,
): DocumentSymbol {
  // VS Code rejects a symbol with an empty name.
  const visibleName = name.trim() || '(empty)';
  return { name: visibleName, detail, kind, range: lines.rangeOf(range), selectionRange: lines.rangeOf(selection) };
}

/** The article's title, or a preview of its first paragraph so untitled pieces stay visible. */
export function articleLabel(article: Article, text: string): string {
  if (article.title !== null && article.title.trim() !== '') return article.title;
  const first = article.paragraphs[0]?.span ?? article.titleSpan;
  const words = text.slice(first.start, first.end).replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(words);
  const preview = codePoints.slice(0, UNTITLED_PREVIEW_CHARS).join('');
  return `(untitled) ${preview}${codePoints.length > UNTITLED_PREVIEW_CHARS ? '…' : ''}`.trim();
}

/** Names from every credit site in document order (`陈锋 孙亚文`), the byline text when it names no one, or `no byline`. */
export function bylineSummary(article: Article): string {
  if (article.bylines.length === 0) return 'no byline';
  const ordered = [...article.bylines].sort((a, b) => a.span.start - b.span.start);
  const names = ordered.flatMap((byline) => byline.credits.flatMap((credit) => credit.names));
  const unique = [...new Set(names)];
  if (unique.length > 0) return unique.join(' ');
  return ordered.map((byline) => byline.text).join(' ').trim() || 'no byline';
}

/** VS Code requires every child range, and the selection range, to lie within the parent's. */
function clamp(span: Span, outer: Span): Span {
  const start = Math.min(Math.max(span.start, outer.start), outer.end);
  const end = Math.min(Math.max(span.end, start), outer.end);
  return { start, end };
}
