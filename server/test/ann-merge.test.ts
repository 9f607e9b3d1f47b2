// The three-way merge of a .ann two editors changed: expected files written by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeAnn } from '../src/entities/annMerge';

const BASE = 'T1\tPER 0 2\t安伟\nT2\tLOC 5 7\t郑州\nR1\tPart-of Arg1:T1 Arg2:T2\n';

test('both added a tag: theirs keeps its id, ours moves after their highest', () => {
  const ours = `${BASE}T3\tORG 9 13\t郑州日报\n`;
  const theirs = `${BASE}T3\tPER 20 22\t虎强\n`;
  assert.equal(mergeAnn(BASE, ours, theirs), `${BASE}T3\tPER 20 22\t虎强\nT4\tORG 9 13\t郑州日报\n`);
});

test('a line they left alone takes our change (moved, retyped) or goes when we removed it', () => {
  const ours = 'T1\tPER 3 5\t安伟\nR1\tPart-of Arg1:T1 Arg2:T2\n';
  const theirs = `${BASE}#1\tAnnotatorNotes T1\t市委书记\n`;
  assert.equal(mergeAnn(BASE, ours, theirs), 'T1\tPER 3 5\t安伟\nR1\tPart-of Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\t市委书记\n');
});

test('a line both changed is theirs; a line they removed stays removed', () => {
  const ours = 'T1\tORG 0 2\t安伟\nT2\tLOC 6 8\t郑州\nR1\tPart-of Arg1:T1 Arg2:T2\n';
  const theirs = 'T1\tPER 0 3\t安伟同\nR1\tPart-of Arg1:T1 Arg2:T2\n';
  assert.equal(mergeAnn(BASE, ours, theirs), theirs);
});

test('the same span tagged with the same type on both sides is written once', () => {
  const ours = `${BASE}T3\tPER 20 22\t虎强\nT4\tLOC 30 32\t新郑\n`;
  const theirs = `${BASE}T3\tPER 20 22\t虎强\n`;
  assert.equal(mergeAnn(BASE, ours, theirs), `${BASE}T3\tPER 20 22\t虎强\nT4\tLOC 30 32\t新郑\n`);
});

test("theirs' BOM, line breaks and missing final break are kept", () => {
  const base = '\ufeffT1\tPER 0 2\t安伟\r\nT2\tLOC 5 7\t郑州';
  const theirs = '\ufeffT1\tPER 0 2\t安伟\r\nT2\tLOC 5 7\t郑州\r\nT3\tORG 9 11\t市委';
  const ours = '\ufeffT1\tPER 0 2\t安伟\r\nT2\tLOC 5 7\t郑州\r\nT3\tPER 20 22\t虎强';
  assert.equal(mergeAnn(base, ours, theirs), '\ufeffT1\tPER 0 2\t安伟\r\nT2\tLOC 5 7\t郑州\r\nT3\tORG 9 11\t市委\r\nT4\tPER 20 22\t虎强');
});

test('nothing changed on our side gives theirs back byte for byte', () => {
  const theirs = `${BASE}this is not a brat line\t\t\n\nT7\tTitle 41 43;43 45\t市委 书记\n`;
  assert.equal(mergeAnn(BASE, BASE, theirs), theirs);
});

test('from a missing file (empty base) on both sides: both sets of tags', () => {
  assert.equal(mergeAnn('', 'T1\tPER 0 2\t安伟\n', 'T1\tLOC 5 7\t郑州\n'), 'T1\tLOC 5 7\t郑州\nT2\tPER 0 2\t安伟\n');
});
