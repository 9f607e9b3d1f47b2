// Entity suggestions: spans of a text that look like a person (PER), an organisation (ORG)
// or a place (LOC) the editor has not tagged yet. Pure: the segmenter is passed in, offsets
// are UTF-16 units of the given text (end exclusive); brat code points are made elsewhere.
//
// Sources, each rule with a fixed confidence (RULES) and one threshold for all:
// - the gazetteer: names the editor tagged elsewhere, matched whole at word boundaries;
// - credits: `记者 杨宜锦`, `本报讯(记者 陈锋 孙亚文)`, `记者王霞光、李长云报道`;
// - a title right before a name (`市委书记安伟`, `区长陈红民`), 同志 right after one;
// - the segmenter's part of speech (nr person, ns place, nt organisation), filtered:
//   nodejieba tags many ordinary words nr (卫星, 文明) and never knows most local names;
// - patterns over its words: place + organisation head (`郑州` `市委`), a name + place
//   ending (`金水区`, `管城回族区`), transliterated names around `·`.
// Precision comes first: an editor shown mostly wrong suggestions stops reading them.
import type { Span, WordSegmenter } from '../model/types';
import { parseCredits } from '../model/credits';
import { charLength, codesOf, isHan } from '../model/characters';
import {
  ABBREVIATION_CHARS,
  ADMIN_UNITS,
  COMPOUND_SURNAMES,
  GENERIC_PLACE_WORDS,
  NAME_DOTS,
  NOT_NAME_FINAL,
  NOT_ORGANISATION,
  NOT_ORG_WORDS,
  NOT_PERSON,
  NOT_PERSON_FINAL,
  NOT_PLACE,
  NOT_SURNAME_TAGS,
  ORG_HEAD_CHARS,
  ORG_HEAD_WORDS,
  ORG_PREFIXES,
  PERSON_TAGGED_PLACE_ENDINGS,
  PLACE_SUFFIXES,
  PLACE_SUFFIX_WORDS,
  PLACE_WORD_TAILS,
  PROVINCE_CHARS,
  VILLAGE_FINALS,
  POST_NAME_TITLES,
  SPEECH_VERBS,
  SURNAMES,
  TITLES,
  TRANSLITERATION,
} from './nerLexicon';

export type EntityType = 'PER' | 'ORG' | 'LOC';
export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC'];

/** Where a suggestion comes from, for filtering and for the editor's explanation. */
export type SuggestionSource = 'gazetteer' | 'credit' | 'title' | 'pos' | 'pattern';

/**
 * Every rule, its source and its confidence: roughly how often it was right on pd-ner dev (People's
 * Daily, exact spans), or a judgement where dev has too few cases (gazetteer, credit, joined,
 * ethnic, compound places). Rules below the threshold only feed the list rule (李岚清、吴仪).
 */
export const RULES = {
  gazetteer: { source: 'gazetteer', confidence: 0.95 },
  credit: { source: 'credit', confidence: 0.9 },
  'credit-in-text': { source: 'credit', confidence: 0.9 },
  title: { source: 'title', confidence: 0.85 },
  'title-split-name': { source: 'title', confidence: 0.7 },
  'title-listed': { source: 'title', confidence: 0.7 },
  'post-title': { source: 'title', confidence: 0.85 },
  'name-in-word': { source: 'pos', confidence: 0.9 },
  'pos-person': { source: 'pos', confidence: 0.75 },
  'pos-person-speaking': { source: 'pos', confidence: 0.85 },
  'pos-person-titled': { source: 'pos', confidence: 0.85 },
  'pos-person-joined': { source: 'pos', confidence: 0.7 },
  'pos-person-joined-short': { source: 'pos', confidence: 0.2 },
  'listed-person': { source: 'pos', confidence: 0.65 },
  'pos-person-short': { source: 'pos', confidence: 0.15 },
  'pos-person-foreign': { source: 'pos', confidence: 0.3 },
  'pos-person-other': { source: 'pos', confidence: 0.05 },
  'unknown-word-person': { source: 'pos', confidence: 0.9 },
  'unknown-word-short': { source: 'pos', confidence: 0.25 },
  'pos-place': { source: 'pos', confidence: 0.8 },
  'pos-place-stem': { source: 'pos', confidence: 0.8 },
  'pos-person-as-place': { source: 'pos', confidence: 0.75 },
  'pos-organisation': { source: 'pos', confidence: 0.85 },
  'government-place': { source: 'pos', confidence: 0.9 },
  'dotted-name': { source: 'pattern', confidence: 0.75 },
  dateline: { source: 'pattern', confidence: 0.9 },
  'level-committee': { source: 'pattern', confidence: 0.75 },
  'place-suffix': { source: 'pattern', confidence: 0.6 },
  'proper-place-suffix': { source: 'pattern', confidence: 0.7 },
  'place-word': { source: 'pattern', confidence: 0.55 },
  'place-compound': { source: 'pattern', confidence: 0.6 },
  'ethnic-place': { source: 'pattern', confidence: 0.75 },
  'org-after-place': { source: 'pattern', confidence: 0.8 },
  'org-after-place-modified': { source: 'pattern', confidence: 0.7 },
  'org-extended': { source: 'pattern', confidence: 0.8 },
  'org-company': { source: 'pattern', confidence: 0.7 },
  'org-after-name': { source: 'pattern', confidence: 0.65 },
} as const satisfies Record<string, { source: SuggestionSource; confidence: number }>;

export type SuggestionRule = keyof typeof RULES;

export interface Suggestion {
  /** UTF-16 offsets into the text given to suggestEntities, end exclusive. */
  readonly span: Span;
  readonly type: EntityType;
  /** The text at span. */
  readonly text: string;
  /** 0..1, the rule's (RULES). */
  readonly confidence: number;
  /** Why, in words an editor reads: `after title 市委书记`, `byline role 记者`, `jieba POS nr`. */
  readonly reason: string;
  readonly source: SuggestionSource;
  /** The rule that made it, a stable id (RULES). */
  readonly rule: SuggestionRule;
}

export interface SuggestOptions {
  /** Needs `tag` for the part-of-speech sources; with `cut` only, the other sources still work. */
  readonly segmenter: WordSegmenter;
  /** Names tagged elsewhere in the corpus (see buildGazetteer). Teach them to the segmenter too (jiebaTeach.ts). */
  readonly gazetteer?: ReadonlyMap<string, EntityType>;
  /** Only these types; all three by default. */
  readonly types?: readonly EntityType[];
  /** Drop suggestions below this confidence; SUGGESTION_THRESHOLD by default. */
  readonly minConfidence?: number;
  /**
   * Spans already tagged (UTF-16 offsets of the same text). A suggestion that crosses one, lies
   * inside one or equals one is dropped; one that contains tagged spans is kept (郑州市委 around
   * a tagged 郑州: editors nest a place in an organisation).
   */
  readonly exclude?: readonly Span[];
}

export const SUGGESTION_THRESHOLD = 0.5;

/** Suggests entities in a text, in document order, never overlapping. */
export function suggestEntities(text: string, options: SuggestOptions): Suggestion[] {
  return suggestEntitiesUntil(text, options, Infinity).suggestions;
}

/** How far suggesting a text got before its time ran out: the lines before `resumeAt` are done. */
export interface SuggestionProgress {
  readonly resumeAt: number;
  readonly suggestions: readonly Suggestion[];
}

/**
 * suggestEntities a sentence at a time (see sentencesOf) until `deadline` (a Date.now() time;
 * at least one sentence is read), going on from `progress` when given. `progress` in the
 * result says where to go on; without it the text is done.
 */
export function suggestEntitiesUntil(
  text: string,
  options: SuggestOptions,
  deadline: number,
  progress?: SuggestionProgress,
): { suggestions: Suggestion[]; progress?: SuggestionProgress } {
  const types = new Set(options.types ?? ENTITY_TYPES);
  const threshold = options.minConfidence ?? SUGGESTION_THRESHOLD;
  const tagged = new TaggedSpans(options.exclude ?? []);
  const suggestions: Suggestion[] = progress ? [...progress.suggestions] : [];
  let first = true;
  for (const sentence of sentencesOf(text, progress?.resumeAt ?? 0)) {
    if (!first && Date.now() >= deadline) return { suggestions, progress: { resumeAt: sentence.start, suggestions } };
    first = false;
    if (!hasHan(sentence.text)) continue;
    const candidates = candidatesInLine(sentence.text, options).filter(
      (candidate) =>
        types.has(candidate.type) &&
        RULES[candidate.rule].confidence >= threshold &&
        charLength(sentence.text.slice(candidate.start, candidate.end).trim()) >= 2,
    );
    for (const candidate of resolveOverlaps(candidates)) {
      if (!tagged.allows(sentence.start + candidate.start, sentence.start + candidate.end)) continue;
      const { source, confidence } = RULES[candidate.rule];
      suggestions.push({
        span: { start: sentence.start + candidate.start, end: sentence.start + candidate.end },
        type: candidate.type,
        text: sentence.text.slice(candidate.start, candidate.end),
        confidence,
        reason: candidate.reason,
        source,
        rule: candidate.rule,
      });
    }
  }
  return { suggestions };
}

/**
 * A gazetteer from tagged names (the entities of .ann files): text → type. A text tagged
 * with different types keeps the type it has most often; a tie drops it. Single characters
 * and types other than PER/ORG/LOC are left out.
 */
export function buildGazetteer(names: Iterable<{ readonly text: string; readonly type: string }>): Map<string, EntityType> {
  const counts = new Map<string, Map<EntityType, number>>();
  for (const { text, type } of names) {
    if (!isEntityType(type) || charLength(text.trim()) < 2 || text.trim() !== text) continue;
    const byType = counts.get(text) ?? new Map<EntityType, number>();
    byType.set(type, (byType.get(type) ?? 0) + 1);
    counts.set(text, byType);
  }
  const gazetteer = new Map<string, EntityType>();
  for (const [text, byType] of counts) {
    const ranked = [...byType].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1 && ranked[0][1] === ranked[1][1]) continue;
    gazetteer.set(text, ranked[0][0]);
  }
  return gazetteer;
}

export function isEntityType(type: string): type is EntityType {
  return type === 'PER' || type === 'ORG' || type === 'LOC';
}

// ---------------------------------------------------------------------------------------
// Candidates of one line. Offsets are relative to the line.

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  readonly rule: SuggestionRule;
  readonly reason: string;
}

interface Word {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  readonly tag: string;
}

/** The words of a line with their offsets, and where a name may start or end. */
class Segmentation {
  readonly words: Word[];
  private readonly byStart = new Map<number, number>();
  /** Offsets strictly inside a word the segmenter knows (not an `x` guess). */
  private readonly insideKnownWord = new Set<number>();

  constructor(
    readonly text: string,
    readonly segmenter: WordSegmenter,
  ) {
    this.words = segment(text, segmenter);
    this.words.forEach((word, index) => {
      this.byStart.set(word.start, index);
      if (word.tag === 'x') return;
      for (let offset = word.start + 1; offset < word.end; offset++) this.insideKnownWord.add(offset);
    });
  }

  /** A name may start or end here: not inside a dictionary word (安伟 does not end inside 伟大). */
  canCut(offset: number): boolean {
    return !this.insideKnownWord.has(offset);
  }

  /** The word starting exactly at an offset. */
  wordAt(offset: number): Word | undefined {
    const index = this.byStart.get(offset);
    return index === undefined ? undefined : this.words[index];
  }

  /** The part of speech of a piece of text on its own (a stem: 金水 of 金水区). */
  tagOf(text: string): string | undefined {
    const tagged = this.segmenter.tag?.(text) ?? [];
    return tagged.length === 1 ? tagged[0].tag : undefined;
  }
}

function segment(text: string, segmenter: WordSegmenter): Word[] {
  let pieces: { word: string; tag: string }[];
  try {
    pieces = segmenter.tag ? segmenter.tag(text) : segmenter.cut(text).map((word) => ({ word, tag: '' }));
  } catch {
    pieces = [];
  }
  if (pieces.map((piece) => piece.word).join('') !== text) pieces = [{ word: text, tag: 'x' }];
  const words: Word[] = [];
  let offset = 0;
  for (const { word, tag } of pieces) {
    if (word.length === 0) continue;
    words.push({ start: offset, end: offset + word.length, word, tag });
    offset += word.length;
  }
  return words;
}

function candidatesInLine(text: string, options: SuggestOptions): Candidate[] {
  const segmentation = new Segmentation(text, options.segmenter);
  const candidates: Candidate[] = [];
  if (options.gazetteer && options.gazetteer.size > 0) candidates.push(...gazetteerCandidates(segmentation, options.gazetteer));
  candidates.push(...creditCandidates(segmentation));
  candidates.push(...titleCandidates(segmentation));
  candidates.push(...posCandidates(segmentation));
  candidates.push(...dottedNameCandidates(text));
  candidates.push(...datelineCandidates(segmentation));
  candidates.push(...patternCandidates(segmentation));
  return withListedPersons(candidates, text, options.minConfidence ?? SUGGESTION_THRESHOLD);
}

/** Weak person readings listed next to a confident name (李岚清、刘谦) are names too. */
function withListedPersons(candidates: Candidate[], text: string, threshold: number): Candidate[] {
  const confident = candidates.filter((candidate) => candidate.type === 'PER' && RULES[candidate.rule].confidence >= Math.max(threshold, 0.7));
  const weak = candidates.filter((candidate) => candidate.type === 'PER' && WEAK_LISTABLE.has(candidate.rule));
  if (weak.length === 0 || confident.length === 0) return candidates;
  // Weak readings by the 、 before and after them, so a name finds its list neighbours at
  // once: a line of thousands of listed names stays linear.
  const afterComma = new Map<number, Candidate[]>();
  const beforeComma = new Map<number, Candidate[]>();
  const add = (map: Map<number, Candidate[]>, at: number, candidate: Candidate) => map.set(at, [...(map.get(at) ?? []), candidate]);
  for (const candidate of weak) {
    if (text[candidate.start - 1] === '、') add(afterComma, candidate.start - 1, candidate);
    if (text[candidate.end] === '、') add(beforeComma, candidate.end, candidate);
  }
  const upgraded: Candidate[] = [];
  const listed = new Set<Candidate>();
  // Each name passes the reading on to its neighbours, and they to theirs: 李岚清、吴仪、刘谦.
  const names = [...confident];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const neighbours = [...(text[name.end] === '、' ? (afterComma.get(name.end) ?? []) : []), ...(text[name.start - 1] === '、' ? (beforeComma.get(name.start - 1) ?? []) : [])];
    for (const candidate of neighbours) {
      if (listed.has(candidate)) continue;
      listed.add(candidate);
      const reading: Candidate = { ...candidate, rule: 'listed-person', reason: `${candidate.reason}, listed with ${text.slice(name.start, name.end)}` };
      upgraded.push(reading);
      names.push(reading);
    }
  }
  return upgraded.length === 0 ? candidates : [...candidates, ...upgraded];
}

/** Person readings too weak alone that a list of names makes good. */
const WEAK_LISTABLE = new Set<SuggestionRule>(['pos-person-short', 'pos-person-foreign', 'unknown-word-short', 'pos-person-joined-short']);

// --- the gazetteer ----------------------------------------------------------------------------

function gazetteerCandidates(segmentation: Segmentation, gazetteer: ReadonlyMap<string, EntityType>): Candidate[] {
  const { text } = segmentation;
  let longest = 0;
  for (const name of gazetteer.keys()) longest = Math.max(longest, name.length);
  const candidates: Candidate[] = [];
  for (let start = 0; start < text.length; start++) {
    if (!segmentation.canCut(start)) continue;
    for (let end = Math.min(text.length, start + longest); end >= start + 2; end--) {
      if (!segmentation.canCut(end)) continue;
      const type = gazetteer.get(text.slice(start, end));
      if (type === undefined) continue;
      candidates.push({ start, end, type, rule: 'gazetteer', reason: `tagged as ${type} elsewhere in the corpus` });
      start = end - 1; // longest match first, then go on after it
      break;
    }
  }
  return candidates;
}

// --- credits ------------------------------------------------------------------------------------

/** Role words of a credit inside running text: `记者王霞光、李长云报道`. */
const IN_TEXT_ROLES = ['特约记者', '见习记者', '实习记者', '摄影记者', '首席记者', '本报记者', '记者', '通讯员', '实习生', '评论员'];
const IN_TEXT_ROLE_PATTERN = new RegExp(IN_TEXT_ROLES.join('|'), 'g');

function creditCandidates(segmentation: Segmentation): Candidate[] {
  const { text } = segmentation;
  const candidates: Candidate[] = [];
  // A line that is all credits, and credits in brackets: 本报讯(正观新闻·郑州晚报记者 陈锋 孙亚文).
  const sites: Span[] = [{ start: 0, end: text.length }];
  for (const match of text.matchAll(/[(（]([^()（）]{2,60})[)）]/g)) sites.push({ start: match.index + 1, end: match.index + 1 + match[1].length });
  const covered: Span[] = [];
  for (const site of sites) {
    const credits = parseCredits(text.slice(site.start, site.end));
    if (credits === null) continue;
    covered.push(site);
    let cursor = site.start;
    for (const credit of credits) {
      if (credit.role) {
        const at = text.indexOf(credit.role, cursor);
        if (at >= 0 && at < site.end) cursor = at + credit.role.length;
      }
      for (const name of credit.names) {
        const found = findPaddedName(text, name, cursor, site.end);
        if (!found) continue;
        cursor = found.end;
        const reason = credit.role ? `byline role ${credit.role}` : 'byline name';
        candidates.push({ ...found, type: 'PER', rule: 'credit', reason });
      }
    }
  }
  // Running text: 记者王霞光、李长云报道.
  for (const match of text.matchAll(IN_TEXT_ROLE_PATTERN)) {
    let position = match.index + match[0].length;
    if (covered.some((site) => position > site.start && position <= site.end)) continue;
    if (!segmentation.canCut(match.index) || !segmentation.canCut(position)) continue;
    for (let listed = 0; listed < 6; listed++) {
      while (isSpace(text[position])) position++;
      const name = nameAt(segmentation, position, (end) => endsCreditName(text, end));
      if (!name) break;
      candidates.push({ start: position, end: name.end, type: 'PER', rule: 'credit-in-text', reason: `credit role ${match[0]}` });
      position = name.end;
      if (text[position] !== '、' && !isSpace(text[position])) break;
      position++;
    }
  }
  return candidates;
}

/** A name as written in a credit, maybe padded to three characters (`林 海`). */
function findPaddedName(text: string, name: string, from: number, to: number): Span | undefined {
  const pattern = new RegExp(Array.from(name).map(escapeRegExp).join('[ \\u3000]?'), 'gu');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  if (!match || match.index + match[0].length > to) return undefined;
  return { start: match.index, end: match.index + match[0].length };
}

function endsCreditName(text: string, end: number): boolean {
  if (end >= text.length) return true;
  return /^(?:[、,，。;；:：)）\]】 \u3000]|报道|摄|文|采写|发自|通讯员|记者)/.test(text.slice(end, end + 3));
}

// --- titles before a name, 同志 after one -----------------------------------------------------

const TITLES_LONGEST_FIRST = [...TITLES].sort((a, b) => b.length - a.length);
const TITLE_WORDS = new Set(TITLES);
const POST_TITLES = new Set(POST_NAME_TITLES);

function titleCandidates(segmentation: Segmentation): Candidate[] {
  const { text, words } = segmentation;
  const candidates: Candidate[] = [];
  for (const word of words) {
    if (titleEnding(word.word) !== undefined) {
      const name = nameAt(segmentation, word.end);
      if (name) {
        const rule = name.split ? 'title-split-name' : 'title';
        candidates.push({ start: word.end, end: name.end, type: 'PER', rule, reason: `after title ${word.word}` });
        // 副市长张三、李四: more names listed after the first.
        let position = name.end;
        for (let listed = 0; listed < 5 && text[position] === '、'; listed++) {
          const next = nameAt(segmentation, position + 1);
          if (!next || next.split) break;
          candidates.push({ start: position + 1, end: next.end, type: 'PER', rule: 'title-listed', reason: `listed after a name with title ${word.word}` });
          position = next.end;
        }
      }
    }
    if (POST_TITLES.has(word.word)) {
      const start = nameBefore(segmentation, word.start);
      if (start !== undefined) candidates.push({ start, end: word.start, type: 'PER', rule: 'post-title', reason: `before ${word.word}` });
    }
  }
  return candidates;
}

/** The title a segmenter word is or ends with (`市委书记` → 书记), if any. */
function titleEnding(word: string): string | undefined {
  if (word.length < 2) return undefined;
  for (const title of TITLES_LONGEST_FIRST) if (word.endsWith(title)) return title;
  return undefined;
}

interface CodePoint {
  readonly char: string;
  readonly start: number;
  readonly end: number;
}

function codePointsAt(text: string, from: number, count: number): CodePoint[] {
  const out: CodePoint[] = [];
  let offset = from;
  while (out.length < count && offset < text.length) {
    const char = String.fromCodePoint(text.codePointAt(offset)!);
    out.push({ char, start: offset, end: offset + char.length });
    offset += char.length;
  }
  return out;
}

function codePointsBefore(text: string, to: number, count: number): CodePoint[] {
  const out: CodePoint[] = [];
  let offset = to;
  while (out.length < count && offset > 0) {
    let start = offset - 1;
    const code = text.charCodeAt(start);
    if (code >= 0xdc00 && code <= 0xdfff && start > 0) start--;
    out.unshift({ char: text.slice(start, offset), start, end: offset });
    offset = start;
  }
  return out;
}

const NAME_TAGS = new Set(['nr', 'nrfg', 'nrt', 'x']);

/**
 * A Chinese name starting at an offset: a surname (single or compound) and one or two given
 * characters, ending where a name may end. `split` when the segmenter cut it into a surname
 * and a dictionary word (刘 电力), a weaker reading.
 */
function nameAt(segmentation: Segmentation, start: number, accept?: (end: number) => boolean): { end: number; split: boolean } | undefined {
  const { text } = segmentation;
  if (!segmentation.canCut(start)) return undefined;
  const chars = codePointsAt(text, start, 4);
  if (chars.length < 2 || !isHanChar(chars[0].char) || !isHanChar(chars[1].char)) return undefined;
  const compound = COMPOUND_SURNAMES.has(chars[0].char + chars[1].char);
  const surnameLength = compound ? 2 : 1;
  if (!compound && !SURNAMES.has(chars[0].char)) return undefined;

  const first = segmentation.wordAt(start);
  if (!first) return undefined;
  // The surname character starts a dictionary word that is no name (高度, 周到), or stands alone as a function word (向/p).
  if (first.end > chars[surnameLength - 1].end && !NAME_TAGS.has(first.tag)) return undefined;
  if (first.word === chars[0].char && NOT_SURNAME_TAGS.has(first.tag) && !NAME_TAGS.has(segmentation.wordAt(first.end)?.tag ?? '')) return undefined;

  const lengths: number[] = [];
  for (const given of [2, 1]) {
    const total = surnameLength + given;
    if (chars.length < total || !chars.slice(0, total).every((c) => isHanChar(c.char))) continue;
    const end = chars[total - 1].end;
    if (!segmentation.canCut(end)) continue;
    if (NOT_PERSON.has(text.slice(start, end))) continue;
    // 王书记, 张局长: a surname and a title, not a name.
    const givenName = text.slice(chars[surnameLength - 1].end, end);
    if (TITLE_WORDS.has(givenName) || HONORIFICS.includes(givenName)) continue;
    lengths.push(total);
  }
  if (lengths.length === 0) return undefined;
  let total = lengths[0];
  if (accept) {
    // The cue knows what must follow the name (a credit ends at 、, a bracket, 报道 …): the longest reading that fits.
    const fitting = lengths.find((length) => accept(chars[length - 1].end));
    if (fitting === undefined) return undefined;
    total = fitting;
  } else if (lengths.length === 2) {
    // Both 张三 and 张三X end on a word boundary: a function word or a whole short word decides.
    const third = chars[lengths[1]];
    const short = text.slice(start, chars[lengths[1] - 1].end);
    const shortIsOneName = first.word === short && NAME_TAGS.has(first.tag);
    if (NOT_NAME_FINAL.has(third.char) || shortIsOneName) total = lengths[1];
  }
  const end = chars[total - 1].end;
  if (NOT_PERSON_FINAL.has(chars[total - 1].char) && total === 2) return undefined;
  const next = segmentation.wordAt(first.end);
  const split = first.end < end && next !== undefined && !NAME_TAGS.has(next.tag);
  return { end, split };
}

/** The start of a name ending right before a word such as 同志: 李培之同志. */
function nameBefore(segmentation: Segmentation, end: number): number | undefined {
  const { text } = segmentation;
  if (!segmentation.canCut(end)) return undefined;
  const chars = codePointsBefore(text, end, 3);
  for (const total of [3, 2]) {
    if (chars.length < total) continue;
    const own = chars.slice(chars.length - total);
    if (!own.every((c) => isHanChar(c.char))) continue;
    const start = own[0].start;
    if (!segmentation.canCut(start)) continue;
    const surnameOk = SURNAMES.has(own[0].char) || (total === 3 && COMPOUND_SURNAMES.has(own[0].char + own[1].char));
    if (!surnameOk || NOT_PERSON.has(text.slice(start, end))) continue;
    const first = segmentation.wordAt(start);
    if (!first) continue;
    // 全体同志, 领导同志: a dictionary word that is no name.
    if (first.end > own[0].end && !NAME_TAGS.has(first.tag)) continue;
    if (first.word === own[0].char && NOT_SURNAME_TAGS.has(first.tag)) continue;
    return start;
  }
  return undefined;
}

// --- the segmenter's part of speech -----------------------------------------------------------

const PERSON_TAGS = new Set(['nr', 'nrfg', 'nrt']);
/** A surname and an honorific the segmenter made one word of: 李老师, 郑先生 (the name is one character). */
const HONORIFICS = ['先生', '老师', '小姐', '女士', '同志', '师傅', '大爷', '大妈', '阿姨', '老汉', '大姐', '大哥', '教授', '书记', '主任', '老'];
/** Words before a place, not a person: 在 莫斯科, 赴 温哥华. */
const PLACE_PREPOSITIONS = new Set(['在', '赴', '到', '抵达', '飞抵', '前往', '途经', '飞往', '来到', '位于', '访问', '离开', '回到', '驻', '于']);
/** Titles written after a name: 克林顿 总统, 贺龙 同志. */
const NAME_FOLLOWING_TITLES = new Set(['总统', '总理', '主席', '首相', '国王', '女王', '亲王', '王子', '公主', '先生', '女士', '同志', '教授', '院士', '博士', '书记', '部长', '外长', '大使', '议长', '将军', '元帅', '夫人', '委员长', '秘书长', '总书记', '副总理', '副主席', '副总统']);
const SPEECH = new Set(SPEECH_VERBS);
/** Words after which a name ends: 邓小平 + 理论, 周恩来 + 总理. */
const AFTER_NAME_WORDS = ['理论', '思想', '同志', '总理', '总统', '主席', '先生', '女士', '故居', '旧居', '诞辰', '文选', '选集', '铜像', '夫妇'];

function posCandidates(segmentation: Segmentation): Candidate[] {
  const candidates: Candidate[] = [];
  const { words } = segmentation;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (!isHanText(word.word)) continue;
    const chars = Array.from(word.word);
    const base = { start: word.start, end: word.end };
    const next = words[index + 1];
    if (chars.length >= 4 && AFTER_NAME_WORDS.some((suffix) => word.word.endsWith(suffix))) {
      // 邓小平理论/nr, 周恩来总理: a name inside a longer word.
      const embedded = nameInWord(word, segmentation);
      if (embedded) candidates.push(embedded);
    } else if (PERSON_TAGS.has(word.tag) && chars.length <= 2 && joinsSurname(words[index - 1], word)) {
      // 张/q 永清/nr: a surname the segmenter left on its own before the given name; 刘/zg 谦/nr is weaker.
      const surname = words[index - 1];
      const rule = chars.length === 2 ? 'pos-person-joined' : 'pos-person-joined-short';
      candidates.push({ start: surname.start, end: word.end, type: 'PER', rule, reason: `surname ${surname.word} + jieba POS ${word.tag} ${word.word}` });
    } else if (PERSON_TAGS.has(word.tag) && chars.length >= 2) {
      const reading = personReading(word, chars, words[index - 1], next);
      if (reading) candidates.push({ ...base, ...reading });
    } else if (word.tag === 'ns') {
      const reading = placeReading(word, chars, segmentation);
      if (reading) candidates.push({ ...reading, start: word.start, end: word.start + reading.length });
    } else if (word.tag === 'nt' && chars.length >= 2) {
      const reading = organisationReading(word, segmentation);
      if (reading) candidates.push({ ...reading, start: word.start, end: word.start + reading.length });
    } else if (word.tag === 'x' && chars.length === 3 && SURNAMES.has(chars[0]) && !NOT_NAME_FINAL.has(chars[2]) && !NOT_PERSON_FINAL.has(chars[2]) && !isQuestionForm(chars)) {
      // A three-character word the segmenter could not place, starting with a surname: 何泰权, 张敬涛.
      if (!PLACE_SUFFIXES.has(chars[2]) && !VILLAGE_FINALS.has(chars[2]) && !ORG_HEAD_CHARS.has(chars[2]) && !NOT_PERSON.has(word.word)) {
        candidates.push({ ...base, type: 'PER', rule: 'unknown-word-person', reason: 'unknown word starting with a surname' });
      }
    } else if (word.tag === 'x' && chars.length === 2 && SURNAMES.has(chars[0]) && !NOT_PERSON.has(word.word) && !NOT_PERSON_FINAL.has(chars[1])) {
      // Too weak alone (海卫, 余人); a name when listed with a confident one.
      candidates.push({ ...base, type: 'PER', rule: 'unknown-word-short', reason: 'unknown two-character word starting with a surname' });
    }
  }
  return candidates;
}

const JOIN_REFUSING_TAGS = new Set(['p', 'c', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'd', 'r', 'y', 'e', 'o', 'f']);

function joinsSurname(previous: Word | undefined, word: Word): boolean {
  if (!previous || previous.end !== word.start || !SURNAMES.has(previous.word) || JOIN_REFUSING_TAGS.has(previous.tag)) return false;
  // A two-character given name that is no full name of its own (徐渭) and no ordinary word (卫星).
  const given = Array.from(word.word);
  if (word.tag !== 'nr' || given.length > 2 || (given.length === 2 && SURNAMES.has(given[0])) || NOT_PERSON.has(word.word)) return false;
  return !NOT_PERSON.has(previous.word + word.word) && !NOT_PERSON_FINAL.has(given[given.length - 1]);
}

/** 李家沟, 关家窑: a family's village. */
function isVillageName(chars: string[]): boolean {
  return chars.length === 3 && chars[1] === '家' && VILLAGE_FINALS.has(chars[2]);
}

/** 强不强, 好没好: an A-not-A question, not a name. */
function isQuestionForm(chars: string[]): boolean {
  return chars.length === 3 && chars[0] === chars[2] && '不没一了'.includes(chars[1]);
}

function personReading(word: Word, chars: string[], previous: Word | undefined, next: Word | undefined): Omit<Candidate, 'start' | 'end'> | undefined {
  if (NOT_PERSON.has(word.word)) return undefined;
  const last = chars[chars.length - 1];
  const reason = `jieba POS ${word.tag}`;
  if (chars.length >= 3 && (PERSON_TAGGED_PLACE_ENDINGS.has(last) || isVillageName(chars)) && !GENERIC_PLACE_WORDS.has(word.word)) {
    return { type: 'LOC', rule: 'pos-person-as-place', reason: `${reason}, ending in ${last}` };
  }
  if (chars.length >= 3 && chars.every((char) => PROVINCE_CHARS.has(char))) {
    return { type: 'LOC', rule: 'pos-person-as-place', reason: `${reason}, made of province names` };
  }
  if (NOT_PERSON_FINAL.has(last) || HONORIFICS.some((honorific) => word.word.endsWith(honorific))) return undefined;
  // 在莫斯科, 赴温哥华: a place the segmenter took for a person.
  if (previous !== undefined && PLACE_PREPOSITIONS.has(previous.word)) return undefined;
  // 总统 克林顿, 克林顿 总统: a title next to the name.
  if (previous !== undefined && titleEnding(previous.word) !== undefined) return { type: 'PER', rule: 'pos-person-titled', reason: `${reason}, after ${previous.word}` };
  if (next !== undefined && NAME_FOLLOWING_TITLES.has(next.word)) return { type: 'PER', rule: 'pos-person-titled', reason: `${reason}, before ${next.word}` };
  const speaking = next !== undefined && SPEECH.has(next.word);
  const compound = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1]);
  if ((SURNAMES.has(chars[0]) || compound) && chars.length <= (compound ? 4 : 3)) {
    if (speaking) return { type: 'PER', rule: 'pos-person-speaking', reason: `${reason}, before ${next.word}` };
    if (chars.length === (compound ? 3 : 2)) return { type: 'PER', rule: 'pos-person-short', reason };
    return { type: 'PER', rule: 'pos-person', reason };
  }
  if (speaking && chars.length >= 2) return { type: 'PER', rule: 'pos-person-speaking', reason: `${reason}, before ${next.word}` };
  if (chars.length >= 2 && chars.every((char) => TRANSLITERATION.has(char))) return { type: 'PER', rule: 'pos-person-foreign', reason: `${reason}, a transliterated name` };
  return { type: 'PER', rule: 'pos-person-other', reason };
}

const NUMERALS = '一二三四五六七八九十两百千万';

/** An ns word that is a place's name: not a generic word (城市, 两国), not two abbreviations (中美). */
function isPlaceName(word: string): boolean {
  const chars = Array.from(word);
  if (chars.length < 2 || !isHanText(word) || NOT_PLACE.has(word) || GENERIC_PLACE_WORDS.has(word)) return false;
  // 满意度, 文明城市, 之城, 和县 after 单位: a measure, a kind of city, a function word in front.
  if ((chars.length >= 3 && word.endsWith('度')) || word.endsWith('城市') || word.endsWith('化') || '之和与及或各'.includes(chars[0])) return false;
  // 以利, 沿河, 入海: two characters opening with a preposition or verb read as a place by the dictionary.
  if (chars.length === 2 && '入治沿以于在向往据按靠'.includes(chars[0])) return false;
  // 三城, 六街, 七国: a count of places, not a place (三亚, 十堰 and 九江 are places).
  if (chars.length === 2 && NUMERALS.includes(chars[0]) && '城街国省市区县镇乡村路洲'.includes(chars[1])) return false;
  return !(chars.length === 2 && ABBREVIATION_CHARS.has(chars[0]) && ABBREVIATION_CHARS.has(chars[1]));
}

/** A place the segmenter tagged ns; the length covers the name only (东北 of 东北地区). */
function placeReading(word: Word, chars: string[], segmentation: Segmentation): (Omit<Candidate, 'start' | 'end'> & { length: number }) | undefined {
  if (!isPlaceName(word.word)) return undefined;
  const tail = PLACE_WORD_TAILS.find((ending) => word.word.endsWith(ending) && word.word.length > ending.length);
  if (tail) {
    const stem = word.word.slice(0, word.word.length - tail.length);
    if (charLength(stem) < 2 || NOT_PLACE.has(stem) || GENERIC_PLACE_WORDS.has(stem)) return undefined;
    const stemTag = segmentation.tagOf(stem);
    if (stemTag !== 'ns' && stemTag !== 'x' && stemTag !== 'nr' && stemTag !== 'nrt') return undefined;
    return { type: 'LOC', rule: 'pos-place-stem', reason: `jieba POS ns (${stem} of ${word.word})`, length: stem.length };
  }
  return { type: 'LOC', rule: 'pos-place', reason: 'jieba POS ns', length: word.word.length };
}

/** An organisation the segmenter tagged nt; a country's 政府 is the country (中国政府 → 中国). */
function organisationReading(word: Word, segmentation: Segmentation): (Omit<Candidate, 'start' | 'end'> & { length: number }) | undefined {
  if (NOT_ORGANISATION.has(word.word) || NOT_ORG_WORDS.has(word.word) || word.word.endsWith('关系') || word.word.endsWith('化')) return undefined;
  // 中国政府 → the place 中国; 美国公司 → nothing; 郑州市政府, named with its unit, stays an organisation.
  const head = [...BARE_GENERIC_HEADS].find((generic) => word.word.endsWith(generic) && word.word.length > generic.length);
  if (head && head !== '人民政府') {
    const stem = word.word.slice(0, word.word.length - head.length);
    if (!ADMIN_UNITS.has(lastCodePoint(stem))) {
      if (head === '政府' && charLength(stem) >= 2 && segmentation.tagOf(stem) === 'ns' && !NOT_PLACE.has(stem)) {
        return { type: 'LOC', rule: 'government-place', reason: `the place of ${word.word}`, length: stem.length };
      }
      if (head === '政府' || ((head === '公司' || head === '企业') && segmentation.tagOf(stem) === 'ns')) return undefined;
    }
  }
  return { type: 'ORG', rule: 'pos-organisation', reason: 'jieba POS nt', length: word.word.length };
}

function nameInWord(word: Word, segmentation: Segmentation): Candidate | undefined {
  const suffix = AFTER_NAME_WORDS.find((ending) => word.word.endsWith(ending) && word.word.length - ending.length >= 2);
  if (!suffix) return undefined;
  const stem = word.word.slice(0, word.word.length - suffix.length);
  const chars = Array.from(stem);
  if (chars.length > 3 || !(SURNAMES.has(chars[0]) || COMPOUND_SURNAMES.has(chars[0] + chars[1]))) return undefined;
  const tag = segmentation.tagOf(stem);
  if (tag === undefined || !PERSON_TAGS.has(tag) || NOT_PERSON.has(stem)) return undefined;
  return { start: word.start, end: word.start + stem.length, type: 'PER', rule: 'name-in-word', reason: `jieba POS ${tag} (${stem} of ${word.word})` };
}

// --- patterns -------------------------------------------------------------------------------------

/** 卡洛斯·阿马特, 芭芭拉·弗兰克林: runs of transliteration characters around a middle dot. */
function dottedNameCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (let dot = 0; dot < text.length; dot++) {
    if (!NAME_DOTS.has(text[dot])) continue;
    let start = dot;
    while (start > 0 && TRANSLITERATION.has(text[start - 1])) start--;
    if (dot - start < 2) continue;
    let end = dot;
    // Further parts: 马丁·路德·金.
    while (end < text.length && NAME_DOTS.has(text[end])) {
      let next = end + 1;
      while (next < text.length && TRANSLITERATION.has(text[next])) next++;
      if (next === end + 1) break;
      end = next;
    }
    if (end === dot) continue;
    candidates.push({ start, end, type: 'PER', rule: 'dotted-name', reason: 'transliterated name with ·' });
    dot = end;
  }
  return candidates;
}

/** Agency and paper datelines: 新华社莫斯科4月28日电, 本报北京5月14日讯, 【新华社延安十日电】. */
const DATELINE = /(?:新华社|中新社|本报|本报驻|人民日报|新华社驻)([\u4e00-\u9fff]{2,8}?)(?:(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月)?(?:[0-9０-９]{1,2}|[一二三四五六七八九十廿卅]{1,3})日(?:专)?(?:电|讯)/g;

function datelineCandidates(segmentation: Segmentation): Candidate[] {
  const candidates: Candidate[] = [];
  const { text } = segmentation;
  for (const match of segmentation.text.matchAll(DATELINE)) {
    const start = match.index + match[0].indexOf(match[1]);
    const end = start + match[1].length;
    if (!segmentation.canCut(start) || !segmentation.canCut(end) || NOT_PLACE.has(text.slice(start, end))) continue;
    candidates.push({ start, end, type: 'LOC', rule: 'dateline', reason: `dateline ${match[0]}` });
  }
  return candidates;
}

/** A token of the pattern stream: one word, or several words already read as one place. */
interface Token {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  readonly tag: string;
  /** A place the patterns made (管城回族区), not one segmenter word. */
  readonly place?: boolean;
}

/** Parts of speech that never make the proper part of a place (开发 + 区, 居民 + 区). */
const GENERIC_STEM_TAGS = new Set(['v', 'vn', 'vd', 'a', 'ad', 'an', 'd', 'm', 'mq', 'q', 'r', 'p', 'c', 'u', 'uj', 'f', 't', 'b', 'l', 'i', 'z']);
const PROPER_TAGS = new Set(['ns', 'nr', 'nrt', 'nrfg', 'nz', 'x']);
const MODIFIER_TAGS = new Set(['n', 'nz', 'vn', 'j', 'nt', 'x', 'ns', 'b', 'm', 'nr', 'nrt']);
const COMPANY_HEADS = new Set(['集团', '公司', '有限公司', '集团公司', '股份公司', '银行', '俱乐部', '研究院', '研究所']);
/** Bare heads that after a country name make no organisation: 美国公司 is American companies. */
const BARE_GENERIC_HEADS = new Set(['公司', '企业', '政府', '银行', '大学', '医院', '中心', '集团', '人民政府']);

function patternCandidates(segmentation: Segmentation): Candidate[] {
  const candidates: Candidate[] = [];
  const { text, words } = segmentation;
  const tokens: Token[] = [];

  // Places first: a name and a place ending. Each found place becomes one token.
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    const afterNext = words[i + 2];
    // 管城 回族 区: a name, an ethnic group, an administrative unit.
    if (
      next &&
      afterNext &&
      isHanText(word.word) &&
      charLength(word.word) >= 2 &&
      next.word.length >= 2 &&
      next.word.endsWith('族') &&
      /^(?:区|县|乡|镇|自治区|自治州|自治县|自治旗)$/.test(afterNext.word)
    ) {
      const place = { start: word.start, end: afterNext.end, word: text.slice(word.start, afterNext.end), tag: 'ns', place: true };
      candidates.push({ start: place.start, end: place.end, type: 'LOC', rule: 'ethnic-place', reason: `place name with ${next.word}${afterNext.word}` });
      tokens.push(place);
      i += 2;
      continue;
    }
    // 管城 回族 区委: the same with the committee of that place.
    if (next && afterNext && isHanText(word.word) && charLength(word.word) >= 2 && next.word.length >= 2 && next.word.endsWith('族') && LEVEL_COMMITTEES.has(afterNext.word) && /^[区县乡镇]/.test(afterNext.word)) {
      candidates.push({ start: word.start, end: afterNext.end, type: 'ORG', rule: 'org-after-place', reason: `place name with ${next.word} + ${afterNext.word}` });
      tokens.push(word, next, afterNext);
      i += 2;
      continue;
    }
    // 中州 大道, 郑东新 区: a place or proper word and a place ending of its own.
    if (next && isHanText(word.word) && (PLACE_SUFFIXES.has(next.word) || PLACE_SUFFIX_WORDS.has(next.word)) && isProperStem(word)) {
      const whole = text.slice(word.start, next.end);
      if (!GENERIC_PLACE_WORDS.has(whole) && !NOT_PLACE.has(whole)) {
        const place = { start: word.start, end: next.end, word: whole, tag: 'ns', place: true };
        const rule = word.tag === 'ns' ? 'place-suffix' : 'proper-place-suffix';
        candidates.push({ start: place.start, end: place.end, type: 'LOC', rule, reason: `place name ${word.word} + ${next.word}` });
        tokens.push(place);
        i += 1;
        continue;
      }
    }
    // 中原 科技 城, 郑州 航空 港: a place, one noun, a place ending.
    if (next && afterNext && word.tag === 'ns' && isPlaceName(word.word) && COMPOUND_PLACE_ENDINGS.has(afterNext.word) && ['n', 'nz'].includes(next.tag) && charLength(next.word) === 2 && isHanText(next.word)) {
      const whole = text.slice(word.start, afterNext.end);
      if (!GENERIC_PLACE_WORDS.has(next.word + afterNext.word)) {
        const place = { start: word.start, end: afterNext.end, word: whole, tag: 'ns', place: true };
        candidates.push({ start: place.start, end: place.end, type: 'LOC', rule: 'place-compound', reason: `place ${word.word} + ${next.word}${afterNext.word}` });
        tokens.push(place);
        i += 2;
        continue;
      }
    }
    // 金水区/n: one word ending in a place ending, its stem no common word.
    const placeWord = placeWordReading(word, segmentation);
    if (placeWord) {
      candidates.push({ start: word.start, end: word.end, type: 'LOC', rule: 'place-word', reason: placeWord });
      tokens.push({ ...word, tag: 'ns', place: true });
      continue;
    }
    tokens.push(word);
  }

  // Organisations: [中共] place [unit] [modifiers] head {[modifiers] head}, or an organisation with more heads.
  for (let i = 0; i < tokens.length; i++) {
    let first = i;
    if (ORG_PREFIXES.has(tokens[i].word) && tokens[i + 1]) first = i + 1;
    const token = tokens[first];
    const isPlace = token.place === true || (token.tag === 'ns' && isPlaceName(token.word));
    const isOrganisation = (token.tag === 'nt' && isHanText(token.word) && !NOT_ORGANISATION.has(token.word)) || LEVEL_COMMITTEES.has(token.word);
    let j = first + 1;
    let lastHead = -1;
    let modifiedHead = false;
    if (isPlace || isOrganisation) {
      if (isPlace && tokens[j] && ADMIN_UNITS.has(tokens[j].word)) j++;
      // Heads, each after at most three modifiers: 海口市 中级 人民法院, 郑州市委 宣传部.
      for (;;) {
        let k = j;
        let modifiers = 0;
        while (k < tokens.length && !isOrgHead(tokens[k]) && modifiers < 3 && isModifier(tokens[k])) {
          k++;
          modifiers++;
        }
        if (k >= tokens.length || !isOrgHead(tokens[k])) break;
        // 郑州 国家中心 城市: the head is the first half of a longer noun.
        const after = tokens[k + 1];
        if (after && !isOrgHead(after) && isHanText(after.word) && charLength(after.word) >= 2 && ['n', 'ns', 'vn', 'nz'].includes(after.tag) && !ORG_HEAD_WORDS.has(tokens[k].word)) break;
        // 美国公司, 中国政府: a country and a bare generic head are no organisation's name; a local
        // government named with its unit is one (郑州市政府, 郑州 市 政府, 河南省人民政府).
        const unitNamed = ADMIN_UNITS.has(tokens[j - 1]?.word ?? '') || ADMIN_UNITS.has(lastCodePoint(token.word));
        if (lastHead < 0 && modifiers === 0 && isPlace && BARE_GENERIC_HEADS.has(tokens[k].word) && !unitNamed) break;
        if (modifiers > 0) modifiedHead = true;
        lastHead = k;
        j = k + 1;
      }
    } else if (isProperName(token) && tokens[j] && LEVEL_COMMITTEES.has(tokens[j].word)) {
      // 清丰 县委: a name the segmenter does not know and a committee of its level.
      lastHead = j;
      while (tokens[lastHead + 1] && isOrgHead(tokens[lastHead + 1])) lastHead++;
      candidates.push({ start: tokens[i].start, end: tokens[lastHead].end, type: 'ORG', rule: 'org-after-name', reason: `name ${token.word} + ${tokens[j].word}` });
      continue;
    } else if (PROPER_TAGS.has(token.tag) && isHanText(token.word) && charLength(token.word) >= 2 && tokens[j] && COMPANY_HEADS.has(tokens[j].word)) {
      // 圆方 集团: an unknown or proper word and a company head.
      if (!NOT_PERSON.has(token.word) && !NOT_PLACE.has(token.word)) {
        lastHead = j;
        while (tokens[lastHead + 1] && isOrgHead(tokens[lastHead + 1])) lastHead++;
        candidates.push({ start: tokens[i].start, end: tokens[lastHead].end, type: 'ORG', rule: 'org-company', reason: `name ${token.word} + ${tokens[j].word}` });
      }
      continue;
    }
    if (lastHead < 0) continue;
    const head = tokens[lastHead];
    const rule: SuggestionRule = isOrganisation ? 'org-extended' : modifiedHead ? 'org-after-place-modified' : 'org-after-place';
    const reason = isOrganisation ? `organisation ${token.word} + ${head.word}` : `place ${token.word} + organisation ${head.word}`;
    candidates.push({ start: tokens[i].start, end: head.end, type: 'ORG', rule, reason });
  }
  // 市委, 县委 on their own: the committee of the place the article is about.
  for (const word of words) {
    if (LEVEL_COMMITTEES.has(word.word)) candidates.push({ start: word.start, end: word.end, type: 'ORG', rule: 'level-committee', reason: `${word.word}: the committee of the place in question` });
  }
  return candidates;
}

const LEVEL_COMMITTEES = new Set(['市委', '省委', '县委', '区委', '州委', '镇委', '乡委']);

/** An unknown or proper word (x, nz, nrt, j) of two or more Han characters that is not a common word. */
function isProperName(token: Token): boolean {
  if (token.word.endsWith('族')) return false; // 回族: the ethnic group of a place's name, not the name
  return ['x', 'nz', 'nrt', 'j', 'ns'].includes(token.tag) && isHanText(token.word) && charLength(token.word) >= 2 && !NOT_PERSON.has(token.word) && !NOT_PLACE.has(token.word) && !GENERIC_PLACE_WORDS.has(token.word);
}

/** Endings of a place named after a bigger one: 中原科技城, 郑州航空港. */
const COMPOUND_PLACE_ENDINGS = new Set(['城', '港', '新城', '新区', '港区', '园区', '科技城']);

/** A word that can be the proper part of a place with an ending: a place, a name, an unknown word. */
function isProperStem(word: Word): boolean {
  if (charLength(word.word) < 2) return false;
  if (word.tag === 'ns') return !NOT_PLACE.has(word.word) && !GENERIC_PLACE_WORDS.has(word.word);
  return PROPER_TAGS.has(word.tag) && !NOT_PERSON.has(word.word);
}

const ONE_WORD_PLACE_ENDINGS = new Set(['省', '市', '区', '县', '镇', '乡', '村', '路', '街', '河', '湖']);

/** Why one word (金水区/n) reads as a place, or undefined. */
function placeWordReading(word: Word, segmentation: Segmentation): string | undefined {
  if (!['n', 'nz', 'x', 's'].includes(word.tag)) return undefined; // ns, nr, nt: the part of speech decides
  if (!isHanText(word.word) || charLength(word.word) < 3 || GENERIC_PLACE_WORDS.has(word.word) || NOT_PLACE.has(word.word)) return undefined;
  if (word.word.endsWith('城市')) return undefined;
  let ending = [...PLACE_SUFFIX_WORDS].find((suffix) => word.word.endsWith(suffix) && word.word.length > suffix.length);
  const last = lastCodePoint(word.word);
  if (!ending && ONE_WORD_PLACE_ENDINGS.has(last)) ending = last;
  if (!ending) return undefined;
  const stem = word.word.slice(0, word.word.length - ending.length);
  if (charLength(stem) < 2 || GENERIC_PLACE_WORDS.has(stem)) return undefined;
  const stemTag = segmentation.tagOf(stem);
  if (stemTag === undefined || GENERIC_STEM_TAGS.has(stemTag)) return undefined;
  return `place name ${stem} + ${ending}`;
}

function isOrgHead(token: Token | undefined): boolean {
  if (!token || token.place) return false;
  if (ORG_HEAD_WORDS.has(token.word)) return true;
  if (!isHanText(token.word) || charLength(token.word) < 2 || NOT_ORG_WORDS.has(token.word)) return false;
  if (token.tag === 'nt') return !token.word.endsWith('关系');
  const last = lastCodePoint(token.word);
  return ORG_HEAD_CHARS.has(last) && ['n', 'j', 'x', 'nz'].includes(token.tag) && !token.word.endsWith('干部') && !token.word.endsWith('常委');
}

function isModifier(token: Token): boolean {
  if (!MODIFIER_TAGS.has(token.tag) || !isHanText(token.word) || ADMIN_UNITS.has(token.word)) return false;
  if (NOT_ORG_WORDS.has(token.word) || NOT_PLACE.has(token.word) || GENERIC_PLACE_WORDS.has(token.word)) return false;
  // Numbers only as a name's part: 第五 中学, 二七 司法培训学校; not 三个.
  if (token.tag === 'm') return /^(?:第[一二三四五六七八九十百零〇]+|[一二三四五六七八九十百零〇]+)$/.test(token.word);
  return true;
}

// --- overlaps and helpers -----------------------------------------------------------------------

/**
 * Keeps the most confident candidate where candidates cross; a longer candidate that contains
 * the kept ones replaces them (郑州市委 over 郑州): patterns build long spans from short ones.
 * A gazetteer name is only replaced by a longer gazetteer name or one of its own type.
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const confidence = (candidate: Candidate) => RULES[candidate.rule].confidence;
  const ordered = [...candidates].sort((a, b) => confidence(b) - confidence(a) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Kept spans never overlap each other, so each offset has at most one owner: finding the
  // overlaps of a candidate costs its own length, not the number kept (a dump whose line
  // breaks were lost is one line with hundreds of thousands of candidates).
  const kept: (Candidate | undefined)[] = [];
  const owner = new Int32Array(ordered.reduce((max, candidate) => Math.max(max, candidate.end), 0)).fill(-1);
  for (const candidate of ordered) {
    const overlapping = new Set<number>();
    for (let at = Math.max(0, candidate.start); at < candidate.end; at++) if (owner[at] >= 0) overlapping.add(owner[at]);
    const others = [...overlapping].map((index) => kept[index]!);
    const containsAll = others.every(
      (other) => candidate.start <= other.start && other.end <= candidate.end && candidate.end - candidate.start > other.end - other.start,
    );
    const respectsGazetteer = others.every((other) => other.rule !== 'gazetteer' || candidate.rule === 'gazetteer');
    if (others.length > 0 && !(containsAll && respectsGazetteer)) continue;
    for (const index of overlapping) {
      owner.fill(-1, Math.max(0, kept[index]!.start), kept[index]!.end);
      kept[index] = undefined;
    }
    owner.fill(kept.length, Math.max(0, candidate.start), candidate.end);
    kept.push(candidate);
  }
  return kept.filter((candidate): candidate is Candidate => candidate !== undefined).sort((a, b) => a.start - b.start);
}

/** The spans the editor tagged, sorted for overlap queries. */
class TaggedSpans {
  private readonly spans: Span[];
  private readonly longest: number;

  constructor(spans: readonly Span[]) {
    this.spans = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
    this.longest = this.spans.reduce((max, span) => Math.max(max, span.end - span.start), 0);
  }

  /** No tagged span crosses start..end, lies inside it or equals it; tagged spans strictly inside are fine. */
  allows(start: number, end: number): boolean {
    if (this.spans.length === 0) return true;
    // First span that could reach start: spans are at most `longest` long.
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.spans[mid].start < start - this.longest) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.spans.length && this.spans[i].start < end; i++) {
      const span = this.spans[i];
      if (span.end <= start) continue;
      const strictlyInside = start <= span.start && span.end <= end && span.end - span.start < end - start;
      if (!strictlyInside) return false;
    }
    return true;
  }
}

/** Marks that open and close a stretch a sentence does not end inside: quotes, title marks, brackets. */
const OPENING_MARK_CODES = codesOf('“‘《〈（(「『【〔');
const CLOSING_PAIR_CODES = codesOf('”’》〉）)」』】〕');
const FULL_STOP = 0x3002; // 。

/**
 * The sentences of the lines of `text` from `from` on, each cut after a 。 that is not inside
 * quotes or brackets. They are read independently: nodejieba cuts its input at 。 itself before
 * segmenting, and no candidate spans one (every line of the seeds, the rmrb dumps and the
 * bench's 11 MB dump gave the same suggestions either way). A sentence, not a line, is the
 * unit a background slice cannot cut: in a dump whose line breaks were lost, a line of 20 000
 * characters held the server for 120 ms.
 */
function* sentencesOf(text: string, from: number): Generator<{ start: number; text: string }> {
  for (const line of linesOf(text, from)) {
    let depth = 0;
    let start = 0;
    for (let i = 0; i < line.text.length; i++) {
      const code = line.text.charCodeAt(i);
      if (OPENING_MARK_CODES.has(code)) depth++;
      else if (CLOSING_PAIR_CODES.has(code)) depth = Math.max(0, depth - 1);
      else if (code === FULL_STOP && depth === 0 && i + 1 < line.text.length) {
        yield { start: line.start + start, text: line.text.slice(start, i + 1) };
        start = i + 1;
      }
    }
    yield start === 0 ? line : { start: line.start + start, text: line.text.slice(start) };
  }
}

/** The lines of `text` from offset `from` (a line or sentence start) on. */
function* linesOf(text: string, from = 0): Generator<{ start: number; text: string }> {
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = from;
  let start = from;
  for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
    yield { start, text: text.slice(start, match.index) };
    start = match.index + match[0].length;
  }
  yield { start, text: text.slice(start) };
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\u3000' || char === '\t';
}

function isHanChar(char: string): boolean {
  return char.length > 0 && isHan(char.codePointAt(0)!);
}

function isHanText(text: string): boolean {
  if (text.length === 0) return false;
  for (const char of text) if (!isHan(char.codePointAt(0)!)) return false;
  return true;
}

function hasHan(text: string): boolean {
  for (const char of text) if (isHan(char.codePointAt(0)!)) return true;
  return false;
}

function lastCodePoint(text: string): string {
  const chars = Array.from(text);
  return chars[chars.length - 1] ?? '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
