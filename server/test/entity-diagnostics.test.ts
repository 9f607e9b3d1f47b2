// Hint diagnostics handed out again: one that says the same as in the last publish is that
// object (so its bytes are copied, jsonMessages.ts); anything that changes what it says —
// its place, name, reason, or the type's label — makes a new one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { entityDiagnostics } from '../src/features/entityDiagnostics';
import { AnnotationSet } from '../src/entities/annotationSet';
import { DEFAULT_ENTITY_TYPES, type EntityTypeSetting } from '../src/config/entityTypes';
import type { Suggestion } from '../src/entities/suggestions';
import { LineIndex } from '../src/text/positions';

const TEXT = '本报讯(记者 杨宜锦)新郑市召开会议。\n市委书记马志峰出席。\n';

function hint(text: string, type: 'PER' | 'ORG' | 'LOC', reason: string, within = TEXT): Suggestion {
  const start = within.indexOf(text);
  return { span: { start, end: start + text.length }, type, text, reason, confidence: 0.9, source: 'pattern', rule: 'title-before-name' } as unknown as Suggestion;
}

function hints(suggestions: readonly Suggestion[], before?: ReturnType<typeof entityDiagnostics>, types: readonly EntityTypeSetting[] = DEFAULT_ENTITY_TYPES, text = TEXT) {
  return entityDiagnostics({ text, lines: new LineIndex(text), set: AnnotationSet.empty(), types, suggestions, before });
}

describe('hint diagnostics', () => {
  test('the same hint again is the same object; a new one says what a fresh one says', () => {
    const first = hints([hint('马志峰', 'PER', 'after title 市委书记'), hint('新郑市', 'LOC', 'place suffix 市')]);
    const again = hints([hint('马志峰', 'PER', 'after title 市委书记'), hint('新郑市', 'LOC', 'place suffix 市')], first);
    assert.equal(again[0], first[0]);
    assert.equal(again[1], first[1]);
    assert.deepEqual(again, hints([hint('马志峰', 'PER', 'after title 市委书记'), hint('新郑市', 'LOC', 'place suffix 市')]));
  });

  test('a changed reason, type label or place is a new diagnostic with the new words', () => {
    const first = hints([hint('马志峰', 'PER', 'after title 市委书记')]);
    const otherReason = hints([hint('马志峰', 'PER', 'jieba POS nr')], first);
    assert.notEqual(otherReason[0], first[0]);
    assert.match(String(otherReason[0].message), /jieba POS nr/);

    const relabelled = DEFAULT_ENTITY_TYPES.map((type) => (type.type === 'PER' ? { ...type, label: '人物' } : type));
    const renamed = hints([hint('马志峰', 'PER', 'after title 市委书记')], first, relabelled);
    assert.notEqual(renamed[0], first[0]);
    assert.match(String(renamed[0].message), /PER \(人物\)/);

    // Text typed on a line above leaves it as it was (same line, same characters) …
    const above = `X${TEXT}`;
    assert.equal(hints([hint('马志峰', 'PER', 'after title 市委书记', above)], first, DEFAULT_ENTITY_TYPES, above)[0], first[0]);
    // … text typed in front of it on its line moves it.
    const edited = TEXT.replace('市委书记', 'X市委书记');
    const moved = hints([hint('马志峰', 'PER', 'after title 市委书记', edited)], first, DEFAULT_ENTITY_TYPES, edited);
    assert.notEqual(moved[0], first[0]);
    assert.deepEqual(moved[0].range, { start: { line: 1, character: 5 }, end: { line: 1, character: 8 } });

    // A line added above: same characters, next line.
    const below = `\n${TEXT}`;
    const down = hints([hint('马志峰', 'PER', 'after title 市委书记', below)], first, DEFAULT_ENTITY_TYPES, below);
    assert.notEqual(down[0], first[0]);
    assert.equal(down[0].range.start.line, 2);
  });
});
