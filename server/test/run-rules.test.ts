// The runner: severities from settings, variants, and a failing rule that must not hide the others.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDump } from '../src/model/parse';
import { runRules } from '../src/rules/runRules';
import { Rule } from '../src/rules/types';

const text = '郑州市召开会议\n\n本报讯 近日,郑州市召开会议。';
const context = { text, model: parseDump(text) };

const reporting = (id: string, variant?: string): Rule => ({
  id,
  description: id,
  defaultSeverity: 'warning',
  check: (_context, report) => report({ span: { start: 0, end: 2 }, message: id, fixes: [], variant }),
});

const failing: Rule = {
  id: 'broken',
  description: 'throws',
  defaultSeverity: 'error',
  check: () => {
    throw new Error('boom');
  },
};

test('a rule that throws is reported and the other rules still report', () => {
  const failures: string[] = [];
  const problems = runRules(context, {}, [failing, reporting('works')], (ruleId) => failures.push(ruleId));
  assert.deepEqual(problems.map((problem) => problem.ruleId), ['works']);
  assert.deepEqual(failures, ['broken']);
});

test('settings set severities per rule and per variant, and turn rules off', () => {
  const rules = [reporting('plain'), reporting('padded', 'name-padding'), reporting('silenced')];
  const problems = runRules(context, { plain: 'error', 'padded/name-padding': 'hint', silenced: 'off' }, rules);
  assert.deepEqual(
    problems.map((problem) => [problem.ruleId, problem.severity]),
    [['padded', 'hint'], ['plain', 'error']],
  );
});
