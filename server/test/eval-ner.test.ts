// Reading the BIO benchmark format of evalNer (`字 TAG` per line, a blank line between sentences).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBio } from '../src/evaluation/evalNer';

test('parseBio joins characters into sentences and B-/I- runs into entities', () => {
  const bio = ['市 B-ORG', '委 I-ORG', '书 O', '记 O', '安 B-PER', '伟 I-PER', '', '', '在 O', '郑 B-LOC', '州 I-LOC', ''].join('\n');
  assert.deepEqual(parseBio(bio), [
    {
      text: '市委书记安伟',
      entities: [
        { start: 0, end: 2, type: 'ORG' },
        { start: 4, end: 6, type: 'PER' },
      ],
    },
    { text: '在郑州', entities: [{ start: 1, end: 3, type: 'LOC' }] },
  ]);
});

test('parseBio starts an entity at an I- tag with no B- before it, and at a change of type', () => {
  const bio = ['中 I-LOC', '美 B-LOC', '国 I-LOC', '人 I-PER', '民 O'].join('\r\n');
  assert.deepEqual(parseBio(bio)[0].entities, [
    { start: 0, end: 1, type: 'LOC' },
    { start: 1, end: 3, type: 'LOC' },
    { start: 3, end: 4, type: 'PER' },
  ]);
});

test('parseBio counts offsets in UTF-16 units', () => {
  const bio = ['𠮷 O', '安 B-PER', '伟 I-PER'].join('\n');
  assert.deepEqual(parseBio(bio), [{ text: '𠮷安伟', entities: [{ start: 2, end: 4, type: 'PER' }] }]);
});
