// latin-fragment: a lowercase English word inside Chinese text (`应急管理指挥体系 and 安全生产专家体系`),
// usually a leftover of a bilingual source or an extraction tool. Legitimate Latin is left
// alone: acronyms (GDP, APP), codes with digits (PM2.5, 5G, A320), addresses, units after a
// number, brands with one letter (e租宝), words inside 《》 or “” titles.
import { Span } from '../model/types';
import { isHan, isClauseBreak } from '../model/characters';
import { Fix, Rule } from './types';
import { articlesInScope } from './scope';
import { CharFinder, stretchOf } from './charFinder';

/** What a word most likely stood for; a fix only where the replacement is unambiguous. */
const SUGGESTIONS: Readonly<Record<string, { hint: string; replacement?: string }>> = {
  and: { hint: '和', replacement: '和' },
  or: { hint: '或', replacement: '或' },
  of: { hint: '的' },
  the: { hint: 'delete' },
};

/** Lowercase words Chinese text uses as loanwords. */
const LOANWORDS = new Set(['app', 'vs', 'pk', 'ok', 'wifi', 'logo', 'vip', 'diy', 'ip', 'id', 'pos', 'blog', 'vlog']);

const UNITS = new Set([
  'km', 'm', 'cm', 'mm', 'nm', 'kg', 'g', 'mg', 'ml', 'l', 't', 'kw', 'kwh', 'mw', 'gw', 'kv', 'ha', 'h', 'min', 's', 'ms',
  'db', 'hz', 'khz', 'mhz', 'ghz', 'kb', 'mb', 'gb', 'tb', 'ppm', 'mol', 'pa', 'kpa', 'mpa', 'lx', 'kcal',
]);

/** Where a token can start, and the 《 “ whose titles the scan follows: the engine skips the Han in between. */
const CANDIDATES = /[A-Za-z0-9\u300a\u201c]/g;
const SPACES = new Set([' ', '\t', '\u3000', '\u00a0']);

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Characters that glue Latin into one token (full-width ones too): `hwnwgaige@126.com`, `www．gov．cn`, `km/h`, `e-mail`. */
function isJoiner(code: number): boolean {
  switch (code) {
    case 0x2e: case 0x40: case 0x2f: case 0x3a: case 0x2d: case 0x5f: case 0x25: case 0x23: case 0x3d: case 0x26: case 0x7e: case 0x2b: // . @ / : - _ % # = & ~ +
    case 0xff0e: case 0xff0d: case 0xff20: case 0xff0f: // ． － ＠ ／
      return true;
    default:
      return false;
  }
}

function isAlnum(code: number): boolean {
  return isLetter(code) || isDigit(code);
}

/** Han or full-width punctuation: Chinese running text on that side. */
function isChinese(code: number): boolean {
  return isHan(code) || (code >= 0x3001 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff65 && !isFullWidthAlnum(code)) ||
    code === 0x201c || code === 0x201d || code === 0x2014 || code === 0x2026;
}

function isFullWidthAlnum(code: number): boolean {
  return (code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a);
}

export const latinFragmentRule: Rule = {
  id: 'latin-fragment',
  description: 'A Latin word inside Chinese text (`体系 and 安全`): an extraction leftover; acronyms, codes and units are fine.',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text } = context;
    // Heads and paragraphs are two passes that each move forward through the text.
    const articles = articlesInScope(context);
    const heads = new CharFinder(text, CANDIDATES, stretchOf(articles));
    const paragraphs = new CharFinder(text, CANDIDATES, stretchOf(articles));
    for (const article of articles) {
      for (const line of article.titleLines) scan(text, [line.span], heads, report);
      for (const section of article.sections) scan(text, [section.titleSpan], heads, report);
      for (const paragraph of article.paragraphs) scan(text, paragraph.fragments, paragraphs, report);
    }
  },
};

function scan(text: string, fragments: readonly Span[], candidates: CharFinder, report: Parameters<Rule['check']>[1]): void {
  let titleEnd = -1; // end of the 《title》 or quoted “term” being read
  for (const fragment of fragments) {
    for (let i = candidates.next(fragment.start); i < fragment.end; i = candidates.next(i + 1)) {
      const code = text.charCodeAt(i);
      if ((code === 0x300a || code === 0x201c) && i >= titleEnd) titleEnd = quotedTitleEnd(text, i, fragment.end); // 《 “
      if (!isAlnum(code)) continue;
      // One token: alphanumerics and the joiners between them.
      let end = i + 1;
      while (end < fragment.end) {
        if (isAlnum(text.charCodeAt(end))) {
          end++;
          continue;
        }
        let joined = end; // joiners count only with Latin after them: `http://`, not `and:`
        while (joined < fragment.end && joined - end < 3 && isJoiner(text.charCodeAt(joined))) joined++;
        if (joined === end || joined >= fragment.end || !isAlnum(text.charCodeAt(joined))) break;
        end = joined;
      }
      // Most tokens are numbers and acronyms: only a lowercase word is cut out of the text and judged.
      if (i >= titleEnd && isLowercaseWord(text, i, end)) {
        const word = text.slice(i, end);
        if (isStrayWord(text, word, i, end, fragment)) report(problemFor(text, word, { start: i, end }, fragment));
      }
      i = end - 1;
    }
  }
}

/** Two or more ASCII lowercase letters and nothing else: single letters, acronyms, codes, brands and addresses are not fragments. */
function isLowercaseWord(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x61 || code > 0x7a) return false;
  }
  return true;
}

function isStrayWord(text: string, word: string, start: number, end: number, fragment: Span): boolean {
  if (LOANWORDS.has(word)) return false;
  const before = neighbour(text, start - 1, -1, fragment);
  const after = neighbour(text, end, 1, fragment);
  if (UNITS.has(word) && (isDigit(before) || text[start - 1] === '/')) return false; // 120 km, 元/kg
  if (text[end] === '(' || text[end] === '（') return false; // a foreign word with its gloss: rousseau（卢梭）
  // Between Chinese on both sides, Han on one at least: a word in a Latin phrase is not a fragment.
  return isChinese(before) && isChinese(after) && (isHan(before) || isHan(after));
}

/**
 * End of a title opened at `open`: any 《…》, or a “…” short and without a clause break
 * (`“Hello Kitty”` is a name; `他说:“…and…”` is speech, and speech is checked). -1 when not a title.
 */
function quotedTitleEnd(text: string, open: number, end: number): number {
  const closeTitle = text.charCodeAt(open) === 0x300a; // 《 closes with 》, “ with ”
  const close = closeTitle ? 0x300b : 0x201d;
  const limit = Math.min(end, open + (closeTitle ? 64 : 24));
  for (let i = open + 1; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === close) return i + 1;
    if (!closeTitle && isClauseBreak(code)) return -1;
  }
  return -1;
}

/** Code point of the first non-space character from `index` going `step` inside the fragment, or -1. */
function neighbour(text: string, index: number, step: -1 | 1, fragment: Span): number {
  let i = index;
  while (i >= fragment.start && i < fragment.end && SPACES.has(text[i])) i += step;
  if (i < fragment.start || i >= fragment.end) return -1;
  if (step === -1 && i > fragment.start && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff) i--;
  return text.codePointAt(i)!;
}

function problemFor(text: string, word: string, span: Span, fragment: Span) {
  const suggestion = SUGGESTIONS[word];
  const hint = suggestion ? (suggestion.hint === 'delete' ? ' (delete it?)' : ` (「${suggestion.hint}」?)`) : '';
  const fixes: Fix[] = [];
  if (suggestion?.replacement) {
    // The spaces around the word were only there for it: the replacement closes them up.
    let start = span.start;
    let end = span.end;
    while (start > fragment.start && SPACES.has(text[start - 1])) start--;
    while (end < fragment.end && SPACES.has(text[end])) end++;
    fixes.push({
      title: `Replace 「${word}」 with 「${suggestion.replacement}」`,
      edits: [{ span: { start, end }, newText: suggestion.replacement }],
      safe: false,
    });
  }
  return { span, message: `Latin word 「${word}」 inside Chinese text — an extraction leftover?${hint}`, fixes };
}
