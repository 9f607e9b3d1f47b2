// ocr-break: a paragraph cut in two by an extraction scar. The parser already joined the
// halves and said why (model.breaks, with cues); this rule only shows it and offers the join.
import { Break, BreakCue } from '../model/types';
import { isHighSurrogate, isLowSurrogate } from '../model/characters';
import { Fix, Rule, TextEdit } from './types';
import { articlesInScope } from './scope';

/** Characters of context shown on each side of the cut. */
const CONTEXT = 3;

export const ocrBreakRule: Rule = {
  id: 'ocr-break',
  description: 'A paragraph cut in two by an OCR or column break (blank lines in mid-sentence).',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text } = context;
    for (const article of articlesInScope(context)) {
      // One list shared by every break of the article: a list per break was quadratic (20 000 breaks, 4e8 edits).
      const joinAll = article.breaks.length > 1 ? article.breaks.map(join) : undefined;
      for (const cut of article.breaks) {
        const seen = `「${endOfLineBefore(text, cut.span.start, CONTEXT)}」 | 「${startOfLineAfter(text, cut.span.end, CONTEXT)}」`;
        report({
          span: cut.span,
          message: `Paragraph cut in mid-sentence: ${seen} (${reason(text, cut)})`,
          fixes: fixesFor(cut, joinAll),
        });
      }
    }
  },
};

/** The break span is exactly the line ends and blank lines between the halves. */
function join(cut: Break): TextEdit {
  return { span: cut.span, newText: '' };
}

function fixesFor(cut: Break, joinAll: readonly TextEdit[] | undefined): Fix[] {
  const fixes: Fix[] = [{ title: 'Join the two halves', edits: [join(cut)], safe: true }];
  if (joinAll) fixes.push({ title: `Join all ${joinAll.length} breaks in this article`, edits: joinAll, safe: true });
  return fixes;
}

/** The strongest cue the parser recorded, in words. */
function reason(text: string, cut: Break): string {
  const has = (cue: BreakCue) => cut.cues.includes(cue);
  if (cut.word) return `the halves form ${cut.word}`;
  if (has('continuation-start')) return `「${startOfLineAfter(text, cut.span.end, 1)}」 cannot start a sentence`;
  if (has('open-punctuation')) return `the first half ends on 「${endOfLineBefore(text, cut.span.start, 1)}」`;
  if (has('dangling-function-word')) return `the first half ends on 「${endOfLineBefore(text, cut.span.start, 1)}」, which cannot end a phrase`;
  return 'the first half has no sentence-final punctuation';
}

// What the message shows of the two lines at a cut: the last characters of the line before it
// and the first of the line after, both trimmed as String.trim trims, with … when the line holds
// more. Read outward from the cut, a few characters each: a paragraph on one line can run to
// thousands of characters, and copying and trimming the whole of it for three was most of the rule's time.

/** The last `count` (at least 1) characters (code points) of the trimmed line that ends at `offset`. */
function endOfLineBefore(text: string, offset: number, count: number): string {
  let end = offset;
  while (end > 0 && isInLineSpace(text.charCodeAt(end - 1))) end--;
  let start = end;
  for (let taken = 0; taken < count && start > 0 && !isLineEnd(text.charCodeAt(start - 1)); taken++) {
    start -= isLowSurrogate(text.charCodeAt(start - 1)) && isHighSurrogate(text.charCodeAt(start - 2)) ? 2 : 1;
  }
  if (!lineHasTextBefore(text, start)) return text.slice(start, end).trimStart();
  return (count > 1 ? '…' : '') + text.slice(start, end);
}

/** The first `count` (at least 1) characters (code points) of the trimmed line that starts at `offset`. */
function startOfLineAfter(text: string, offset: number, count: number): string {
  let start = offset;
  while (start < text.length && isInLineSpace(text.charCodeAt(start))) start++;
  let end = start;
  for (let taken = 0; taken < count && end < text.length && !isLineEnd(text.charCodeAt(end)); taken++) {
    end += isHighSurrogate(text.charCodeAt(end)) && isLowSurrogate(text.charCodeAt(end + 1)) ? 2 : 1;
  }
  if (!lineHasTextAfter(text, end)) return text.slice(start, end).trimEnd();
  return text.slice(start, end) + (count > 1 ? '…' : '');
}

/** Something other than white space lies between the start of the line and `offset`. */
function lineHasTextBefore(text: string, offset: number): boolean {
  let i = offset;
  while (i > 0 && isInLineSpace(text.charCodeAt(i - 1))) i--;
  return i > 0 && !isLineEnd(text.charCodeAt(i - 1));
}

/** Something other than white space lies between `offset` and the end of the line. */
function lineHasTextAfter(text: string, offset: number): boolean {
  let i = offset;
  while (i < text.length && isInLineSpace(text.charCodeAt(i))) i++;
  return i < text.length && !isLineEnd(text.charCodeAt(i));
}

function isLineEnd(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** What String.trim removes (ECMAScript WhiteSpace and LineTerminator), except the line ends \n and \r that bound a line. */
export function isInLineSpace(code: number): boolean {
  return (
    code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f ||
    code === 0x3000 || code === 0xfeff
  );
}
