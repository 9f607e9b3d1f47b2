// Character tests the parser and rules use to skip work (model/characters.ts): each must agree
// with what it stands in for, or a line is read differently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointEndAfter, codePointStartBefore, firstCodePoints, isNeverTrimmed, lastCodePoints } from '../src/model/characters';

test('isNeverTrimmed holds only for characters trim keeps, over the whole BMP', () => {
  for (let code = 0; code <= 0xffff; code++) {
    if (isNeverTrimmed(code)) assert.notEqual(String.fromCharCode(code).trim(), '', `U+${code.toString(16)} is trimmed`);
  }
  // What most lines end on is among them, or the shortcut it allows is never taken.
  for (const char of '。，、”）.,)字') assert.ok(isNeverTrimmed(char.charCodeAt(0)), char);
});

test('a step over a character takes a surrogate pair whole and a lone surrogate alone, as Array.from does', () => {
  const text = 'a𠮷\ud800b\udc00𠮷';
  const forward: string[] = [];
  for (let at = 0; at < text.length; at = codePointEndAfter(text, at)) forward.push(text.slice(at, codePointEndAfter(text, at)));
  assert.deepEqual(forward, Array.from(text));
  const backward: string[] = [];
  for (let at = text.length; at > 0; at = codePointStartBefore(text, at)) backward.unshift(text.slice(codePointStartBefore(text, at), at));
  assert.deepEqual(backward, Array.from(text));
  const chars = Array.from(text);
  for (let count = 0; count <= chars.length + 1; count++) {
    assert.equal(lastCodePoints(text, count), chars.slice(Math.max(0, chars.length - count)).join(''), `last ${count}`);
    assert.equal(firstCodePoints(text, count), chars.slice(0, count).join(''), `first ${count}`);
  }
});
