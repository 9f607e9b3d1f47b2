// text/utf8.ts decodes large UTF-8 through ICU, a piece at a time: it must read every byte
// sequence exactly as Node's own decoders do (strict: as TextDecoder with `fatal`; lenient:
// as Buffer#toString), wherever the pieces are cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8, decodeUtf8Strict } from '../src/text/utf8';
import { Fuzz } from './support/random';

const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 808);
const ROUNDS = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 60);
/** Past the size where the fast path starts. */
const LARGE = 70 * 1024;

const PIECES = ['本报讯(记者 杨宜锦)', '。\n', '\r\n', '𠮷', 'ASCII text ', '\u0000', '\uFEFF', '\uFFFF', '😀', 'é'];
const BAD_BYTES = [[0xff], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xf0, 0x9f, 0x98]];

function strictReference(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function largeText(fuzz: Fuzz): string {
  // Chinese first: the fast path is for text that is not ASCII from its start.
  let text = '标题';
  while (text.length < LARGE) text += fuzz.pick(PIECES);
  return text;
}

test('large valid UTF-8 reads as Node reads it, BOM, NUL and astral characters included', () => {
  const fuzz = new Fuzz(SEED);
  for (let round = 0; round < ROUNDS / 2; round++) {
    const text = (fuzz.chance(0.3) ? '\uFEFF' : '') + largeText(fuzz);
    const bytes = Buffer.from(text, 'utf8');
    assert.ok(bytes.length >= 64 * 1024);
    assert.equal(decodeUtf8Strict(bytes), text);
    assert.equal(decodeUtf8(bytes), text);
    assert.equal(decodeUtf8(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)), text, 'a plain Uint8Array view');
    for (const piece of [1, 2, 3, 4, 5, 1000]) assert.equal(decodeUtf8Strict(bytes, piece), text, `in ${piece}-byte pieces`);
  }
});

test('large UTF-8 with broken sequences: strict says no exactly when TextDecoder does; lenient equals Buffer#toString', () => {
  const fuzz = new Fuzz(SEED + 1);
  for (let round = 0; round < ROUNDS; round++) {
    const bytes = [...Buffer.from(largeText(fuzz), 'utf8')];
    for (let damage = fuzz.int(3); damage > 0; damage--) bytes.splice(fuzz.int(bytes.length), fuzz.int(2), ...fuzz.pick(BAD_BYTES));
    const buffer = Buffer.from(bytes);
    assert.equal(decodeUtf8Strict(buffer), strictReference(buffer), `round ${round} (seed ${SEED})`);
    assert.equal(decodeUtf8(buffer), buffer.toString('utf8'), `round ${round} (seed ${SEED})`);
    // In small pieces: every kind of damage also falls on a cut between two pieces.
    const piece = 1 + fuzz.int(64);
    assert.equal(decodeUtf8Strict(buffer, piece), strictReference(buffer), `round ${round} in ${piece}-byte pieces (seed ${SEED})`);
    assert.equal(decodeUtf8(buffer, piece), buffer.toString('utf8'), `round ${round} in ${piece}-byte pieces (seed ${SEED})`);
  }
});

test('small and ASCII inputs read the same through the ordinary decoder', () => {
  for (const text of ['', 'a', '本报讯', 'plain ASCII '.repeat(10_000), `${'plain ASCII '.repeat(10_000)}然后中文`]) {
    const bytes = Buffer.from(text, 'utf8');
    assert.equal(decodeUtf8Strict(bytes), text);
    assert.equal(decodeUtf8(bytes), text);
  }
  assert.equal(decodeUtf8Strict(Buffer.from([0x41, 0xff])), undefined);
  assert.equal(decodeUtf8(Buffer.from([0x41, 0xff])), 'A\uFFFD');
});
