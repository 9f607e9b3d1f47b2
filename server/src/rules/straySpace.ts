// stray-space: white space inside running Chinese text, left by extraction (`新方法。 2011年`, `中 国`).
// Body paragraphs only: title lines separate phrases with spaces and credits separate
// roles and names on purpose, so neither is looked at.
import { Article, Paragraph, Span } from '../model/types';
import { isHan } from '../model/characters';
import { parseCredits } from '../model/credits';
import { Rule } from './types';
// `林 海`: a two-character name padded to the width of a three-character one starts with a surname.
import { SURNAMES } from '../model/surnames';
import { articlesInScope } from './scope';
import { partitionPoint } from '../model/search';
import { CharFinder, stretchOf } from './charFinder';
import { quotedTitleEnd } from './quotedTitle';

const SPACE_CODES = new Set([0x20, 0x09, 0x3000, 0xa0]);
/** What the scan stops at: the spaces it judges. */
const SPACES = /[ \t\u3000\u00a0]/g;
/** 《 “ ( （ ) ）: the quoted titles and parentheses a space may lie in (see Enclosures). */
const ENCLOSING_MARKS = /[\u300a\u201c(\uff08)\uff09]/g;
/** Singular and plural: full-width and no-break spaces look like ordinary ones, the message says which it is. */
const SPACE_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  ' ': ['space', 'spaces'],
  '\t': ['tab', 'tabs'],
  '\u3000': ['full-width space (U+3000)', 'full-width spaces (U+3000)'],
  '\u00a0': ['no-break space (U+00A0)', 'no-break spaces (U+00A0)'],
};
/** Half-width marks the corpus uses as Chinese punctuation; between Latin words they are Latin. */
const CONVENTION_PUNCT = new Set([',', ';', ':', '?', '!', '(', ')']);
const CLOSE_PARENS = new Set([')', '）']);


type Side = 'han' | 'punct' | 'digit' | 'latin';

/** ASCII and full-width digits. */
function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

/** ASCII and full-width Latin letters. */
function isLatinLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a);
}

/** Full-width and CJK punctuation: a space next to it is never a word separator. */
function isCjkPunct(code: number): boolean {
  return (
    (code >= 0x3001 && code <= 0x303f) || // 、。〈〉《》「」『』【】…
    (code >= 0xff01 && code <= 0xff0f) || (code >= 0xff1a && code <= 0xff20) || (code >= 0xff3b && code <= 0xff40) ||
    (code >= 0xff5b && code <= 0xff65) ||
    code === 0x2014 || code === 0x2015 || code === 0x2026 || // — ―  …
    code === 0x2018 || code === 0x2019 || code === 0x201c || code === 0x201d || code === 0xb7
  );
}

/** Character class of the character at `index`; `step` (-1 or 1) points away from the space. */
function sideAt(text: string, index: number, step: -1 | 1): Side {
  const code = text.codePointAt(step === -1 && isLowSurrogate(text.charCodeAt(index)) ? index - 1 : index)!;
  if (isHan(code)) return 'han';
  if (isCjkPunct(code)) return 'punct';
  if (isDigit(code)) return 'digit';
  if (CONVENTION_PUNCT.has(text[index])) {
    const beyond = text.charCodeAt(index + step);
    return isDigit(beyond) || isLatinLetter(beyond) ? 'latin' : 'punct';
  }
  return 'latin'; // letters, %, ., symbols, anything else: not Chinese running text
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Han characters in a row from `index` going `step`, counted up to `max`. */
function hanRun(text: string, index: number, step: -1 | 1, max: number): number {
  let count = 0;
  for (let i = index; count < max && i >= 0 && i < text.length; i += step) {
    if (!isHan(text.charCodeAt(i))) break; // astral Han ends the count early: harmless for these short runs
    count++;
  }
  return count;
}

/** `2011年 12月` is a scar; `共有 30 人` (a space on both sides of the number) is a spacing style. */
function digitsSpacedOnFarSide(text: string, index: number, step: -1 | 1): boolean {
  let i = index;
  while (i >= 0 && i < text.length && (isDigit(text.charCodeAt(i)) || text[i] === '.')) i += step;
  return SPACE_CODES.has(text.charCodeAt(i));
}

/** Spaces the layout puts there on purpose: after `本报讯`, after the lead's credit, around jump markers, inside credits. */
interface Exempt {
  // Lists, not Sets: a paragraph has a handful at most, and a Set per paragraph with a space was a third of the rule's garbage.
  readonly runStarts: number[];
  readonly runEnds: number[];
  readonly ranges: { start: number; end: number }[];
}

function exemptions(article: Article, paragraph: Paragraph, text: string): Exempt {
  const { start, end } = paragraph.span;
  const exempt: Exempt = { runStarts: [], runEnds: [], ranges: [] };
  // Only those that start in the paragraph (all three lists are in text order): looping over the
  // whole article for each paragraph was quadratic on an article of thousands of leads.
  const { leads, bylines, jumps } = article;
  for (let k = firstStartingFrom(leads, start); k < leads.length && leads[k].span.start <= start; k++) {
    exempt.runStarts.push(start + leads[k].marker.length);
  }
  for (let k = firstStartingFrom(bylines, start); k < bylines.length && bylines[k].span.start <= end; k++) {
    const byline = bylines[k];
    if (byline.span.end > end) continue;
    exempt.ranges.push(byline.span);
    exempt.runStarts.push(byline.span.end);
    if (CLOSE_PARENS.has(text[byline.span.end])) exempt.runStarts.push(byline.span.end + 1);
  }
  for (let k = firstStartingFrom(jumps, start); k < jumps.length && jumps[k].span.start <= end; k++) {
    const jump = jumps[k];
    if (jump.span.end > end) continue;
    exempt.runStarts.push(jump.span.end);
    exempt.runEnds.push(jump.span.start);
  }
  if (paragraph.kind === 'editor-note') {
    const colon = text.slice(start, start + 6).search(/[:：]/);
    if (colon >= 0) exempt.runStarts.push(start + colon + 1);
  }
  return exempt;
}

/** The index of the first item of a list sorted by start that starts at or after `from`. */
function firstStartingFrom(items: readonly { readonly span: { readonly start: number } }[], from: number): number {
  return partitionPoint(items, (item) => item.span.start < from);
}

export const straySpaceRule: Rule = {
  id: 'stray-space',
  description: 'A space inside running Chinese text, left by extraction (not in titles, credits or between Latin words).',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text } = context;
    // One pass forward through the paragraphs: the engine skips what is not a space.
    const articles = articlesInScope(context);
    const spaces = new CharFinder(text, SPACES, stretchOf(articles));
    const enclosures = new Enclosures(text, stretchOf(articles));
    for (const article of articles) {
      for (const paragraph of article.paragraphs) {
        let exempt: Exempt | undefined;
        const fragments = paragraph.fragments;
        for (let f = 0; f < fragments.length; f++) {
          const fragment = fragments[f];
          enclosures.enter(paragraph, f);
          for (let i = spaces.next(fragment.start); i < fragment.end; i = spaces.next(i + 1)) {
            // Blocks are trimmed, so a run inside a fragment has a character on both sides.
            let runEnd = i + 1;
            while (runEnd < fragment.end && SPACE_CODES.has(text.charCodeAt(runEnd))) runEnd++;
            exempt ??= exemptions(article, paragraph, text);
            const problem = judge(text, i, runEnd, exempt, enclosures);
            if (problem) {
              const span = { start: i, end: runEnd };
              const padded = problem === 'name-padding';
              report({
                span,
                message: padded
                  ? `Padded name 「${text.slice(i - 1, runEnd + 1)}」 in running text — the space aligns names in a credit column; write it without`
                  : `Stray ${describe(text.slice(i, runEnd))} inside Chinese text — an extraction leftover`,
                fixes: [{ title: 'Remove the space', edits: [{ span, newText: '' }], safe: !padded }],
                ...(padded ? { variant: 'name-padding', severity: 'information' as const } : {}),
              });
            }
            i = runEnd - 1;
          }
        }
      }
    }
  },
};

/**
 * The quoted title and the parenthesis a space lies in, read forward through a paragraph only
 * when a space between Han characters asks: most spaces are judged by their neighbours alone,
 * and the engine need not stop at every quote and bracket for them.
 */
class Enclosures {
  private readonly marks: CharFinder;
  /** Where the scan is: a fragment of a paragraph. */
  private paragraph: Paragraph | undefined;
  private fragmentIndex = 0;
  /** How far the marks are read: up to `readTo` in fragment `readFragment` of `readParagraph`. */
  private readParagraph: Paragraph | undefined;
  private readFragment = 0;
  private readTo = 0;
  /** End of the quoted title being read: it keeps the spaces between its phrases. A title ends in the fragment it opens in. */
  private titleEnd = -1;
  /** The ( or （ opened last and not closed since, or -1. */
  private parenStart = -1;

  constructor(
    private readonly text: string,
    within: Span,
  ) {
    this.marks = new CharFinder(text, ENCLOSING_MARKS, within);
  }

  /** The scan moved on to fragment `fragmentIndex` of `paragraph`; nothing is read yet. */
  enter(paragraph: Paragraph, fragmentIndex: number): void {
    this.paragraph = paragraph;
    this.fragmentIndex = fragmentIndex;
  }

  /** The offset lies inside a quoted title (of the current fragment). */
  inQuotedTitle(at: number): boolean {
    this.readUpTo(at);
    return at < this.titleEnd;
  }

  /** Where the parenthesis around the offset opened (in the current paragraph), or -1. */
  parenStartAt(at: number): number {
    this.readUpTo(at);
    return this.parenStart;
  }

  /** Follows the marks of the current paragraph up to `at`, which lies in the current fragment. */
  private readUpTo(at: number): void {
    const paragraph = this.paragraph!;
    if (paragraph !== this.readParagraph) {
      this.readParagraph = paragraph;
      this.readFragment = 0;
      this.readTo = paragraph.fragments[0].start;
      this.titleEnd = -1;
      this.parenStart = -1;
    }
    const { text } = this;
    for (;;) {
      const fragment = paragraph.fragments[this.readFragment];
      const until = this.readFragment === this.fragmentIndex ? at : fragment.end;
      for (let i = this.marks.next(this.readTo); i < until; i = this.marks.next(i + 1)) {
        switch (text.charCodeAt(i)) {
          case 0x300a: // 《
          case 0x201c: // “
            if (i >= this.titleEnd) this.titleEnd = quotedTitleEnd(text, i, fragment.end);
            break;
          case 0x28: // (
          case 0xff08: // （
            this.parenStart = i;
            break;
          default: // ) ）
            this.parenStart = -1;
        }
      }
      if (this.readFragment === this.fragmentIndex) {
        this.readTo = Math.max(this.readTo, at);
        return;
      }
      this.readFragment++;
      this.readTo = paragraph.fragments[this.readFragment].start;
    }
  }
}

/** `enclosures` tells the quoted title and parenthesis the space lies in; asked only between Han characters. */
function judge(
  text: string,
  start: number,
  end: number,
  exempt: Exempt,
  enclosures: Enclosures,
): 'plain' | 'name-padding' | null {
  if (exempt.runStarts.includes(start) || exempt.runEnds.includes(end)) return null;
  if (exempt.ranges.some((range) => start >= range.start && end <= range.end)) return null;
  const left = sideAt(text, start - 1, -1);
  const right = sideAt(text, end, 1);
  if (left === 'punct' || right === 'punct') return 'plain';
  if (left === 'han' && right === 'han') {
    const leftRun = hanRun(text, start - 1, -1, 3);
    const rightRun = hanRun(text, end, 1, 3);
    if (leftRun >= 3 && rightRun >= 3 && enclosures.inQuotedTitle(start)) return null; // “学党史献礼建党百年 强党建赋能企业发展”
    const parenStart = enclosures.parenStartAt(start);
    if (parenStart >= 0 && isCreditInParens(text, parenStart)) return null; // (记者 杨宜锦 摄)
    const singleSpace = end - start === 1 || (end - start === 2 && text[start] === ' ');
    if (singleSpace && rightRun === 1 && SURNAMES.has(text[start - 1])) return 'name-padding';
    return 'plain';
  }
  if (left === 'han' && right === 'digit') return digitsSpacedOnFarSide(text, end, 1) ? null : 'plain';
  if (left === 'digit' && right === 'han') return digitsSpacedOnFarSide(text, start - 1, -1) ? null : 'plain';
  // Latin on both sides (`Windows 10`, `3 000`), or Han next to a Latin word: spacing, or latin-fragment's business.
  return null;
}

/** `space`, `3 spaces`, `full-width space (U+3000)`, `white space` for a mixed run. */
function describe(run: string): string {
  const [singular, plural] = SPACE_NAMES[run[0]];
  if (run.length === 1) return singular;
  return [...run].every((char) => char === run[0]) ? `${run.length} ${plural}` : 'white space';
}

/** The parenthesis opened at `open` holds only credits: `(记者 杨宜锦 摄)`. */
function isCreditInParens(text: string, open: number): boolean {
  const limit = Math.min(text.length, open + 64);
  for (let i = open + 1; i < limit; i++) {
    if (CLOSE_PARENS.has(text[i])) return parseCredits(text.slice(open + 1, i)) !== null;
    if (text[i] === '\n' || text[i] === '\r') return false;
  }
  return false;
}
