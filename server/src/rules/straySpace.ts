// stray-space: white space inside running Chinese text, left by extraction (`新方法。 2011年`, `中 国`).
// Body paragraphs only: title lines separate phrases with spaces and credits separate
// roles and names on purpose, so neither is looked at.
import { Article, Paragraph } from '../model/types';
import { isHan, isClauseBreak } from '../model/characters';
import { parseCredits } from '../model/credits';
import { Rule } from './types';
// `林 海`: a two-character name padded to the width of a three-character one starts with a surname.
import { SURNAMES } from '../model/surnames';
import { articlesInScope } from './scope';
import { partitionPoint } from '../model/search';
import { CharFinder, stretchOf } from './charFinder';

const SPACE_CODES = new Set([0x20, 0x09, 0x3000, 0xa0]);
/** What the scan stops at: the spaces it judges, and 《 “ ( （ ) ） whose quoted titles and credits it follows. */
const CANDIDATES = /[ \t\u3000\u00a0\u300a\u201c(\uff08)\uff09]/g;
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
  for (const lead of startingIn(article.leads, start, start)) exempt.runStarts.push(start + lead.marker.length);
  for (const byline of startingIn(article.bylines, start, end)) {
    if (byline.span.start < start || byline.span.end > end) continue;
    exempt.ranges.push(byline.span);
    exempt.runStarts.push(byline.span.end);
    if (CLOSE_PARENS.has(text[byline.span.end])) exempt.runStarts.push(byline.span.end + 1);
  }
  for (const jump of startingIn(article.jumps, start, end)) {
    if (jump.span.start < start || jump.span.end > end) continue;
    exempt.runStarts.push(jump.span.end);
    exempt.runEnds.push(jump.span.start);
  }
  if (paragraph.kind === 'editor-note') {
    const colon = text.slice(start, start + 6).search(/[:：]/);
    if (colon >= 0) exempt.runStarts.push(start + colon + 1);
  }
  return exempt;
}

/** The items of a list sorted by start whose start lies in [from, to]. */
function startingIn<T extends { readonly span: { readonly start: number } }>(items: readonly T[], from: number, to: number): T[] {
  const low = partitionPoint(items, (item) => item.span.start < from);
  const found: T[] = [];
  for (let i = low; i < items.length && items[i].span.start <= to; i++) found.push(items[i]);
  return found;
}

export const straySpaceRule: Rule = {
  id: 'stray-space',
  description: 'A space inside running Chinese text, left by extraction (not in titles, credits or between Latin words).',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text } = context;
    // One pass forward through the paragraphs: the engine skips what is not a space or a mark the loop follows.
    const articles = articlesInScope(context);
    const candidates = new CharFinder(text, CANDIDATES, stretchOf(articles));
    for (const article of articles) {
      for (const paragraph of article.paragraphs) {
        let exempt: Exempt | undefined;
        let titleEnd = -1; // end of the quoted title being read: it keeps the spaces between its phrases
        let parenStart = -1;
        for (const fragment of paragraph.fragments) {
          for (let i = candidates.next(fragment.start); i < fragment.end; i = candidates.next(i + 1)) {
            switch (text.charCodeAt(i)) {
              case 0x300a: // 《
              case 0x201c: // “
                if (i >= titleEnd) titleEnd = quotedTitleEnd(text, i, fragment.end);
                continue;
              case 0x28: // (
              case 0xff08: // （
                parenStart = i;
                continue;
              case 0x29: // )
              case 0xff09: // ）
                parenStart = -1;
                continue;
            }
            // Blocks are trimmed, so a run inside a fragment has a character on both sides.
            let runEnd = i + 1;
            while (runEnd < fragment.end && SPACE_CODES.has(text.charCodeAt(runEnd))) runEnd++;
            exempt ??= exemptions(article, paragraph, text);
            const problem = judge(text, i, runEnd, i < titleEnd, parenStart, exempt);
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

function judge(
  text: string,
  start: number,
  end: number,
  inQuotedTitle: boolean,
  parenStart: number,
  exempt: Exempt,
): 'plain' | 'name-padding' | null {
  if (exempt.runStarts.includes(start) || exempt.runEnds.includes(end)) return null;
  if (exempt.ranges.some((range) => start >= range.start && end <= range.end)) return null;
  const left = sideAt(text, start - 1, -1);
  const right = sideAt(text, end, 1);
  if (left === 'punct' || right === 'punct') return 'plain';
  if (left === 'han' && right === 'han') {
    const leftRun = hanRun(text, start - 1, -1, 3);
    const rightRun = hanRun(text, end, 1, 3);
    if (inQuotedTitle && leftRun >= 3 && rightRun >= 3) return null; // “学党史献礼建党百年 强党建赋能企业发展”
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

/** End of a title quoted at `open`: 《…》, or “…” without a clause break inside (speech is running text). -1 otherwise. */
function quotedTitleEnd(text: string, open: number, end: number): number {
  const close = text.charCodeAt(open) === 0x300a ? 0x300b : 0x201d; // 《 → 》, “ → ”
  for (let i = open + 1; i < Math.min(end, open + 64); i++) {
    const code = text.charCodeAt(i);
    if (code === close) return i + 1;
    if (close === 0x201d && isClauseBreak(code)) return -1;
  }
  return -1;
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
