// The annotations of the open dumps and their life: read on open (re-anchored in memory,
// never written then), following every edit, written to the .ann when the user acts or
// saves, dropped on close. The .ann is written:
// - at once after a tag action when the .txt on disk is the editor text (the offsets
//   written then are the offsets of the file beside it);
// - otherwise when the .txt is saved (the offsets fit only the saved text);
// - never when nothing would change in it (an edit undone, a file without tags).
// Writes of one document are queued, so two quick actions cannot race on the same .ann.
// No LSP here: the server passes text and tells us what happened.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Span } from '../model/types';
import type { DecodedDump } from '../io/readDump';
import { AnnotationSet, type TextChange } from './annotationSet';
import { annPathFor, nodeFileSystem, readAnn, saveAnn, type AnnFileSystem, type LoadedAnn } from './annStorage';
import { annotationsOf, describeOutcomes } from './loadAnnotations';
import { mergeAnn } from './annMerge';

export interface AnnotationHost {
  /** The .txt as it is on disk, decoded as the editor shows it. */
  readText(path: string): DecodedDump;
  /** The editor's current text of an open document. */
  textOf(uri: string): string | undefined;
  /** Where a drifted tag may be looked for (the article around the offset). */
  windowFor(uri: string, text: string): (offset: number) => Span;
  tell(severity: 'error' | 'warning' | 'info', message: string): void;
  /** Annotations of the document changed in a way the user should see (diagnostics, colours). */
  changed(uri: string): void;
  readonly files?: AnnFileSystem;
}

export interface AnnotationState {
  readonly uri: string;
  /** The .txt; undefined for an untitled buffer, which has nowhere to keep a .ann. */
  readonly path?: string;
  readonly set: AnnotationSet;
  /** What the .ann on disk held when last read or written; undefined for an untitled buffer. */
  readonly loaded?: LoadedAnn;
}

interface Entry {
  readonly uri: string;
  readonly path?: string;
  set?: AnnotationSet;
  loaded?: LoadedAnn;
  /** Changes that came while the .ann was being read, replayed on the set once it exists. */
  pending: { changes: readonly TextChange[]; textAfter: string }[];
  ready: Promise<void>;
  writes: Promise<void>;
  closed: boolean;
  /** The .ann was deleted or moved away on disk while open: the editor's tags are written again on the next save. */
  restore?: boolean;
}

export type EditResult<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly reason: string };

export class AnnotationDocuments {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly host: AnnotationHost) {}

  /** Reads the .ann of a document that just opened; resolves when its annotations are ready. */
  open(uri: string, text: string): Promise<void> {
    this.close(uri);
    const path = filePathOf(uri);
    const entry: Entry = { uri, path, pending: [], ready: Promise.resolve(), writes: Promise.resolve(), closed: false };
    this.entries.set(uri, entry);
    if (path === undefined) {
      entry.set = AnnotationSet.empty();
      return entry.ready;
    }
    entry.ready = readAnn(path, this.files).then((loaded) => this.install(entry, loaded, text));
    return entry.ready;
  }

  /** Changes of one didChange, in order, each in the offsets the one before left. */
  didChange(uri: string, changes: readonly TextChange[], textAfter: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    if (!entry.set) entry.pending.push({ changes, textAfter });
    else entry.set.applyChanges(changes, textAfter);
  }

  /** The dump was saved: its annotations now fit the file on disk, so they are written. */
  async didSave(uri: string): Promise<void> {
    const entry = this.entries.get(uri);
    if (!entry) return;
    await entry.ready;
    const text = this.host.textOf(uri);
    if (text !== undefined && (entry.set?.modified || entry.restore)) await this.write(entry, text);
  }

  close(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    // Tags of a document closed without saving belonged to text that is gone: they go with it.
    entry.closed = true;
    this.entries.delete(uri);
  }

  /** The annotations of an open document, once read. */
  get(uri: string): AnnotationState | undefined {
    const entry = this.entries.get(uri);
    return entry?.set ? { uri, path: entry.path, set: entry.set, loaded: entry.loaded } : undefined;
  }

  async ready(uri: string): Promise<AnnotationState | undefined> {
    await this.entries.get(uri)?.ready;
    return this.get(uri);
  }

  /** Every open document whose annotations are read. */
  all(): AnnotationState[] {
    return [...this.entries.keys()].map((uri) => this.get(uri)).filter((state): state is AnnotationState => state !== undefined);
  }

  /**
   * Changes the annotations of an open document (tag, retype, drop, re-anchor) and keeps
   * them: written now when the .txt on disk is the editor's text, else on its save.
   */
  async edit<R>(uri: string, change: (set: AnnotationSet, text: string) => EditResult<R>): Promise<EditResult<R>> {
    const entry = this.entries.get(uri);
    if (!entry) return { ok: false, reason: 'the document is not open' };
    await entry.ready;
    // After the writes before it: one that merges with the disk reads the tags again, and a change made meanwhile would be lost.
    await entry.writes;
    const text = this.host.textOf(uri);
    if (!entry.set || text === undefined) return { ok: false, reason: 'the document is not open' };
    if (entry.path === undefined) return { ok: false, reason: 'save the dump to a file first: its tags are kept in a .ann file next to it' };
    if (entry.loaded?.problem) return { ok: false, reason: `${entry.loaded.problem}; tags cannot be saved, so none are changed` };
    const result = change(entry.set, text);
    if (!result.ok) return result;
    this.host.changed(uri);
    const onDisk = this.host.readText(entry.path);
    if (onDisk.problem === undefined && onDisk.text === text) await this.write(entry, text);
    return result;
  }

  /** A .ann changed on disk (git, another editor): re-read it, unless its open document has tag changes not yet written. */
  async annChangedOnDisk(annPath: string): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.path === undefined || annPathFor(entry.path) !== annPath) continue;
      await entry.ready;
      const text = this.host.textOf(entry.uri);
      if (!entry.set || !entry.loaded || text === undefined) continue;
      const fresh = await readAnn(entry.path, this.files);
      if (fresh.content === entry.loaded.content && !fresh.problem) continue; // our own write
      const ours = entry.set.toAnn(text);
      if (!fresh.exists && !fresh.problem && ours !== '') {
        // Deleted or moved away (git, a sync tool, another editor): the editor's tags may be the only copy left.
        entry.loaded = fresh;
        entry.restore = true;
        this.host.tell(
          'warning',
          `newsdump: ${basename(annPath)} was deleted or moved on disk; this editor keeps the ${entry.set.list().length} tags of ${basename(entry.path)} and writes them to ${basename(annPath)} again with the next save or tag (close ${basename(entry.path)} without saving to let them go).`,
        );
        continue;
      }
      const unsaved = entry.set.modified && ours !== entry.loaded.content;
      if (unsaved) {
        this.host.tell('warning', `newsdump: ${basename(annPath)} changed on disk while this editor has tag changes not yet saved; when ${basename(entry.path)} is saved, they are merged into it, and nothing on disk is written over.`);
        continue;
      }
      this.install(entry, fresh, text);
      this.host.changed(entry.uri);
    }
  }

  private get files(): AnnFileSystem {
    return this.host.files ?? nodeFileSystem;
  }

  private install(entry: Entry, loaded: LoadedAnn, text: string): void {
    if (entry.closed) return;
    const { set, outcomes } = annotationsOf(loaded, text, this.host.windowFor(entry.uri, text));
    for (const { changes, textAfter } of entry.pending) set.applyChanges(changes, textAfter);
    entry.pending = [];
    entry.set = set;
    entry.loaded = loaded;
    if (loaded.problem) this.host.tell('error', `newsdump: ${loaded.problem}; tagging is off for ${basename(entry.path ?? entry.uri)}`);
    const moved = describeOutcomes(basename(loaded.path), outcomes, 'editor');
    if (moved) this.host.tell('info', `newsdump: ${moved}`);
  }

  /** Queues a write of the annotations as they fit `text`; nothing is written when the .ann already says that. */
  private write(entry: Entry, text: string): Promise<void> {
    const content = entry.set!.toAnn(text);
    entry.writes = entry.writes
      .then(async () => {
        const loaded = entry.loaded;
        if (!loaded || content === loaded.content) return;
        const saved = await saveAnn(loaded, content, this.files);
        if (saved.ok) {
          entry.loaded = saved.loaded;
          entry.restore = false;
        } else if (saved.changedOnDisk) await this.mergeWithDisk(entry, loaded, content);
        else this.host.tell('error', `newsdump: ${basename(loaded.path)} ${notSaved(saved.error)}`);
      })
      .catch((error: unknown) => this.host.tell('error', `newsdump: tags of ${basename(entry.path ?? entry.uri)} not saved: ${error instanceof Error ? error.message : String(error)}`));
    return entry.writes;
  }

  /**
   * The .ann changed on disk since it was read (another editor, git): this editor's changes
   * since then go on top of what is there now (annMerge.ts), and the tags are read again
   * from the result. `ours` fits the .txt on disk, as every write does.
   */
  private async mergeWithDisk(entry: Entry, base: LoadedAnn, ours: string): Promise<void> {
    const name = basename(base.path);
    // Another write may land between the read and ours: try again a few times.
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = await readAnn(entry.path!, this.files);
      if (fresh.problem) {
        this.host.tell('error', `newsdump: ${name} not saved: ${fresh.problem}`);
        return;
      }
      // Deleted meanwhile: nothing to merge with, the editor's tags are all there is.
      const merged = fresh.exists ? mergeAnn(base.content, ours, fresh.content) : ours;
      const saved = await saveAnn(fresh, merged, this.files);
      if (!saved.ok && saved.changedOnDisk) continue;
      if (!saved.ok) {
        this.host.tell('error', `newsdump: ${name} ${notSaved(saved.error)}`);
        return;
      }
      entry.loaded = saved.loaded;
      entry.restore = false;
      const now = this.host.textOf(entry.uri);
      if (!entry.closed && now !== undefined) {
        // Against the text as it is now: typing may have gone on while the file was written.
        entry.set = annotationsOf(saved.loaded, now, this.host.windowFor(entry.uri, now)).set;
        this.host.changed(entry.uri);
      }
      this.host.tell('info', `newsdump: ${name} had changed on disk (another editor or git): this editor's tag changes were merged into it; no line of it was lost`);
      return;
    }
    this.host.tell('error', `newsdump: ${name} not saved: it keeps changing on disk; save ${basename(entry.path!)} again to retry`);
  }
}

/** A failed write, said so that the user knows nothing is lost: the file is as it was, the tags wait in the editor. */
function notSaved(error: string): string {
  return `${error.startsWith('not saved') ? error : `not saved: ${error}`}; the file is left as it was, and this editor keeps its tags for the next save`;
}

/** The file behind a file: URI; other schemes (untitled:) have none. */
export function filePathOf(uri: string | undefined): string | undefined {
  if (uri === undefined || !uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
