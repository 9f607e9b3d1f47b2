// One fold per article, so an editor can collapse a page down to its titles.
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { DumpModel } from '../model/types';
import type { LineIndex } from '../text/positions';

export function foldingRanges(model: DumpModel, lines: LineIndex): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const article of model.articles) {
    const startLine = lines.lineOf(article.span.start);
    // The end is exclusive: the last character decides the last line, even if the span takes the line break.
    const endLine = lines.lineOf(Math.max(article.span.start, article.span.end - 1));
    // A one-line article has nothing to fold.
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return ranges;
}
