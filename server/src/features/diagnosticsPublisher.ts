// When an open document's diagnostics go out. An edit waits out a debounce (counted from when
// it arrived), so a burst of keystrokes publishes once. Meanwhile the publish is built ahead
// (the re-check, the hints, the window), so when the wait ends it only has to be sent: on an
// 11 MB dump building it was 4–13 ms of the user's wait, and the garbage it made was
// collected then too. Whatever changes during the wait (the edited article's new hints, the
// user scrolling out of the window) builds it again. Publishes no keystroke waits for (new
// hints, a scroll) are built when they go, after the debounce and a pause in requests; one
// asked for outright (an open, new settings) at once.
import type { Diagnostic } from 'vscode-languageserver';
import { needsRecentring, type ProblemsWindow } from './problemsWindow';

export interface PublishContent {
  /** The document version the diagnostics are of. */
  readonly version: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Set when only a window of them is published (problemsWindow.ts). */
  readonly window?: ProblemsWindow;
}

export interface PublisherHost {
  /** The publish for the document as it is now; undefined when it is not open. */
  build(uri: string): PublishContent | undefined;
  send(uri: string, content: PublishContent): Promise<void>;
  /** The open document's version; undefined when it is not open. */
  version(uri: string): number | undefined;
  /**
   * Milliseconds until requests have paused long enough for work of our own (0: now). The
   * build ahead waits for that, so a hover or an outline is not held up behind it.
   */
  untilRequestsPause(): number;
  /** Settles once the editor's settings are read: nothing is built before. */
  ready(): Promise<void>;
  logError(what: string, error: unknown): void;
  /** Milliseconds, as performance.now. */
  now(): number;
}

/** How long past its debounce a publish no keystroke waits for may wait for requests to pause. */
const MAX_WAIT_FOR_PAUSE_MS = 1000;
/**
 * Background work holds off this long before a keystroke's publish is due: a slice (a few
 * milliseconds, more with a collection) begun just before would make the publish late.
 */
const HOLD_BEFORE_DUE_MS = 10;

/** A publish waiting out its debounce. */
interface Waiting {
  readonly timer: NodeJS.Timeout;
  /** When it is due (the host's clock). */
  readonly dueAt: number;
  /** It carries an edit: it is built ahead. */
  readonly edited: boolean;
}

export class DiagnosticsPublisher {
  private readonly waiting = new Map<string, Waiting>();
  /** Built during the wait, for the version it names; dropped by anything that changes it. */
  private readonly prepared = new Map<string, PublishContent>();
  /** Documents with a build ahead already queued. */
  private readonly queued = new Set<string>();
  /** The window each document was last published with. */
  private readonly windows = new Map<string, ProblemsWindow>();
  /**
   * How long each document's last build ahead (a keystroke's re-check) took: the next must be
   * done before its publish is due. None yet after an open: see prepareSoon.
   */
  private readonly aheadBuildMs = new Map<string, number>();
  /** Publishes handed to the host and not yet written. */
  private sending = 0;

  constructor(
    private readonly host: PublisherHost,
    private readonly debounceMs: number,
  ) {}

  /** The document was edited (the change arrived at `receivedAt`): published the debounce after, built meanwhile. */
  edited(uri: string, receivedAt = this.host.now()): void {
    this.wait(uri, receivedAt, true);
    this.prepareSoon(uri);
  }

  /** Publishes once nothing happened to the document for the debounce. */
  private schedule(uri: string): void {
    this.wait(uri, this.host.now(), false);
  }

  /** (Re)starts the debounce; an edit already waiting stays one. */
  private wait(uri: string, since: number, edited: boolean): void {
    const before = this.waiting.get(uri);
    clearTimeout(before?.timer);
    this.prepared.delete(uri);
    const wait = Math.max(0, this.debounceMs - (this.host.now() - since));
    const timer = setTimeout(() => this.due(uri), wait);
    this.waiting.set(uri, { timer, dueAt: this.host.now() + wait, edited: edited || before?.edited === true });
  }

  /**
   * The debounce ended. A keystroke's publish goes now. One no keystroke waits for (after a
   * scroll, new hints) first waits for a pause in requests, as the build ahead does: building it
   * can take 30–100 ms on a large dump (a moved window writes a thousand new diagnostics), and a
   * hover right after a scroll would wait behind it. It waits at most MAX_WAIT_FOR_PAUSE_MS.
   */
  private due(uri: string): void {
    const waiting = this.waiting.get(uri);
    if (waiting === undefined) return;
    const pause = waiting.edited ? 0 : this.host.untilRequestsPause();
    if (pause > 0 && this.host.now() - waiting.dueAt < MAX_WAIT_FOR_PAUSE_MS) {
      this.waiting.set(uri, { ...waiting, timer: setTimeout(() => this.due(uri), pause) });
      return;
    }
    this.waiting.delete(uri);
    void this.fire(uri);
  }

  /**
   * Something besides the text changed (hints, tags). A publish already waiting carries it,
   * built again, and is not pushed back: that would delay a keystroke's diagnostics.
   */
  changed(uri: string): void {
    const waiting = this.waiting.get(uri);
    if (waiting === undefined) {
      this.schedule(uri);
      return;
    }
    this.prepared.delete(uri);
    if (waiting.edited) this.prepareSoon(uri);
  }

  /** The user is on `line` now (of `lastLine`): the window follows once they leave its middle half. */
  focusMoved(uri: string, line: number, lastLine: number): void {
    const waiting = this.waiting.has(uri);
    // While a publish waits, the window that matters is the one built for it (none yet: it will be built with this focus).
    const window = waiting ? this.prepared.get(uri)?.window : this.windows.get(uri);
    if (!window || !needsRecentring(window, line, lastLine)) return;
    if (waiting) this.changed(uri);
    else this.schedule(uri);
  }

  /** Built and sent now (an open, new settings, a new ignore); a publish still waiting is built again too. */
  async publishNow(uri: string): Promise<void> {
    if (this.prepared.delete(uri)) this.prepareSoon(uri);
    await this.host.ready();
    await this.sendFresh(uri);
  }

  /**
   * Milliseconds the server's background work (suggestions, wording) should wait so that a
   * keystroke's publish goes out on time and whole: from just before it is due until it is
   * written. Any publish being written holds it: 250 KB leave in several writes, each after the
   * work then running.
   */
  untilKeystrokePublishSent(): number {
    if (this.sending > 0) return 1;
    const now = this.host.now();
    let hold = 0;
    for (const waiting of this.waiting.values()) {
      const left = waiting.dueAt - now;
      if (waiting.edited && left < HOLD_BEFORE_DUE_MS) hold = Math.max(hold, left + 1, 1);
    }
    return hold;
  }

  isWaiting(uri: string): boolean {
    return this.waiting.has(uri);
  }

  windowOf(uri: string): ProblemsWindow | undefined {
    return this.windows.get(uri);
  }

  /** The document was closed: nothing of it is sent any more. */
  forget(uri: string): void {
    clearTimeout(this.waiting.get(uri)?.timer);
    this.waiting.delete(uri);
    this.prepared.delete(uri);
    this.windows.delete(uri);
    this.aheadBuildMs.delete(uri);
  }

  private async fire(uri: string): Promise<void> {
    await this.host.ready();
    const content = this.prepared.get(uri);
    this.prepared.delete(uri);
    if (content !== undefined && content.version === this.host.version(uri)) await this.send(uri, content);
    else await this.sendFresh(uri);
  }

  /**
   * Builds the waiting publish once what is queued has run and requests pause, unless waiting
   * for the pause would leave too little time to build it (twice the last build ahead) before
   * it is due. The first keystroke after an open is built at once: its re-check is the slowest
   * (cold code; every block and problem after the edit moves for the first time), 60–110 ms on
   * an 11 MB dump against 10–25 later, and the builds between (new hints, a scroll) say nothing
   * of it. If it is not built ahead, it is built when it is sent, as it would be anyway.
   */
  private prepareSoon(uri: string): void {
    if (this.queued.has(uri)) return;
    this.queued.add(uri);
    const attempt = () => {
      const waiting = this.waiting.get(uri);
      if (waiting === undefined || this.prepared.has(uri)) return void this.queued.delete(uri);
      const wait = this.host.untilRequestsPause();
      const lastBuild = this.aheadBuildMs.get(uri);
      const slack = lastBuild === undefined ? 0 : waiting.dueAt - this.host.now() - 2 * lastBuild;
      if (wait > 0 && wait < slack) return void setTimeout(attempt, wait);
      void this.host.ready().then(() => {
        this.queued.delete(uri);
        if (!this.waiting.has(uri) || this.prepared.has(uri)) return;
        const started = this.host.now();
        const content = this.buildSafely(uri);
        this.aheadBuildMs.set(uri, this.host.now() - started);
        if (content !== undefined) this.prepared.set(uri, content);
      });
    };
    setImmediate(attempt);
  }

  private async sendFresh(uri: string): Promise<void> {
    const content = this.buildSafely(uri);
    if (content !== undefined) await this.send(uri, content);
  }

  private buildSafely(uri: string): PublishContent | undefined {
    try {
      return this.host.build(uri);
    } catch (error) {
      this.host.logError('publishDiagnostics', error);
      return undefined;
    }
  }

  private async send(uri: string, content: PublishContent): Promise<void> {
    if (content.window) this.windows.set(uri, content.window);
    else this.windows.delete(uri);
    this.sending++;
    try {
      await this.host.send(uri, content);
    } catch (error) {
      this.host.logError('publishDiagnostics', error);
    } finally {
      this.sending--;
    }
  }
}
