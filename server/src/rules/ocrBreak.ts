// ocr-break: a paragraph cut in two by an extraction scar. The parser already joined the
// halves and said why (model.breaks, with cues); this rule only shows it and offers the join.
import { Break, BreakCue } from '../model/types';
import { firstCodePoints, lastCodePoints } from '../model/characters';
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
        const before = lineBefore(text, cut.span.start);
        const after = lineAfter(text, cut.span.end);
        const seen = `「${lastChars(before, CONTEXT)}」 | 「${firstChars(after, CONTEXT)}」`;
        report({
          span: cut.span,
          message: `Paragraph cut in mid-sentence: ${seen} (${reason(cut, before, after)})`,
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
function reason(cut: Break, before: string, after: string): string {
  const has = (cue: BreakCue) => cut.cues.includes(cue);
  if (cut.word) return `the halves form ${cut.word}`;
  if (has('continuation-start')) return `「${firstChars(after, 1)}」 cannot start a sentence`;
  if (has('open-punctuation')) return `the first half ends on 「${lastChars(before, 1)}」`;
  if (has('dangling-function-word')) return `the first half ends on 「${lastChars(before, 1)}」, which cannot end a phrase`;
  return 'the first half has no sentence-final punctuation';
}

// Scanned by hand: lastIndexOf('\r') on a dump without one would walk back to the start of the file for every break.
function lineBefore(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && !isLineEnd(text.charCodeAt(start - 1))) start--;
  return text.slice(start, offset).trim();
}

function lineAfter(text: string, offset: number): string {
  let end = offset;
  while (end < text.length && !isLineEnd(text.charCodeAt(end))) end++;
  return text.slice(offset, end).trim();
}

function isLineEnd(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** The last `count` (at least 1) characters (code points), with … when there is more before them. */
function lastChars(line: string, count: number): string {
  const shown = lastCodePoints(line, count);
  return (shown.length < line.length && count > 1 ? '…' : '') + shown;
}

function firstChars(line: string, count: number): string {
  const shown = firstCodePoints(line, count);
  return shown + (shown.length < line.length && count > 1 ? '…' : '');
}
