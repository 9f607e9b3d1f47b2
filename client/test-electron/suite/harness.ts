// A deliberately small test runner for code that runs inside VS Code's extension host.
//
// Why not node:test, although the extension host is Node 20 (VS Code ≥ 1.91)?
//   - `run({ files })` from node:test starts every file in a child process of
//     `process.execPath`. In the extension host that is the VS Code (Electron) binary, not
//     Node, and a child process has no `vscode` module anyway: the extension host hands it
//     only to modules it loads itself.
//   - `test()` called in-process does work, but its promise resolves even when the test
//     fails; failures only reach `process.exitCode` and a reporter that prints when the
//     process ends. The entry point VS Code calls must instead return a promise that rejects
//     when a test fails, and the extension host is not ours to exit.
// Mocha (what the VS Code samples use) would do, but is one more dependency for five tests.
// So: tests are registered in file order, awaited one at a time with a time limit, reported
// on the console (which @vscode/test-electron forwards to the terminal), and `runRegistered`
// throws when any failed. The tests of one file share state and run in order, like a script.
import { inspect } from 'node:util';

type Body = () => unknown | Promise<unknown>;

interface Registered {
  readonly file: string;
  readonly name: string;
  readonly body: Body;
  readonly timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

const tests: Registered[] = [];
const cleanups: Body[] = [];
let currentFile = '';

/** Names the file whose tests are registered next (shown as a heading in the report). */
export function beginFile(name: string): void {
  currentFile = name;
}

/** Registers a test. Tests run in the order they were registered; a failure does not stop the rest. */
export function test(name: string, body: Body, options: { timeoutMs?: number } = {}): void {
  tests.push({ file: currentFile, name, body, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
}

/** Registers clean-up that runs after all tests, passed or failed (last registered runs first). */
export function after(body: Body): void {
  cleanups.unshift(body);
}

/** Runs every registered test and clean-up; rejects with a summary when any test failed. */
export async function runRegistered(): Promise<void> {
  const failures: string[] = [];
  const started = Date.now();
  let heading: string | undefined;
  for (const { file, name, body, timeoutMs } of tests) {
    if (file !== heading) console.log(`\n${(heading = file)}`);
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(body), timeoutMs, name);
      console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failures.push(name);
      console.log(`  ✖ ${name} (${Date.now() - t0} ms)`);
      console.log(indent(describeFailure(error)));
    }
  }
  for (const cleanup of cleanups) {
    try {
      await withTimeout(Promise.resolve().then(cleanup), 10_000, 'clean-up');
    } catch (error) {
      console.log(`  clean-up failed: ${describeFailure(error)}`);
    }
  }
  const passed = tests.length - failures.length;
  console.log(`\n  ${passed} passed, ${failures.length} failed (${Date.now() - started} ms)`);
  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${tests.length} tests failed: ${failures.join('; ')}`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`'${name}' did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return inspect(error);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
