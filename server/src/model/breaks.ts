// Is the next block the rest of this one? An OCR or column break cuts a paragraph,
// often mid-word: `需满足长期从` / (blank) / `事一线工作`.
import { Break, BreakCue, Span, WordSegmenter } from './types';
import { endsWithJumpTo } from './markers';
import {
  DANGLING_FUNCTION_WORDS, NON_INITIAL_CODES, OPEN_ENDING_CODES, endsSentence, firstCodePoints, isHighSurrogate, isLowSurrogate,
  lastChar, lastCodePoints,
} from './characters';

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
  readonly cues: readonly BreakCue[];
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

  // Marks are read as codes: every one in these sets is one code unit.
  const cues: BreakCue[] = [];
  const lastCode = before.charCodeAt(before.length - 1);
  if (OPEN_ENDING_CODES.has(lastCode)) cues.push('open-punctuation');
  // A colon introduces what follows (a list, a quotation): a paragraph may end on it.
  const endsOnColon = lastCode === 0x3a /* : */ || lastCode === 0xff1a /* ： */;
  if (!beforeIsTitleLike && !endsOnColon) cues.push('unfinished-sentence');
  if (NON_INITIAL_CODES.has(after.charCodeAt(0))) cues.push('continuation-start');
  // A title-like first half needs evidence from the text itself, not only its lack of punctuation.
  const needsEvidence = beforeIsTitleLike || endsOnColon;
  const decided = !needsEvidence || cues.some((cue) => cue !== 'unfinished-sentence');
  // The segmenter's cues only say why, once the punctuation has decided: asked when someone reads them.
  if (decided && segmenter) return new DeferredJudgement(cues.slice(), before, after, segmenter);
  const word = segmenter ? addSegmenterCues(before, after, segmenter, cues) : undefined;

  if (cues.length === 0) return null;
  if (needsEvidence && !cues.some((cue) => cue !== 'unfinished-sentence')) return null;
  // A copy just as long as the list: grown by push it has room for 17, and the model keeps the cues of every break.
  return word === undefined ? { cues: cues.slice() } : { cues: cues.slice(), word };
}

/**
 * A break the punctuation decided; the segmenter's cues (a dangling function word, a word
 * across the cut) are added on first read. Segmenting both sides of every cut was a third of
 * parsing an 11 MB dump, and most reasons are never read: the editor shows a thousand problems.
 */
class DeferredJudgement implements BreakJudgement {
  private judged?: BreakJudgement;

  constructor(
    private readonly punctuationCues: BreakCue[],
    private readonly before: string,
    private readonly after: string,
    private readonly segmenter: WordSegmenter,
  ) {}

  get cues(): readonly BreakCue[] {
    return this.judge().cues;
  }

  get word(): string | undefined {
    return this.judge().word;
  }

  private judge(): BreakJudgement {
    if (this.judged === undefined) {
      const cues = this.punctuationCues;
      const word = addSegmenterCues(this.before, this.after, this.segmenter, cues);
      this.judged = word === undefined ? { cues } : { cues, word };
    }
    return this.judged;
  }
}

/** The break at `span` with the judgement of its cut; a deferred judgement stays deferred. */
export function breakAt(span: Span, judgement: BreakJudgement): Break {
  if (judgement instanceof DeferredJudgement) return new DeferredBreak(span, judgement);
  return judgement.word === undefined ? { span, cues: judgement.cues } : { span, cues: judgement.cues, word: judgement.word };
}

/** `cut` moved to `span`, its judgement still deferred if it was. */
export function breakMovedTo(cut: Break, span: Span): Break {
  return cut instanceof DeferredBreak ? new DeferredBreak(span, cut.judgement) : breakAt(span, cut);
}

class DeferredBreak implements Break {
  constructor(
    readonly span: Span,
    readonly judgement: DeferredJudgement,
  ) {}

  get cues(): readonly BreakCue[] {
    return this.judgement.cues;
  }

  get word(): string | undefined {
    return this.judgement.word;
  }

  /** As a plain break would be written. */
  toJSON(): Break {
    return breakAt(this.span, { cues: this.cues, word: this.word });
  }
}

/** Pushes the segmenter's cues onto `cues`; returns the word formed across the cut, if any. */
function addSegmenterCues(before: string, after: string, segmenter: WordSegmenter, cues: BreakCue[]): string | undefined {
  // Both cues are about Han characters at the cut: a dangling function word is the last character
  // before it, a word across it holds the characters on both sides. Where the punctuation already
  // rules a cue out, the segmenter is not asked (it was most of the parse), nor are the windows cut out.
  const endsHan = isHanUnit(before.charCodeAt(before.length - 1));
  const startsHan = isHanUnit(after.charCodeAt(0));
  if (!endsHan || (!startsHan && !DANGLING_FUNCTION_WORDS.has(lastChar(before)))) return undefined;
  const head = lastCodePoints(before, SEGMENT_WINDOW);
  const alone = safeCut(segmenter, head);
  const lastWord = alone[alone.length - 1] ?? '';
  if (DANGLING_FUNCTION_WORDS.has(lastWord) && alone.length > 1) cues.push('dangling-function-word');
  // Only a word that absorbs a dangling single character counts as across the cut.
  if (!startsHan || !isOneCodePoint(lastWord)) return undefined;

  const tail = firstCodePoints(after, SEGMENT_WINDOW);
  const joined = safeCut(segmenter, head + tail);
  let offset = 0;
  for (const word of joined) {
    const end = offset + word.length;
    // A word that starts before the cut and ends after it, and absorbs a dangling single character.
    if (offset < head.length && end > head.length && isHanWord(word)) {
      cues.push('word-across-cut');
      return word;
    }
    if (end > head.length) break;
    offset = end;
  }
  return undefined;
}

/** One character, as Array.from counts them (a lone surrogate is one). */
function isOneCodePoint(word: string): boolean {
  return word.length === 1 || (word.length === 2 && isHighSurrogate(word.charCodeAt(0)) && isLowSurrogate(word.charCodeAt(1)));
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
