// When an open document's diagnostics go out. An edit waits out a debounce (counted from when
// it arrived), so a burst of keystrokes publishes once. Meanwhile the publish is built ahead
// (the re-check, the hints, the window), so when the wait ends it only has to be sent: on an
// 11 MB dump building it was 4–13 ms of the user's wait, and the garbage it made was
// collected then too. Whatever changes during the wait (the edited article's new hints, the
// user scrolling out of the window) builds it again. A publish asked for outright (an open,
// new settings) is built afresh.
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
  /** Settles once the editor's settings are read: nothing is built before. */
  ready(): Promise<void>;
  logError(what: string, error: unknown): void;
  /** Milliseconds, as performance.now. */
  now(): number;
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Built during the wait, for the version it names; dropped by anything that changes it. */
  private readonly prepared = new Map<string, PublishContent>();
  /** Documents with a build ahead already queued. */
  private readonly queued = new Set<string>();
  /** The window each document was last published with. */
  private readonly windows = new Map<string, ProblemsWindow>();

  constructor(
    private readonly host: PublisherHost,
    private readonly debounceMs: number,
  ) {}

  /** Publishes once nothing happened to the document for the debounce, counted from `since`. */
  schedule(uri: string, since = this.host.now()): void {
    clearTimeout(this.timers.get(uri));
    this.prepared.delete(uri);
    const wait = Math.max(0, this.debounceMs - (this.host.now() - since));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.fire(uri);
      }, wait),
    );
    this.prepareSoon(uri);
  }

  /**
   * Something besides the text changed (hints, tags). A publish already waiting carries it,
   * built again, and is not pushed back: that would delay a keystroke's diagnostics.
   */
  changed(uri: string): void {
    if (!this.timers.has(uri)) {
      this.schedule(uri);
      return;
    }
    this.prepared.delete(uri);
    this.prepareSoon(uri);
  }

  /** The user is on `line` now (of `lastLine`): the window follows once they leave its middle half. */
  focusMoved(uri: string, line: number, lastLine: number): void {
    const waiting = this.timers.has(uri);
    // While a publish waits, the window that matters is the one it will carry (none yet: it is built with this focus).
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

  isWaiting(uri: string): boolean {
    return this.timers.has(uri);
  }

  windowOf(uri: string): ProblemsWindow | undefined {
    return this.windows.get(uri);
  }

  /** The document was closed: nothing of it is sent any more. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.prepared.delete(uri);
    this.windows.delete(uri);
  }

  private async fire(uri: string): Promise<void> {
    await this.host.ready();
    const content = this.prepared.get(uri);
    this.prepared.delete(uri);
    if (content !== undefined && content.version === this.host.version(uri)) await this.send(uri, content);
    else await this.sendFresh(uri);
  }

  /** Builds the waiting publish after what is already queued (the edit's own requests first). */
  private prepareSoon(uri: string): void {
    if (this.queued.has(uri)) return;
    this.queued.add(uri);
    setImmediate(() => {
      void this.host.ready().then(() => {
        this.queued.delete(uri);
        if (!this.timers.has(uri) || this.prepared.has(uri)) return;
        const content = this.buildSafely(uri);
        if (content !== undefined) this.prepared.set(uri, content);
      });
    });
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
    try {
      await this.host.send(uri, content);
    } catch (error) {
      this.host.logError('publishDiagnostics', error);
    }
  }
}
