// V8 settings for the server and CLI processes, set when they start, before any code is hot.
import { setFlagsFromString } from 'node:v8';

/**
 * How much bytecode TurboFan inlines into one optimized function (V8's default is 920). The
 * first open of a large dump runs the parse and every rule hot for the first time; compiling
 * them with the default budget cost more CPU than it saved on a machine whose cores are busy.
 * At 200, an 11 MB dump's first open went from about 1 010–1 130 to 850–880 ms and the second
 * from 730–740 to 570–650, at the same speed afterwards (alternating servers; README.md, Speed).
 */
const INLINING_BUDGET = '--max-inlined-bytecode-size-cumulative=200';

/** Sets the flags the process was not started with: a value given on the command line wins. */
export function tuneEngine(execArgv: readonly string[] = process.execArgv): void {
  // An engine without the flag (another runtime) says so on stderr and runs on.
  if (!givenOnCommandLine(INLINING_BUDGET, execArgv)) setFlagsFromString(INLINING_BUDGET);
}

/** Whether `execArgv` sets the V8 flag of `flag` (`--name` or `--name=value`), written with `-` or `_`. */
export function givenOnCommandLine(flag: string, execArgv: readonly string[]): boolean {
  const name = flagName(flag);
  return execArgv.some((argument) => flagName(argument) === name);
}

function flagName(argument: string): string {
  return argument.split('=')[0].replace(/_/g, '-');
}
