// The entry point @vscode/test-electron names in `--extensionTestsPath`. VS Code loads it in
// the extension host of the Extension Development Host window and awaits `run()`; a rejected
// promise makes VS Code exit with a non-zero code, which fails `npm run test:vscode`.
// How the tests run (and why not node:test) is explained in ./harness.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beginFile, runRegistered } from './harness';

export async function run(): Promise<void> {
  // The compiled test files sit next to this one (client/out/test-electron/suite/). They are
  // loaded with the extension host's own `require`, so `import * as vscode from 'vscode'`
  // inside them resolves to the API of this window.
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
  for (const file of files) {
    beginFile(file);
    require(join(__dirname, file));
  }
  await runRegistered();
}
