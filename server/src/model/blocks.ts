// Text → blocks: every non-blank line, trimmed, with its offsets and the blank lines before it.
import { Block, DumpModel, Layout } from './types';

const EDGE_SPACE = /[ \t\u3000\u00a0\ufeff]/;

/**
 * The blocks of `text`, or of the stretch [from, to) of it, which must start at a block's first
 * character or a line start (and end at a line end); `firstLine` is the line number at `from`.
 */
export function splitBlocks(text: string, from = 0, to = text.length, firstLine = 0): Block[] {
  const blocks: Block[] = [];
  let line = firstLine;
  let blankLines = 0;
  let lineStart = from;
  const length = to;
  while (lineStart <= length) {
    let lineEnd = lineStart;
    while (lineEnd < length) {
      const code = text.charCodeAt(lineEnd);
      if (code === 10 || code === 13) break;
      lineEnd++;
    }
    let start = lineStart;
    let end = lineEnd;
    while (start < end && EDGE_SPACE.test(text[start])) start++;
    while (end > start && EDGE_SPACE.test(text[end - 1])) end--;
    if (end > start) {
      blocks.push({ span: { start, end }, text: text.slice(start, end), line, blankLinesBefore: blankLines });
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

/** One paragraph a line when almost no block is preceded by a blank line. */
export function detectLayout(blocks: readonly Block[]): Layout {
  if (blocks.length < 3) return 'blank-line';
  let separated = 0;
  for (let i = 1; i < blocks.length; i++) if (blocks[i].blankLinesBefore > 0) separated++;
  return separated / (blocks.length - 1) < 0.2 ? 'line' : 'blank-line';
}

export function detectLineEnding(text: string): DumpModel['lineEnding'] {
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
