// Messages worded in the background once a document is checked: all of them, in short slices,
// only while requests pause, so a hover never waits behind more than one slice.
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { BackgroundWording, type WordingHost } from '../src/features/backgroundWording';

const URI = 'file:///dump.txt';

class FakeHost implements WordingHost {
  clock = 0;
  lastRequestAt = -Infinity;
  readonly errors: string[] = [];

  /** The clock each time a slice asked whether requests pause: the gaps are the slices. */
  readonly asked: number[] = [];

  untilRequestsPause(): number {
    this.asked.push(this.clock);
    return Math.max(0, 40 - (this.clock - this.lastRequestAt));
  }

  now(): number {
    return this.clock;
  }

  logError(what: string, error: unknown): void {
    this.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A diagnostic whose message costs `costMs` on the clock the first time it is read, as an ocr-break's does. */
class Unworded {
  worded?: string;
  constructor(
    private readonly host: FakeHost,
    private readonly index: number,
    private readonly costMs: number,
  ) {}

  get message(): string {
    if (this.worded === undefined) {
      this.host.clock += this.costMs;
      this.worded = `problem ${this.index}`;
    }
    return this.worded;
  }
}

let host: FakeHost;
let wording: BackgroundWording;

function unworded(count: number, costMs = 0.02): Unworded[] {
  return Array.from({ length: count }, (_, index) => new Unworded(host, index, costMs));
}

const wordedCount = (items: readonly Unworded[]) => items.filter((item) => item.worded !== undefined).length;

/** Runs the queued immediates (the connection would serve requests between them) and moves the clock. */
async function advance(ms: number): Promise<void> {
  host.clock += ms;
  mock.timers.tick(ms);
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  host = new FakeHost();
  wording = new BackgroundWording(host);
});

afterEach(() => mock.timers.reset());

describe('BackgroundWording', () => {
  test('words every message, a slice of about 2 ms at a time', async () => {
    const items = unworded(1000);
    wording.start(URI, items);
    assert.equal(wordedCount(items), 0, 'nothing before the requests already queued are served');
    for (let i = 0; i < 50 && wordedCount(items) < 1000; i++) await advance(0);
    assert.equal(wordedCount(items), 1000);
    // 1000 × 0.02 ms = 20 ms of wording, in slices: a request waits for one at most.
    const slices = host.asked.slice(1).map((at, i) => at - host.asked[i]);
    assert.ok(slices.length >= 8, `${slices.length + 1} slices`);
    assert.ok(Math.max(...slices) <= 2.5, `the longest slice took ${Math.max(...slices)} ms`);
  });

  test('waits while requests keep coming, and goes on once they pause', async () => {
    const items = unworded(100);
    host.lastRequestAt = host.clock;
    wording.start(URI, items);
    for (let t = 0; t < 200; t += 10) {
      host.lastRequestAt = host.clock;
      await advance(10);
    }
    assert.equal(wordedCount(items), 0, 'not a message while hovers come every 10 ms');
    await advance(40);
    for (let i = 0; i < 5; i++) await advance(0);
    assert.equal(wordedCount(items), 100);
  });

  test('a new check takes the place of the job still running; closing the document ends it', async () => {
    const first = unworded(1000);
    wording.start(URI, first);
    const second = unworded(10);
    // Checked again before the first job had its first slice.
    wording.start(URI, second);
    for (let i = 0; i < 5; i++) await advance(0);
    assert.equal(wordedCount(second), 10);
    assert.equal(wordedCount(first), 0, 'the replaced job is dropped');

    const third = unworded(1000);
    wording.start(URI, third);
    wording.forget(URI);
    for (let i = 0; i < 5; i++) await advance(0);
    assert.equal(wordedCount(third), 0, 'nothing after the close');
  });

  test('a message that fails to word is logged and ends the job; the server goes on', async () => {
    const items: { readonly message: string }[] = [
      ...unworded(3),
      {
        get message(): string {
          throw new Error('the segmenter is gone');
        },
      },
      ...unworded(3),
    ];
    wording.start(URI, items);
    for (let i = 0; i < 5; i++) await advance(0);
    assert.deepEqual(host.errors, ['wording messages: the segmenter is gone']);
    assert.equal(wordedCount(items.slice(4) as Unworded[]), 0, 'the job ended there');
    // The document is checked again: a new job starts.
    const again = unworded(5);
    wording.start(URI, again);
    for (let i = 0; i < 5; i++) await advance(0);
    assert.equal(wordedCount(again), 5);
  });
});
