// Hover on a title line: an article card with what an editor checks before moving on.
import { Hover, MarkupKind } from 'vscode-languageserver';
import type { Article, DumpModel, Span, TitleLineRole } from '../model/types';
import type { LineIndex, Position } from '../text/positions';
import { articleLabel } from './symbols';
import { articleIndexAt } from '../model/search';
import { isHighSurrogate, isLowSurrogate, isWhiteSpace } from '../model/characters';

export function hover(model: DumpModel, text: string, lines: LineIndex, position: Position): Hover | null {
  const offset = lines.offsetAt(position);
  // Found by binary search: every hover asks, and a scan of an 11 MB dump's 6 000 articles took
  // about half a millisecond warm and several cold. Articles never touch (a line break at least
  // lies between), so the offset is in this one or in none.
  const article = model.articles[articleIndexAt(model, offset)];
  const titleSpan = article && titleSpanAt(article, offset);
  if (!titleSpan) return null;
  return { contents: { kind: MarkupKind.Markdown, value: articleCard(article, text) }, range: lines.rangeOf(titleSpan) };
}

/** The title line under the offset; the end is inclusive so the cursor at the end of the line still counts. */
function titleSpanAt(article: Article, offset: number): Span | undefined {
  if (offset < article.span.start || offset > article.span.end) return undefined;
  if (covers(article.titleSpan, offset)) return article.titleSpan;
  return article.titleLines.find((line) => covers(line.span, offset))?.span;
}

function covers(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

const ROLE_LABEL: Record<TitleLineRole, string> = {
  main: 'title',
  kicker: 'kicker',
  subtitle: 'subtitle',
  column: 'column',
  person: 'person',
};

export function articleCard(article: Article, text: string): string {
  const out: string[] = [`**${escapeMarkdown(articleLabel(article, text))}**`, ''];

  const otherTitleLines = article.titleLines.filter((line) => line.role !== 'main');
  for (const line of otherTitleLines) out.push(`_${ROLE_LABEL[line.role]}:_ ${escapeMarkdown(line.text)}  `);

  const date = article.leads[0]?.date;
  if (date) out.push(`_date:_ ${escapeMarkdown(date)}  `);

  const credits = [...article.bylines]
    .sort((a, b) => a.span.start - b.span.start)
    .flatMap((byline) => byline.credits);
  if (credits.length === 0) out.push('_no byline_  ');
  for (const credit of credits) {
    const names = [...credit.names, ...(credit.mark ? [credit.mark] : [])].join(' ');
    const line = credit.role ? `${credit.role}: ${names}` : names;
    out.push(`${escapeMarkdown(line.trim())}  `);
  }

  out.push('');
  out.push(
    [
      `${countVisibleCharacters(text, article.span.start, article.span.end)} characters`,
      plural(article.paragraphs.length, 'paragraph'),
      plural(article.breaks.length, 'OCR break'),
      plural(article.sections.length, 'section'),
    ].join(' · '),
  );
  return out.join('\n');
}

/** Non-whitespace code points of text[start, end): what an editor means by the length of a Chinese article. */
function countVisibleCharacters(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const secondHalf = isLowSurrogate(code) && i > start && isHighSurrogate(text.charCodeAt(i - 1));
    if (!secondHalf && !isWhiteSpace(code)) count++;
  }
  return count;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Dumps hold leftovers such as `PM_{2.5}` that Markdown would otherwise eat. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`);
}
