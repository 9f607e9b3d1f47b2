// "Tag all occurrences": where a name may be tagged in a text, and tagging it in dumps
// that are not open (read, tagged, .ann written; the .txt is never touched).
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WordSegmenter } from '../model/types';
import { readDump } from '../io/readDump';
import { AnnotationSet, type Annotation } from './annotationSet';
import { annPathFor, readAnn, saveAnn, type AnnFileSystem, nodeFileSystem } from './annStorage';
import { wholeWordOccurrences } from './words';
import { teachSegmenter } from './jiebaTeach';

/** A workspace walk stops after this many dumps: tagging everywhere must end in seconds. */
const MAX_DUMPS = 5000;

export interface Spots {
  /** Starts (UTF-16) of whole-word occurrences no tag sits on yet. */
  readonly free: readonly number[];
  /** Whole-word occurrences already tagged (or crossed by a tag). */
  readonly taken: number;
}

/**
 * The occurrences of `name` that may be tagged: whole words by the segmenter (taught the
 * name first, so it keeps it whole), not already tagged with the same span (any type),
 * and not crossing a tag. A name inside a longer tag (郑州 in 郑州市委) is allowed: brat
 * nests spans.
 */
export function freeSpots(text: string, name: string, type: string, tags: readonly Annotation[], segmenter: WordSegmenter | undefined): Spots {
  teachSegmenter([{ text: name, type }]);
  const sound = tags.filter((tag) => !tag.flag);
  const free: number[] = [];
  let taken = 0;
  for (const start of wholeWordOccurrences(text, name, segmenter)) {
    const end = start + name.length;
    const blocked = sound.some(
      (tag) => (tag.start === start && tag.end === end) || (tag.start < start && start < tag.end && tag.end < end) || (start < tag.start && tag.start < end && end < tag.end),
    );
    if (blocked) taken++;
    else free.push(start);
  }
  return { free, taken };
}

/** Tags `name` at each start; how many tags were added (a span add refuses is skipped). */
export function tagAt(set: AnnotationSet, type: string, starts: readonly number[], name: string, text: string): number {
  let added = 0;
  for (const start of starts) if ('annotation' in set.add(type, start, start + name.length, text)) added++;
  return added;
}

export interface FileTagResult {
  readonly path: string;
  readonly added: number;
  readonly taken: number;
  /** Why the file was left alone. */
  readonly error?: string;
}

/** Tags every free occurrence of `name` in a dump that is not open, and writes its .ann. */
export async function tagClosedDump(
  path: string,
  name: string,
  type: string,
  segmenter: WordSegmenter | undefined,
  files: AnnFileSystem = nodeFileSystem,
): Promise<FileTagResult> {
  const dump = readDump(path);
  if (dump.problem !== undefined) return { path, added: 0, taken: 0, error: dump.problem };
  if (!dump.text.includes(name)) return { path, added: 0, taken: 0 };
  const loaded = await readAnn(path, files);
  if (loaded.problem) return { path, added: 0, taken: 0, error: loaded.problem };
  // No re-anchoring here: tags that do not fit are the user's to fix when the dump is open.
  const set = AnnotationSet.fromAnn(loaded.file, dump.text);
  const { free, taken } = freeSpots(dump.text, name, type, set.list(), segmenter);
  const added = tagAt(set, type, free, name, dump.text);
  if (added === 0) return { path, added, taken };
  const saved = await saveAnn(loaded, set.toAnn(dump.text), files);
  return saved.ok ? { path, added, taken } : { path, added: 0, taken, error: saved.error };
}

/**
 * The dumps "tag in the folder" covers: every .txt next to the dump, and every .txt under
 * the workspace root that already has a .ann (an annotated part of the corpus), sorted.
 */
export function dumpsNear(path: string, root?: string): string[] {
  const found = new Set<string>();
  for (const entry of listDir(dirname(path))) if (entry.isFile() && entry.name.endsWith('.txt')) found.add(join(dirname(path), entry.name));
  if (root !== undefined) {
    const visit = (dir: string, depth: number): void => {
      for (const entry of listDir(dir)) {
        if (found.size >= MAX_DUMPS) return;
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const child = join(dir, entry.name);
        if (entry.isFile() && entry.name.endsWith('.txt')) {
          if (existsSync(annPathFor(child))) found.add(child);
        } else if (entry.isDirectory() && depth < 8) {
          visit(child, depth + 1);
        }
      }
    };
    visit(root, 0);
  }
  return [...found].sort();
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}
