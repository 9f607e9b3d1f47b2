// Words with offsets, from the segmenter, for tagging: the word under the cursor and the
// whole-word occurrences of a name. Chinese has no spaces, so "whole word" means "starts
// and ends where the segmenter cuts": 安伟 in 安伟指出 is a word, 郑州 in 郑州市委 is one
// only if the segmenter cuts 郑州|市委. Only a window of the line around each spot is
// segmented, so tagging in an 11 MB dump never segments the whole file.
import type { Span, TaggedWord, WordSegmenter } from '../model/types';

/** Characters either side of a spot that are segmented to judge it. */
const CONTEXT = 40;

export interface PlacedWord extends Span {
  readonly word: string;
  /** The segmenter's part of speech, when it gives one. */
  readonly tag?: string;
}

/** The line around an offset, cut to `context` characters either side (never inside a surrogate pair). */
export function lineWindow(text: string, offset: number, context = CONTEXT): Span {
  let start = offset;
  while (start > 0 && start > offset - context && !isLineBreak(text.charCodeAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && end < offset + context && !isLineBreak(text.charCodeAt(end))) end++;
  if (isLowSurrogate(text.charCodeAt(start))) start++;
  if (isLowSurrogate(text.charCodeAt(end))) end++;
  return { start, end };
}

/** The words of text[window], placed in the text; with POS tags when `tagged` and the segmenter has them. */
export function wordsIn(text: string, window: Span, segmenter: WordSegmenter | undefined, tagged = false): PlacedWord[] {
  const slice = text.slice(window.start, window.end);
  const words: (string | TaggedWord)[] = !segmenter ? [...slice] : tagged && segmenter.tag ? segmenter.tag(slice) : segmenter.cut(slice);
  const placed: PlacedWord[] = [];
  let at = window.start;
  for (const item of words) {
    const word = typeof item === 'string' ? item : item.word;
    placed.push({ start: at, end: at + word.length, word, ...(typeof item === 'string' ? {} : { tag: item.tag }) });
    at += word.length;
  }
  return placed;
}

/**
 * The word under the cursor: the one the offset is inside, or, when the cursor sits just
 * after a word and before punctuation or space, that word. Punctuation and space are no words.
 */
export function wordAt(text: string, offset: number, segmenter: WordSegmenter | undefined): PlacedWord | undefined {
  const words = wordsIn(text, lineWindow(text, offset), segmenter);
  const inside = words.find((word) => word.start <= offset && offset < word.end && isWordLike(word.word));
  return inside ?? words.find((word) => word.end === offset && isWordLike(word.word));
}

/** Starts of the occurrences of `name` that begin and end on the segmenter's word boundaries. */
export function wholeWordOccurrences(text: string, name: string, segmenter: WordSegmenter | undefined): number[] {
  const found: number[] = [];
  if (name === '') return found;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (isWholeWord(text, at, at + name.length, segmenter)) found.push(at);
  }
  return found;
}

/** Without a segmenter, a Han name counts anywhere (nothing better is known); a Latin one needs non-letters around it. */
export function isWholeWord(text: string, start: number, end: number, segmenter: WordSegmenter | undefined): boolean {
  if (!segmenter) return !(isLatinLetter(text.charCodeAt(start - 1)) && isLatinLetter(text.charCodeAt(start))) && !(isLatinLetter(text.charCodeAt(end - 1)) && isLatinLetter(text.charCodeAt(end)));
  const window = { start: lineWindow(text, start).start, end: lineWindow(text, end).end };
  const boundaries = new Set<number>([window.start]);
  for (const word of wordsIn(text, window, segmenter)) boundaries.add(word.end);
  // A window edge cut mid-line is not a real boundary, but the name lies well inside it.
  return boundaries.has(start) && boundaries.has(end);
}

/** Holds a letter, digit or Han character: not punctuation, not space. */
export function isWordLike(word: string): boolean {
  return /[\p{L}\p{N}]/u.test(word);
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isLatinLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
