// ocr-break: a paragraph cut in two by an extraction scar. The parser already joined the
// halves and said why (model.breaks, with cues); this rule only shows it and offers the join.
import { Break } from '../model/types';
import { codePointEndAfter, codePointStartBefore, firstChar, lastChar } from '../model/characters';
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
      const { breaks } = article;
      if (breaks.length === 0) continue;
      // One list and one fix shared by every break of the article: a list per break was quadratic
      // (20 000 breaks, 4e8 edits), and a fix per break was most of what a check left to collect.
      const joins = breaks.map(join);
      const joinAll: Fix | undefined =
        breaks.length > 1 ? { title: `Join all ${breaks.length} breaks in this article`, edits: joins, safe: true } : undefined;
      for (let i = 0; i < breaks.length; i++) {
        const cut = breaks[i];
        const joinThis: Fix = { title: 'Join the two halves', edits: joinAll ? [joins[i]] : joins, safe: true };
        // The few characters the message shows are read now; the reason, which may ask the
        // segmenter, when the message is read (DeferredJudgement in breaks.ts). The message
        // must not hold on to `text`: after an edit that is a whole old version of the dump.
        const before = endOfLineBefore(text, cut.span.start, CONTEXT);
        const after = startOfLineAfter(text, cut.span.end, CONTEXT);
        report({
          span: cut.span,
          describe: () => `Paragraph cut in mid-sentence: 「${before}」 | 「${after}」 (${reason(cut, before, after)})`,
          fixes: joinAll ? [joinThis, joinAll] : [joinThis],
        });
      }
    }
  },
};

/** The break span is exactly the line ends and blank lines between the halves. */
function join(cut: Break): TextEdit {
  return { span: cut.span, newText: '' };
}

/**
 * The strongest cue the parser recorded, in words. `before` and `after` are the message's
 * context: the characters at the cut are the last of one (after any …) and the first of the other.
 */
function reason(cut: Break, before: string, after: string): string {
  if (cut.word) return `the halves form ${cut.word}`;
  const { cues } = cut;
  if (cues.includes('continuation-start')) return `「${firstChar(after)}」 cannot start a sentence`;
  if (cues.includes('open-punctuation')) return `the first half ends on 「${lastChar(before)}」`;
  if (cues.includes('dangling-function-word')) return `the first half ends on 「${lastChar(before)}」, which cannot end a phrase`;
  return 'the first half has no sentence-final punctuation';
}

// What the message shows of the two lines at a cut: the last characters of the line before it
// and the first of the line after, both trimmed as String.trim trims, with … when the line holds
// more. Read outward from the cut, a few characters each: a paragraph on one line can run to
// thousands of characters, and copying and trimming the whole of it for three was most of the rule's time.

/** The last `count` (at least 1) characters (code points) of the trimmed line that ends at `offset`. */
function endOfLineBefore(text: string, offset: number, count: number): string {
  let end = offset;
  while (end > 0 && isTrimmedInLine(text.charCodeAt(end - 1))) end--;
  let start = end;
  for (let taken = 0; taken < count && start > 0 && !isLineEnd(text.charCodeAt(start - 1)); taken++) {
    start = codePointStartBefore(text, start);
  }
  if (!lineHasTextBefore(text, start)) return text.slice(start, end).trimStart();
  return (count > 1 ? '…' : '') + text.slice(start, end);
}

/** The first `count` (at least 1) characters (code points) of the trimmed line that starts at `offset`. */
function startOfLineAfter(text: string, offset: number, count: number): string {
  let start = offset;
  while (start < text.length && isTrimmedInLine(text.charCodeAt(start))) start++;
  let end = start;
  for (let taken = 0; taken < count && end < text.length && !isLineEnd(text.charCodeAt(end)); taken++) {
    end = codePointEndAfter(text, end);
  }
  if (!lineHasTextAfter(text, end)) return text.slice(start, end).trimEnd();
  return text.slice(start, end) + (count > 1 ? '…' : '');
}

/** Something other than white space lies between the start of the line and `offset`. */
function lineHasTextBefore(text: string, offset: number): boolean {
  let i = offset;
  while (i > 0 && isTrimmedInLine(text.charCodeAt(i - 1))) i--;
  return i > 0 && !isLineEnd(text.charCodeAt(i - 1));
}

/** Something other than white space lies between `offset` and the end of the line. */
function lineHasTextAfter(text: string, offset: number): boolean {
  let i = offset;
  while (i < text.length && isTrimmedInLine(text.charCodeAt(i))) i++;
  return i < text.length && !isLineEnd(text.charCodeAt(i));
}

function isLineEnd(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** What String.trim removes (ECMAScript WhiteSpace and LineTerminator), except the line ends \n and \r that bound a line. */
export function isTrimmedInLine(code: number): boolean {
  return (
    code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f ||
    code === 0x3000 || code === 0xfeff
  );
}
