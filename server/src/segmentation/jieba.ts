// nodejieba behind the WordSegmenter contract. It is a native addon: a missing or
// broken build must degrade OCR-break judgement, never stop the server or the CLI.
import * as fs from 'fs';
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import type { TaggedWord, WordSegmenter } from '../model/types';

/** The part of nodejieba we use. Its bundled .d.ts names cut's second argument `strict`; it is useHMM. */
interface NodeJieba {
  cut(text: string, useHMM?: boolean): string[];
  tag(text: string): { word: string; tag: string }[];
  /** The files load() reads when it is given none, as it is on the first cut, tag or insertWord. */
  DEFAULT_DICT?: string;
  DEFAULT_HMM_DICT?: string;
  DEFAULT_USER_DICT?: string;
  DEFAULT_IDF_DICT?: string;
  DEFAULT_STOP_WORD_DICT?: string;
}

/** Where scripts/build-dict.mjs writes the smaller dictionaries, from the package root. */
export const GENERATED_DICT_DIR = path.join('server', 'out', 'jieba-dict');
/** The generated files, by the nodejieba default each replaces. */
const GENERATED_FILES = {
  DEFAULT_DICT: 'jieba.dict.utf8',
  DEFAULT_IDF_DICT: 'idf.utf8',
  DEFAULT_STOP_WORD_DICT: 'stop_words.utf8',
} as const;

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
  const dictionaries = useGeneratedDictionaries(jieba);
  if (dictionaries.problem) return { problem: dictionaries.problem };
  // Once per process: `check --jobs` workers load their own segmenter, and the notice is the same.
  if (dictionaries.notice && isMainThread) console.error(`newsdump: ${dictionaries.notice}`);
  return { segmenter: jiebaSegmenter(jieba) };
}

/**
 * Points nodejieba at the dictionaries scripts/build-dict.mjs generates (rare common words
 * and the keyword-extraction tables left out: about 100 MB less memory, benchmarks unchanged), or
 * leaves its full ones when they are missing. It sets the DEFAULT_* paths rather than calling
 * load(): nodejieba then still reads them lazily, and whichever module touches it first
 * (jiebaTeach's insertWord too) gets the same dictionaries. A missing file must be caught
 * here: cppjieba aborts the whole process on one.
 */
export function useGeneratedDictionaries(
  jieba: NodeJieba,
  dir: string | undefined = generatedDictionaryDir(),
): { notice?: string; problem?: string } {
  const generated = dir !== undefined && Object.values(GENERATED_FILES).every((file) => fs.existsSync(path.join(dir, file)));
  if (generated) {
    for (const [key, file] of Object.entries(GENERATED_FILES)) jieba[key as keyof typeof GENERATED_FILES] = path.join(dir, file);
  }
  const toLoad = [jieba.DEFAULT_DICT, jieba.DEFAULT_HMM_DICT, jieba.DEFAULT_USER_DICT, jieba.DEFAULT_IDF_DICT, jieba.DEFAULT_STOP_WORD_DICT];
  const missing = toLoad.find((file) => typeof file === 'string' && !fs.existsSync(file));
  if (missing) {
    return { problem: `nodejieba's dictionary ${missing} is missing: OCR-break judgement falls back to punctuation cues. Run \`npm ci\` or reinstall newsdump.` };
  }
  if (generated) return {};
  return {
    notice:
      `the generated jieba dictionary is missing (${dir ?? GENERATED_DICT_DIR}): nodejieba loads its full one, ` +
      'about 100 MB more memory. Run `node scripts/build-dict.mjs`.',
  };
}

/** The generated folder under the nearest package.json above this file (server/out/src/… in a build, dist/ in the bundle). */
function generatedDictionaryDir(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, GENERATED_DICT_DIR);
    if (path.dirname(dir) === dir) return undefined;
  }
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
