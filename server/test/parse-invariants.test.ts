// Whatever the dump, the model must hold together: every line in exactly one article,
// spans inside the text and in order (support/modelInvariants.ts). Seeded so a failure
// reproduces; parser.fuzz.test.ts throws far rougher text at it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDump } from '../src/model/parse';
import { randomSource as random } from './support/random';
import { checkModelInvariants } from './support/modelInvariants';

const SEEDS = path.resolve(__dirname, '../../../test-fixtures/seeds');
const seedLines = fs
  .readdirSync(SEEDS)
  .filter((name) => name.endsWith('.txt'))
  .flatMap((name) => fs.readFileSync(path.join(SEEDS, name), 'utf8').split('\n'))
  .filter((line) => line.trim().length > 0);


const ODDITIES = ['𠮷', '\u3000', ' ', '。', ',', '“', '”', '(上接一版)', '记者 ', '本报讯', '【新华社延安十日电】', '——', ':', '\t', 'PM2.5'];

function randomDump(next: () => number): string {
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 40);
  const newline = next() < 0.3 ? '\r\n' : '\n';
  for (let i = 0; i < count; i++) {
    let line = seedLines[Math.floor(next() * seedLines.length)];
    if (next() < 0.3) {
      // Cut the line somewhere, as an extraction scar would.
      const cut = Math.floor(next() * line.length);
      line = next() < 0.5 ? line.slice(0, cut) : line.slice(cut);
    }
    if (next() < 0.2) line = ODDITIES[Math.floor(next() * ODDITIES.length)] + line;
    if (next() < 0.1) line += ODDITIES[Math.floor(next() * ODDITIES.length)];
    lines.push(line);
    const blanks = next() < 0.7 ? 1 : Math.floor(next() * 4);
    for (let b = 0; b < blanks; b++) lines.push(next() < 0.1 ? '  ' : '');
  }
  return lines.join(newline);
}

test('random dumps built from seed lines keep the model consistent', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const text = randomDump(random(seed));
    const model = parseDump(text);
    try {
      checkModelInvariants(model, text);
    } catch (error) {
      assert.fail(`seed ${seed}: ${(error as Error).message}`);
    }
  }
});

test('degenerate inputs give an empty or single-article model, never an exception', () => {
  for (const text of ['', '\n\n\n', '\r\n\r\n', '   \u3000  ', '𠮷', '\ufeff', 'a'.repeat(200_000), '本报讯', '记者 杨宜锦']) {
    const model = parseDump(text);
    checkModelInvariants(model, text);
    assert.ok(model.articles.length <= 1, `${JSON.stringify(text.slice(0, 10))} gives ${model.articles.length} articles`);
  }
});
