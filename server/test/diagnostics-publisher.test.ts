// When diagnostics go out: once per burst of keystrokes, after the debounce, with what the
// document holds by then, and built during the wait so that the end of it only sends.
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticsPublisher, type PublishContent, type PublisherHost } from '../src/features/diagnosticsPublisher';
import type { ProblemsWindow } from '../src/features/problemsWindow';

const DEBOUNCE_MS = 150;
const URI = 'file:///dump.txt';

/** A document whose state the test changes; every build and send is recorded with the clock's time. */
class FakeHost implements PublisherHost {
  version_ = 1;
  /** What the hints say now; each build publishes it as one diagnostic's message. */
  hints = 'hints v1';
  focusLine = 0;
  open = true;
  failBuild = false;
  /** How long a build takes, on the clock. */
  buildMs = 0;
  /** When requests (hovers …) last came, on the clock: the build ahead waits for a 40 ms pause after them. */
  lastRequestAt = -Infinity;
  settings: Promise<void> = Promise.resolve();
  clock = 0;
  readonly builds: { at: number; content: PublishContent }[] = [];
  readonly sent: { at: number; content: PublishContent }[] = [];
  readonly errors: string[] = [];

  build(uri: string): PublishContent | undefined {
    assert.equal(uri, URI);
    if (!this.open) return undefined;
    if (this.failBuild) throw new Error('the model is broken');
    this.clock += this.buildMs;
    const diagnostic: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: `${this.hints} @v${this.version_}` };
    // A window of 100 lines around the focus, as the real build makes one past the client's limit.
    const window: ProblemsWindow = { fromLine: Math.max(0, this.focusLine - 50), toLine: this.focusLine + 50, shown: 1, total: 5000, errorsElsewhere: 0 };
    const content = { version: this.version_, diagnostics: [diagnostic], window };
    this.builds.push({ at: this.clock, content });
    return content;
  }

  /** While set, a send is still being written: it settles when this does. */
  writing: Promise<void> | undefined;

  async send(_uri: string, content: PublishContent): Promise<void> {
    this.sent.push({ at: this.clock, content });
    await this.writing;
  }

  version(): number | undefined {
    return this.open ? this.version_ : undefined;
  }

  untilRequestsPause(): number {
    return Math.max(0, 40 - (this.clock - this.lastRequestAt));
  }

  ready(): Promise<void> {
    return this.settings;
  }

  logError(what: string, error: unknown): void {
    this.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }

  now(): number {
    return this.clock;
  }

  sentMessages(): string[] {
    return this.sent.map((record) => String(record.content.diagnostics[0].message));
  }
}

let host: FakeHost;
let publisher: DiagnosticsPublisher;

/** Lets promise callbacks (settings read, sends) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Moves the clock (the host's and the timers') by `ms`, running what falls due. */
async function advance(ms: number): Promise<void> {
  host.clock += ms;
  mock.timers.tick(ms);
  await settle();
}

/** An edit arrives: the document has a new version and a publish is asked for. */
async function edit(): Promise<void> {
  host.version_++;
  publisher.edited(URI);
}

/** A keystroke that comes just after a request (a hover), and a millisecond for what it queued. */
async function editRightAfterARequest(): Promise<void> {
  host.lastRequestAt = host.clock;
  await edit();
  await advance(1);
}

/** The first keystroke after the open (built ahead at once), published: later ones are timed by their builds. */
async function firstKeystroke(): Promise<void> {
  await edit();
  await advance(1);
  assert.equal(host.builds.length, 1, 'the first keystroke is built ahead');
  await advance(DEBOUNCE_MS - 1);
  host.builds.length = 0;
  host.sent.length = 0;
}

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  host = new FakeHost();
  publisher = new DiagnosticsPublisher(host, DEBOUNCE_MS);
});

afterEach(() => mock.timers.reset());

describe('DiagnosticsPublisher', () => {
  test('a burst of keystrokes publishes once, the debounce after the last, what was built during the wait', async () => {
    for (let i = 0; i < 3; i++) {
      await edit();
      await advance(40);
    }
    assert.equal(host.sent.length, 0, 'nothing is sent while keys keep coming');
    const buildsBefore = host.builds.length;
    assert.ok(buildsBefore > 0, 'the publish is built during the wait');
    await advance(DEBOUNCE_MS - 40 - 1);
    assert.equal(host.sent.length, 0);
    await advance(1);
    assert.deepEqual(host.sentMessages(), ['hints v1 @v4']);
    assert.equal(host.sent[0].at, 40 * 2 + DEBOUNCE_MS, 'sent the debounce after the last keystroke');
    assert.equal(host.builds.length, buildsBefore, 'the end of the wait only sends');
    assert.equal(host.sent[0].content, host.builds[host.builds.length - 1].content);
  });

  test('the debounce counts from when the edit arrived, not from when it was applied', async () => {
    host.clock = 1000;
    host.version_++;
    publisher.edited(URI, 1000 - 30);
    await advance(DEBOUNCE_MS - 30 - 1);
    assert.equal(host.sent.length, 0);
    await advance(1);
    assert.equal(host.sent.length, 1);
  });

  test('new hints during the wait go out with it, rebuilt, without pushing the publish back', async () => {
    await edit();
    await advance(20);
    host.hints = 'hints v2';
    publisher.changed(URI);
    await advance(DEBOUNCE_MS - 20);
    assert.deepEqual(host.sentMessages(), ['hints v2 @v2']);
    assert.equal(host.sent[0].at, DEBOUNCE_MS);
  });

  test('a change when no keystroke waits is published after the debounce, built when it goes', async () => {
    host.hints = 'hints v2';
    publisher.changed(URI);
    await advance(DEBOUNCE_MS - 1);
    assert.equal(host.builds.length, 0, 'not built ahead: nobody waits for it, and requests meanwhile would');
    host.hints = 'hints v3';
    await advance(1);
    assert.deepEqual(host.sentMessages(), ['hints v3 @v1']);
    assert.equal(host.builds.length, 1);
  });

  test('a publish no keystroke waits for (a scroll) waits past its debounce for a pause in requests, a second at most', async () => {
    await publisher.publishNow(URI);
    host.builds.length = 0;
    host.sent.length = 0;
    host.focusLine = 5000;
    publisher.focusMoved(URI, 5000, 10_000);
    // Hovers keep coming as the debounce ends: its build would hold the next one up.
    for (let t = 0; t < DEBOUNCE_MS + 30; t += 10) {
      host.lastRequestAt = host.clock;
      await advance(10);
    }
    assert.equal(host.builds.length, 0, 'not built while requests come');
    // The last request came 10 ms ago.
    await advance(29);
    assert.equal(host.sent.length, 0);
    await advance(1);
    assert.equal(host.sent.length, 1, 'sent once they paused');
    assert.equal(host.sent[0].content.window?.fromLine, 4950);

    // Requests that never pause do not hold it back for good.
    host.focusLine = 100;
    publisher.focusMoved(URI, 100, 10_000);
    const movedAt = host.clock;
    while (host.sent.length === 1 && host.clock - movedAt < 5000) {
      host.lastRequestAt = host.clock;
      await advance(10);
    }
    assert.equal(host.sent.length, 2);
    assert.ok(host.clock - movedAt <= DEBOUNCE_MS + 1000 + 40, `sent ${host.clock - movedAt} ms after the scroll`);

    // A keystroke's publish does not wait for the pause.
    await edit();
    for (let t = 0; t < DEBOUNCE_MS; t += 10) {
      host.lastRequestAt = host.clock;
      await advance(10);
    }
    assert.equal(host.sent.length, 3);
  });

  test('a change the wait did not hear of is not hidden: a publish is never older than its version', async () => {
    await edit();
    await advance(20);
    // The document moved on without the publisher being told (a stale build must not go out).
    host.version_++;
    await advance(DEBOUNCE_MS);
    assert.deepEqual(host.sentMessages(), ['hints v1 @v3']);
  });

  test('the window follows the user out of its middle half, also while a publish waits', async () => {
    await edit();
    await advance(DEBOUNCE_MS);
    assert.deepEqual(host.sent[0].content.window, { fromLine: 0, toLine: 50, shown: 1, total: 5000, errorsElsewhere: 0 });
    assert.deepEqual(publisher.windowOf(URI), host.sent[0].content.window);

    // Within the middle half: nothing is published again.
    host.focusLine = 20;
    publisher.focusMoved(URI, 20, 10_000);
    await advance(DEBOUNCE_MS * 2);
    assert.equal(host.sent.length, 1);

    // Scrolled far down: published again around the new place.
    host.focusLine = 5000;
    publisher.focusMoved(URI, 5000, 10_000);
    await advance(DEBOUNCE_MS);
    assert.equal(host.sent.length, 2);
    assert.equal(host.sent[1].content.window?.fromLine, 4950);

    // Back at the top, and published there.
    host.focusLine = 10;
    publisher.focusMoved(URI, 10, 10_000);
    await advance(DEBOUNCE_MS);
    assert.equal(host.sent[2].content.window?.fromLine, 0);

    // A keystroke far down (its publish is built around line 8000), then back to the top while it waits:
    // the top is inside the published window, but not inside the one about to go out.
    host.focusLine = 8000;
    await edit();
    await advance(10);
    host.focusLine = 10;
    publisher.focusMoved(URI, 10, 10_000);
    await advance(DEBOUNCE_MS - 10);
    assert.equal(host.sent.length, 4);
    assert.equal(host.sent[3].content.window?.fromLine, 0, 'the waiting publish was built again around the new place');
  });

  test('a publish asked for outright goes now; the one waiting still goes, with what holds then', async () => {
    await edit();
    await advance(10);
    host.hints = 'new settings';
    await publisher.publishNow(URI);
    assert.deepEqual(host.sentMessages(), ['new settings @v2']);
    await advance(DEBOUNCE_MS);
    assert.deepEqual(host.sentMessages(), ['new settings @v2', 'new settings @v2']);
  });

  test('requests go first: the build ahead waits for a pause in them, and the publish is built when sent if none came', async () => {
    await firstKeystroke();
    await edit();
    host.lastRequestAt = host.clock;
    await advance(39);
    assert.equal(host.builds.length, 0, 'not built while hovers keep coming');
    await advance(1);
    assert.equal(host.builds.length, 1, 'built once they paused');
    await advance(DEBOUNCE_MS - 40);
    assert.equal(host.sent.length, 1);
    assert.equal(host.builds.length, 1);

    // Requests all through the wait: built once, when the debounce ends.
    await edit();
    for (let t = 0; t < DEBOUNCE_MS; t += 10) {
      host.lastRequestAt = host.clock;
      await advance(10);
    }
    assert.equal(host.sent.length, 2);
    assert.equal(host.builds.length, 2);
    assert.equal(host.sent[1].at, host.sent[0].at + DEBOUNCE_MS);
    assert.deepEqual(host.sentMessages(), ['hints v1 @v3', 'hints v1 @v4']);
  });

  test('the first keystroke after an open is built at once, requests or not', async () => {
    await publisher.publishNow(URI);
    // The builds after the open (new hints, a scroll) are quick; the first re-check is not.
    await editRightAfterARequest();
    assert.equal(host.builds.length, 2, 'built at once, though a request has just come');
    await advance(DEBOUNCE_MS);
    assert.equal(host.sent.length, 2);
    assert.equal(host.builds.length, 2, 'the end of the wait only sent');

    // Opened again: the first keystroke is the slow one again.
    publisher.forget(URI);
    await publisher.publishNow(URI);
    await editRightAfterARequest();
    assert.equal(host.builds.length, 4);
  });

  test('a slow build ahead does not wait for requests to pause when the publish would then be late', async () => {
    host.buildMs = 60;
    await firstKeystroke();
    // A request has just come: waiting 40 ms for a pause would leave less than two builds' time before the publish is due.
    await editRightAfterARequest();
    assert.equal(host.builds.length, 1, 'built at once, requests or not');
    await advance(DEBOUNCE_MS);
    assert.equal(host.sent.length, 1);
    assert.equal(host.builds.length, 1, 'the end of the wait only sent');

    // Quick builds leave room to wait for the pause.
    host.buildMs = 5;
    await editRightAfterARequest();
    assert.equal(host.builds.length, 2, 'the last build ahead was slow: still built at once');
    await advance(DEBOUNCE_MS);
    await editRightAfterARequest();
    assert.equal(host.builds.length, 2, 'after a quick build ahead, it waits for the pause');
    await advance(39);
    assert.equal(host.builds.length, 3);
  });

  test('nothing is built before the settings are read; the publish then waits for them', async () => {
    let read!: () => void;
    host.settings = new Promise<void>((done) => (read = done));
    await edit();
    await advance(DEBOUNCE_MS * 2);
    assert.equal(host.builds.length, 0);
    assert.equal(host.sent.length, 0);
    host.hints = 'with the settings';
    read();
    await settle();
    assert.deepEqual(host.sentMessages(), ['with the settings @v2']);
  });

  test('background work holds off from just before a keystroke\'s publish is due until it is written', async () => {
    assert.equal(publisher.untilKeystrokePublishSent(), 0, 'nothing waiting: no hold');
    await edit();
    await advance(DEBOUNCE_MS - 20);
    assert.equal(publisher.untilKeystrokePublishSent(), 0, 'due in 20 ms: background work may still run');
    await advance(15);
    const hold = publisher.untilKeystrokePublishSent();
    assert.ok(hold >= 5 && hold <= 6, `due in 5 ms: held until then (${hold})`);
    let written!: () => void;
    host.writing = new Promise((resolve) => (written = resolve));
    await advance(5);
    assert.equal(host.sent.length, 1, 'the publish went out on time');
    assert.ok(publisher.untilKeystrokePublishSent() > 0, 'held while the publish is being written');
    written();
    await settle();
    assert.equal(publisher.untilKeystrokePublishSent(), 0, 'written: background work goes on');
  });

  test('a publish no keystroke waits for (new hints) does not hold background work', async () => {
    await firstKeystroke();
    await advance(1);
    publisher.changed(URI);
    await advance(DEBOUNCE_MS - 2);
    assert.equal(publisher.isWaiting(URI), true);
    assert.equal(publisher.untilKeystrokePublishSent(), 0);
  });

  test('a closed document gets nothing more', async () => {
    await edit();
    await advance(20);
    publisher.forget(URI);
    host.open = false;
    await advance(DEBOUNCE_MS);
    assert.equal(host.sent.length, 0);
    assert.equal(publisher.isWaiting(URI), false);
    assert.equal(publisher.windowOf(URI), undefined);
  });

  test('a build that throws is logged and sends nothing; the next publish works', async () => {
    host.failBuild = true;
    await edit();
    await advance(DEBOUNCE_MS);
    assert.equal(host.sent.length, 0);
    assert.ok(host.errors.length > 0 && host.errors.every((error) => error.includes('the model is broken')), host.errors.join('\n'));
    host.failBuild = false;
    await edit();
    await advance(DEBOUNCE_MS);
    assert.deepEqual(host.sentMessages(), ['hints v1 @v3']);
  });
});
