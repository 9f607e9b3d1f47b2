// Re-parsing only the articles an edit touches, so a keystroke in an 11 MB dump costs
// what the article costs. The parse reads left to right and decides where an article
// starts by looking at most one title run ahead. So the articles before the edit come out
// as they were, the ones after it come out moved by the edit's length change, and only a
// stretch around the edit needs parsing: the touched articles plus, on each side, an
// untouched article that has a paragraph (a run of title lines alone could look past it).
// The splice is taken only when those two context articles come out exactly as before;
// otherwise the stretch widens, and after a few tries the whole text is parsed.
import type { Article, Block, DumpModel, ParseOptions } from './types';
import { modelOfParts, parseStretch } from './parse';
import { detectLineEnding, withBlankLinesBefore } from './blocks';
import { copyArticle, shiftArticle, shiftBlock } from './shift';
import type { EditRegion } from '../text/editRegion';
import { partitionPoint } from './search';

/** Context articles are widened this many times on each side before a whole parse. */
const MAX_WIDENINGS = 4;

export interface IncrementalParse {
  readonly model: DumpModel;
  /** The stretch that was parsed again, as an edit region from the previous text to this one: whole articles on both sides. */
  readonly reparsed: EditRegion;
}

/**
 * The model of `text`, made from the model of `previousText` and the region where the two differ.
 * Undefined when the splice cannot be trusted (the caller parses the whole text).
 */
export function reparseEdited(
  previous: DumpModel,
  previousText: string,
  text: string,
  edit: EditRegion,
  options: ParseOptions = {},
): IncrementalParse | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  if (previousText.length + delta !== text.length || edit.start < 0 || edit.oldEnd > previousText.length || edit.start > edit.oldEnd) return undefined;
  const articles = previous.articles;
  if (articles.length === 0) return undefined;

  // Articles that end before the edit, and those that start after it, are untouched.
  let left = lastArticleEndingBefore(articles, edit.start);
  let right = firstArticleStartingAfter(articles, edit.oldEnd);
  for (let attempt = 0; attempt <= MAX_WIDENINGS; attempt++) {
    while (left >= 0 && articles[left].paragraphs.length === 0) left--;
    while (right < articles.length && articles[right].paragraphs.length === 0) right++;
    const spliced = spliceStretch(previous, previousText, text, edit, left, right, options);
    if (spliced === 'left-moved') left--;
    else if (spliced === 'right-moved') right++;
    else return spliced;
  }
  return undefined;
}

function spliceStretch(
  previous: DumpModel,
  previousText: string,
  text: string,
  edit: EditRegion,
  left: number,
  right: number,
  options: ParseOptions,
): IncrementalParse | 'left-moved' | 'right-moved' {
  const delta = edit.newEnd - edit.oldEnd;
  const articles = previous.articles;
  const blocks = previous.blocks;
  const leftArticle = left >= 0 ? articles[left] : undefined;
  const rightArticle = right < articles.length ? articles[right] : undefined;
  const from = leftArticle ? leftArticle.span.start : 0;
  const oldTo = rightArticle ? rightArticle.span.end : previousText.length;
  const to = oldTo + delta;

  const firstBlock = leftArticle ? blockIndexAt(blocks, from) : 0;
  const endBlock = rightArticle ? blockIndexAt(blocks, rightArticle.span.end - 1) + 1 : blocks.length;
  const stretch = parseStretch(text, from, to, leftArticle ? blocks[firstBlock].line : 0, options);
  if (leftArticle) {
    if (stretch.articles.length === 0 || !sameValue(stretch.articles[0], copyArticle(leftArticle, 0))) return 'left-moved';
    stretch.blocks[0] = withBlankLinesBefore(stretch.blocks[0], blocks[firstBlock].blankLinesBefore);
  }
  let lineDelta = 0;
  if (rightArticle) {
    const last = stretch.articles[stretch.articles.length - 1];
    if (!last || !sameValue(last, copyArticle(rightArticle, delta))) return 'right-moved';
    lineDelta = stretch.blocks[stretch.blocks.length - 1].line - blocks[endBlock - 1].line;
  }

  const newBlocks: Block[] = blocks.slice(0, firstBlock);
  for (const block of stretch.blocks) newBlocks.push(block);
  for (let i = endBlock; i < blocks.length; i++) newBlocks.push(shiftBlock(blocks[i], delta, lineDelta));
  const newArticles: Article[] = articles.slice(0, Math.max(left, 0));
  for (const article of stretch.articles) newArticles.push(article);
  for (let i = right + 1; i < articles.length; i++) newArticles.push(shiftArticle(articles[i], delta));

  const model = modelOfParts(newBlocks, newArticles, lineEndingAfter(previous.lineEnding, previousText, text, edit, newBlocks.length));
  return { model, reparsed: { start: from, oldEnd: oldTo, newEnd: to } };
}

/** Index of the last article whose span ends before `offset` (touching it counts as touched), or -1. */
function lastArticleEndingBefore(articles: readonly Article[], offset: number): number {
  return partitionPoint(articles, (article) => article.span.end < offset) - 1;
}

/** Index of the first article that starts after `offset`, or articles.length. */
function firstArticleStartingAfter(articles: readonly Article[], offset: number): number {
  return partitionPoint(articles, (article) => article.span.start <= offset);
}

/** Index of the block that contains `offset` (or the first one after it). */
function blockIndexAt(blocks: readonly Block[], offset: number): number {
  return partitionPoint(blocks, (block) => block.span.end <= offset);
}

const LINE_BREAK = /[\r\n]/;

/** The line-ending kind after the edit, without rescanning the text when the edit cannot have changed it. */
function lineEndingAfter(
  before: DumpModel['lineEnding'],
  previousText: string,
  text: string,
  edit: EditRegion,
  blockCount: number,
): DumpModel['lineEnding'] {
  // Two characters of margin: an edit next to a \r\n can make or break the pair.
  const removed = previousText.slice(Math.max(0, edit.start - 2), edit.oldEnd + 2);
  const added = text.slice(Math.max(0, edit.start - 2), edit.newEnd + 2);
  if (!LINE_BREAK.test(removed) && !LINE_BREAK.test(added)) return before;
  // Only line ends of the kind the text already uses came or went, and more than one block is left, so one remains.
  const keeps = (kind: DumpModel['lineEnding']) => kind === before || kind === 'none';
  if (before !== 'mixed' && before !== 'none' && blockCount > 1 && keeps(detectLineEnding(removed)) && keeps(detectLineEnding(added))) return before;
  return detectLineEnding(text);
}

/** Deep equality of plain model values; key order and keys holding undefined do not matter. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(recordA), ...Object.keys(recordB)]);
  for (const key of keys) if (!sameValue(recordA[key], recordB[key])) return false;
  return true;
}
