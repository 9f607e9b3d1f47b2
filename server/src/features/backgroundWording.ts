// A problem's message may be worded only when it is first read (rules/types.ts): ocr-break's
// reasons take the segmenter, 10–20 µs a problem. Left to the publish, the thousand new
// diagnostics of a window moved by a scroll cost 10–20 ms of segmenting in the way of the
// next hover or keystroke. So once a document is checked, its messages are worded in the
// background, a slice at a time while requests pause. A problem moved by an edit reads its
// original's words, so edits keep what was worded.
import { runBetweenRequests } from './background';

export interface WordingHost {
  /** Milliseconds until requests have paused long enough for work of our own (0: now). */
  untilRequestsPause(): number;
  /** Milliseconds, as performance.now. */
  now(): number;
  logError(what: string, error: unknown): void;
}

/** Work per slice: a hover that comes meanwhile waits at most about this long. */
const SLICE_MS = 2;
/** Messages read between looks at the clock. */
const READS_PER_CLOCK = 16;

interface Job {
  readonly items: readonly { readonly message: unknown }[];
  next: number;
}

export class BackgroundWording {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly host: WordingHost) {}

  /** Words the messages of `items` (a document's diagnostics), in place of what was left of the document's last job. */
  start(uri: string, items: readonly { readonly message: unknown }[]): void {
    const job: Job = { items, next: 0 };
    this.jobs.set(uri, job);
    runBetweenRequests(
      () => this.host.untilRequestsPause(),
      () => this.step(uri, job),
      (error) => {
        this.host.logError('wording messages', error);
        if (this.jobs.get(uri) === job) this.jobs.delete(uri);
      },
    );
  }

  /** The document was closed: its job ends. */
  forget(uri: string): void {
    this.jobs.delete(uri);
  }

  /** One slice of `job`; true once it is done or no longer the document's job. */
  private step(uri: string, job: Job): boolean {
    if (this.jobs.get(uri) !== job) return true;
    const until = this.host.now() + SLICE_MS;
    while (job.next < job.items.length) {
      // Reading a message words it.
      void job.items[job.next++].message;
      if (job.next % READS_PER_CLOCK === 0 && this.host.now() >= until) return false;
    }
    this.jobs.delete(uri);
    return true;
  }
}
