// latin-fragment: a lowercase English word inside Chinese text (`应急管理指挥体系 and 安全生产专家体系`),
// usually a leftover of a bilingual source or an extraction tool. Legitimate Latin is left
// alone: acronyms (GDP, APP), codes with digits (PM2.5, 5G, A320), addresses, units after a
// number, brands with one letter (e租宝), words inside 《》 or “” titles.
import { Span } from '../model/types';
import { isHan } from '../model/characters';
import { Fix, Rule } from './types';
import { articlesInScope } from './scope';
import { CharFinder, stretchOf } from './charFinder';
import { quotedTitleEnd } from './quotedTitle';

/** A “…” around a Latin word is a name only when short (`“Hello Kitty”`); a longer one is speech, and speech is checked. */
const QUOTED_NAME_REACH = 24;

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

/**
 * Where a lowercase word can start: a lowercase letter with another after it (a one-character
 * match, as CharFinder wants). The numbers and acronyms around them are never fragments, so the
 * engine skips them with the Han instead of handing each to the loop.
 */
const WORD_STARTS = /[a-z](?=[a-z])/g;
/** 《 and “: titles and quoted terms, whose words are left alone. */
const TITLE_OPENERS = /[\u300a\u201c]/g;
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
    const articles = articlesInScope(context);
    const words = new WordScan(text, stretchOf(articles), report);
    for (const article of articles) {
      for (const line of article.titleLines) words.scan(line.span);
      // Section heads sit between paragraphs: taken in text order, so one pass reads the article once.
      const { sections } = article;
      let section = 0;
      for (const paragraph of article.paragraphs) {
        for (; section < sections.length && sections[section].titleSpan.start < paragraph.span.start; section++) words.scan(sections[section].titleSpan);
        for (const fragment of paragraph.fragments) words.scan(fragment);
      }
      for (; section < sections.length; section++) words.scan(sections[section].titleSpan);
    }
  },
};

/**
 * One pass over fragments in text order. A token is a run of letters and digits with the
 * joiners between them (`PM2.5`, `e-mail`); only a token of lowercase letters alone is judged.
 * The engine finds where two lowercase letters meet, and the token is worked out from there.
 */
class WordScan {
  private readonly wordStarts: CharFinder;
  private readonly titles: QuotedTitles;

  constructor(
    private readonly text: string,
    within: Span,
    private readonly report: Parameters<Rule['check']>[1],
  ) {
    this.wordStarts = new CharFinder(text, WORD_STARTS, within);
    this.titles = new QuotedTitles(text, within);
  }

  scan(fragment: Span): void {
    const { text } = this;
    for (let i = this.wordStarts.next(fragment.start); i < fragment.end; i = this.wordStarts.next(i)) {
      const end = tokenEnd(text, i, fragment.end);
      // Inside a token that started before (`A320ab`, `hwnwgaige@126.com`): not a word of its own.
      const startsToken = !continuesToken(text, i, fragment.start);
      if (startsToken && isLowercaseWord(text, i, end) && !this.titles.covers(i, fragment)) {
        const word = text.slice(i, end);
        if (isStrayWord(text, word, i, end, fragment)) this.report(problemFor(text, word, { start: i, end }, fragment));
      }
      i = end;
    }
  }
}

/** The end of the token that holds `from`: alphanumerics, and up to three joiners between them. */
function tokenEnd(text: string, from: number, fragmentEnd: number): number {
  let end = from + 1;
  while (end < fragmentEnd) {
    if (isAlnum(text.charCodeAt(end))) {
      end++;
      continue;
    }
    let joined = end; // joiners count only with Latin after them: `http://`, not `and:`
    while (joined < fragmentEnd && joined - end < 3 && isJoiner(text.charCodeAt(joined))) joined++;
    if (joined === end || joined >= fragmentEnd || !isAlnum(text.charCodeAt(joined))) break;
    end = joined;
  }
  return end;
}

/** The alphanumeric at `at` belongs to a token begun before it: right after an alphanumeric, or after one and up to three joiners. */
function continuesToken(text: string, at: number, fragmentStart: number): boolean {
  let before = at - 1;
  if (before < fragmentStart) return false;
  if (isAlnum(text.charCodeAt(before))) return true;
  while (before >= fragmentStart && at - before <= 3 && isJoiner(text.charCodeAt(before))) before--;
  return before >= fragmentStart && before < at - 1 && isAlnum(text.charCodeAt(before));
}

/**
 * Which offsets lie inside a 《title》 or quoted “term”, read forward through a fragment only as
 * far as a word found asks: most fragments have no word, and their quotes are never looked at.
 * A title ends in the fragment it opens in, so each fragment starts outside one.
 */
class QuotedTitles {
  private readonly openers: CharFinder;
  private fragmentStart = -1;
  /** Openers before this offset in the fragment are accounted for. */
  private readUpTo = -1;
  private titleEnd = -1;

  constructor(
    private readonly text: string,
    within: Span,
  ) {
    this.openers = new CharFinder(text, TITLE_OPENERS, within);
  }

  covers(at: number, fragment: Span): boolean {
    if (fragment.start !== this.fragmentStart) {
      this.fragmentStart = fragment.start;
      this.readUpTo = fragment.start;
      this.titleEnd = -1;
    }
    for (let i = this.openers.next(this.readUpTo); i < at; i = this.openers.next(i + 1)) {
      if (i >= this.titleEnd) this.titleEnd = quotedTitleEnd(this.text, i, fragment.end, QUOTED_NAME_REACH);
    }
    this.readUpTo = at;
    return at < this.titleEnd;
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
