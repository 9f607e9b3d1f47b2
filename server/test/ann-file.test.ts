// brat .ann files are shared with other tools (brat itself, training scripts): reading one
// and writing it back must not change a byte, lines we do not understand included, and
// its offsets are code points of the text, not JS string indices.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkAgainstText, parseAnn, serializeAnn } from '../src/entities/annFile';
import { AnnotationSet } from '../src/entities/annotationSet';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'test-fixtures', 'annotations');
const ASTRAL = '𠮷'; // one code point, two UTF-16 units

interface Fixture {
  readonly bytes: Buffer;
  /** The .ann as text, a BOM kept. */
  readonly ann: string;
  /** The .txt as the editor shows it: without its BOM. */
  readonly text: string;
}

function fixture(name: string): Fixture {
  const bytes = readFileSync(join(FIXTURES, `${name}.ann`));
  const ann = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  const text = readFileSync(join(FIXTURES, `${name}.txt`), 'utf8').replace(/^\ufeff/, '');
  return { bytes, ann, text };
}

/** Code points before a UTF-16 offset, counted independently of the code under test. */
const codePoints = (text: string, utf16: number): number => [...text.slice(0, utf16)].length;

const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.ann'))
  .map((file) => file.slice(0, -'.ann'.length))
  .sort();

describe('round trip', () => {
  test('the fixtures cover LF, CRLF, no final newline, a BOM and corrupt lines', () => {
    assert.deepEqual(names, ['astral', 'bom', 'corrupt', 'crlf-no-final-newline', 'zhengzhou-brat']);
  });

  for (const name of names) {
    test(`${name}.ann: read then written is byte-identical`, () => {
      const { bytes, ann } = fixture(name);
      assert.deepEqual(Buffer.from(serializeAnn(parseAnn(ann)), 'utf8'), bytes);
    });

    test(`${name}.ann: loaded against its text and saved without an edit is byte-identical`, () => {
      const { bytes, ann, text } = fixture(name);
      const set = AnnotationSet.fromAnn(parseAnn(ann), text);
      assert.equal(set.modified, false);
      assert.deepEqual(Buffer.from(set.toAnn(text), 'utf8'), bytes);
    });
  }
});

describe('reading brat lines', () => {
  const { ann, text } = fixture('zhengzhou-brat');
  const file = parseAnn(ann);

  test('T lines become entities with code-point offsets and their stored text', () => {
    const entities = file.lines.filter((line) => line.kind === 'entity');
    assert.equal(entities.length, 11);
    assert.deepEqual(
      entities.slice(0, 3).map(({ id, type, start, end, text }) => ({ id, type, start, end, text })),
      [
        { id: 'T1', type: 'PER', start: 0, end: 2, text: '何雄' },
        { id: 'T2', type: 'PER', start: 26, end: 28, text: '李娜' },
        { id: 'T3', type: 'PER', start: 45, end: 47, text: '安伟' },
      ],
    );
  });

  test('relations, events, attributes, notes and discontinuous spans are kept verbatim, in order', () => {
    const rest = file.lines.filter((line) => line.kind === 'verbatim').map((line) => (line.kind === 'verbatim' ? `${line.what} ${line.id}` : ''));
    assert.deepEqual(rest, ['relation R1', 'event E1', 'attribute A1', 'attribute M2', 'normalization N1', 'note #1', 'equivalence *', 'discontinuous T12']);
  });

  test('a clean file has no problems but a note that the discontinuous span is not followed through edits', () => {
    assert.deepEqual(
      file.problems.map((problem) => [problem.line + 1, problem.code, problem.severity]),
      [[19, 'discontinuous-span', 'information']],
    );
    // T8 (郑州) sits inside T7 (郑州市委): nesting is normal in brat, not a problem.
    assert.deepEqual(checkAgainstText(file, text), []);
  });

  test('every stored text is the text at its offsets', () => {
    const set = AnnotationSet.fromAnn(file, text);
    assert.deepEqual(set.flagged(), []);
    for (const annotation of set.list()) assert.equal(text.slice(annotation.start, annotation.end), annotation.text, annotation.id);
  });
});

describe('a corrupt .ann', () => {
  const { ann, text } = fixture('corrupt');
  const file = parseAnn(ann);
  const problems = [...file.problems, ...checkAgainstText(file, text, { knownTypes: new Set(['PER', 'ORG', 'LOC']) })]
    .sort((a, b) => a.line - b.line)
    .map((problem) => [problem.line + 1, problem.code]);

  test('every kind of damage is reported on its line', () => {
    assert.deepEqual(problems, [
      [2, 'duplicate-id'],
      [3, 'text-mismatch'],
      [4, 'offset-past-end'],
      [5, 'empty-span'],
      [6, 'malformed-line'],
      [8, 'malformed-line'],
      [10, 'crossing-spans'],
      [11, 'duplicate-annotation'],
      [12, 'dangling-reference'],
      [13, 'malformed-line'],
      [14, 'malformed-line'],
      [15, 'unknown-type'],
    ]);
  });

  test('annotations that do not fit their text are kept, flagged, not dropped', () => {
    const set = AnnotationSet.fromAnn(file, text);
    assert.deepEqual(
      set.flagged().map((annotation) => [annotation.id, annotation.flag]),
      [
        ['T4', 'mismatch'],
        ['T2', 'mismatch'],
        ['T3', 'mismatch'],
      ],
    );
    assert.equal(set.get('T1')?.text, '虎强', 'the first T1 wins; the duplicate stays a line of the file');
  });

  test('tagging a name keeps every line of the damaged file and takes an id above all of them', () => {
    const set = AnnotationSet.fromAnn(file, text);
    const at = text.indexOf('高校');
    const added = set.add('ORG', at, at + 2, text);
    assert.ok('annotation' in added, JSON.stringify(added));
    assert.equal(added.annotation.id, 'T11', 'T10 is the highest id in the file');
    assert.equal(set.toAnn(text), `${ann}T11\tORG 17 19\t高校\n`);
  });
});

describe('code points and UTF-16', () => {
  const { ann, text } = fixture('astral');

  test('after 𠮷, brat offsets and JS offsets differ, and each annotation lands on its name', () => {
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    const anWei = set.get('T4');
    assert.ok(anWei);
    assert.equal(anWei.start, text.indexOf('安伟'));
    assert.equal(anWei.start, 26, 'UTF-16: two 𠮷 before it');
    assert.equal(codePoints(text, anWei.start), 24, 'code points, as in the file');
    assert.equal(text.slice(anWei.start, anWei.end), '安伟');
    assert.equal(text.slice(set.get('T1')!.start, set.get('T1')!.end), `${ASTRAL}野家郑州店`, 'a span that starts with 𠮷 holds all of it');
    assert.deepEqual(set.flagged(), []);
  });

  test('a new tag after 𠮷 is written in code points', () => {
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    const at = text.lastIndexOf('郑州');
    const added = set.add('LOC', at, at + 2, text);
    assert.ok('annotation' in added);
    const start = codePoints(text, at);
    assert.equal(start, 30);
    assert.ok(set.toAnn(text).endsWith(`T6\tLOC ${start} ${start + 2}\t郑州\n`));
  });

  test('a 𠮷 typed at the top moves every offset by one code point (two UTF-16 units)', () => {
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    const after = ASTRAL + text;
    set.applyChange({ start: 0, end: 0, text: ASTRAL }, after);
    assert.equal(set.get('T4')?.start, 28);
    const rewritten = parseAnn(set.toAnn(after));
    const original = parseAnn(ann);
    rewritten.lines.forEach((line, index) => {
      const before = original.lines[index];
      assert.ok(line.kind === 'entity' && before.kind === 'entity');
      assert.deepEqual([line.start, line.end, line.text], [before.start + 1, before.end + 1, before.text]);
    });
    assert.deepEqual(checkAgainstText(rewritten, after), []);
  });

  test('a tag cannot cut 𠮷 in two', () => {
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    const at = text.indexOf(ASTRAL + '祥');
    assert.ok('error' in set.add('PER', at + 1, at + 3, text));
  });
});

describe('editing a file with other lines', () => {
  test('retyping one annotation rewrites only its line', () => {
    const { ann, text } = fixture('zhengzhou-brat');
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    assert.ok(set.changeType('T5', 'WATER'));
    const before = ann.split('\n');
    const after = set.toAnn(text).split('\n');
    assert.deepEqual(
      after.map((line, index) => (line === before[index] ? '=' : line)),
      before.map((line, index) => (index === 4 ? 'T5\tWATER 53 56\t贾鲁河' : '=')),
    );
  });

  test('new ids count on from the highest T, a discontinuous one included', () => {
    const { ann, text } = fixture('zhengzhou-brat');
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    const at = text.indexOf('防汛');
    const added = set.add('TOPIC', at, at + 2, text);
    assert.ok('annotation' in added);
    assert.equal(added.annotation.id, 'T13');
  });

  test('an annotation a relation, event or attribute refers to is not dropped', () => {
    const { ann, text } = fixture('zhengzhou-brat');
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    const refused = set.remove('T3');
    assert.equal(refused.removed, false);
    assert.deepEqual(refused.referencedBy, ['R1\tTitle-of Arg1:T11 Arg2:T3', 'E1\tInspect:T11 Agent:T3', 'A1\tConfirmed T3']);
    assert.equal(set.toAnn(text), ann);
    const dropped = set.remove('T9');
    assert.equal(dropped.removed, true);
    assert.equal(set.toAnn(text), ann.replace('T9\tPER 81 83\t安伟\n', ''));
  });

  test('CRLF without a final line break: a new line ends in CRLF and the file still has no final break', () => {
    const { ann, text } = fixture('crlf-no-final-newline');
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    const at = text.indexOf('本报讯');
    assert.ok('annotation' in set.add('ORG', at, at + 3, text));
    assert.equal(set.toAnn(text), `${ann}\r\nT4\tORG 16 19\t本报讯`);
    assert.ok(set.remove('T3').removed);
    assert.equal(set.toAnn(text), 'T1\tPER 0 2\t何雄\r\nT2\tPER 28 30\t何雄\r\n#1\tAnnotatorNotes T1\t标题里的人名\r\nT4\tORG 16 19\t本报讯');
  });

  test('the BOM of a .ann is written back after an edit', () => {
    const { ann, text } = fixture('bom');
    const set = AnnotationSet.fromAnn(parseAnn(ann), text);
    assert.deepEqual(set.flagged(), [], 'offsets count from after the .txt BOM');
    assert.ok(set.changeType('T2', 'ORG'));
    assert.equal(set.toAnn(text), '\ufeffT1\tPER 9 11\t赵冬\nT2\tORG 19 24\t中原科技城\n');
  });

  test('a new .ann starts with LF line ends and a final line break', () => {
    const text = '市长何雄出席。';
    const set = AnnotationSet.empty();
    assert.ok('annotation' in set.add('PER', 2, 4, text));
    assert.equal(set.toAnn(text), 'T1\tPER 2 4\t何雄\n');
  });
});
