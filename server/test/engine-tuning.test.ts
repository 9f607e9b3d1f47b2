// The engine flags the server and CLI set for themselves never override the user's own.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { givenOnCommandLine } from '../src/engineTuning';

const FLAG = '--max-inlined-bytecode-size-cumulative=200';

test('a flag on the command line is recognised with a value, bare, or written with underscores', () => {
  assert.equal(givenOnCommandLine(FLAG, ['--max-inlined-bytecode-size-cumulative=500']), true);
  assert.equal(givenOnCommandLine(FLAG, ['--max_inlined_bytecode_size_cumulative=500']), true);
  assert.equal(givenOnCommandLine(FLAG, ['--max-semi-space-size=4', '--max-inlined-bytecode-size-cumulative']), true);
});

test('other flags, and flags whose name only starts the same, are not the one given', () => {
  assert.equal(givenOnCommandLine(FLAG, []), false);
  assert.equal(givenOnCommandLine(FLAG, ['--max-semi-space-size=4', '--max-inlined-bytecode-size=100']), false);
  assert.equal(givenOnCommandLine(FLAG, ['--max-inlined-bytecode-size-cumulative-x=1']), false);
});

test('the CLI starts and answers with the flag set by it, or given by the user', () => {
  const cli = join(__dirname, '..', 'src', 'cli.js');
  for (const flags of [[], ['--max-inlined-bytecode-size-cumulative=500']]) {
    const run = spawnSync(process.execPath, [...flags, cli, '--version'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\d+\.\d+\.\d+/);
    assert.equal(run.stderr, '', 'no complaint about an engine flag');
  }
});
