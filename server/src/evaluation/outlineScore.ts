// Compares a parsed dump with an editor's hand-made outline (test-fixtures/README.md format):
// used by the fixture tests and by `npm run eval`.
import { Article, DumpModel } from '../model/types';
import { LineIndex } from '../text/positions';

export interface ExpectedCredit {
  role: string;
  names: string[];
  mark?: string;
}

export interface ExpectedArticle {
  title: string | null;
  titleLine: number;
  firstLine: number;
  lastLine: number;
  credits: ExpectedCredit[];
  bylineLines: number[];
  sections: { title: string; line: number }[];
  breaks: [number, number][];
}

export interface ExpectedOutline {
  layout: 'blank-line' | 'line';
  articles: ExpectedArticle[];
}

/** The model, seen the way the expected files describe a dump (1-based lines). */
export function summarizeOutline(model: DumpModel, text: string): ExpectedOutline {
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.lineOf(offset) + 1;
  const nonBlankLines = new Set(model.blocks.map((block) => block.line + 1));
  return {
    layout: model.layout,
    articles: model.articles.map((article) => summarizeArticle(article, nonBlankLines, lineOf)),
  };
}

function summarizeArticle(article: Article, nonBlankLines: ReadonlySet<number>, lineOf: (offset: number) => number): ExpectedArticle {
  // The lines holding credits: the non-blank lines of every credit site.
  const bylineLines = new Set<number>();
  for (const byline of article.bylines) {
    for (let line = lineOf(byline.span.start); line <= lineOf(byline.span.end); line++) {
      if (nonBlankLines.has(line)) bylineLines.add(line);
    }
  }
  return {
    title: article.title,
    titleLine: lineOf(article.titleSpan.start),
    firstLine: lineOf(article.span.start),
    lastLine: lineOf(article.span.end),
    credits: article.bylines.flatMap((byline) =>
      byline.credits.map((credit) => ({
        role: credit.role,
        names: [...credit.names],
        ...(credit.mark ? { mark: credit.mark } : {}),
      })),
    ),
    bylineLines: [...bylineLines].sort((a, b) => a - b),
    sections: article.sections.map((section) => ({ title: section.title, line: lineOf(section.titleSpan.start) })),
    breaks: article.breaks.map((cut) => [lineOf(cut.span.start), lineOf(cut.span.end)] as [number, number]),
  };
}

export interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface OutlineScore {
  articles: Tally; // by first line
  titles: Tally; // by (title line, title text)
  credits: Tally; // by (article first line, role, name)
  breaks: Tally; // by (first line, second line)
  sections: Tally; // by line
  differences: string[];
}

function tally(expected: Set<string>, actual: Set<string>, label: string, differences: string[]): Tally {
  let truePositives = 0;
  for (const item of actual) {
    if (expected.has(item)) truePositives++;
    else differences.push(`unexpected ${label}: ${item}`);
  }
  for (const item of expected) if (!actual.has(item)) differences.push(`missing ${label}: ${item}`);
  return { truePositives, falsePositives: actual.size - truePositives, falseNegatives: expected.size - truePositives };
}

export function scoreOutline(expected: ExpectedOutline, actual: ExpectedOutline): OutlineScore {
  const differences: string[] = [];
  if (expected.layout !== actual.layout) differences.push(`layout: expected ${expected.layout}, got ${actual.layout}`);
  const sets = (outline: ExpectedOutline) => ({
    articles: new Set(outline.articles.map((a) => `L${a.firstLine}-L${a.lastLine}`)),
    titles: new Set(outline.articles.map((a) => `L${a.titleLine} ${a.title ?? '(untitled)'}`)),
    credits: new Set(
      outline.articles.flatMap((a) =>
        a.credits.flatMap((c) => (c.names.length ? c.names : ['']).map((name) => `article L${a.firstLine}: ${c.role} ${name}${c.mark ? ` ${c.mark}` : ''}`)),
      ),
    ),
    breaks: new Set(outline.articles.flatMap((a) => a.breaks.map(([from, to]) => `L${from}→L${to}`))),
    sections: new Set(outline.articles.flatMap((a) => a.sections.map((s) => `L${s.line} ${s.title}`))),
  });
  const want = sets(expected);
  const got = sets(actual);
  return {
    articles: tally(want.articles, got.articles, 'article', differences),
    titles: tally(want.titles, got.titles, 'title', differences),
    credits: tally(want.credits, got.credits, 'credit', differences),
    breaks: tally(want.breaks, got.breaks, 'break', differences),
    sections: tally(want.sections, got.sections, 'section', differences),
    differences,
  };
}

export function precision(t: Tally): number {
  return t.truePositives + t.falsePositives === 0 ? 1 : t.truePositives / (t.truePositives + t.falsePositives);
}

export function recall(t: Tally): number {
  return t.truePositives + t.falseNegatives === 0 ? 1 : t.truePositives / (t.truePositives + t.falseNegatives);
}
