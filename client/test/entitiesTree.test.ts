// The Entities view's tree, built from entries shaped like the server's newsdump/entities answer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEntityTree, occurrenceLabel, type EntityEntry, type EntityNode, type SuggestionsNode, type TypeNode } from '../src/entitiesTree';

const LINES = [
  '',
  '本报讯 省委常委、市委书记安伟出席会议并讲话,市长何雄主持会议。',
  '安伟强调,要在郑州市全面推进。',
  '记者 杨宜锦',
];
const lineText = (line: number): string => LINES[line] ?? '';

function at(line: number, name: string, type: string, source: EntityEntry['source'] = 'annotation'): EntityEntry {
  const character = LINES[line].indexOf(name);
  assert.ok(character >= 0, `${name} on line ${line}`);
  return { type, text: name, source, range: { start: { line, character }, end: { line, character: character + name.length } } };
}

describe('buildEntityTree', () => {
  test('types with counts, in the configured order; names by frequency; occurrences in text order', () => {
    const entries = [at(3, '杨宜锦', 'PER'), at(2, '郑州市', 'LOC'), at(2, '安伟', 'PER'), at(1, '安伟', 'PER')];
    const roots = buildEntityTree(entries, lineText, { PER: '人名', ORG: '机构', LOC: '地名' });
    assert.deepEqual(roots.map((node) => node.label), ['PER (3)', 'LOC (1)']);
    const per = roots[0] as TypeNode;
    assert.equal(per.description, '人名');
    assert.deepEqual(per.entities.map((entity) => entity.label), ['安伟 (2)', '杨宜锦 (1)']);
    const anwei = per.entities[0] as EntityNode;
    assert.deepEqual(anwei.occurrences.map((occurrence) => occurrence.range.start.line), [1, 2]);
    assert.equal(anwei.occurrences[0].label, '2: …报讯 省委常委、市委书记安伟出席会议并讲话,市长何雄…');
    assert.equal(anwei.occurrences[1].label, '3: 安伟强调,要在郑州市全面推进…');
  });

  test('suggestions form their own group, after the tags', () => {
    const roots = buildEntityTree([at(1, '安伟', 'PER'), at(1, '何雄', 'PER', 'suggestion')], lineText);
    assert.deepEqual(roots.map((node) => node.label), ['PER (1)', 'Suggestions (1)']);
    const suggestions = roots[1] as SuggestionsNode;
    assert.deepEqual(suggestions.types.map((type) => type.label), ['PER (1)']);
    assert.equal(suggestions.types[0].entities[0].text, '何雄');
  });

  test('no entities, no nodes; unknown types after the known ones, by name', () => {
    assert.deepEqual(buildEntityTree([], lineText), []);
    const roots = buildEntityTree([at(1, '市长', 'TITLE'), at(2, '郑州市', 'LOC'), at(1, '省委常委', 'EVENT')], lineText, { PER: '人名', LOC: '地名' });
    assert.deepEqual(roots.map((node) => node.label), ['LOC (1)', 'EVENT (1)', 'TITLE (1)']);
  });

  test('an occurrence label keeps astral characters whole', () => {
    const label = occurrenceLabel({ start: { line: 0, character: 14 }, end: { line: 0, character: 16 } }, () => '𠮷'.repeat(7) + '安伟' + '𠮷'.repeat(20));
    assert.equal(label, `1: ${'𠮷'.repeat(7)}安伟${'𠮷'.repeat(12)}…`);
  });
});
