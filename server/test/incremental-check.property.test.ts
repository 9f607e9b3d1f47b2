// After a keystroke the service re-checks only the re-parsed articles (rules/recheck.ts) and
// moves the line index instead of rebuilding it. Every problem, fix and diagnostic must be
// what a check of the whole new text gives, over random edits told to the service the way
// the server tells it (noteChanges), several edits between checks as a debounce lets pass.
// NEWSDUMP_FUZZ_COUNT for a longer run; NEWSDUMP_FUZZ_SEED to replay one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDumpService, textDocument } from '../src/service';
import type { CheckedProblem } from '../src/rules/runRules';
import { randomEdits, randomSource } from './support/random';

const ROUNDS = Number(process.env.NEWSDUMP_FUZZ_COUNT ?? 120);
const SEED = Number(process.env.NEWSDUMP_FUZZ_SEED ?? 1122);
const FIXTURES = join(__dirname, '..', '..', '..', 'test-fixtures');

const PIECES = [
  '的', '。', '，', ' ', '“', '《', '\n', '\n\n', '本报讯(记者 杨宜锦)', '记者 杨宜锦', '记者 王鹏 通讯员 李娜',
  '新郑市召开工作会议', '&nbsp;', 'PM_{2.5}', '(下转二版)', '𠮷', '体系 and 安全', '林 海',
];

/** Seeds and rule fixtures joined into one dump: every rule has something to find. */
function corpus(): string {
  const texts: string[] = [];
  for (const dir of [join(FIXTURES, 'seeds'), ...readdirSync(join(FIXTURES, 'rules')).filter((rule) => !rule.includes('.')).map((rule) => join(FIXTURES, 'rules', rule))]) {
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.txt')) texts.push(readFileSync(join(dir, name), 'utf8'));
  }
  return texts.join('\n\n');
}

/** What a problem says, whatever object carries it (a moved problem is a class with its fixes behind a getter). */
function plain(problem: CheckedProblem): object {
  const { ruleId, span, message, severity, variant, fixes } = problem;
  return { ruleId, span: { start: span.start, end: span.end }, message, severity, variant, fixes };
}

test('problems and diagnostics after edits equal a check of the whole new text', () => {
  const random = randomSource(SEED);
  const uri = 'file:///corpus/edited.txt';
  const service = createDumpService();
  const overrides = { 'jump-marker': 'hint' } as const;
  let text = corpus();
  let version = 1;
  service.checkDocument(textDocument(uri, text, version), overrides);
  for (let round = 0; round < ROUNDS; round++) {
    text = randomEdits(random, text, 3, PIECES, { short: 0.7, shortMax: 3, longMax: 300, deletion: 0.3 }, (edit) => service.noteChanges(uri, [edit]));
    version++;
    const doc = textDocument(uri, text, version);
    const fresh = createDumpService();
    const where = `round ${round} (seed ${SEED})`;
    assert.deepEqual(service.checkDocument(doc, overrides).map(plain), fresh.checkDocument(textDocument(uri, text, version), overrides).map(plain), where);
    assert.deepEqual(service.diagnostics(doc, overrides), fresh.diagnostics(textDocument(uri, text, version), overrides), where);
  }
});
