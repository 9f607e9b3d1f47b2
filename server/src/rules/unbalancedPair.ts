// unbalanced-pair: a quote, title mark or bracket opened and never closed (or closed and
// never opened) within one paragraph. The model joins the halves of a paragraph cut by an
// OCR break, so a pair across the cut is balanced. Half- and full-width parentheses close
// each other: the width is not this rule's concern.
import { Span } from '../model/types';
import { Rule } from './types';
import { articlesInScope } from './scope';
import { CharFinder, stretchOf } from './charFinder';

/** Opening mark → the mark that closes it. */
const CLOSER: Readonly<Record<string, string>> = {
  '“': '”', '《': '》', '(': ')', '（': '）', '『': '』', '「': '」', '【': '】',
};
/** Closing mark → the opening mark it expects, for messages. */
const OPENER: Readonly<Record<string, string>> = {
  '”': '“', '》': '《', ')': '(', '）': '（', '』': '『', '」': '「', '】': '【',
};
/** “ ” ( ) （ ） 《 》 「 」 『 』 【 】: the engine finds them, the loop never sees the Han in between. */
const MARKS = /[()\u201c\u201d\uff08\uff09\u300a-\u3011]/g;
/** Kinds of mark, as small numbers: half- and full-width parentheses are one kind. */
const KIND_COUNT = 6;
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
    const articles = articlesInScope(context);
    const pairs = new PairChecker(text, stretchOf(articles), report);
    for (const article of articles) {
      for (const line of article.titleLines) pairs.check([line.span], 'title', -1);
      // Section heads sit between paragraphs: taken in text order, so one pass reads the article once.
      const { sections, paragraphs } = article;
      let section = 0;
      for (let index = 0; index < paragraphs.length; index++) {
        const paragraph = paragraphs[index];
        for (; section < sections.length && sections[section].titleSpan.start < paragraph.span.start; section++) {
          pairs.check([sections[section].titleSpan], 'title', -1);
        }
        const next = paragraphs[index + 1];
        pairs.check(paragraph.fragments, 'paragraph', next ? text.charCodeAt(next.span.start) : -1);
      }
      for (; section < sections.length; section++) pairs.check([sections[section].titleSpan], 'title', -1);
    }
  },
};

/** One pass over paragraphs and heads in text order; the stacks are reused from one to the next. */
class PairChecker {
  private readonly marks: CharFinder;
  /** Offsets of the marks still open, innermost last. */
  private readonly open: number[] = [];
  /** How many of each kind are open: a close with none open fails at once. */
  private readonly openOfKind = new Int32Array(KIND_COUNT);

  constructor(
    private readonly text: string,
    within: Span,
    private readonly report: Report,
  ) {
    this.marks = new CharFinder(text, MARKS, within);
  }

  /** `nextStart`: the code of the first character of the next paragraph, -1 when there is none. */
  check(fragments: readonly Span[], where: string, nextStart: number): void {
    const { text, open, openOfKind } = this;
    if (open.length > 0) {
      // Only a paragraph that left marks open needs the reset: most leave none.
      open.length = 0;
      openOfKind.fill(0);
    }
    for (const fragment of fragments) {
      for (let i = this.marks.next(fragment.start); i < fragment.end; i = this.marks.next(i + 1)) {
        const code = text.charCodeAt(i);
        const kind = kindOf(code);
        if (isOpening(code)) {
          open.push(i);
          openOfKind[kind]++;
          continue;
        }
        if (openOfKind[kind] === 0) {
          if (!isListMarker(text, i, fragments[0].start)) {
            const char = text[i];
            this.report(at(i, `「${char}」 closes nothing: no 「${OPENER[char]}」 before it in this ${where}`));
          }
          continue;
        }
        // Close the nearest open mark of this kind; marks opened after it were never closed.
        let k = open.length - 1;
        while (kindOf(text.charCodeAt(open[k])) !== kind) k--;
        openOfKind[kind]--;
        for (let j = k + 1; j < open.length; j++) {
          openOfKind[kindOf(text.charCodeAt(open[j]))]--;
          this.unclosed(open[j], where);
        }
        while (open.length > k) open.pop();
      }
    }
    let carried = false;
    for (const offset of open) {
      // Chinese convention: a quotation over several paragraphs reopens “ at each one and closes only at the last.
      const code = text.charCodeAt(offset);
      if (!carried && isCarriedQuote(code) && nextStart === code) {
        carried = true;
        continue;
      }
      this.unclosed(offset, where);
    }
  }

  private unclosed(offset: number, where: string): void {
    const mark = this.text[offset];
    this.report(at(offset, `「${mark}」 is never closed in this ${where}: no 「${CLOSER[mark]}」 after it`));
  }
}

/** “ ( （ 《 「 『 【 */
function isOpening(code: number): boolean {
  return code === 0x201c || code === 0x28 || code === 0xff08 || (code >= 0x300a && code <= 0x3011 && code % 2 === 0);
}

/** Quotation marks a multi-paragraph quotation opens at every paragraph and closes only at the last: “ 「 『. */
function isCarriedQuote(code: number): boolean {
  return code === 0x201c || code === 0x300c || code === 0x300e;
}

/** 0 “”, 1 parentheses of either width, 2 《》, 3 「」, 4 『』, 5 【】. */
function kindOf(code: number): number {
  if (code === 0x201c || code === 0x201d) return 0;
  if (code === 0x28 || code === 0x29 || code === 0xff08 || code === 0xff09) return 1;
  return ((code - 0x300a) >> 1) + 2;
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
