// One task over many files on several worker threads (`newsdump check --jobs N`).
//
// Threads rather than child processes: a thread dies with the process, so Ctrl+C, a
// closed pipe or a crash of the main thread can never leave a worker behind; results
// come back as structured clones instead of serialised text; and nodejieba is an
// N-API addon with per-thread state, so each thread loads its own dictionaries safely.
//
// The main thread only hands out files and prints: each worker loads its own engine
// (nodejieba's dictionaries: about a second and 150–250 MB per thread, so never more
// workers than files), asks for a file when it is ready and again after each one, so
// big files do not hold up a fixed share of small ones. Results are passed on in file
// order, whatever order they finish in.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { basename } from 'node:path';

/** What a task does to one file, in whichever thread runs it. */
export type FileTask<Result> = (file: string) => Result | Promise<Result>;

/** Builds a task from its options; a worker calls it once, then runs the task file after file. */
export type FileTaskFactory = (options: never) => FileTask<unknown>;

export interface FilePoolOptions<Result> {
  readonly files: readonly string[];
  /** Worker threads to start; never more than there are files. */
  readonly workers: number;
  /** A script that calls `serveFileWorker` when it runs as a worker (the CLI itself, in both its built and bundled forms). */
  readonly workerScript: string;
  /** The factory's name in the workers' table, and its options (they must survive a structured clone). */
  readonly task: { readonly name: string; readonly options: unknown };
  /** The same task in this thread, for the files left when no worker could start. */
  readonly runHere: () => FileTask<Result>;
  /** The result for a file whose worker stopped while it had it; `reason` is the worker's error or exit code. */
  readonly workerStopped: (file: string, reason: string) => Result;
  /** Called once per file, in the order of `files`. */
  readonly onResult: (result: Result) => void;
  /** Called as each file finishes, in any order (progress). */
  readonly onFileDone?: () => void;
  /** A worker stopped before it took a file; the others (or this thread) do its share. */
  readonly onWorkerLost?: (reason: string) => void;
}

const ROLE = 'newsdump-file-worker';

/** Messages from a worker: ready for a (next) file, or a file's result. */
type WorkerMessage = { readonly kind: 'ready' } | { readonly kind: 'result'; readonly index: number; readonly result: unknown };
/** Messages to a worker: the next file's index into `files`. */
type PoolMessage = { readonly index: number };

interface PoolWorkerData {
  readonly role: typeof ROLE;
  readonly files: readonly string[];
  readonly task: { readonly name: string; readonly options: unknown };
}

export async function runFilePool<Result>(options: FilePoolOptions<Result>): Promise<void> {
  const { files } = options;
  const done = new Uint8Array(files.length);
  /** Finished files still waiting for an earlier one. */
  const waiting = new Map<number, Result>();
  let nextToHandOut = 0;
  let nextToReport = 0;
  let finished = 0;
  const live = new Set<Worker>();
  let stopping = false;

  return new Promise<void>((resolvePool, rejectPool) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      rejectPool(error);
    };

    const deliver = (index: number, result: Result): void => {
      if (done[index]) return; // a late answer from a worker already counted as stopped
      done[index] = 1;
      finished++;
      options.onFileDone?.();
      waiting.set(index, result);
      while (waiting.has(nextToReport)) {
        const next = waiting.get(nextToReport)!;
        waiting.delete(nextToReport++);
        options.onResult(next);
      }
      if (finished === files.length && !settled) {
        settled = true;
        resolvePool();
      }
    };

    const runLeftoversHere = async (): Promise<void> => {
      const task = options.runHere();
      while (nextToHandOut < files.length) {
        const index = nextToHandOut++;
        deliver(index, await task(files[index]));
      }
    };

    const start = (): void => {
      const worker = new Worker(options.workerScript, {
        workerData: { role: ROLE, files, task: options.task } satisfies PoolWorkerData,
        stdin: false,
      });
      live.add(worker);
      let holding: number | undefined;
      let failure: string | undefined;
      const handOut = (): void => {
        if (nextToHandOut >= files.length) {
          holding = undefined;
          return;
        }
        holding = nextToHandOut++;
        worker.postMessage({ index: holding } satisfies PoolMessage);
      };
      worker.on('message', (message: WorkerMessage) => {
        try {
          if (message.kind === 'result') {
            holding = undefined;
            deliver(message.index, message.result as Result);
          }
          handOut();
        } catch (error) {
          fail(error);
        }
      });
      worker.on('error', (error) => (failure = firstLine(error)));
      worker.on('exit', (code) => {
        live.delete(worker);
        if (stopping || settled) return;
        const reason = failure ?? `exit code ${code}`;
        try {
          if (holding !== undefined) {
            deliver(holding, options.workerStopped(files[holding], reason));
            // It was busy, so it had loaded: a fresh one can take its place.
            if (nextToHandOut < files.length) start();
          } else {
            options.onWorkerLost?.(reason);
            if (live.size === 0 && nextToHandOut < files.length) runLeftoversHere().catch(fail);
          }
        } catch (error) {
          fail(error);
        }
      });
    };

    if (files.length === 0) {
      settled = true;
      resolvePool();
      return;
    }
    for (let i = 0; i < Math.min(options.workers, files.length); i++) start();
    if (live.size === 0) runLeftoversHere().catch(fail);
  }).finally(async () => {
    stopping = true;
    await Promise.all([...live].map((worker) => worker.terminate()));
  });
}

/** True in a thread that `runFilePool` started. */
export function isFileWorker(): boolean {
  return !isMainThread && (workerData as Partial<PoolWorkerData> | null)?.role === ROLE;
}

/** The worker's side: build the task named in workerData, then run it on each file handed over. */
export function serveFileWorker(factories: Readonly<Record<string, FileTaskFactory>>): void {
  const { files, task: spec } = workerData as PoolWorkerData;
  const port = parentPort!;
  const task = factories[spec.name](spec.options as never);
  // One file at a time: the next message waits in the queue until this one is answered.
  let queue = Promise.resolve();
  port.on('message', ({ index }: PoolMessage) => {
    queue = queue.then(async () => {
      // Lets the tests stop a worker in mid-file, as a native crash or running out of memory would.
      if (process.env.NEWSDUMP_TEST_WORKER_DIES_ON === basename(files[index])) process.exit(70);
      port.postMessage({ kind: 'result', index, result: await task(files[index]) } satisfies WorkerMessage);
    });
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
