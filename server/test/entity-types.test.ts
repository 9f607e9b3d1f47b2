// Entity types: the defaults, newsdump.json's "entityTypes" and the editor setting, merged by type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ENTITY_TYPES, mergeEntityTypes, validateEntityTypes } from '../src/config/entityTypes';
import { parseProjectConfig } from '../src/config/projectConfig';

test('without any configuration: PER 人名, ORG 机构, LOC 地名, in that order, each with a colour', () => {
  const types = mergeEntityTypes();
  assert.deepEqual(
    types.map(({ type, label }) => [type, label]),
    [
      ['PER', '人名'],
      ['ORG', '机构'],
      ['LOC', '地名'],
    ],
  );
  assert.ok(types.every((type) => /^#[0-9a-f]{6}$/i.test(type.color ?? '')));
});

test('newsdump.json adds a type; the setting relabels a default and keeps its colour; order stays stable', () => {
  const project = parseProjectConfig(JSON.stringify({ entityTypes: [{ type: 'TITLE', label: '职务', color: '#b58900' }], rules: { 'ocr-break': 'off' } }));
  assert.deepEqual(project.problems, []);
  assert.deepEqual(project.overrides, { 'ocr-break': 'off' }, 'rules are read as before');
  const setting = validateEntityTypes([{ type: 'PER', label: '人物' }, { type: 'EVENT' }]);
  const types = mergeEntityTypes(project.entityTypes, setting.types);
  assert.deepEqual(types, [
    { type: 'PER', label: '人物', color: DEFAULT_ENTITY_TYPES[0].color },
    DEFAULT_ENTITY_TYPES[1],
    DEFAULT_ENTITY_TYPES[2],
    { type: 'TITLE', label: '职务', color: '#b58900' },
    { type: 'EVENT', label: 'EVENT' },
  ]);
});

test('bad entries are reported where they are and left out; good ones are kept', () => {
  const text = JSON.stringify({ entityTypes: [{ type: 'TWO WORDS' }, 'PER', { type: 'TITLE', color: 'gold' }] }, null, 2);
  const config = parseProjectConfig(text);
  assert.deepEqual(config.entityTypes, [{ type: 'TITLE' }], 'the colour that is not #rrggbb is dropped, the type kept');
  assert.deepEqual(
    config.problems.map((problem) => [problem.severity, problem.message]),
    [
      ['error', 'entityTypes[0]: "type" must be a name without spaces, as brat stores it (PER, TITLE)'],
      ['error', 'entityTypes[1] must be an object { "type", "label", "color" }'],
      ['warning', 'entityTypes[2] (TITLE): "color" must be #rrggbb; the type is shown without its colour'],
    ],
  );
  assert.equal(config.problems[0].offset, text.indexOf('"TWO WORDS"'), 'underlined at the bad type');
  assert.deepEqual(parseProjectConfig('{ "entityTypes": {} }').problems.map((problem) => problem.severity), ['error']);
  assert.match(parseProjectConfig('{ "tags": [] }').problems[0].message, /unknown key 'tags' \(only "rules" and "entityTypes" are read\)/);
});
