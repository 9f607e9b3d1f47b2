// Teaches nodejieba the names editors tagged, so that segmentation respects them: unknown
// names come back from jieba tagged `x` and cut oddly (杨宜/x 锦/ns); after
// insertWord('杨宜锦', 'nr') the name is one word tagged nr, the gazetteer matches it at word
// boundaries and the part-of-speech source reads it too.
//
// nodejieba's dictionary is process-wide and has no way to forget a word: teaching lasts until
// the process ends and affects every caller (also OCR-break judgement, for the better). The
// segmentation adapter (../segmentation/jieba.ts) does not expose insertWord, so this module
// loads the same nodejieba instance itself; Node's module cache makes it the one jieba.ts uses.
import type { EntityType } from './suggestions';
import { isEntityType } from './suggestions';
import { charLength } from '../model/characters';

/** The part of nodejieba that learns words. */
export interface JiebaTeacher {
  insertWord(word: string, tag?: string): boolean;
}

/** The jieba part of speech that makes each entity type read as itself (nr person, ns place, nt organisation). */
export const POS_FOR_TYPE: Readonly<Record<EntityType, string>> = Object.freeze({ PER: 'nr', LOC: 'ns', ORG: 'nt' });

export interface TeachResult {
  /** Names given to jieba by this call. */
  readonly taught: number;
  /** Names left out: already taught, single characters, white space inside, other types. */
  readonly skipped: number;
  /** Why nothing could be taught, in words a user can act on. */
  readonly problem?: string;
}

let defaultTeacher: { teacher?: JiebaTeacher; problem?: string } | undefined;
/** `word\ttag` pairs taught in this process, per teacher: jieba cannot unlearn, so teaching twice is wasted work. */
const taughtBy = new WeakMap<JiebaTeacher, Set<string>>();

/** nodejieba as a teacher, loaded on first call; never throws. */
export function loadJiebaTeacher(): { teacher?: JiebaTeacher; problem?: string } {
  if (defaultTeacher) return defaultTeacher;
  try {
    const jieba = require('nodejieba') as Partial<JiebaTeacher>;
    if (typeof jieba.insertWord !== 'function') {
      defaultTeacher = { problem: 'nodejieba has no insertWord: names cannot be taught to the segmenter.' };
    } else {
      const insertWord = jieba.insertWord.bind(jieba);
      defaultTeacher = { teacher: { insertWord } };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    defaultTeacher = { problem: `nodejieba is not available (${message}): names cannot be taught to the segmenter.` };
  }
  return defaultTeacher;
}

/**
 * Feeds tagged names to the segmenter with insertWord(name, nr|ns|nt). Call it with the
 * gazetteer's entries (or every tagged entity) before suggestEntities and before segmenting
 * text the editor annotates. Never throws; a name jieba refuses counts as skipped.
 */
export function teachSegmenter(
  names: Iterable<{ readonly text: string; readonly type: string }>,
  teacher: JiebaTeacher | undefined = loadJiebaTeacher().teacher,
): TeachResult {
  if (!teacher) return { taught: 0, skipped: [...names].length, problem: loadJiebaTeacher().problem ?? 'no segmenter to teach' };
  let taught = 0;
  let skipped = 0;
  const done = taughtBy.get(teacher) ?? new Set<string>();
  taughtBy.set(teacher, done);
  for (const { text, type } of names) {
    if (!isEntityType(type) || !teachable(text)) {
      skipped++;
      continue;
    }
    const tag = POS_FOR_TYPE[type];
    const key = `${text}\t${tag}`;
    if (done.has(key)) {
      skipped++;
      continue;
    }
    let accepted = false;
    try {
      accepted = teacher.insertWord(text, tag) !== false;
    } catch {
      accepted = false;
    }
    if (accepted) {
      done.add(key);
      taught++;
    } else {
      skipped++;
    }
  }
  return { taught, skipped };
}

/** Two or more characters, no white space or line break (jieba would never give it back as one word). */
function teachable(text: string): boolean {
  return charLength(text) >= 2 && !/\s/.test(text);
}
