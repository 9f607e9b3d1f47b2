// What the corpus already says about names: the tags in the .ann files of a dump's folder
// (the open dumps' tags as they are in the editor, not as last saved). It feeds the
// gazetteer of the suggestions, teaches the segmenter the tagged names, and answers the
// entity hover (how often a name is tagged, the titles seen before it).
// A folder's .ann files are read once and again only after a change is reported
// (invalidate), so a keystroke never lists a folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { WordSegmenter } from '../model/types';
import { CodePointIndex } from '../text/positions';
import { readDump } from '../io/readDump';
import { parseAnn } from './annFile';
import { annPathFor } from './annStorage';
import { buildGazetteer, type EntityType } from './suggestions';
import { teachSegmenter } from './jiebaTeach';
import { TITLES, ORG_HEAD_WORDS } from './nerLexicon';

/** A folder with more .ann files than this is read only this far: the index is a help, not a census. */
const MAX_FILES = 5000;
/** Closed dumps read for the titles of one hover. */
const MAX_TEXTS_PER_HOVER = 50;

export interface TaggedName {
  readonly text: string;
  readonly type: string;
  /** Code points in the file's text (as in the .ann). */
  readonly start: number;
  readonly end: number;
}

/** The tags of an open dump, in UTF-16 offsets of its current text. */
export interface OpenDump {
  readonly path: string;
  readonly text: string;
  readonly names: readonly { readonly text: string; readonly type: string; readonly start: number; readonly end: number }[];
}

export interface NameStats {
  /** Tags of this text (any type) in the file asked about. */
  readonly inFile: number;
  /** Tags of this text in the folder's dumps, the file included. */
  readonly inCorpus: number;
  readonly files: number;
  /** Titles seen right before it (`市委书记`), most frequent first, with counts. */
  readonly titles: readonly { readonly title: string; readonly count: number }[];
}

export class CorpusIndex {
  /** Per folder: per .txt path, the tags its .ann holds on disk. */
  private readonly folders = new Map<string, Map<string, readonly TaggedName[]>>();
  private readonly gazetteers = new Map<string, { key: string; gazetteer: ReadonlyMap<string, EntityType> }>();

  constructor(private readonly segmenter?: WordSegmenter) {}

  /** A .ann (or a whole folder) changed on disk: read it again when next needed. */
  invalidate(path?: string): void {
    if (path === undefined) this.folders.clear();
    else this.folders.delete(dirname(path));
    if (path === undefined) this.gazetteers.clear();
    else this.gazetteers.delete(dirname(path));
  }

  /**
   * Tagged names of the folder → type, for suggestEntities; the names are taught to the
   * segmenter when the gazetteer changes (so it keeps them whole).
   */
  gazetteer(folder: string, open: readonly OpenDump[]): ReadonlyMap<string, EntityType> {
    const mine = open.filter((dump) => dirname(dump.path) === folder);
    const key = mine.map((dump) => `${dump.path}\u0000${dump.names.map((name) => `${name.type} ${name.text}`).join('\u0001')}`).join('\u0002');
    const cached = this.gazetteers.get(folder);
    if (cached && cached.key === key && this.folders.has(folder)) return cached.gazetteer;
    const gazetteer = buildGazetteer(this.namesOf(folder, mine).flatMap(([, names]) => names));
    teachSegmenter([...gazetteer].map(([text, type]) => ({ text, type })));
    this.gazetteers.set(folder, { key, gazetteer });
    return gazetteer;
  }

  /** How a name is tagged in the file and its folder, and which titles come before it there. */
  stats(path: string, name: string, open: readonly OpenDump[]): NameStats {
    const folder = dirname(path);
    const mine = open.filter((dump) => dirname(dump.path) === folder);
    const titles = new Map<string, number>();
    let inFile = 0;
    let inCorpus = 0;
    let files = 0;
    let textsRead = 0;
    for (const [file, names] of this.namesOf(folder, mine)) {
      const matching = names.filter((tagged) => tagged.text === name);
      if (matching.length === 0) continue;
      files++;
      inCorpus += matching.length;
      if (file === path) inFile = matching.length;
      const openDump = mine.find((dump) => dump.path === file);
      let text = openDump?.text;
      if (text === undefined && textsRead < MAX_TEXTS_PER_HOVER) {
        textsRead++;
        const dump = readDump(file);
        text = dump.problem === undefined ? dump.text : undefined;
      }
      if (text === undefined) continue;
      // Open dumps give UTF-16 offsets; .ann files give code points.
      const index = openDump ? undefined : new CodePointIndex(text);
      for (const tagged of matching) {
        const start = index ? index.toUtf16(tagged.start) : tagged.start;
        if (text.slice(start, start + name.length) !== name) continue;
        const title = titleBefore(text, start, this.segmenter);
        if (title) titles.set(title, (titles.get(title) ?? 0) + 1);
      }
    }
    const ranked = [...titles].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([title, count]) => ({ title, count }));
    return { inFile, inCorpus, files, titles: ranked };
  }

  /** Per dump of the folder, its tags: the editor's for open dumps, the .ann's for the others. */
  private namesOf(folder: string, open: readonly OpenDump[]): [string, readonly { text: string; type: string; start: number }[]][] {
    const onDisk = this.folder(folder);
    const result: [string, readonly { text: string; type: string; start: number }[]][] = [];
    const openPaths = new Set(open.map((dump) => dump.path));
    for (const [path, names] of onDisk) if (!openPaths.has(path)) result.push([path, names]);
    for (const dump of open) result.push([dump.path, dump.names]);
    return result;
  }

  private folder(folder: string): Map<string, readonly TaggedName[]> {
    const cached = this.folders.get(folder);
    if (cached) return cached;
    const byText = new Map<string, readonly TaggedName[]>();
    let entries: string[] = [];
    try {
      entries = readdirSync(folder).filter((name) => name.endsWith('.ann') && !name.startsWith('.')).sort().slice(0, MAX_FILES);
    } catch {
      // An unreadable folder has no corpus: suggestions go on without a gazetteer.
    }
    for (const name of entries) {
      const annPath = join(folder, name);
      const textPath = join(folder, `${basename(name, '.ann')}.txt`);
      if (annPathFor(textPath) !== annPath) continue;
      try {
        // A named pipe called *.ann would block this read, and the server with it, forever.
        if (!statSync(annPath).isFile()) continue;
        const file = parseAnn(readFileSync(annPath, 'utf8'));
        byText.set(
          textPath,
          file.lines.flatMap((line) => (line.kind === 'entity' ? [{ text: line.text, type: line.type, start: line.start, end: line.end }] : [])),
        );
      } catch {
        // Unreadable: left out; the open dump reports its own .ann's problems.
      }
    }
    this.folders.set(folder, byText);
    return byText;
  }
}

/**
 * The title right before a name (`省委常委、市委书记安伟` → 市委书记, `市长何雄` → 市长): the
 * segmenter word before it when it ends with a known title, with the organisation word in
 * front when the title is bare (`区委` `书记` → 区委书记). Only on the same line.
 */
export function titleBefore(text: string, start: number, segmenter?: WordSegmenter): string | undefined {
  let from = start;
  while (from > 0 && start - from < 12 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
  const before = text.slice(from, start);
  if (!before) return undefined;
  const words = segmenter ? segmenter.cut(before) : [before];
  const last = words[words.length - 1];
  const title = TITLES.filter((candidate) => last.endsWith(candidate)).sort((a, b) => b.length - a.length)[0];
  if (!title) return undefined;
  if (!segmenter) return title;
  const previous = words[words.length - 2];
  return last === title && previous !== undefined && ORG_HEAD_WORDS.has(previous) ? previous + last : last;
}
