// A large dump's first problems, before the whole dump is checked. An editor lists at most
// 1 000 problems of a file (problemsWindow.ts), and on opening it shows the top, so the first
// publish needs only the problems of the first stretch that holds 1 000 of them: on the
// bench's 11 MB dump the first sixth of the text, 23–25 ms with the engine warm (the whole
// check: 140–180). The stretch is parsed and checked in pieces from the top, and the whole
// check's parse goes on from where it stopped (service.ts), so the top is parsed once.
// The parse reads left to right and decides where an article starts by looking at most one
// title run ahead (incremental.ts), so a piece's articles come out as in a whole parse except
// at its end: the last two articles that have paragraphs are parsed again with the next piece.
import type { Article, Block, DumpModel, ParseOptions, Span } from '../model/types';
import { modelOfParts, parseStretchFrom, type ParsedHead, type ResumePoint } from '../model/parse';
import { detectLineEnding } from '../model/blocks';
import { partitionPoint } from '../model/search';

/** Characters parsed per piece: small enough not to parse much past what is wanted, large enough that the re-parsed ends cost little. */
export const OPENING_PIECE_CHARS = 64 * 1024;
/** Past this share of the text the whole check is about as quick: the opening check gives up. */
const MAX_SHARE_OF_TEXT = 1 / 3;

export interface OpeningCheck<P extends { readonly span: Span }> {
  /** The problems that start before `checkedTo`, exactly as far as a whole check finds them there (see the caveats below). */
  readonly problems: readonly P[];
  /** Where the checked stretch ends: an article's start. */
  readonly checkedTo: number;
  /** The stretch's blocks and articles, as a whole parse makes them: the whole parse goes on from there. */
  readonly head: ParsedHead;
}

/** Runs the rules over `scope` of a model (the user's severities and ignores applied). */
export type RunScoped<P> = (model: DumpModel, scope: Span) => readonly P[];

/**
 * The problems of the dump's first stretch holding at least `wanted` of them, or undefined
 * when that stretch is more than a third of the text (checking the whole is then about as
 * quick). Two facts are read from the stretch, not the whole dump: the layout (a vote over
 * blank lines) and the end bylines article-boundary compares a stranded byline with. A dump
 * keeps one layout and one credit style throughout, so both agree with the whole dump's but
 * in a dump that changes them past the stretch; the whole check follows and is what stays.
 */
export function checkOpening<P extends { readonly span: Span }>(
  text: string,
  wanted: number,
  run: RunScoped<P>,
  options: ParseOptions = {},
  pieceChars = OPENING_PIECE_CHARS,
): OpeningCheck<P> | undefined {
  const lineEnding = detectLineEnding(text);
  const giveUpAt = text.length * MAX_SHARE_OF_TEXT;
  const blocks: Block[] = [];
  const articles: Article[] = [];
  const problems: P[] = [];
  let resume: ResumePoint | undefined;
  let length = pieceChars;
  for (;;) {
    const from = resume?.from ?? 0;
    const to = lineEndAfter(text, from + length, lineEnding);
    // The piece reaches the end: nothing is left to parse later, and nothing saved.
    if (to >= text.length || to > giveUpAt) return undefined;
    const piece = parseStretchFrom(text, resume, to, lineEnding, options);
    const settled = settledArticles(piece.articles);
    // Fewer than three articles with paragraphs settle none: the piece is read again, twice as long.
    if (settled === 0) {
      length *= 2;
      continue;
    }
    length = pieceChars;
    const checkedTo = piece.articles[settled].span.start;
    const settledBlocks = partitionPoint(piece.blocks, (block) => block.span.start < checkedTo);

    const seen = modelOfParts([...blocks, ...piece.blocks], [...articles, ...piece.articles], lineEnding);
    for (const problem of run(seen, { start: from, end: checkedTo })) if (problem.span.start < checkedTo) problems.push(problem);

    for (let i = 0; i < settledBlocks; i++) blocks.push(piece.blocks[i]);
    for (let i = 0; i < settled; i++) articles.push(piece.articles[i]);
    const next = piece.blocks[settledBlocks];
    resume = { from: checkedTo, line: next.line, blankLinesBefore: next.blankLinesBefore };
    if (problems.length >= wanted) return { problems, checkedTo, head: { blocks, articles, resume } };
  }
}

/**
 * How many of a piece's articles come out as in a whole parse: all before the second-to-last
 * that has paragraphs. The last one's may run on past the piece's end; the one before it is
 * the context that shows the last's title run was read as a whole parse would read it.
 */
function settledArticles(articles: readonly Article[]): number {
  let withParagraphs = 0;
  for (let i = articles.length - 1; i >= 0; i--) {
    if (articles[i].paragraphs.length > 0 && ++withParagraphs === 2) return i;
  }
  return 0;
}

/** The offset just past the line end at or after `offset`, or the text's length. */
function lineEndAfter(text: string, offset: number, lineEnding: DumpModel['lineEnding']): number {
  if (offset >= text.length) return text.length;
  const newline = text.indexOf('\n', offset);
  // Most dumps have no carriage return: searching for one would read the rest of the text each time.
  const carriageReturn = lineEnding === '\n' || lineEnding === 'none' ? -1 : text.indexOf('\r', offset);
  const end = newline < 0 ? carriageReturn : carriageReturn < 0 ? newline : Math.min(newline, carriageReturn);
  if (end < 0) return text.length;
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}
