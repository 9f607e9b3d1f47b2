// brat standoff (.ann) text ⇄ an ordered list of lines. Entity lines (`T<n>\t<TYPE> <start> <end>\t<text>`)
// are understood; every other line — relations, events, attributes, notes, discontinuous
// spans, lines we cannot read — is kept verbatim, so writing an unchanged file gives back
// the same bytes. Offsets here are brat's: Unicode code points of the .txt, end exclusive.
// Pure: no file system (see annStorage.ts), no LSP.
import { CodePointIndex } from '../text/positions';

export interface EntityLine {
  readonly kind: 'entity';
  readonly id: string;
  readonly type: string;
  /** Code points. */
  readonly start: number;
  /** Code points, exclusive. */
  readonly end: number;
  /** The text the annotator tagged, as stored in the file. */
  readonly text: string;
  /** The line as read, without its line break. */
  readonly raw: string;
  readonly eol: LineBreak;
}

/** What a line we keep but do not edit is, by brat's id prefix. */
export type VerbatimKind =
  | 'relation' // R
  | 'event' // E
  | 'attribute' // A, M
  | 'normalization' // N
  | 'note' // #
  | 'equivalence' // *
  | 'discontinuous' // T with fragments `0 2;5 7`: understood, but not followed through edits
  | 'blank'
  | 'malformed';

export interface VerbatimLine {
  readonly kind: 'verbatim';
  readonly what: VerbatimKind;
  /** The id in the first field, when there is one (`R1`, `T3`, `#1`). */
  readonly id?: string;
  readonly raw: string;
  readonly eol: LineBreak;
}

export type AnnLine = EntityLine | VerbatimLine;
export type LineBreak = '\n' | '\r\n' | '\r' | '';

export type AnnSeverity = 'error' | 'warning' | 'information';

export type AnnProblemCode =
  | 'malformed-line'
  | 'duplicate-id'
  | 'empty-span'
  | 'discontinuous-span'
  | 'dangling-reference'
  | 'offset-past-end'
  | 'text-mismatch'
  | 'crossing-spans'
  | 'duplicate-annotation'
  | 'unknown-type';

export interface AnnProblem {
  /** 0-based line of the .ann file. */
  readonly line: number;
  readonly code: AnnProblemCode;
  readonly severity: AnnSeverity;
  readonly message: string;
}

export interface AnnFile {
  /** The file started with a UTF-8 BOM; it is written back. */
  readonly bom: boolean;
  readonly lines: readonly AnnLine[];
  /** Problems visible in the .ann alone; see checkAgainstText for the rest. */
  readonly problems: readonly AnnProblem[];
}

const ENTITY_BODY = /^(\S+) (\d+) (\d+)$/;
const DISCONTINUOUS_BODY = /^(\S+) \d+ \d+(?:;\d+ \d+)+$/;
const ENTITY_ID = /^T\d+$/;
/** An id someone may refer to: `T3`, `E1`, `R2`, `#1` … */
const REFERENCE = /^[TERAMN#]\d+$/;
const BOM = '\ufeff';
/** Ids a crossing-spans message lists before `and N more`. */
const MAX_LISTED = 5;

const KIND_BY_PREFIX: Readonly<Record<string, VerbatimKind>> = {
  R: 'relation',
  E: 'event',
  A: 'attribute',
  M: 'attribute',
  N: 'normalization',
  '#': 'note',
  '*': 'equivalence',
};

export function parseAnn(content: string): AnnFile {
  const bom = content.startsWith(BOM);
  const lines = splitLines(bom ? content.slice(BOM.length) : content).map(({ raw, eol }) => parseLine(raw, eol));
  return { bom, lines, problems: fileProblems(lines) };
}

/** Gives back the bytes that were parsed, as long as no line was changed. */
export function serializeAnn(file: { readonly bom: boolean; readonly lines: readonly { readonly raw: string; readonly eol: string }[] }): string {
  let out = file.bom ? BOM : '';
  // A line that starts with U+FEFF but was not the first (the first was removed) would be read
  // back as a BOM and a different line: a BOM in front keeps it as it was. Never true of a file as read.
  if (!file.bom && file.lines[0]?.raw.startsWith(BOM)) out = BOM;
  file.lines.forEach((line, i) => {
    const next = file.lines[i + 1];
    // The same once a line between was removed: CR, then an empty line ending in LF, reads back as one CRLF.
    const merges = line.eol === '\r' && next !== undefined && next.raw === '' && next.eol.startsWith('\n');
    out += line.raw + (merges ? '\r\n' : line.eol);
  });
  return out;
}

/** The T line brat expects. The text must hold no line break (callers check). */
export function formatEntityLine(entity: { id: string; type: string; start: number; end: number; text: string }): string {
  return `${entity.id}\t${entity.type} ${entity.start} ${entity.end}\t${entity.text}`;
}

/** The line break most lines of the file end with; `\n` for a file without any. */
export function dominantLineBreak(lines: readonly AnnLine[]): Exclude<LineBreak, ''> {
  const counts = new Map<LineBreak, number>();
  for (const line of lines) if (line.eol) counts.set(line.eol, (counts.get(line.eol) ?? 0) + 1);
  let best: Exclude<LineBreak, ''> = '\n';
  let bestCount = 0;
  for (const [eol, count] of counts) {
    if (count > bestCount) {
      best = eol as Exclude<LineBreak, ''>;
      bestCount = count;
    }
  }
  return best;
}

/** The number after T of the highest entity id anywhere in the file, malformed lines included, so a new id never collides. */
export function highestEntityNumber(lines: readonly AnnLine[]): number {
  let highest = 0;
  for (const line of lines) {
    const match = /^T(\d+)(?=\s|$)/.exec(line.raw);
    // Past 2^52 a number cannot be counted on from exactly (T1e+25, then the same id twice);
    // new ids far below such an id cannot collide with it, so it is left out of the count.
    if (match && Number(match[1]) < 2 ** 52) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

/** Ids a verbatim line points at (`R1\tOrigin Arg1:T3 Arg2:T4` → T3, T4). */
export function referencedIds(line: AnnLine): string[] {
  if (line.kind !== 'verbatim' || line.what === 'malformed' || line.what === 'blank' || line.what === 'discontinuous') return [];
  const fields = line.raw.split('\t');
  if (fields.length < 2) return [];
  const ids: string[] = [];
  for (const token of fields[1].split(' ')) {
    const id = token.slice(token.lastIndexOf(':') + 1);
    if (REFERENCE.test(id)) ids.push(id);
  }
  return ids;
}

/**
 * Problems that need the .txt: offsets past its end, stored text that differs from the
 * text at the offsets, and how spans sit against each other. Nested spans (an LOC inside
 * an ORG: 郑州 in 郑州市委) are normal in brat and not reported; crossing spans are allowed
 * by brat but rare on purpose, so they are information; the same span tagged twice with
 * the same type is a warning.
 */
export function checkAgainstText(
  file: AnnFile,
  text: string,
  options: { knownTypes?: ReadonlySet<string>; index?: CodePointIndex } = {},
): AnnProblem[] {
  // Made when a line needs it: an .ann without tags costs no scan of the text.
  let made = options.index;
  const index = (): CodePointIndex => (made ??= new CodePointIndex(text));
  const problems: AnnProblem[] = [];
  const valid: { line: number; entity: EntityLine }[] = [];
  const seen = new Set<string>();
  const seenDiscontinuous = new Set<string>();
  file.lines.forEach((entity, line) => {
    if (entity.kind === 'verbatim' && entity.what === 'discontinuous' && entity.id !== undefined && !seenDiscontinuous.has(entity.id)) {
      // Not followed through edits, but brat still needs it on its text: a drifted one must not go unreported.
      // (Its own set: a T line with the same id after it is still the tag AnnotationSet loads.)
      seenDiscontinuous.add(entity.id);
      const misfit = discontinuousMisfit(entity, text, index());
      if (misfit) problems.push(problem(line, misfit.code, 'warning', `${entity.id}: ${misfit.message}`));
      return;
    }
    if (entity.kind !== 'entity' || seen.has(entity.id)) return;
    seen.add(entity.id);
    if (options.knownTypes && !options.knownTypes.has(entity.type)) {
      problems.push(problem(line, 'unknown-type', 'warning', `${entity.id}: type ${entity.type} is not one of ${[...options.knownTypes].join(', ')}`));
    }
    if (entity.end <= entity.start) return; // reported by parseAnn
    if (entity.end > index().codePointLength) {
      problems.push(
        problem(line, 'offset-past-end', 'warning', `${entity.id}: offsets ${entity.start}-${entity.end} run past the end of the text (${index().codePointLength} characters)`),
      );
      return;
    }
    const actual = text.slice(index().toUtf16(entity.start), index().toUtf16(entity.end));
    if (actual !== entity.text) {
      problems.push(problem(line, 'text-mismatch', 'warning', `${entity.id}: the text at ${entity.start}-${entity.end} is “${actual}”, the annotation says “${entity.text}”`));
      return;
    }
    valid.push({ line, entity });
  });
  problems.push(...overlapProblems(valid));
  return problems.sort((a, b) => a.line - b.line);
}

/** Why a discontinuous T line (`LOC 0 2;5 7`) does not sit on the text, or undefined when it does. brat joins the fragments' texts with a space. */
export function discontinuousMisfit(
  line: VerbatimLine,
  text: string,
  index: CodePointIndex = new CodePointIndex(text),
): { code: 'empty-span' | 'offset-past-end' | 'text-mismatch'; message: string } | undefined {
  const fields = line.raw.split('\t');
  const stored = fields.slice(2).join('\t');
  const body = fields[1] ?? '';
  const offsets = body.slice(body.indexOf(' ') + 1);
  const fragments = offsets.split(';').map((pair) => pair.split(' ').map(Number));
  if (fragments.some(([start, end]) => !(start < end))) return { code: 'empty-span', message: `a fragment of ${offsets} is empty or reversed` };
  if (fragments.some(([, end]) => end > index.codePointLength)) {
    return { code: 'offset-past-end', message: `offsets ${offsets} run past the end of the text (${index.codePointLength} characters)` };
  }
  const actual = fragments.map(([start, end]) => text.slice(index.toUtf16(start), index.toUtf16(end))).join(' ');
  return actual === stored ? undefined : { code: 'text-mismatch', message: `the text at ${offsets} is “${actual}”, the annotation says “${stored}”` };
}

function overlapProblems(valid: { line: number; entity: EntityLine }[]): AnnProblem[] {
  const problems: AnnProblem[] = [];
  const sorted = [...valid].sort((a, b) => a.entity.start - b.entity.start || b.entity.end - a.entity.end);
  // Scanning every open span for each tag was quadratic on a .ann with thousands of tags on
  // one spot (an import run twice): identical spans go through a map, and the open spans are
  // kept ordered by end, so the ones a tag crosses are a prefix of them.
  const firstWithSpan = new Map<string, EntityLine>();
  const open: EntityLine[] = [];
  const firstEndingAfter = (offset: number): number => {
    let low = 0;
    let high = open.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (open[mid].end > offset) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  for (const current of sorted) {
    const { start, end, type, id } = current.entity;
    const key = `${start} ${end} ${type}`;
    const same = firstWithSpan.get(key);
    if (same) problems.push(problem(current.line, 'duplicate-annotation', 'warning', `${id} tags the same text as ${same.id} with the same type ${type}`));
    else firstWithSpan.set(key, current.entity);
    const closed = firstEndingAfter(start);
    if (closed > 0) open.splice(0, closed);
    // Sorted by start: every open span starts at or before this one, and one that starts with it ends
    // at or after it; so those ending inside it (before its end) started before it: they cross it.
    const crossing = firstEndingAfter(end - 1);
    if (crossing > 0) {
      const shown = open.slice(0, Math.min(crossing, MAX_LISTED)).sort((a, b) => a.start - b.start || b.end - a.end).map((other) => other.id);
      const more = crossing > shown.length ? ` and ${crossing - shown.length} more` : '';
      problems.push(problem(current.line, 'crossing-spans', 'information', `${id} starts inside ${shown.join(', ')}${more} and ends after`));
    }
    open.splice(firstEndingAfter(end), 0, current.entity);
  }
  return problems;
}

function splitLines(content: string): { raw: string; eol: LineBreak }[] {
  const lines: { raw: string; eol: LineBreak }[] = [];
  const breaks = /\r\n|\n|\r/g;
  let from = 0;
  for (let match = breaks.exec(content); match; match = breaks.exec(content)) {
    lines.push({ raw: content.slice(from, match.index), eol: match[0] as LineBreak });
    from = match.index + match[0].length;
  }
  if (from < content.length) lines.push({ raw: content.slice(from), eol: '' });
  return lines;
}

function parseLine(raw: string, eol: LineBreak): AnnLine {
  if (raw.trim() === '') return { kind: 'verbatim', what: 'blank', raw, eol };
  const firstTab = raw.indexOf('\t');
  const id = firstTab < 0 ? undefined : raw.slice(0, firstTab);
  if (id === undefined || id === '') return { kind: 'verbatim', what: 'malformed', raw, eol };
  if (id.startsWith('T')) return parseTextBound(id, raw, firstTab, eol);
  const what = KIND_BY_PREFIX[id[0]];
  return { kind: 'verbatim', what: what ?? 'malformed', id, raw, eol };
}

function parseTextBound(id: string, raw: string, firstTab: number, eol: LineBreak): AnnLine {
  const secondTab = raw.indexOf('\t', firstTab + 1);
  // brat splits a T line in three at the first two tabs: the text itself may hold a tab.
  const body = secondTab < 0 ? undefined : raw.slice(firstTab + 1, secondTab);
  if (body === undefined || !ENTITY_ID.test(id)) return { kind: 'verbatim', what: 'malformed', id, raw, eol };
  if (DISCONTINUOUS_BODY.test(body)) return { kind: 'verbatim', what: 'discontinuous', id, raw, eol };
  const match = ENTITY_BODY.exec(body);
  if (!match) return { kind: 'verbatim', what: 'malformed', id, raw, eol };
  return {
    kind: 'entity',
    id,
    type: match[1],
    start: Number(match[2]),
    end: Number(match[3]),
    text: raw.slice(secondTab + 1),
    raw,
    eol,
  };
}

function fileProblems(lines: readonly AnnLine[]): AnnProblem[] {
  const problems: AnnProblem[] = [];
  const firstLineOf = new Map<string, number>();
  lines.forEach((line, index) => {
    if (line.kind === 'verbatim' && line.what === 'malformed') {
      problems.push(problem(index, 'malformed-line', 'warning', `not a brat annotation line; kept as it is: ${abbreviate(line.raw)}`));
      return;
    }
    if (line.kind === 'verbatim' && line.what === 'discontinuous') {
      problems.push(problem(index, 'discontinuous-span', 'information', `${line.id} has a discontinuous span; it is kept as written and not moved when the text is edited`));
    }
    const id = line.id;
    if (id !== undefined && id !== '*') {
      const first = firstLineOf.get(id);
      if (first !== undefined) {
        problems.push(problem(index, 'duplicate-id', 'warning', `${id} is already used on line ${first + 1}; this line is kept but not followed through edits`));
      } else {
        firstLineOf.set(id, index);
      }
    }
    if (line.kind === 'entity' && line.end <= line.start) {
      problems.push(problem(index, 'empty-span', 'warning', `${line.id}: the span ${line.start}-${line.end} is empty or reversed`));
    }
  });
  lines.forEach((line, index) => {
    for (const id of referencedIds(line)) {
      if (!firstLineOf.has(id)) problems.push(problem(index, 'dangling-reference', 'warning', `${line.id ?? 'this line'} refers to ${id}, which is not in the file`));
    }
  });
  return problems.sort((a, b) => a.line - b.line);
}

function problem(line: number, code: AnnProblemCode, severity: AnnSeverity, message: string): AnnProblem {
  return { line, code, severity, message };
}

function abbreviate(raw: string): string {
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
}
