// "Go to Symbol in Workspace" (Ctrl+T): every article of every dump under the workspace
// folders, found by its title, a byline name or a tagged entity, without opening the files.
// The index is built on the first request and kept per file; a file is parsed again only when
// its mtime or size changed (or a watcher said so). Open dumps answer with their editor text
// and tags. Matching is a case-insensitive substring, which is also the natural match for CJK
// (no word boundaries to respect).
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { DumpModel, WordSegmenter } from '../model/types';
import { LineIndex, type Range } from '../text/positions';
import { parseDump } from '../model/parse';
import { readDump } from '../io/readDump';
import { articleWindow, loadAnnotations } from '../entities/loadAnnotations';
import type { Annotation } from '../entities/annotationSet';
import { soundTags } from './export';
import { articleLabel, bylineSummary } from './symbols';
import { listDumpFiles } from '../io/listDumpFiles';
import type { Cancellation } from '../service';

/** A corpus bigger than this is indexed this far (the log says so). */
export const MAX_INDEXED_FILES = 20_000;
/** An empty query (VS Code sends one first) lists this many articles at most. */
const MAX_RESULTS = 2000;

/** What one article is found by. */
interface IndexedArticle {
  readonly title: string;
  /** Byline names joined (`杨宜锦 春霞`), or `no byline`. */
  readonly names: string;
  /** Lower-cased title, names and tagged entity texts, separated so a query cannot match across two. */
  readonly haystack: string;
  readonly titleRange: Range;
}

interface IndexedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly articles: readonly IndexedArticle[];
}

export interface WorkspaceSymbolHost {
  readonly segmenter?: WordSegmenter;
  /** Absolute folder paths to index (the workspace folders). */
  roots(): readonly string[];
  /** Open dumps by file path: their editor text and current tags beat the disk. */
  openDump(path: string): { readonly uri: string; readonly text: string; readonly tags: readonly Annotation[] } | undefined;
  /** Paths of the open file: dumps (they are searched even outside the roots). */
  openPaths(): readonly string[];
  log(message: string): void;
  /** Whether didChangeWatchedFiles reports .txt/.ann changes; without it every request re-lists and re-stats. */
  watched(): boolean;
}

export class WorkspaceSymbolIndex {
  private files: readonly string[] | undefined;
  private readonly cache = new Map<string, IndexedFile>();
  /** Files whose cache entry a watcher says is stale (checked by stat on the next request). */
  private readonly verified = new Set<string>();
  private warnedCap = false;

  constructor(private readonly host: WorkspaceSymbolHost) {}

  /** A .txt was created or deleted: list the folders again. A .txt or .ann changed: look at that dump again. */
  filesChanged(changes: readonly { readonly path: string; readonly createdOrDeleted: boolean }[]): void {
    for (const { path, createdOrDeleted } of changes) {
      const dump = path.endsWith('.ann') ? path.replace(/\.ann$/, '.txt') : path;
      this.verified.delete(dump);
      // The .ann is not part of the mtime check: drop the entry so its tags are read again.
      if (path.endsWith('.ann')) this.cache.delete(dump);
      if (createdOrDeleted && path.endsWith('.txt')) this.files = undefined;
    }
  }

  /** Workspace folders changed. */
  reset(): void {
    this.files = undefined;
    this.cache.clear();
    this.verified.clear();
  }

  async query(query: string, token?: Cancellation): Promise<SymbolInformation[] | null> {
    const needle = query.trim().toLowerCase();
    const results: SymbolInformation[] = [];
    const paths = new Set([...this.listFiles(), ...this.host.openPaths()]);
    let sinceYield = 0;
    for (const path of paths) {
      // Let a cancellation (the user typed on) arrive between files; cheap files are batched.
      if (++sinceYield >= 50) {
        sinceYield = 0;
        await new Promise((done) => setImmediate(done));
      }
      if (token?.isCancellationRequested) return null;
      const open = this.host.openDump(path);
      const articles = open ? await this.indexText(open.text, async () => open.tags) : await this.indexedOnDisk(path);
      if (!articles) continue;
      const uri = open?.uri ?? pathToFileURL(path).toString();
      const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
      for (const article of articles) {
        if (needle !== '' && !article.haystack.includes(needle)) continue;
        results.push({
          name: article.title,
          kind: SymbolKind.Class,
          containerName: `${name} · ${article.names}`,
          location: { uri, range: article.titleRange },
        });
        if (needle === '' && results.length >= MAX_RESULTS) return results;
      }
    }
    return results;
  }

  private listFiles(): readonly string[] {
    if (this.files && this.host.watched()) return this.files;
    const { files, capped } = listDumpFiles(this.host.roots(), MAX_INDEXED_FILES);
    if (capped && !this.warnedCap) {
      this.warnedCap = true;
      this.host.log(`newsdump: workspace symbols index only the first ${MAX_INDEXED_FILES} .txt files of the workspace; the rest are not searched`);
    }
    this.files = files;
    return files;
  }

  /** The file's articles, parsed again only when its mtime or size changed; undefined when unreadable. */
  private async indexedOnDisk(path: string): Promise<readonly IndexedArticle[] | undefined> {
    const cached = this.cache.get(path);
    if (cached && this.verified.has(path) && this.host.watched()) return cached.articles;
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.cache.delete(path);
      return undefined;
    }
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      this.verified.add(path);
      return cached.articles;
    }
    const dump = readDump(path);
    if (dump.problem !== undefined) return undefined;
    const articles = await this.indexText(dump.text, async (model) => {
      const { set } = await loadAnnotations(path, dump.text, articleWindow(model, dump.text));
      return soundTags(set);
    });
    this.cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, articles });
    this.verified.add(path);
    return articles;
  }

  private async indexText(text: string, tagsOf: (model: DumpModel) => Promise<readonly Annotation[]>): Promise<readonly IndexedArticle[]> {
    const model = parseDump(text, { segmenter: this.host.segmenter });
    const lines = new LineIndex(text);
    const tags = await tagsOf(model);
    return model.articles.map((article) => {
      const title = articleLabel(article, text);
      const names = bylineSummary(article);
      const entities = tags.filter((tag) => tag.start >= article.span.start && tag.end <= article.span.end).map((tag) => tag.text);
      return {
        title,
        names,
        haystack: [title, ...article.bylines.flatMap((byline) => byline.credits.flatMap((credit) => credit.names)), ...entities].join('\u0000').toLowerCase(),
        titleRange: lines.rangeOf(article.titleSpan),
      };
    });
  }
}
