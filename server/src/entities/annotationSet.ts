// The annotations of one open document, in UTF-16 offsets of its current text, following
// every edit. A span an edit cuts into is never moved onto other text: it is flagged
// (drift) and keeps the text it was tagged on, so it can be re-anchored or dropped by the
// user. Lines of the .ann we do not edit stay where they were and are written back as read.
// Pure: the caller passes the text; code points are made only in fromAnn and toAnn.
import type { Span } from '../model/types';
import { CodePointIndex, LineIndex } from '../text/positions';
import {
  dominantLineBreak,
  formatEntityLine,
  highestEntityNumber,
  parseAnn,
  referencedIds,
  serializeAnn,
  type AnnFile,
  type EntityLine,
} from './annFile';

/** An LSP-style incremental change: offsets in the text before this change. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Why an annotation no longer sits on its text:
 * - `edited`: an edit cut into it; the span now covers what is there instead;
 * - `deleted`: all of its text was removed; the span is empty where it was;
 * - `mismatch`: the .ann did not match the .txt when read (edited outside the editor).
 */
export type DriftFlag = 'edited' | 'deleted' | 'mismatch';

export interface Annotation {
  readonly id: string;
  readonly type: string;
  /** UTF-16 offsets in the current text. For a flagged annotation: where its text was. */
  readonly start: number;
  readonly end: number;
  /** The text it was tagged on. Equals the text at start..end unless flagged. */
  readonly text: string;
  readonly flag?: DriftFlag;
}

export interface ReanchorOutcome {
  readonly id: string;
  readonly result: 'reanchored' | 'ambiguous' | 'not-found';
  /** Where it was before (UTF-16). */
  readonly from: Span;
  readonly to?: Span;
  /** Starts of the occurrences of its text in the window, for a "re-anchor here" choice. */
  readonly candidates: readonly number[];
}

export interface ReanchorOptions {
  /** Only these annotations (a quick fix on one); all flagged ones otherwise. */
  readonly ids?: readonly string[];
  /** Where to look around an offset, e.g. the article from the dump model; the paragraph by default. */
  readonly windowAt?: (offset: number, text: string) => Span;
}

interface Entry {
  readonly id: string;
  type: string;
  start: number;
  end: number;
  readonly text: string;
  flag?: DriftFlag;
  /** Anything about it may differ from its line: only then is the line rewritten. */
  changed: boolean;
  removed: boolean;
}

export type AddResult = { readonly annotation: Annotation } | { readonly error: string };

export class AnnotationSet {
  private readonly entries = new Map<string, Entry>();
  private readonly byLine = new Map<number, Entry>();
  private readonly added: Entry[] = [];
  private lastNumber: number;
  private modifiedSinceLoad = false;

  private constructor(private readonly file: AnnFile) {
    this.lastNumber = highestEntityNumber(file.lines);
  }

  /** The annotations of a .ann against the text it belongs to. A line whose offsets or text do not fit is kept, flagged `mismatch`. */
  static fromAnn(file: AnnFile, text: string): AnnotationSet {
    const set = new AnnotationSet(file);
    // Made for the first tag: a dump without tags costs no scan of its text.
    let index: CodePointIndex | undefined;
    file.lines.forEach((line, number) => {
      // A repeated id stays a verbatim line: two annotations cannot share an id.
      if (line.kind !== 'entity' || set.entries.has(line.id)) return;
      const entry = entryFromLine(line, text, (index ??= new CodePointIndex(text)));
      set.entries.set(entry.id, entry);
      set.byLine.set(number, entry);
    });
    return set;
  }

  static empty(): AnnotationSet {
    return new AnnotationSet(parseAnn(''));
  }

  /** Something was added, removed, retyped or moved since the .ann was read. */
  get modified(): boolean {
    return this.modifiedSinceLoad;
  }

  get(id: string): Annotation | undefined {
    const entry = this.entries.get(id);
    return entry && snapshot(entry);
  }

  /** In text order. */
  list(): Annotation[] {
    return [...this.entries.values()].sort(byPosition).map(snapshot);
  }

  flagged(): Annotation[] {
    return this.list().filter((annotation) => annotation.flag !== undefined);
  }

  /** Tags start..end of the text. Names do not cross line breaks, and a surrogate pair is never cut. */
  add(type: string, start: number, end: number, text: string): AddResult {
    if (!/^\S+$/.test(type)) return { error: `“${type}” is not a type brat can store` };
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length)) {
      return { error: `${start}-${end} is not a span of the text` };
    }
    if (cutsPair(text, start) || cutsPair(text, end)) return { error: 'the span would cut a character in two' };
    const covered = text.slice(start, end);
    if (/[\r\n]/.test(covered)) return { error: 'a tag cannot cross a line break' };
    for (const other of this.entries.values()) {
      if (!other.flag && other.start === start && other.end === end && other.type === type) return { error: `already tagged ${type} (${other.id})` };
    }
    this.lastNumber++;
    const entry: Entry = { id: `T${this.lastNumber}`, type, start, end, text: covered, changed: true, removed: false };
    this.entries.set(entry.id, entry);
    this.added.push(entry);
    this.modifiedSinceLoad = true;
    return { annotation: snapshot(entry) };
  }

  /**
   * Drops an annotation, unless other lines of the .ann (relations, attributes, notes)
   * refer to it: brat cannot load a file with a dangling reference, so those lines are
   * returned and the annotation stays.
   */
  remove(id: string): { removed: boolean; referencedBy: string[] } {
    const entry = this.entries.get(id);
    if (!entry) return { removed: false, referencedBy: [] };
    const referencedBy = this.file.lines.filter((line) => referencedIds(line).includes(id)).map((line) => line.raw);
    if (referencedBy.length > 0) return { removed: false, referencedBy };
    entry.removed = true;
    this.entries.delete(id);
    this.modifiedSinceLoad = true;
    return { removed: true, referencedBy };
  }

  changeType(id: string, type: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || !/^\S+$/.test(type)) return false;
    if (entry.type !== type) {
      entry.type = type;
      entry.changed = true;
      this.modifiedSinceLoad = true;
    }
    return true;
  }

  /**
   * Where a flagged annotation could be re-anchored inside a window: the occurrences of its
   * text that re-anchoring chooses from, for the user to pick one (then moveTo).
   */
  candidates(id: string, text: string, window: Span): number[] {
    const entry = this.entries.get(id);
    if (!entry?.flag) return [];
    const taken = new Set<string>();
    for (const other of this.entries.values()) if (!other.flag) taken.add(spanKey(other.type, other.start, other.end));
    return candidatesFor(entry, text, window, taken);
  }

  /** Re-anchors an annotation on an occurrence of its own text the user picked; false if its text is not there. */
  moveTo(id: string, start: number, text: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || !entry.text || !text.startsWith(entry.text, start) || cutsPair(text, start) || cutsPair(text, start + entry.text.length)) return false;
    this.place(entry, start);
    return true;
  }

  /** One incremental change; `textAfter` is the text once it is applied. */
  applyChange(change: TextChange, textAfter: string): void {
    this.applyChanges([change], textAfter);
  }

  /**
   * The changes of one LSP didChange, in order, each in the offsets left by the one before.
   * A flagged annotation becomes sound again when its own text is back in its place exactly
   * once (undo, the name typed back, the same text pasted over it). A sound one an edit cut
   * into is kept only if the part the edit left is still where it was (see Survivor).
   */
  applyChanges(changes: readonly TextChange[], textAfter: string): void {
    if (changes.length === 0) return;
    const survivors = new Map<Entry, Survivor>();
    for (const change of changes) {
      for (const entry of this.entries.values()) {
        const wasSound = !entry.flag;
        const { start, end } = entry;
        const effect = follow(entry, change);
        if (effect !== 'none') this.modifiedSinceLoad = true;
        if (effect !== 'touched') continue;
        if (!survivors.has(entry)) survivors.set(entry, wasSound ? survivorOf(start, end, change) : 'anywhere');
        else if (survivors.get(entry) !== 'anywhere') survivors.set(entry, 'none'); // cut twice in one event: no guess
      }
    }
    for (const [entry, survivor] of survivors) heal(entry, textAfter, survivor);
  }

  /**
   * Looks for the text of flagged annotations near where they were: the one occurrence in
   * the window (the paragraph, or what `windowAt` gives), or, for a .ann that did not
   * match its text, the occurrence exactly where its neighbours moved to. After an edit
   * outside the editor (a line added above), every span after it moved by the same
   * amount, so a repeated name is placed by the shift of the annotation before it, or in a
   * second pass of the one after it. Otherwise several candidates or none: it stays
   * flagged. Occurrences already tagged with the same type are never candidates.
   */
  reanchor(text: string, options: ReanchorOptions = {}): ReanchorOutcome[] {
    const only = options.ids && new Set(options.ids);
    let lines: LineIndex | undefined;
    const windowAt = options.windowAt ?? ((offset: number) => paragraphAround((lines ??= new LineIndex(text)), text, offset));
    const taken = new Set<string>();
    for (const entry of this.entries.values()) if (!entry.flag) taken.add(spanKey(entry.type, entry.start, entry.end));
    const order = [...this.entries.values()].sort(byPosition);
    const todo = order.filter((entry) => entry.flag && (!only || only.has(entry.id)));
    const from = new Map(todo.map((entry) => [entry, { start: entry.start, end: entry.end }]));
    /** How far a sound annotation moved: 0 for those that matched where they were. */
    const shiftOf = new Map<Entry, number>();
    for (const entry of order) if (!entry.flag) shiftOf.set(entry, 0);
    const outcomes = new Map<Entry, ReanchorOutcome>();

    const attempt = (entry: Entry, shift: number | undefined, uniqueWins: boolean): void => {
      const original = from.get(entry)!;
      const hint = clamp(original.start + (entry.flag === 'mismatch' ? (shift ?? 0) : 0), 0, text.length);
      const candidates = candidatesFor(entry, text, windowAt(hint, text), taken);
      const chosen = candidates.includes(hint) ? hint : uniqueWins && candidates.length === 1 ? candidates[0] : undefined;
      if (chosen === undefined) {
        if (!outcomes.has(entry)) outcomes.set(entry, { id: entry.id, result: candidates.length === 0 ? 'not-found' : 'ambiguous', from: original, candidates });
        return;
      }
      if (entry.flag === 'mismatch') shiftOf.set(entry, chosen - original.start);
      this.place(entry, chosen);
      taken.add(spanKey(entry.type, entry.start, entry.end));
      outcomes.set(entry, { id: entry.id, result: 'reanchored', from: original, to: { start: entry.start, end: entry.end }, candidates });
    };

    // Forward: the shift of the nearest sound annotation before.
    let shift: number | undefined;
    for (const entry of order) {
      if (from.has(entry) && entry.flag) attempt(entry, shift, true);
      if (!entry.flag) shift = shiftOf.get(entry) ?? shift;
    }
    // Backward, for what is left after a mismatch: the shift of the nearest sound annotation after.
    shift = undefined;
    for (const entry of [...order].reverse()) {
      if (from.has(entry) && entry.flag === 'mismatch' && shift !== undefined) attempt(entry, shift, false);
      if (!entry.flag) shift = shiftOf.get(entry) ?? shift;
    }
    return todo.map((entry) => outcomes.get(entry)!);
  }

  /** The .ann for the text: unchanged lines as read (byte for byte), changed ones rewritten in code points, new ones at the end. */
  toAnn(text: string, index: CodePointIndex = new CodePointIndex(text)): string {
    const eol = dominantLineBreak(this.file.lines);
    const out: { raw: string; eol: string }[] = [];
    this.file.lines.forEach((line, number) => {
      const entry = this.byLine.get(number);
      if (!entry) out.push(line);
      else if (!entry.removed) out.push({ raw: lineFor(entry, line as EntityLine, index), eol: line.eol });
    });
    for (const entry of this.added) if (!entry.removed) out.push({ raw: lineFor(entry, undefined, index), eol });
    // Keep the file's ending: a file without a final line break stays without one.
    const last = this.file.lines[this.file.lines.length - 1];
    const finalBreak = last === undefined || last.eol !== '';
    for (let i = 0; i < out.length; i++) {
      const isLast = i === out.length - 1;
      // An empty last line without its break would be no line at all: it keeps its break.
      if (isLast) out[i] = { raw: out[i].raw, eol: finalBreak || out[i].raw === '' ? out[i].eol || eol : '' };
      else if (out[i].eol === '') out[i] = { raw: out[i].raw, eol };
    }
    return serializeAnn({ bom: this.file.bom, lines: out });
  }

  private place(entry: Entry, start: number): void {
    entry.start = start;
    entry.end = start + entry.text.length;
    entry.flag = undefined;
    entry.changed = true;
    this.modifiedSinceLoad = true;
  }
}

/** Occurrences of the entry's text inside the window that no sound annotation of its type already covers. */
function candidatesFor(entry: Entry, text: string, window: Span, taken: ReadonlySet<string>): number[] {
  if (!entry.text) return [];
  const low = clamp(window.start, 0, text.length);
  const high = clamp(window.end, low, text.length);
  const candidates: number[] = [];
  for (let at = text.indexOf(entry.text, low); at >= 0 && at + entry.text.length <= high; at = text.indexOf(entry.text, at + 1)) {
    if (!cutsPair(text, at) && !taken.has(spanKey(entry.type, at, at + entry.text.length))) candidates.push(at);
  }
  return candidates;
}

function spanKey(type: string, start: number, end: number): string {
  return `${type} ${start} ${end}`;
}

function entryFromLine(line: EntityLine, text: string, index: CodePointIndex): Entry {
  const start = index.toUtf16(Math.min(line.start, index.codePointLength));
  const end = index.toUtf16(Math.min(Math.max(line.start, line.end), index.codePointLength));
  const fits = line.start < line.end && line.end <= index.codePointLength && text.slice(start, end) === line.text;
  return { id: line.id, type: line.type, start, end, text: line.text, flag: fits ? undefined : 'mismatch', changed: false, removed: false };
}

/**
 * Moves one annotation through one change.
 * A sound span is touched only by a change strictly inside it or overlapping it: an
 * insertion at its start or end is outside (typing next to a name neither grows nor flags
 * it). A flagged span also takes in changes at its edges, so an undo that puts its text
 * back lands inside it.
 */
function follow(entry: Entry, change: TextChange): 'none' | 'shifted' | 'touched' {
  const { start: s, end: e } = entry;
  const { start: cs, end: ce } = change;
  const inserted = change.text.length;
  const delta = inserted - (ce - cs);
  const touches = entry.flag ? cs <= e && ce >= s : cs < e && ce > s;
  if (!touches) {
    if (ce > s || delta === 0) return 'none';
    entry.start += delta;
    entry.end += delta;
    entry.changed = true;
    return 'shifted';
  }
  entry.start = Math.min(s, cs);
  entry.end = e >= ce ? e + delta : cs + inserted;
  if (entry.flag !== 'mismatch') entry.flag = entry.start === entry.end ? 'deleted' : 'edited';
  entry.changed = true;
  return 'touched';
}

/**
 * Where a span an edit just cut into may find its text again. The characters before the
 * cut stay at the start of its region, those after it at the end: the text must be found
 * there, so the tag never jumps onto new text next to what is left of the name (an undo
 * could then not bring it back). When the edit took both ends (the same text pasted over
 * the name), anywhere in the region. A span that was already flagged: anywhere.
 */
type Survivor = 'start' | 'end' | 'anywhere' | 'none';

function survivorOf(start: number, end: number, change: TextChange): Survivor {
  if (change.start > start) return 'start';
  if (change.end < end) return 'end';
  return 'anywhere';
}

/** A flagged span whose region holds its text exactly once, where the survivor rule allows, is sound again on that text. */
function heal(entry: Entry, text: string, survivor: Survivor): void {
  if (!entry.flag || !entry.text || survivor === 'none') return;
  const region = text.slice(entry.start, entry.end);
  const at = region.indexOf(entry.text);
  if (at < 0 || region.indexOf(entry.text, at + 1) >= 0) return;
  if (survivor === 'start' && at !== 0) return;
  if (survivor === 'end' && at + entry.text.length !== region.length) return;
  entry.start += at;
  entry.end = entry.start + entry.text.length;
  entry.flag = undefined;
}

function lineFor(entry: Entry, read: EntityLine | undefined, index: CodePointIndex): string {
  if (read && !entry.changed) return read.raw;
  const values = { id: entry.id, type: entry.type, start: index.toCodePoints(entry.start), end: index.toCodePoints(entry.end), text: entry.text };
  // Moved away and back (an edit, then its undo): the line as read is still right.
  if (read && read.type === values.type && read.start === values.start && read.end === values.end && read.text === values.text) return read.raw;
  return formatEntityLine(values);
}

/** The lines around an offset up to the blank lines either side; from a blank line, the paragraphs on both sides. */
function paragraphAround(lines: LineIndex, text: string, offset: number): Span {
  const isBlank = (line: number): boolean => text.slice(lines.lineStart(line), lines.lineEnd(line)).trim() === '';
  const here = lines.lineOf(offset);
  let first = here;
  while (first > 0 && isBlank(first)) first--;
  while (first > 0 && !isBlank(first - 1)) first--;
  let last = here;
  while (last < lines.lineCount - 1 && isBlank(last)) last++;
  while (last < lines.lineCount - 1 && !isBlank(last + 1)) last++;
  return { start: lines.lineStart(first), end: lines.lineEnd(last) };
}

function snapshot(entry: Entry): Annotation {
  const { id, type, start, end, text, flag } = entry;
  return flag ? { id, type, start, end, text, flag } : { id, type, start, end, text };
}

function byPosition(a: Entry, b: Entry): number {
  return a.start - b.start || a.end - b.end || a.id.localeCompare(b.id, 'en', { numeric: true });
}

/** An offset between the two halves of a surrogate pair. */
function cutsPair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, high));
}
