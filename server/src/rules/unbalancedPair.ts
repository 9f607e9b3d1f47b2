// unbalanced-pair: a quote, title mark or bracket opened and never closed (or closed and
// never opened) within one paragraph. The model joins the halves of a paragraph cut by an
// OCR break, so a pair across the cut is balanced. Half- and full-width parentheses close
// each other: the width is not this rule's concern.
import { Span } from '../model/types';
import { Rule } from './types';
import { articlesInScope } from './scope';

/** Opening mark → the mark that closes it. */
const CLOSER: Readonly<Record<string, string>> = {
  '“': '”', '《': '》', '(': ')', '（': '）', '『': '』', '「': '」', '【': '】',
};
/** Closing mark → the opening mark it expects, for messages. */
const OPENER: Readonly<Record<string, string>> = {
  '”': '“', '》': '《', ')': '(', '）': '（', '』': '『', '」': '「', '】': '【',
};
/** Every mark → its kind; half- and full-width parentheses are one kind. */
const KIND: Readonly<Record<string, string>> = {
  '“': '“', '”': '“', '《': '《', '》': '《', '(': '(', ')': '(', '（': '(', '）': '(',
  '『': '『', '』': '『', '「': '「', '」': '「', '【': '【', '】': '【',
};
/** Quotation marks a multi-paragraph quotation opens at every paragraph and closes only at the last. */
const CARRIED_QUOTES = new Set(['“', '『', '「']);
/** Markers of a list item before a lone closing parenthesis: `1)`, `一）`, `a)`. */
const LIST_MARKER = /^[0-9０-９a-zA-Z一二三四五六七八九十]{1,2}$/;
const BEFORE_LIST_ITEM = new Set(['', '。', '；', ';', '，', ',', '：', ':', ' ', '\u3000']);

type Report = Parameters<Rule['check']>[1];

export const unbalancedPairRule: Rule = {
  id: 'unbalanced-pair',
  description: 'A quote, title mark or bracket without its partner in the same paragraph or title line.',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text } = context;
    for (const article of articlesInScope(context)) {
      for (const line of article.titleLines) check(text, [line.span], 'title', null, report);
      for (const section of article.sections) check(text, [section.titleSpan], 'title', null, report);
      article.paragraphs.forEach((paragraph, index) => {
        const next = article.paragraphs[index + 1];
        check(text, paragraph.fragments, 'paragraph', next ? text[next.span.start] : null, report);
      });
    }
  },
};

function check(text: string, fragments: readonly Span[], where: string, nextStart: string | null, report: Report): void {
  const open: number[] = []; // offsets of the marks still open, innermost last
  const openOfKind = new Map<string, number>(); // how many of each kind are open: a close with none open fails at once
  const unclosed = (offset: number) => {
    const mark = text[offset];
    report(at(offset, `「${mark}」 is never closed in this ${where}: no 「${CLOSER[mark]}」 after it`));
  };
  for (const fragment of fragments) {
    for (let i = fragment.start; i < fragment.end; i++) {
      // Test the code first: a one-character string for every Han character of a 10 MB dump is slow.
      if (!isMark(text.charCodeAt(i))) continue;
      const char = text[i];
      const kind = KIND[char];
      if (CLOSER[char]) {
        open.push(i);
        openOfKind.set(kind, (openOfKind.get(kind) ?? 0) + 1);
        continue;
      }
      if (!openOfKind.get(kind)) {
        if (!isListMarker(text, i, fragments[0].start)) {
          report(at(i, `「${char}」 closes nothing: no 「${OPENER[char]}」 before it in this ${where}`));
        }
        continue;
      }
      // Close the nearest open mark of this kind; marks opened after it were never closed.
      let k = open.length - 1;
      while (KIND[text[open[k]]] !== kind) k--;
      const closed = open.splice(k);
      for (const offset of closed) openOfKind.set(KIND[text[offset]], openOfKind.get(KIND[text[offset]])! - 1);
      closed.slice(1).forEach((offset) => unclosed(offset));
    }
  }
  let carried = false;
  for (const offset of open) {
    // Chinese convention: a quotation over several paragraphs reopens “ at each one and closes only at the last.
    if (!carried && CARRIED_QUOTES.has(text[offset]) && nextStart === text[offset]) {
      carried = true;
      continue;
    }
    unclosed(offset);
  }
}

/** “ ” ( ) （ ） 《 》 「 」 『 』 【 】 */
function isMark(code: number): boolean {
  return code === 0x28 || code === 0x29 || code === 0x201c || code === 0x201d || code === 0xff08 || code === 0xff09 ||
    (code >= 0x300a && code <= 0x3011);
}

function at(offset: number, message: string) {
  return { span: { start: offset, end: offset + 1 }, message, fixes: [] };
}

/** `1)` or `一）` opening a list item, at the start of the paragraph or after a clause. */
function isListMarker(text: string, close: number, paragraphStart: number): boolean {
  let start = close;
  while (start > paragraphStart && close - start < 2 && LIST_MARKER.test(text.slice(start - 1, close))) start--;
  if (start === close) return false;
  return BEFORE_LIST_ITEM.has(start === paragraphStart ? '' : text[start - 1]);
}
