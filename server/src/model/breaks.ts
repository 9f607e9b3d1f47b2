// Is the next block the rest of this one? An OCR or column break cuts a paragraph,
// often mid-word: `需满足长期从` / (blank) / `事一线工作`.
import { BreakCue, WordSegmenter } from './types';
import { endsWithJumpTo } from './markers';
import { DANGLING_FUNCTION_WORDS, NON_INITIAL, OPEN_ENDINGS, endsSentence, firstChar, firstCodePoints, lastChar, lastCodePoints } from './characters';

/** How much text on each side of the cut the segmenter sees. */
const SEGMENT_WINDOW = 8;

export interface BreakCandidate {
  /** Text of the block before the cut. */
  readonly before: string;
  /** Text of the block after it. */
  readonly after: string;
  /** The block before looks like a title or head (short, no sentence punctuation). */
  readonly beforeIsTitleLike: boolean;
}

export interface BreakJudgement {
  readonly cues: BreakCue[];
  /** The word the segmenter forms across the cut (`从事`), when it does. */
  readonly word?: string;
}

/**
 * Cues that the two blocks are one paragraph, or null when they are not.
 * The caller has already ruled out that `after` starts an article, a byline or a lead.
 */
export function judgeBreak(candidate: BreakCandidate, segmenter?: WordSegmenter): BreakJudgement | null {
  const { before, after, beforeIsTitleLike } = candidate;
  if (endsSentence(before) || endsWithJumpTo(before)) return null;

  const cues: BreakCue[] = [];
  if (OPEN_ENDINGS.has(lastChar(before))) cues.push('open-punctuation');
  // A colon introduces what follows (a list, a quotation): a paragraph may end on it.
  const endsOnColon = /[:：]$/.test(before);
  if (!beforeIsTitleLike && !endsOnColon) cues.push('unfinished-sentence');
  if (NON_INITIAL.has(firstChar(after))) cues.push('continuation-start');
  const segmented = segmenter ? segmenterCues(before, after, segmenter) : undefined;
  if (segmented) cues.push(...segmented.cues);

  if (cues.length === 0) return null;
  // A title-like first half needs evidence from the text itself, not only its lack of punctuation.
  if ((beforeIsTitleLike || endsOnColon) && !cues.some((cue) => cue !== 'unfinished-sentence')) return null;
  return { cues, word: segmented?.word };
}

function segmenterCues(before: string, after: string, segmenter: WordSegmenter): BreakJudgement {
  const cues: BreakCue[] = [];
  let across: string | undefined;
  const head = lastCodePoints(before, SEGMENT_WINDOW);
  const tail = firstCodePoints(after, SEGMENT_WINDOW);
  // Both cues are about Han characters at the cut: a dangling function word is the last character
  // before it, a word across it holds the characters on both sides. Where the punctuation already
  // rules a cue out, the segmenter is not asked (it was most of the parse).
  const endsHan = isHanUnit(head.charCodeAt(head.length - 1));
  const startsHan = isHanUnit(tail.charCodeAt(0));
  if (!endsHan || (!startsHan && !DANGLING_FUNCTION_WORDS.has(lastChar(head)))) return { cues };
  const alone = safeCut(segmenter, head);
  const lastWord = alone[alone.length - 1] ?? '';
  if (DANGLING_FUNCTION_WORDS.has(lastWord) && alone.length > 1) cues.push('dangling-function-word');
  // Only a word that absorbs a dangling single character counts as across the cut.
  if (!startsHan || Array.from(lastWord).length !== 1) return { cues };

  const joined = safeCut(segmenter, head + tail);
  let offset = 0;
  for (const word of joined) {
    const end = offset + word.length;
    // A word that starts before the cut and ends after it, and absorbs a dangling single character.
    if (offset < head.length && end > head.length && isHanWord(word)) {
      cues.push('word-across-cut');
      across = word;
      break;
    }
    if (end > head.length) break;
    offset = end;
  }
  return { cues, word: across };
}

/** The range isHanWord accepts, one code unit. */
function isHanUnit(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

function isHanWord(word: string): boolean {
  return /^[\u3400-\u9fff]{2,}$/.test(word);
}

function safeCut(segmenter: WordSegmenter, text: string): string[] {
  try {
    const words = segmenter.cut(text);
    return words.join('') === text ? words : [text];
  } catch {
    return [text];
  }
}
