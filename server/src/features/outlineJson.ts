// The CLI's JSON outline. This shape is a contract with scripts downstream:
// fields may be added, never renamed or removed.
import type { Article, Byline, DumpModel } from '../model/types';
import type { LineIndex, Range } from '../text/positions';

export interface OutlineCredit {
  role: string;
  names: string[];
  mark?: string;
}

export interface OutlineByline {
  text: string;
  range: Range;
  credits: OutlineCredit[];
}

export interface OutlineArticle {
  title: string | null;
  range: Range;
  titleRange: Range;
  /** The first credit site in document order, or null. */
  byline: OutlineByline | null;
  /** Every credit site, in document order. */
  bylines: OutlineByline[];
  sections: { title: string; range: Range }[];
  breaks: { range: Range }[];
}

/** Every range is an LSP range: 0-based line, UTF-16 character. */
export interface OutlineJson {
  file: string;
  articles: OutlineArticle[];
}

export function outlineJson(file: string, model: DumpModel, lines: LineIndex): OutlineJson {
  return { file, articles: model.articles.map((article) => outlineArticle(article, lines)) };
}

function outlineArticle(article: Article, lines: LineIndex): OutlineArticle {
  const bylines = [...article.bylines]
    .sort((a, b) => a.span.start - b.span.start)
    .map((byline) => outlineByline(byline, lines));
  return {
    title: article.title,
    range: lines.rangeOf(article.span),
    titleRange: lines.rangeOf(article.titleSpan),
    byline: bylines[0] ?? null,
    bylines,
    sections: article.sections.map((section) => ({ title: section.title, range: lines.rangeOf(section.span) })),
    breaks: article.breaks.map((found) => ({ range: lines.rangeOf(found.span) })),
  };
}

function outlineByline(byline: Byline, lines: LineIndex): OutlineByline {
  return {
    text: byline.text,
    range: lines.rangeOf(byline.span),
    credits: byline.credits.map((credit) => ({
      role: credit.role,
      names: [...credit.names],
      ...(credit.mark !== undefined ? { mark: credit.mark } : {}),
    })),
  };
}
