// Thousands of random edits (typing, deleting, pasting, joining OCR breaks, CRLF ⇄ LF,
// characters outside the BMP, undo) against a reference that follows every character by
// identity. What an editor relies on:
// - a tag no edit cut into is not flagged and covers exactly the same characters;
// - a tag that is not flagged covers exactly the text it was tagged on;
// - no tag is ever lost, and saving then reading the .ann changes none of that;
// - undoing an edit gives every sound tag back where it was, or leaves it flagged.
// NEWSDUMP_FUZZ_COUNT=200000 for a longer run; NEWSDUMP_FUZZ_SEED to replay one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnn } from '../src/entities/annFile';
import { AnnotationSet, type Annotation, type TextChange } from '../src/entities/annotationSet';
import { randomSource } from './support/random';

const EDIT_COUNT = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 3000);
const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 20240611);
const EDITS_PER_DOCUMENT = 60;
const MAX_CODE_POINTS = 1200;

const NAMES = ['安伟', '何雄', '虎强', '金水区', '郑州市委', '𠮷祥', '贾鲁河', '中原科技城', '郑州'];
const FILLER = ['市委书记', '到', '调研', '。', ',', '本报讯 ', '强调', '𠮷', 'PM2.5', ' ', '、', '“', '”'];
const BREAKS = ['\n', '\r\n', '\n\n', '\r\n\r\n', '\n\n\n', '\r'];


interface Char {
  /** One code point. */
  readonly ch: string;
  readonly id: number;
}

interface ReferenceSpan {
  readonly charIds: readonly number[];
  readonly text: string;
  /** An edit deleted one of its characters or inserted between two of them. */
  touched: boolean;
}

/** The document as characters with identities; edits in code points. */
class Reference {
  private nextId = 0;
  chars: Char[] = [];
  readonly spans = new Map<string, ReferenceSpan>();

  constructor(text: string) {
    this.chars = this.make(text);
  }

  get text(): string {
    return this.chars.map((char) => char.ch).join('');
  }

  /** UTF-16 offset of a code-point offset, counted here, not by the code under test. */
  utf16(codePoint: number): number {
    let offset = 0;
    for (let i = 0; i < codePoint; i++) offset += this.chars[i].ch.length;
    return offset;
  }

  /** Where an untouched span's characters are: first and last index. */
  place(span: ReferenceSpan): { first: number; last: number } {
    const first = this.chars.findIndex((char) => char.id === span.charIds[0]);
    return { first, last: first + span.charIds.length - 1 };
  }

  /** Replaces code points [from, to) by `insert`; returns the change as the LSP reports it. */
  replace(from: number, to: number, insert: string): TextChange {
    const change = { start: this.utf16(from), end: this.utf16(to), text: insert };
    for (const span of this.spans.values()) {
      if (span.touched) continue;
      const { first, last } = this.place(span);
      const cutsInto = first < to && last >= from;
      const insertsInside = insert.length > 0 && first < from && last >= to;
      if (cutsInto || insertsInside) span.touched = true;
    }
    this.chars.splice(from, to - from, ...this.make(insert));
    return change;
  }

  private make(text: string): Char[] {
    return [...text].map((ch) => ({ ch, id: this.nextId++ }));
  }
}

class Fuzzer {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = randomSource(seed);
  }

  int(below: number): number {
    return Math.floor(this.random() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  snippet(): string {
    const parts: string[] = [];
    const count = 1 + this.int(3);
    for (let i = 0; i < count; i++) {
      const roll = this.random();
      parts.push(roll < 0.35 ? this.pick(NAMES) : roll < 0.8 ? this.pick(FILLER) : this.pick(BREAKS));
    }
    return parts.join('');
  }

  /** A dump-like text, with names at known places to tag. */
  document(): { text: string; names: { at: number; name: string }[] } {
    let text = '';
    const names: { at: number; name: string }[] = [];
    const pieces = 40 + this.int(60);
    for (let i = 0; i < pieces; i++) {
      const roll = this.random();
      if (roll < 0.35) {
        const name = this.pick(NAMES);
        names.push({ at: text.length, name });
        text += name;
      } else if (roll < 0.85) {
        text += this.pick(FILLER);
      } else {
        text += this.pick(BREAKS);
      }
    }
    return { text, names };
  }
}

/** Code-point positions where a run of line breaks sits between two characters of text. */
function breakRuns(chars: readonly Char[]): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  for (let i = 1; i < chars.length; i++) {
    if (!isBreak(chars[i].ch) || isBreak(chars[i - 1].ch)) continue;
    let end = i;
    while (end < chars.length && isBreak(chars[end].ch)) end++;
    if (end < chars.length) runs.push({ from: i, to: end });
  }
  return runs;
}

const isBreak = (ch: string): boolean => ch === '\n' || ch === '\r';

interface Step {
  readonly label: string;
  /** Code-point edits, each in the positions left by the one before. */
  readonly edits: readonly { from: number; to: number; insert: string }[];
}

/** One random step: mostly single edits, sometimes several in one event. */
function randomStep(fuzz: Fuzzer, reference: Reference): Step {
  const length = reference.chars.length;
  const position = (): number => fuzz.int(length + 1);
  const range = (max: number): { from: number; to: number } => {
    const from = fuzz.int(length + 1);
    return { from, to: Math.min(length, from + 1 + fuzz.int(max)) };
  };
  const growing = length < MAX_CODE_POINTS;
  const roll = fuzz.random();
  const untouched = [...reference.spans.values()].filter((span) => !span.touched);

  if (roll < 0.22 && growing) {
    const at = position();
    return { label: `insert at ${at}`, edits: [{ from: at, to: at, insert: fuzz.snippet() }] };
  }
  if (roll < 0.34 && untouched.length > 0) {
    const { first, last } = reference.place(fuzz.pick(untouched));
    const at = fuzz.random() < 0.5 ? first : last + 1;
    return { label: `insert at tag edge ${at}`, edits: [{ from: at, to: at, insert: fuzz.snippet() }] };
  }
  if (roll < 0.5) {
    const { from, to } = range(fuzz.random() < 0.8 ? 6 : 40);
    return { label: `delete ${from}-${to}`, edits: [{ from, to, insert: '' }] };
  }
  if (roll < 0.64) {
    const { from, to } = range(8);
    return { label: `replace ${from}-${to}`, edits: [{ from, to, insert: fuzz.snippet() }] };
  }
  if (roll < 0.7 && untouched.length > 0) {
    const span = fuzz.pick(untouched);
    const { first, last } = reference.place(span);
    const again = fuzz.random() < 0.5;
    // Deleting a name, or writing the same characters over it (a paste, a formatter).
    return { label: again ? `retype tag ${first}` : `delete tag ${first}`, edits: [{ from: first, to: last + 1, insert: again ? span.text : '' }] };
  }
  if (roll < 0.82) {
    const runs = breakRuns(reference.chars);
    if (runs.length > 0) {
      const { from, to } = fuzz.pick(runs);
      // Join with nothing (an OCR break), or keep one break (drop the blank lines).
      const keepOne = fuzz.random() < 0.3 && to - from > 1;
      return { label: `join ${from}-${to}`, edits: [{ from: keepOne ? from + 1 : from, to, insert: '' }] };
    }
  }
  if (roll < 0.9) {
    const chars = reference.chars;
    const lf = chars.findIndex((char, i) => char.ch === '\n' && fuzz.random() < 0.3 && (i === 0 || chars[i - 1].ch !== '\r'));
    if (lf >= 0) return { label: `LF→CRLF at ${lf}`, edits: [{ from: lf, to: lf + 1, insert: '\r\n' }] };
    const cr = chars.findIndex((char, i) => char.ch === '\r' && chars[i + 1]?.ch === '\n');
    if (cr >= 0) return { label: `CRLF→LF at ${cr}`, edits: [{ from: cr, to: cr + 1, insert: '' }] };
  }
  // Several changes in one event, as multi-cursor typing sends them.
  const edits: { from: number; to: number; insert: string }[] = [];
  let size = length;
  for (let i = 0, n = 2 + fuzz.int(2); i < n; i++) {
    const from = fuzz.int(size + 1);
    const to = Math.min(size, from + fuzz.int(3));
    const insert = growing ? fuzz.snippet() : '';
    edits.push({ from, to, insert });
    size += [...insert].length - (to - from);
  }
  return { label: 'multi-change', edits };
}

/** Applies a step to both the reference and the set; returns the code-point edits that undo it. */
function apply(step: Step, reference: Reference, set: AnnotationSet): Step {
  const undo: { from: number; to: number; insert: string }[] = [];
  const changes: TextChange[] = [];
  for (const edit of step.edits) {
    const removed = reference.chars.slice(edit.from, edit.to).map((char) => char.ch).join('');
    undo.unshift({ from: edit.from, to: edit.from + [...edit.insert].length, insert: removed });
    changes.push(reference.replace(edit.from, edit.to, edit.insert));
  }
  set.applyChanges(changes, reference.text);
  return { label: `undo ${step.label}`, edits: undo };
}

function checkInvariants(reference: Reference, set: AnnotationSet, where: string): void {
  const text = reference.text;
  for (const [id, span] of reference.spans) {
    const annotation = set.get(id);
    assert.ok(annotation, `${where}: ${id} was lost`);
    assert.ok(0 <= annotation.start && annotation.start <= annotation.end && annotation.end <= text.length, `${where}: ${id} outside the text`);
    if (!span.touched) {
      const { first, last } = reference.place(span);
      assert.equal(annotation.flag, undefined, `${where}: ${id} (${span.text}) flagged though no edit cut into it`);
      assert.deepEqual([annotation.start, annotation.end], [reference.utf16(first), reference.utf16(last + 1)], `${where}: ${id} (${span.text}) moved off its characters`);
    } else if (!annotation.flag) {
      assert.equal(text.slice(annotation.start, annotation.end), span.text, `${where}: ${id} sound on other text`);
    }
  }
}

/** Saving and reading back loses no tag, moves no sound tag, and rewrites nothing the second time. */
function checkSaveAndReload(set: AnnotationSet, text: string, where: string): void {
  const saved = set.toAnn(text);
  const reloaded = AnnotationSet.fromAnn(parseAnn(saved), text);
  const before = new Map(set.list().map((annotation) => [annotation.id, annotation]));
  const after = reloaded.list();
  assert.deepEqual(after.map((annotation) => annotation.id).sort(), [...before.keys()].sort(), `${where}: ids after reload`);
  for (const annotation of after) {
    const was = before.get(annotation.id)!;
    if (!was.flag) assert.deepEqual(annotation, was, `${where}: ${annotation.id} after reload`);
    if (!annotation.flag) assert.equal(text.slice(annotation.start, annotation.end), annotation.text, `${where}: ${annotation.id} sound on other text after reload`);
  }
  assert.equal(reloaded.toAnn(text), saved, `${where}: a reloaded .ann is rewritten`);
}

/** After an edit and its undo, a tag that was sound is where it was, or flagged; never elsewhere. */
function checkUndo(before: readonly Annotation[], set: AnnotationSet, where: string): void {
  for (const was of before) {
    if (was.flag) continue;
    const now = set.get(was.id);
    assert.ok(now, `${where}: ${was.id} lost`);
    if (!now.flag) assert.deepEqual(now, was, `${where}: ${was.id} not restored`);
  }
}

test(`tags follow ${EDIT_COUNT} random edits (seed ${SEED})`, () => {
  const fuzz = new Fuzzer(SEED);
  let done = 0;
  let flaggedSeen = 0;
  let healedByUndo = 0;
  for (let document = 0; done < EDIT_COUNT; document++) {
    const { text, names } = fuzz.document();
    const reference = new Reference(text);
    const set = AnnotationSet.empty();
    for (const { at, name } of names) {
      if (fuzz.random() < 0.2) continue;
      const added = set.add(fuzz.pick(['PER', 'LOC', 'ORG']), at, at + name.length, text);
      if (!('annotation' in added)) continue; // the same span tagged with the same type twice
      const first = [...text.slice(0, at)].length;
      reference.spans.set(added.annotation.id, {
        charIds: reference.chars.slice(first, first + [...name].length).map((char) => char.id),
        text: name,
        touched: false,
      });
    }
    for (let edit = 0; edit < EDITS_PER_DOCUMENT && done < EDIT_COUNT; edit++, done++) {
      const step = randomStep(fuzz, reference);
      const before = set.list();
      const where = `seed ${SEED}, document ${document}, edit ${edit} (${step.label})`;
      const undo = apply(step, reference, set);
      checkInvariants(reference, set, where);
      flaggedSeen += set.flagged().length > 0 ? 1 : 0;
      if (fuzz.random() < 0.15) {
        const flaggedBefore = set.flagged().length;
        apply(undo, reference, set);
        checkInvariants(reference, set, `${where}, undone`);
        checkUndo(before, set, `${where}, undone`);
        if (set.flagged().length < flaggedBefore) healedByUndo++;
      }
      if (edit % 15 === 14) checkSaveAndReload(set, reference.text, where);
    }
    checkSaveAndReload(set, reference.text, `seed ${SEED}, document ${document}, end`);
  }
  // The run must exercise what it claims to: flagged tags, and undo healing them.
  assert.ok(flaggedSeen > EDIT_COUNT / 20, `few edits left a flagged tag: ${flaggedSeen}`);
  assert.ok(healedByUndo > EDIT_COUNT / 200, `undo rarely healed a flagged tag: ${healedByUndo}`);
});
