// Fuzzing the brat .ann reader and writer. A .ann is shared with brat and training scripts,
// and people edit it by hand, so whatever is in it:
// - reading never throws, and every line is kept: written back unchanged it is the same bytes
//   (BOM, CRLF / CR / mixed line ends, no final newline);
// - every line is understood or reported on its own line number: a line we cannot read is a
//   malformed-line problem, never dropped, never moved to another line;
// - a tag that does not fit its text is reported and flagged, never dropped or silently moved;
// - after tags are added, removed or retyped, the lines we do not edit are still there, in order;
// - `export --format brat` gives a file with none of those problems.
// Lines are generated with what they should read as (a valid tag, a tab missing, a negative
// offset, a duplicate id …), then sometimes damaged character by character, where only the
// first four points can be checked.
// NEWSDUMP_FUZZ_COUNT=20000 for a longer run; NEWSDUMP_FUZZ_SEED=<n> NEWSDUMP_FUZZ_COUNT=1
// replays the one case a failure names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkAgainstText, parseAnn, serializeAnn, type AnnFile, type AnnProblem, type AnnProblemCode } from '../src/entities/annFile';
import { AnnotationSet } from '../src/entities/annotationSet';
import { exportBratAnn } from '../src/features/export';
import { Fuzz } from './support/random';

const COUNT = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 1000);
const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 20240611);
const KNOWN_TYPES = new Set(['PER', 'ORG', 'LOC']);

const ROOT = resolve(__dirname, '..', '..', '..');
const SEED_TEXTS = readdirSync(join(ROOT, 'test-fixtures', 'seeds'))
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(join(ROOT, 'test-fixtures', 'seeds', name), 'utf8'));
const FIXTURE_ANNS = readdirSync(join(ROOT, 'test-fixtures', 'annotations'))
  .filter((name) => name.endsWith('.ann'))
  .sort()
  .map((name) => readFileSync(join(ROOT, 'test-fixtures', 'annotations', name), 'utf8'));


/** What a generated line should read as; `unknown` for damage we make no promise about. */
type Intent =
  | { readonly kind: 'entity'; readonly id: string; readonly type: string; readonly start: number; readonly end: number; readonly fits: boolean }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'discontinuous' }
  | { readonly kind: 'verbatim' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'unknown' };

interface Generated {
  readonly text: string;
  readonly content: string;
  readonly lines: readonly { readonly raw: string; readonly intent: Intent }[];
  /** The content was damaged after generation: only the promises that hold for any input apply. */
  readonly damaged: boolean;
}

/** A dump-like text with characters outside the BMP, so code points and UTF-16 differ. */
function randomText(fuzz: Fuzz): string {
  const seed = fuzz.pick(SEED_TEXTS);
  const start = fuzz.int(seed.length);
  let text = seed.slice(start, start + 50 + fuzz.int(1500));
  for (let i = fuzz.int(6); i > 0; i--) {
    const at = fuzz.int(text.length + 1);
    if (/[\udc00-\udfff]/.test(text[at] ?? '')) continue; // keep pairs whole: the .txt is valid UTF-8
    text = text.slice(0, at) + fuzz.pick(['𠮷', '𠮷野家', '\r\n', '\u3000']) + text.slice(at);
  }
  return text;
}

const NUMBERS_BAD = ['-1', 'NaN', 'x', '1.5', '', ' ', '0x10', '１２', '+3', '1e3'];
const GARBAGE = ['\u0000', '\ufeff', '\ud842', '\udfb7', '\t', ' ', '𠮷', '郑', ';', ':', 'T', 'R', '#', '*', '1', 'PER', '\u3000', '\u00a0'];

function generate(fuzz: Fuzz): Generated {
  const text = randomText(fuzz);
  const codePoints = [...text];
  const lines: { raw: string; intent: Intent }[] = [];
  const ids: string[] = [];
  let next = 1;

  /** A span of 1-4 code points without a line break, as tags are; undefined if none was found. */
  const span = (): { start: number; end: number; covered: string } | undefined => {
    for (let tries = 0; tries < 10; tries++) {
      const start = fuzz.int(codePoints.length);
      const end = Math.min(codePoints.length, start + 1 + fuzz.int(4));
      const covered = codePoints.slice(start, end).join('');
      if (!/[\r\n]/.test(covered) && start < end) return { start, end, covered };
    }
    return undefined;
  };
  const someId = (): string => (ids.length > 0 && fuzz.chance(0.9) ? fuzz.pick(ids) : `T${900 + fuzz.int(50)}`);
  const entity = (id: string, type: string): { raw: string; intent: Intent } | undefined => {
    const s = span();
    if (!s) return undefined;
    return { raw: `${id}\t${type} ${s.start} ${s.end}\t${s.covered}`, intent: { kind: 'entity', id, type, start: s.start, end: s.end, fits: true } };
  };

  for (let count = fuzz.int(25); count > 0; count--) {
    const roll = fuzz.random();
    const id = `T${next}`;
    if (roll < 0.35) {
      const made = entity(id, fuzz.chance(0.9) ? fuzz.pick([...KNOWN_TYPES]) : fuzz.pick(['PERSON', '人名', 'Loc', 'X']));
      if (!made) continue;
      lines.push(made);
      ids.push(id);
      next++;
    } else if (roll < 0.45) {
      // Syntax right, but it does not fit the text: offsets past the end, huge, or the wrong text.
      const s = span();
      if (!s) continue;
      const variant = fuzz.int(4);
      const [start, end, covered] =
        variant === 0 ? [codePoints.length + fuzz.int(5), codePoints.length + 5 + fuzz.int(5), '安伟']
        : variant === 1 ? ['0', '9'.repeat(20 + fuzz.int(400)), s.covered]
        : variant === 2 ? [s.end, s.start, s.covered] // reversed, or empty when equal
        : [s.start, s.end, `${s.covered}错`];
      const raw = `${id}\tPER ${start} ${end}\t${covered}`;
      lines.push({ raw, intent: { kind: 'entity', id, type: 'PER', start: Number(start), end: Number(end), fits: false } });
      ids.push(id);
      next++;
    } else if (roll < 0.5) {
      // Discontinuous: brat joins the fragments' texts with a space.
      const a = span();
      const b = span();
      if (!a || !b || b.start < a.end) continue;
      lines.push({ raw: `${id}\tLOC ${a.start} ${a.end};${b.start} ${b.end}\t${a.covered} ${b.covered}`, intent: { kind: 'discontinuous' } });
      ids.push(id);
      next++;
    } else if (roll < 0.62) {
      const n = 1 + fuzz.int(9);
      const made = fuzz.pick([
        `R${n}\tLocated Arg1:${someId()} Arg2:${someId()}`,
        `E${n}\tMeeting:${someId()} Agent:${someId()}`,
        `A${n}\tNegated ${someId()}`,
        `M${n}\tSpeculation ${someId()}`,
        `#${n}\tAnnotatorNotes ${someId()}\t备注 𠮷`,
        `N${n}\tReference ${someId()} Wikidata:Q${n}\t郑州`,
        `*\tEquiv ${someId()} ${someId()}`,
      ]);
      lines.push({ raw: made, intent: { kind: 'verbatim' } });
    } else if (roll < 0.68) {
      lines.push({ raw: fuzz.pick(['', '', ' ', '\t', '\u3000 ']), intent: { kind: 'blank' } });
    } else if (roll < 0.88) {
      // A tag line broken in one of the ways hand edits and other tools break them.
      const s = span() ?? { start: 0, end: 1, covered: '郑' };
      const bad = fuzz.pick(NUMBERS_BAD);
      const raw = fuzz.pick([
        `${id} PER ${s.start} ${s.end} ${s.covered}`, // spaces for tabs
        `${id}\tPER ${s.start} ${s.end} ${s.covered}`, // the second tab missing
        `${id}\tPER ${s.start} ${s.end}`, // no text field at all
        `${id}\tPER ${bad} ${s.end}\t${s.covered}`,
        `${id}\tPER ${s.start} ${bad}\t${s.covered}`,
        `${id}\tPER  ${s.start} ${s.end}\t${s.covered}`, // two spaces
        `${id}\t${s.start} ${s.end}\t${s.covered}`, // no type
        `${id}\tPER ${s.start} ${s.end} ${s.end}\t${s.covered}`, // three numbers
        `${id}\tPER ${s.start} ${s.end};\t${s.covered}`, // a fragment half written
        `${id}\tPER ${s.start} ${s.end};${s.end}\t${s.covered}`,
        `T\tPER ${s.start} ${s.end}\t${s.covered}`, // no number
        `Tx${next}\tPER ${s.start} ${s.end}\t${s.covered}`,
        ` ${id}\tPER ${s.start} ${s.end}\t${s.covered}`, // indented
        lines.length > 0 ? `\ufeff${id}\tPER ${s.start} ${s.end}\t${s.covered}` : 'no tab', // a BOM that is not at the start of the file
        `\tPER ${s.start} ${s.end}\t${s.covered}`, // no id
        `X${next}\tsomething brat does not know`,
        `just some words`,
        `${'9'.repeat(30)}`,
      ]);
      lines.push({ raw, intent: { kind: 'malformed' } });
    } else if (roll < 0.94 && ids.length > 0) {
      // An id used twice: the later line is kept and reported.
      const made = entity(fuzz.pick(ids), 'ORG');
      if (made) lines.push({ raw: made.raw, intent: { kind: 'unknown' } });
    } else {
      let raw = '';
      for (let i = 1 + fuzz.int(12); i > 0; i--) raw += fuzz.pick(GARBAGE);
      lines.push({ raw, intent: { kind: 'unknown' } });
    }
  }

  const style = fuzz.pick(['\n', '\r\n', '\r', 'mixed'] as const);
  const eol = (): string => (style === 'mixed' ? fuzz.pick(['\n', '\r\n', '\r']) : style);
  const finalNewline = fuzz.chance(0.7);
  // Without a final newline an empty last line is no line at all.
  while (!finalNewline && lines.length > 0 && lines[lines.length - 1].raw === '') lines.pop();
  // A first line starting with U+FEFF needs a BOM in front, or it would be read as the BOM.
  let content = fuzz.chance(0.15) || lines[0]?.raw.startsWith('\ufeff') ? '\ufeff' : '';
  lines.forEach((line, i) => {
    if (i === lines.length - 1 && !finalNewline) return void (content += line.raw);
    const end = eol();
    // A CR before an empty line ending in LF would read as one CRLF.
    content += line.raw + (end === '\r' && lines[i + 1]?.raw === '' ? '\r\n' : end);
  });

  if (fuzz.chance(0.25)) return { text, content: damage(fuzz, content), lines, damaged: true };
  return { text, content, lines, damaged: false };
}

/** Character-level damage: anything may happen to the lines, including line ends appearing or going. */
function damage(fuzz: Fuzz, content: string): string {
  let out = content;
  for (let i = 1 + fuzz.int(6); i > 0; i--) {
    const at = fuzz.int(out.length + 1);
    const roll = fuzz.random();
    if (roll < 0.4) out = out.slice(0, at) + out.slice(at + 1 + fuzz.int(3));
    else if (roll < 0.8) out = out.slice(0, at) + fuzz.pick([...GARBAGE, '\n', '\r', '\r\n', '9'.repeat(25)]) + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + 40) + out.slice(at); // a piece pasted twice
  }
  return out;
}

// ---- checks ----

function problemsOn(problems: readonly AnnProblem[], line: number): AnnProblemCode[] {
  return problems.filter((problem) => problem.line === line).map((problem) => problem.code);
}

/** Any content: kept byte for byte, every line understood or reported on its own number. */
function checkAnyContent(content: string, file: AnnFile, where: string): void {
  assert.equal(serializeAnn(file), content, `${where}: read then written is not the same text`);
  assert.equal(file.bom, content.startsWith('\ufeff'), `${where}: the BOM`);
  const body = file.bom ? content.slice(1) : content;
  const expectedLines = body === '' ? 0 : body.split(/\r\n|\r|\n/).length - (/(\r\n|\r|\n)$/.test(body) ? 1 : 0);
  assert.equal(file.lines.length, expectedLines, `${where}: every line is a line of the model`);
  for (const problem of file.problems) {
    assert.ok(Number.isInteger(problem.line) && problem.line >= 0 && problem.line < file.lines.length, `${where}: problem on line ${problem.line}`);
    assert.doesNotMatch(problem.message, /[\r\n]/, `${where}: a problem message is one line`);
  }
  file.lines.forEach((line, index) => {
    assert.doesNotMatch(line.raw, /[\r\n]/, `${where}: line ${index + 1} holds a line break`);
    if (line.kind === 'verbatim' && line.what === 'malformed') {
      assert.ok(problemsOn(file.problems, index).includes('malformed-line'), `${where}: malformed line ${index + 1} ${JSON.stringify(line.raw)} is not reported`);
    }
    if (line.kind === 'verbatim' && line.what === 'discontinuous') {
      assert.ok(problemsOn(file.problems, index).includes('discontinuous-span'), `${where}: discontinuous line ${index + 1} is not reported`);
    }
    if (line.kind === 'entity') {
      // What a tag line holds is what brat reads: `T<n>`, a type without white space, two offsets.
      assert.match(line.id, /^T\d+$/, `${where}: line ${index + 1} id`);
      assert.match(line.type, /^\S+$/, `${where}: line ${index + 1} type`);
      assert.ok(line.start >= 0 && line.end >= 0, `${where}: line ${index + 1} offsets ${line.start} ${line.end}`);
    }
  });
}

/** The lines as generated: each reads as what it was made to be, on its own line number. */
function checkIntents(generated: Generated, file: AnnFile, against: readonly AnnProblem[], where: string): void {
  assert.equal(file.lines.length, generated.lines.length, `${where}: line count of ${JSON.stringify(generated.content)}`);
  generated.lines.forEach(({ raw, intent }, index) => {
    const line = file.lines[index];
    const at = `${where}: line ${index + 1} ${JSON.stringify(raw)}`;
    assert.equal(line.raw, raw, `${at}: moved or changed`);
    const codes = [...problemsOn(file.problems, index), ...problemsOn(against, index)];
    switch (intent.kind) {
      case 'entity':
        assert.equal(line.kind, 'entity', `${at}: not read as a tag`);
        if (line.kind !== 'entity') return;
        assert.deepEqual([line.id, line.type, line.start, line.end], [intent.id, intent.type, intent.start, intent.end], `${at}: read wrong`);
        if (!intent.fits) {
          assert.ok(codes.some((code) => code === 'offset-past-end' || code === 'text-mismatch' || code === 'empty-span'), `${at}: does not fit its text, but is not reported (${codes})`);
        }
        if (!KNOWN_TYPES.has(intent.type)) assert.ok(codes.includes('unknown-type'), `${at}: unknown type not reported`);
        return;
      case 'malformed':
        assert.ok(line.kind === 'verbatim' && line.what === 'malformed', `${at}: read as ${line.kind} ${line.kind === 'verbatim' ? line.what : ''}`);
        assert.ok(codes.includes('malformed-line'), `${at}: not reported`);
        return;
      case 'discontinuous':
        assert.ok(line.kind === 'verbatim' && line.what === 'discontinuous', `${at}: read as ${line.kind}`);
        return;
      case 'blank':
        assert.ok(line.kind === 'verbatim' && line.what === 'blank', `${at}: read as ${line.kind}`);
        return;
      case 'verbatim':
        assert.ok(line.kind === 'verbatim' && line.what !== 'malformed' && line.what !== 'blank', `${at}: read as ${line.kind}`);
        return;
      case 'unknown':
        return;
    }
  });
}

/** Against the text: every first tag of an id is in the set, sound when it fits, flagged (and reported) when not. */
function checkAgainst(file: AnnFile, text: string, against: readonly AnnProblem[], where: string): AnnotationSet {
  const set = AnnotationSet.fromAnn(file, text);
  const codePoints = [...text];
  const seen = new Set<string>();
  file.lines.forEach((line, index) => {
    if (line.kind !== 'entity') return;
    const at = `${where}: line ${index + 1} ${JSON.stringify(line.raw)}`;
    if (seen.has(line.id)) {
      assert.ok(problemsOn(file.problems, index).includes('duplicate-id'), `${at}: repeated id not reported`);
      return;
    }
    seen.add(line.id);
    const annotation = set.get(line.id);
    assert.ok(annotation, `${at}: dropped`);
    const fits = line.start < line.end && line.end <= codePoints.length && codePoints.slice(line.start, line.end).join('') === line.text;
    assert.equal(annotation.flag === undefined, fits, `${at}: ${fits ? 'fits but is flagged' : 'does not fit but is sound'}`);
    if (fits) {
      assert.equal(text.slice(annotation.start, annotation.end), line.text, `${at}: sound on other text`);
    } else {
      const codes = [...problemsOn(file.problems, index), ...problemsOn(against, index)];
      assert.ok(codes.some((code) => code === 'offset-past-end' || code === 'text-mismatch' || code === 'empty-span'), `${at}: does not fit, not reported (${codes})`);
    }
  });
  for (const problem of against) assert.ok(problem.line >= 0 && problem.line < file.lines.length, `${where}: problem against the text on line ${problem.line}`);
  assert.equal(set.modified, false, `${where}: reading alone modifies`);
  return set;
}

/** Tags added, removed and retyped: the lines not edited stay, in order; the result reads back the same. */
function checkEdits(fuzz: Fuzz, file: AnnFile, set: AnnotationSet, text: string, where: string): void {
  const removed = new Set<string>();
  const added: string[] = [];
  const codePoints = [...text];
  for (let i = fuzz.int(5); i > 0; i--) {
    const roll = fuzz.random();
    const ids = set.list().map((annotation) => annotation.id);
    if (roll < 0.4 && codePoints.length > 0) {
      const start = fuzz.int(codePoints.length);
      const end = Math.min(codePoints.length, start + 1 + fuzz.int(3));
      const utf16 = (cp: number): number => codePoints.slice(0, cp).join('').length;
      const result = set.add(fuzz.pick([...KNOWN_TYPES]), utf16(start), utf16(end), text);
      if ('annotation' in result) {
        assert.match(result.annotation.id, /^T\d+$/, `${where}: a new id brat can read: ${result.annotation.id}`);
        assert.ok(!file.lines.some((line) => line.raw.startsWith(`${result.annotation.id}\t`)) && !added.includes(result.annotation.id), `${where}: new id ${result.annotation.id} is already used`);
        added.push(result.annotation.id);
      }
    } else if (roll < 0.7 && ids.length > 0) {
      const id = fuzz.pick(ids);
      if (set.remove(id).removed) removed.add(id);
    } else if (ids.length > 0) {
      set.changeType(fuzz.pick(ids), fuzz.pick(['PER', 'ORG', 'LOC', 'TITLE']));
    }
  }
  const written = set.toAnn(text);
  const reread = parseAnn(written);
  assert.equal(serializeAnn(reread), written, `${where}: the written file does not read back the same`);
  // The BOM is kept; a file without one gets one only to keep a line that starts with U+FEFF as it was.
  assert.ok(reread.bom === file.bom || reread.lines[0]?.raw.startsWith('\ufeff'), `${where}: BOM kept`);
  // The lines newsdump does not edit, in order: everything but the first line of each tag.
  const editable = new Set<number>();
  const firstSeen = new Set<string>();
  file.lines.forEach((line, index) => {
    if (line.kind === 'entity' && !firstSeen.has(line.id)) {
      firstSeen.add(line.id);
      editable.add(index);
    }
  });
  const untouched = file.lines.filter((_, index) => !editable.has(index)).map((line) => line.raw);
  const writtenRaw = reread.lines.map((line) => line.raw);
  let cursor = 0;
  for (const raw of untouched) {
    const found = writtenRaw.indexOf(raw, cursor);
    assert.ok(found >= 0, `${where}: line ${JSON.stringify(raw)} lost or moved when writing ${JSON.stringify(serializeAnn(file))} as ${JSON.stringify(written)}`);
    cursor = found + 1;
  }
  const malformed = (f: AnnFile): number => f.problems.filter((problem) => problem.code === 'malformed-line').length;
  assert.equal(malformed(reread), malformed(file), `${where}: writing made or lost malformed lines`);
  const writtenIds = new Set(reread.lines.flatMap((line) => (line.kind === 'entity' ? [line.id] : [])));
  // A removed tag whose id has a second line leaves that line (kept as read) behind.
  const repeated = new Set(file.lines.filter((line, index) => line.kind === 'entity' && !editable.has(index)).map((line) => (line.kind === 'entity' ? line.id : '')));
  for (const id of [...firstSeen, ...added]) {
    if (removed.has(id) && repeated.has(id)) continue;
    assert.equal(writtenIds.has(id), !removed.has(id), `${where}: ${id} ${removed.has(id) ? 'removed but written' : 'lost'}`);
  }
  // Nothing changed in between: writing again gives the same.
  assert.equal(AnnotationSet.fromAnn(reread, text).toAnn(text), written, `${where}: written twice differs`);
}

/** The clean copy for brat: nothing in it brat would refuse or we would flag. */
function checkExport(file: AnnFile, set: AnnotationSet, text: string, where: string): void {
  const exported = exportBratAnn(text, file, set);
  const copy = parseAnn(exported);
  const tolerated = new Set<AnnProblemCode>(['discontinuous-span', 'crossing-spans', 'duplicate-annotation']);
  const bad = [...copy.problems, ...checkAgainstText(copy, text)].filter((problem) => !tolerated.has(problem.code));
  assert.deepEqual(bad.map((problem) => `${problem.line + 1} ${problem.code}: ${problem.message}`), [], `${where}: the brat copy has problems:\n${exported}`);
  // Discontinuous tags are kept verbatim; brat still needs their fragments on the text (joined by a space).
  const codePoints = [...text];
  for (const line of copy.lines) {
    if (line.kind !== 'verbatim' || line.what !== 'discontinuous') continue;
    const [, body] = line.raw.split('\t');
    const said = line.raw.slice(line.raw.indexOf('\t', line.raw.indexOf('\t') + 1) + 1);
    const fragments = body.slice(body.indexOf(' ') + 1).split(';').map((pair) => pair.split(' ').map(Number));
    const fits = fragments.every(([start, end]) => start < end && end <= codePoints.length);
    const covered = fragments.map(([start, end]) => codePoints.slice(start, end).join('')).join(' ');
    assert.ok(fits && covered === said, `${where}: the brat copy keeps a discontinuous tag that does not fit the text: ${JSON.stringify(line.raw)}`);
  }
}

function runCase(seed: number): boolean {
  const fuzz = new Fuzz(seed);
  const generated = fuzz.chance(0.1) ? fixtureCase(fuzz) : generate(fuzz);
  const where = `NEWSDUMP_FUZZ_SEED=${seed} NEWSDUMP_FUZZ_COUNT=1${generated.damaged ? ' (damaged)' : ''}`;
  let file: AnnFile;
  let against: AnnProblem[];
  try {
    file = parseAnn(generated.content);
    against = checkAgainstText(file, generated.text, { knownTypes: KNOWN_TYPES });
  } catch (error) {
    assert.fail(`${where}: threw ${(error as Error).stack}\n${JSON.stringify(generated.content)}`);
  }
  try {
    checkAnyContent(generated.content, file, where);
    if (!generated.damaged) checkIntents(generated, file, against, where);
    const set = checkAgainst(file, generated.text, against, where);
    assert.equal(set.toAnn(generated.text), generated.content, `${where}: loaded and saved without an edit is not byte-identical`);
    checkExport(file, set, generated.text, where);
    checkEdits(fuzz, file, set, generated.text, where);
  } catch (error) {
    if ((error as Error).message.startsWith(where)) throw error;
    assert.fail(`${where}: threw ${(error as Error).stack}`);
  }
  return generated.damaged;
}

/** One of the hand-written fixtures, damaged: real files with every kind of line. */
function fixtureCase(fuzz: Fuzz): Generated {
  return { text: randomText(fuzz), content: damage(fuzz, fuzz.pick(FIXTURE_ANNS)), lines: [], damaged: true };
}

test(`random and damaged .ann files: ${COUNT} cases from seed ${SEED}`, () => {
  let damaged = 0;
  for (let k = 0; k < COUNT; k++) if (runCase(SEED + k)) damaged++;
  if (COUNT >= 100) assert.ok(damaged > COUNT / 10 && damaged < COUNT / 2, `a mix of generated and damaged files: ${damaged} of ${COUNT} damaged`);
});

test('a large .ann reads, checks and writes in time linear in its size', () => {
  // Many tags on the same few spans: the worst case for the overlap check.
  const text = '郑州市委书记安伟𠮷在金水区调研。\n'.repeat(200);
  const make = (lines: number): string => {
    let out = '';
    for (let i = 1; i <= lines; i++) out += `T${i}\t${['PER', 'ORG', 'LOC'][i % 3]} ${i % 7} ${(i % 7) + 2}\t${[...text].slice(i % 7, (i % 7) + 2).join('')}\n`;
    return out;
  };
  const time = (content: string): number => {
    const started = process.hrtime.bigint();
    const file = parseAnn(content);
    checkAgainstText(file, text, { knownTypes: KNOWN_TYPES });
    AnnotationSet.fromAnn(file, text).toAnn(text);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const small = Math.min(time(make(500)), time(make(500)));
  const big = time(make(8000));
  assert.ok(big <= 64 * Math.max(small, 10), `16× the lines took ${(big / small).toFixed(1)}× the time (${small.toFixed(0)} → ${big.toFixed(0)} ms)`);
});
