// Text → blocks: every non-blank line, trimmed, with its offsets and the blank lines before it.
import { Block, DumpModel, Layout } from './types';

/** White space trimmed off a line's edges: ASCII space and tab, ideographic space, no-break space, BOM. */
function isEdgeSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0 || code === 0xfeff;
}

/** How a stretch of a text is split, when the caller knows more than the stretch shows. */
export interface StretchOfText {
  /** The text's line ending (detectLineEnding), if known: with newlines only, line ends are found by the engine's search. */
  readonly lineEnding?: DumpModel['lineEnding'];
  /** The stretch's blocks go into a model of this very text (not of an edit's new version): they may be views into it. */
  readonly modelKeepsText?: boolean;
}

/**
 * The blocks of `text`, or of the stretch [from, to) of it, which must start at a block's first
 * character or a line start (and end at a line end); `firstLine` is the line number at `from`.
 */
export function splitBlocks(text: string, from = 0, to = text.length, firstLine = 0, stretch: StretchOfText = {}): Block[] {
  const blocks: Block[] = [];
  let line = firstLine;
  let blankLines = 0;
  let lineStart = from;
  const length = to;
  const isStretch = from !== 0 || to !== text.length;
  // Without a carriage return, line ends are found by the engine's search, not a loop here. Not
  // asked of a stretch: looking for one could scan far past its end.
  const onlyNewlines = stretch.lineEnding !== undefined ? stretch.lineEnding === '\n' || stretch.lineEnding === 'none' : !isStretch && text.indexOf('\r') === -1;
  // A stretch parsed after an edit: its blocks must not hold on to that version's whole text.
  const detach = isStretch && stretch.modelKeepsText !== true;
  while (lineStart <= length) {
    let lineEnd: number;
    if (onlyNewlines) {
      const newline = text.indexOf('\n', lineStart);
      lineEnd = newline === -1 || newline > length ? length : newline;
    } else {
      lineEnd = lineStart;
      while (lineEnd < length) {
        const code = text.charCodeAt(lineEnd);
        if (code === 10 || code === 13) break;
        lineEnd++;
      }
    }
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isEdgeSpace(text.charCodeAt(start))) start++;
    while (end > start && isEdgeSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) {
      blocks.push({ span: { start, end }, text: detach ? detachedSlice(text, start, end) : text.slice(start, end), line, blankLinesBefore: blankLines });
      blankLines = 0;
    } else {
      blankLines++;
    }
    if (lineEnd >= length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    line++;
  }
  return blocks;
}

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a slice of 13 or more characters a
 * view that keeps the whole string alive: the blocks of each re-parsed article would keep a
 * copy of an 11 MB dump per edit (8 MB each, never freed while the article is not edited
 * again). A concatenation is copied out when it is first sliced, and the slice then points
 * into that copy, no longer than the block.
 */
export function detachedSlice(text: string, start: number, end: number): string {
  return (' ' + text.slice(start, end)).slice(1);
}

/** One paragraph a line when almost no block is preceded by a blank line. */
/** A stretch's first block with the blank lines the text has before it (parsed on its own, it has none). */
export function withBlankLinesBefore(block: Block, blankLinesBefore: number): Block {
  return { span: block.span, text: block.text, line: block.line, blankLinesBefore };
}

export function detectLayout(blocks: readonly Block[]): Layout {
  if (blocks.length < 3) return 'blank-line';
  let separated = 0;
  for (let i = 1; i < blocks.length; i++) if (blocks[i].blankLinesBefore > 0) separated++;
  return separated / (blocks.length - 1) < 0.2 ? 'line' : 'blank-line';
}

export function detectLineEnding(text: string): DumpModel['lineEnding'] {
  // Without a carriage return the answer is one search away: most dumps would otherwise be scanned a second time.
  if (text.indexOf('\r') === -1) return text.indexOf('\n') === -1 ? 'none' : '\n';
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (code === 10) lf++;
  }
  const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return lf > 0 ? '\n' : crlf > 0 ? '\r\n' : '\r';
}
