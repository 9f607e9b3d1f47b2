// What a line is by itself, before its neighbours are looked at.
import { Credit } from './types';
import {
  CLOSING_MARK_CODES, OPEN_ENDING_CODES, SENTENCE_FINAL_CODES, SPACE_RUN, charLength, endsSentence, isHanText, isLowSurrogate, isSpaceInLine, lastChar,
} from './characters';
import { parseCredits } from './credits';
import { LeadMatch, isEditorNote, isSubtitleLine, matchLead, startsWithJumpFrom } from './markers';

export type LineKind =
  | 'lead'
  | 'byline'
  | 'jump-from' // a paragraph that opens with (上接一版)
  | 'editor-note'
  | 'subtitle'
  | 'person'
  | 'title'
  | 'body';

export interface ClassifiedLine {
  readonly kind: LineKind;
  readonly lead?: LeadMatch;
  readonly credits?: Credit[];
}

const TITLE_MAX_CHARS = 80;
const PERSON_MAX_CHARS = 30;

// One shared answer for each kind that carries nothing else: the parse keeps an answer for
// every line until the articles are built, so each object of its own costs garbage-collector copies.
const EDITOR_NOTE: ClassifiedLine = Object.freeze({ kind: 'editor-note' });
const JUMP_FROM: ClassifiedLine = Object.freeze({ kind: 'jump-from' });
const PERSON: ClassifiedLine = Object.freeze({ kind: 'person' });
const SUBTITLE: ClassifiedLine = Object.freeze({ kind: 'subtitle' });
const TITLE: ClassifiedLine = Object.freeze({ kind: 'title' });
const BODY: ClassifiedLine = Object.freeze({ kind: 'body' });

export function classifyLine(text: string): ClassifiedLine {
  const lead = matchLead(text);
  if (lead) return { kind: 'lead', lead };
  if (isEditorNote(text)) return EDITOR_NOTE;
  if (startsWithJumpFrom(text)) return JUMP_FROM;
  const credits = parseCredits(text);
  if (credits) return { kind: 'byline', credits };
  if (isPersonLine(text)) return PERSON;
  if (isSubtitleLine(text) && isTitleLike(text.replace(/^[—─\-－]+/, ''))) return SUBTITLE;
  if (isTitleLike(text)) return TITLE;
  return BODY;
}

/**
 * Short, no sentence punctuation: what titles and section heads look like.
 * An ending ？/！ only on a short line.
 */
export function isTitleLike(text: string): boolean {
  // A code point is one or two code units: most body lines are ruled out by their length alone, unscanned.
  if (text.length > 2 * TITLE_MAX_CHARS) return false;
  // Every test but the last only rules a line out, and most running text ends on a full stop or
  // a comma: such a line is answered from its end, unscanned.
  const last = text.charCodeAt(text.length - 1);
  if (OPEN_ENDING_CODES.has(last) || endsOnStatement(text)) return false;
  // One pass that counts characters and marks together. Every test before the last only rules a
  // line out, so a running sentence is answered at its first full stop or second comma.
  let length = 0;
  let commas = 0;
  let enumerationCommas = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) length++; // as charLength counts
    if (code === 0x3002 /* 。 */ || code === 0xff1b /* ； */ || code === 0x3b /* ; */) return false;
    // Headlines hold one clause break at most (`总数不超过8个,增设个人奖项`); lists use 、.
    if (code === 0xff0c /* ， */ || code === 0x2c /* , */) {
      if (++commas > 1) return false;
    } else if (code === 0x3001 /* 、 */ && ++enumerationCommas > 3) return false;
  }
  if (length < 2 || length > TITLE_MAX_CHARS) return false;
  if (endsSentence(text)) {
    const final = text.replace(/[”’」』）)》】"']+$/, '');
    const mark = lastChar(final);
    const question = mark === '？' || mark === '?' || mark === '！' || mark === '!';
    // `问：…？` is a question in an interview, not a head.
    return question && length <= 24 && commas === 0 && !/[:：]/.test(text);
  }
  return !SENTENCE_FINAL_CODES.has(last);
}

/**
 * Ends on a mark that finishes a statement (。；… but not ？！), maybe inside closing quotes: isTitleLike's
 * last test says no to such a line whatever comes before. Marks are read as codes: the sets hold
 * one-unit characters, which a trailing surrogate pair never is.
 */
function endsOnStatement(text: string): boolean {
  let end = text.length;
  while (end > 0 && CLOSING_MARK_CODES.has(text.charCodeAt(end - 1))) end--;
  if (end === 0) return false;
  const mark = text.charCodeAt(end - 1);
  return SENTENCE_FINAL_CODES.has(mark) && mark !== 0xff1f /* ？ */ && mark !== 0x3f /* ? */ && mark !== 0xff01 /* ！ */ && mark !== 0x21 /* ! */;
}

/** `市人大代表刘电力:` — who the next piece is about, ending in a colon. */
export function isPersonLine(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (last !== 0x3a /* : */ && last !== 0xff1a /* ： */) return false;
  const body = text.slice(0, -1);
  return charLength(body) >= 3 && charLength(body) <= PERSON_MAX_CHARS && isTitleLike(body) && !/[:：]/.test(body);
}

/** Two or three Han characters alone (maybe padded): a bare author name when it sits under a title. */
export function isBareNameLine(text: string): boolean {
  // The joined text's length, counted in place: almost every line asked is too long, and is not copied.
  let length = 0;
  for (let i = 0; i < text.length && length <= 3; i++) {
    const code = text.charCodeAt(i);
    if (!isSpaceInLine(code) && !isLowSurrogate(code)) length++; // as charLength counts the joined text
  }
  return length >= 2 && length <= 3 && isHanText(text.split(SPACE_RUN).join(''));
}
