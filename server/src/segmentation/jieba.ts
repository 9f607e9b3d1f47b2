// nodejieba behind the WordSegmenter contract. It is a native addon: a missing or
// broken build must degrade OCR-break judgement, never stop the server or the CLI.
import type { TaggedWord, WordSegmenter } from '../model/types';

/** The part of nodejieba we use. Its bundled .d.ts names cut's second argument `strict`; it is useHMM. */
interface NodeJieba {
  cut(text: string, useHMM?: boolean): string[];
  tag(text: string): { word: string; tag: string }[];
}

export interface JiebaLoadResult {
  readonly segmenter?: WordSegmenter;
  /** Why there is no segmenter, in words a user can act on. */
  readonly problem?: string;
}

let loaded: JiebaLoadResult | undefined;

/** Loads nodejieba on first call (it reads its dictionaries then); later calls reuse the result. Never throws. */
export function loadJiebaSegmenter(): JiebaLoadResult {
  loaded ??= tryLoadJieba();
  return loaded;
}

function tryLoadJieba(): JiebaLoadResult {
  let jieba: NodeJieba;
  try {
    jieba = require('nodejieba') as NodeJieba;
  } catch (error) {
    return {
      problem:
        `nodejieba is not available (${firstLine(error)}): OCR-break judgement falls back to punctuation cues. ` +
        'Run `npm rebuild nodejieba`.',
    };
  }
  return { segmenter: jiebaSegmenter(jieba) };
}

/** A segmenter whose words always concatenate back to the input, as the model's offsets require. */
export function jiebaSegmenter(jieba: NodeJieba): WordSegmenter {
  return Object.freeze({
    cut(text: string): string[] {
      if (text === '') return [];
      let words: string[];
      try {
        words = jieba.cut(text, true);
      } catch {
        return [text];
      }
      // jieba has been seen to normalise or drop characters on odd input; one word is safe.
      return Array.isArray(words) && words.join('') === text ? words : [text];
    },
    tag(text: string): TaggedWord[] {
      if (text === '') return [];
      try {
        const tagged = jieba.tag(text);
        return tagged.map((item) => item.word).join('') === text ? tagged : [{ word: text, tag: 'x' }];
      } catch {
        return [{ word: text, tag: 'x' }];
      }
    },
  });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim() || 'unknown error';
}
