// How tags follow the editor: typing next to a name leaves the tag alone, cutting into a
// name flags the tag (never moves it onto other text), deleting a name keeps the tag to
// report it, undo puts everything back, and a .ann edited outside the editor is re-anchored
// by its stored text where that is unambiguous.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnn } from '../src/entities/annFile';
import { AnnotationSet, type Annotation, type TextChange } from '../src/entities/annotationSet';

/** A document with its annotations, edited the way the LSP reports changes. */
class Doc {
  constructor(
    public text: string,
    readonly set: AnnotationSet,
  ) {}

  static tagged(text: string, tags: [type: string, name: string, occurrence?: number][]): Doc {
    const set = AnnotationSet.empty();
    for (const [type, name, occurrence = 0] of tags) {
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = text.indexOf(name, at + 1);
      const added = set.add(type, at, at + name.length, text);
      assert.ok('annotation' in added, `tag ${name}: ${JSON.stringify(added)}`);
    }
    return new Doc(text, set);
  }

  /** Applies changes as one didChange; returns the changes that undo them, as VS Code sends them. */
  edit(...changes: TextChange[]): TextChange[] {
    const undo: TextChange[] = [];
    for (const change of changes) {
      undo.unshift({ start: change.start, end: change.start + change.text.length, text: this.text.slice(change.start, change.end) });
      this.text = this.text.slice(0, change.start) + change.text + this.text.slice(change.end);
    }
    this.set.applyChanges(changes, this.text);
    return undo;
  }

  insert(at: number, text: string): TextChange[] {
    return this.edit({ start: at, end: at, text });
  }

  /** What the user sees of a tag: its text, or the flag and what it was. */
  show(id: string): string {
    const annotation = this.set.get(id);
    assert.ok(annotation, `${id} is kept`);
    return annotation.flag ? `${annotation.flag}:${annotation.text}@${this.text.slice(annotation.start, annotation.end)}` : this.text.slice(annotation.start, annotation.end);
  }
}

const snapshot = (set: AnnotationSet): Annotation[] => set.list();

describe('typing around a tag', () => {
  const TEXT = '市委书记安伟到金水区调研。';

  test('typing right before a name moves the tag with it; it neither grows nor is flagged', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟']]);
    doc.insert(TEXT.indexOf('安伟'), '同志');
    assert.equal(doc.show('T1'), '安伟');
  });

  test('typing right after a name leaves the tag as it is', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟']]);
    doc.insert(TEXT.indexOf('安伟') + 2, '同志');
    assert.equal(doc.show('T1'), '安伟');
  });

  test('pasting the same name right before or after a tagged one leaves the tag on the original', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟']]);
    const at = TEXT.indexOf('安伟');
    doc.insert(at + 2, '、安伟');
    doc.insert(at, '安伟、');
    assert.deepEqual(doc.set.get('T1'), { id: 'T1', type: 'PER', start: at + 3, end: at + 5, text: '安伟' });
  });

  test('typing between two tags that touch (市委书记|安伟) changes neither', () => {
    const doc = Doc.tagged(TEXT, [
      ['TITLE', '市委书记'],
      ['PER', '安伟'],
    ]);
    doc.insert(TEXT.indexOf('安伟'), ' ');
    assert.deepEqual([doc.show('T1'), doc.show('T2')], ['市委书记', '安伟']);
  });

  test('typing inside a name flags the tag; it covers what is there now and remembers the name', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟']]);
    doc.insert(TEXT.indexOf('安伟') + 1, '小');
    assert.equal(doc.show('T1'), 'edited:安伟@安小伟');
  });

  test('deleting a whole name keeps the tag, flagged, empty where the name was', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟'], ['LOC', '金水区']]);
    const at = TEXT.indexOf('安伟');
    doc.edit({ start: at, end: at + 2, text: '' });
    assert.deepEqual(doc.set.get('T1'), { id: 'T1', type: 'PER', start: at, end: at, text: '安伟', flag: 'deleted' });
    assert.equal(doc.show('T2'), '金水区', 'the tag after it just moves');
  });

  test('a deletion that takes half of a name flags it', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟']]);
    const at = TEXT.indexOf('安伟');
    doc.edit({ start: at - 2, end: at + 1, text: '' });
    assert.equal(doc.show('T1'), 'edited:安伟@伟');
  });

  test('replacing a name with another flags the tag instead of moving it to the new name', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟']]);
    const at = TEXT.indexOf('安伟');
    doc.edit({ start: at, end: at + 2, text: '何雄' });
    assert.equal(doc.show('T1'), 'edited:安伟@何雄');
  });

  test('replacing a name with the same text (a formatter, a paste) keeps the tag sound', () => {
    const doc = Doc.tagged(TEXT, [['PER', '安伟']]);
    const at = TEXT.indexOf('安伟');
    doc.edit({ start: at - 1, end: at + 3, text: '记安伟到' });
    assert.equal(doc.show('T1'), '安伟');
  });
});

describe('joining an OCR break', () => {
  test('removing the blank lines between two tagged lines just moves the tags after it', () => {
    const text = '市委书记安伟\n\n\n到金水区调研。';
    const doc = Doc.tagged(text, [['PER', '安伟'], ['LOC', '金水区']]);
    const cut = text.indexOf('\n');
    doc.edit({ start: cut, end: cut + 3, text: '' });
    assert.equal(doc.text, '市委书记安伟到金水区调研。');
    assert.deepEqual([doc.show('T1'), doc.show('T2')], ['安伟', '金水区']);
  });

  test('CRLF breaks too', () => {
    const text = '市委书记安伟\r\n\r\n到金水区调研。';
    const doc = Doc.tagged(text, [['PER', '安伟'], ['LOC', '金水区']]);
    const cut = text.indexOf('\r');
    doc.edit({ start: cut, end: cut + 4, text: '' });
    assert.deepEqual([doc.show('T1'), doc.show('T2')], ['安伟', '金水区']);
  });
});

describe('undo', () => {
  const TEXT = '本报讯 市委书记安伟到金水区调研,安伟强调防汛。';

  function undoes(name: string, edit: (doc: Doc) => TextChange[]): void {
    test(name, () => {
      const doc = Doc.tagged(TEXT, [['PER', '安伟'], ['LOC', '金水区'], ['PER', '安伟', 1]]);
      const before = snapshot(doc.set);
      const undo = edit(doc);
      assert.notDeepEqual(snapshot(doc.set), before, 'the edit changed something');
      doc.edit(...undo);
      assert.equal(doc.text, TEXT);
      assert.deepEqual(snapshot(doc.set), before);
    });
  }

  undoes('deleting a name, then undo', (doc) => doc.edit({ start: TEXT.indexOf('安伟'), end: TEXT.indexOf('安伟') + 2, text: '' }));
  undoes('typing inside a name, then undo', (doc) => doc.insert(TEXT.indexOf('金水区') + 1, '北'));
  undoes('replacing a name by another, then undo', (doc) => doc.edit({ start: TEXT.indexOf('安伟'), end: TEXT.indexOf('安伟') + 2, text: '何雄' }));
  undoes('deleting from inside one name to inside the next, then undo', (doc) => doc.edit({ start: TEXT.indexOf('安伟') + 1, end: TEXT.indexOf('金水区') + 1, text: '' }));
  undoes('several changes in one event (multi-cursor), then undo', (doc) =>
    doc.edit({ start: TEXT.indexOf('金水区') + 1, end: TEXT.indexOf('金水区') + 2, text: '' }, { start: TEXT.indexOf('安伟') + 1, end: TEXT.indexOf('安伟') + 1, text: 'X' }),
  );
  undoes('typing the name back letter by letter after deleting it', (doc) => {
    const at = TEXT.indexOf('金水区');
    doc.edit({ start: at, end: at + 3, text: '' });
    doc.insert(at, '金');
    doc.insert(at + 1, '水');
    return [{ start: at + 2, end: at + 2, text: '区' }];
  });

  test('a name pasted over, with the same name twice in the pasted text, stays flagged rather than guessing', () => {
    const doc = Doc.tagged(TEXT, [['LOC', '金水区']]);
    const at = TEXT.indexOf('金水区');
    doc.edit({ start: at, end: at + 3, text: '金水区和金水区' });
    assert.equal(doc.show('T1'), 'edited:金水区@金水区和金水区');
  });
});

describe('a .ann that no longer matches its text', () => {
  const OLD = '标题\n\n市委书记安伟到金水区调研。安伟强调,要压实责任。\n';
  const ANN = 'T1\tPER 8 10\t安伟\nT2\tLOC 11 14\t金水区\nT3\tPER 17 19\t安伟\n';

  test('the fixture .ann matches the old text', () => {
    const set = AnnotationSet.fromAnn(parseAnn(ANN), OLD);
    assert.deepEqual(set.flagged(), []);
  });

  test('after text was added at the start of the paragraph, every tag is re-anchored, the repeated name included', () => {
    const text = OLD.replace('市委书记', '本报讯 市委书记');
    const set = AnnotationSet.fromAnn(parseAnn(ANN), text);
    assert.equal(set.flagged().length, 3);
    const outcomes = set.reanchor(text);
    assert.deepEqual(
      outcomes.map((outcome) => [outcome.id, outcome.result]),
      [
        ['T1', 'reanchored'],
        ['T2', 'reanchored'],
        ['T3', 'reanchored'],
      ],
    );
    assert.deepEqual(
      set.list().map((annotation) => [annotation.id, annotation.start]),
      [
        ['T1', 12],
        ['T2', 15],
        ['T3', 21],
      ],
    );
    assert.equal(set.toAnn(text), 'T1\tPER 12 14\t安伟\nT2\tLOC 15 18\t金水区\nT3\tPER 21 23\t安伟\n');
  });

  test('a name found twice with nothing to tell them apart stays flagged, with both candidates', () => {
    const text = '标题\n\n本报讯 安伟到郑州调研。安伟强调,要压实责任。\n';
    const set = AnnotationSet.fromAnn(parseAnn('T1\tPER 5 7\t安伟\n'), text);
    const [outcome] = set.reanchor(text);
    assert.equal(outcome.result, 'ambiguous');
    assert.deepEqual(outcome.candidates, [text.indexOf('安伟'), text.lastIndexOf('安伟')]);
    assert.equal(set.get('T1')?.flag, 'mismatch');
    assert.equal(set.toAnn(text), 'T1\tPER 5 7\t安伟\n', 'nothing is rewritten');
  });

  test('a name no longer in its paragraph is reported, never deleted', () => {
    const text = OLD.replace('金水区', '二七区');
    const set = AnnotationSet.fromAnn(parseAnn(ANN), text);
    const outcomes = set.reanchor(text);
    assert.deepEqual(outcomes.map((outcome) => [outcome.id, outcome.result]), [['T2', 'not-found']]);
    assert.equal(set.toAnn(text), ANN);
  });

  test('a name found only in another paragraph is not taken from there', () => {
    const text = '标题金水区\n\n市委书记安伟到二七区调研。安伟强调,要压实责任。\n';
    const set = AnnotationSet.fromAnn(parseAnn('T2\tLOC 11 14\t金水区\n'), text);
    assert.equal(set.reanchor(text)[0].result, 'not-found');
  });

  test('the caller can widen the window to the article', () => {
    const text = '标题金水区\n\n市委书记安伟到二七区调研。安伟强调,要压实责任。\n';
    const set = AnnotationSet.fromAnn(parseAnn('T2\tLOC 11 14\t金水区\n'), text);
    const [outcome] = set.reanchor(text, { windowAt: () => ({ start: 0, end: text.length }) });
    assert.equal(outcome.result, 'reanchored');
    assert.deepEqual(outcome.to, { start: 2, end: 5 });
  });

  test('an occurrence already tagged with the same type is not a candidate', () => {
    const text = '标题\n\n市委书记安伟到金水区调研。\n';
    const set = AnnotationSet.fromAnn(parseAnn('T1\tPER 8 10\t安伟\nT2\tPER 0 2\t安伟\n'), text);
    const everywhere = { windowAt: () => ({ start: 0, end: text.length }) };
    assert.deepEqual(set.reanchor(text, everywhere).map((outcome) => [outcome.id, outcome.result]), [['T2', 'not-found']]);
  });

  test('the user can pick a candidate', () => {
    const text = '标题\n\n本报讯 安伟到郑州调研。安伟强调,要压实责任。\n';
    const set = AnnotationSet.fromAnn(parseAnn('T1\tPER 5 7\t安伟\n'), text);
    assert.equal(set.moveTo('T1', text.indexOf('郑州'), text), false, 'not onto other text');
    assert.ok(set.moveTo('T1', text.lastIndexOf('安伟'), text));
    assert.equal(set.toAnn(text), `T1\tPER ${text.lastIndexOf('安伟')} ${text.lastIndexOf('安伟') + 2}\t安伟\n`);
  });
});
