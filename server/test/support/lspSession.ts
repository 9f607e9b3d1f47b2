// The real language server in a child process, spoken to over stdio as an editor does.
// One place for the spawn and JSON-RPC plumbing the LSP tests share: it collects what
// the server pushes (diagnostics, window messages, log lines), answers what it asks
// (workspace/configuration, client/registerCapability), tracks open documents' text and
// versions, and can read the server's memory use.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type ConfigurationItem,
  type DataCallback,
  type Disposable,
  type InitializeResult,
  type LogMessageParams,
  type Message,
  type MessageReader,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
export const SERVER_CLI = resolve(__dirname, '..', '..', 'src', 'cli.js');
const FAULTS_MODULE = resolve(__dirname, 'faults.js');

export interface SessionOptions {
  /** Working folder of the server process (default: the repository). */
  readonly cwd?: string;
  /** Extra variables for the server's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Options for node itself, before the script (e.g. --cpu-prof, --max-old-space-size). */
  readonly nodeArgs?: readonly string[];
  /** Faults to inject into the server process (see support/faults.ts), e.g. `no-nodejieba`. */
  readonly faults?: readonly string[];
  /** Arguments after `lsp --stdio`. */
  readonly args?: readonly string[];
  readonly rootUri?: string | null;
  readonly workspaceFolders?: WorkspaceFolder[] | null;
  readonly capabilities?: ClientCapabilities;
  /** The answer to one workspace/configuration item (default null, as for an unset section). */
  readonly configuration?: (item: ConfigurationItem) => unknown;
  /** The client's initializationOptions (the VS Code client sends { maxDiagnosticsPerDocument: 1000 }). */
  readonly initializationOptions?: unknown;
  /** Send initialize and initialized in start() (default true). */
  readonly initialize?: boolean;
}

export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface OpenDoc {
  path?: string;
  text: string;
  version: number;
}

const RAW_ID_PREFIX = 'raw:';

/** A reader that hands responses to raw requests to us and everything else to the connection. */
class TappedReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly tap: (message: Message) => boolean,
  ) {}
  get onError(): MessageReader['onError'] {
    return this.inner.onError;
  }
  get onClose(): MessageReader['onClose'] {
    return this.inner.onClose;
  }
  get onPartialMessage(): MessageReader['onPartialMessage'] {
    return this.inner.onPartialMessage;
  }
  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (!this.tap(message)) callback(message);
    });
  }
  dispose(): void {
    this.inner.dispose();
  }
}

export class LspSession {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** Methods of client/registerCapability registrations the server asked for. */
  readonly registrations: string[] = [];
  stderr = '';
  initializeResult: InitializeResult | undefined;
  readonly exited: Promise<number | null>;
  readonly docs = new Map<string, OpenDoc>();
  private readonly writer: StreamMessageWriter;
  private readonly rawPending = new Map<string, (response: { result?: unknown; error?: { code: number; message: string } }) => void>();
  private rawCount = 0;
  private wake: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    writer: StreamMessageWriter,
  ) {
    this.writer = writer;
    this.exited = new Promise((done) => child.on('exit', (code) => done(code)));
  }

  /** Spawns `cli.js lsp --stdio`, listens, and (unless told not to) initializes it. */
  static async start(options: SessionOptions = {}): Promise<LspSession> {
    const faults = options.faults?.length ? ['--require', FAULTS_MODULE] : [];
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...faults, SERVER_CLI, 'lsp', '--stdio', ...(options.args ?? [])], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env, ...(options.faults?.length ? { NEWSDUMP_TEST_FAULTS: options.faults.join(',') } : {}) },
    });
    let session: LspSession | undefined;
    const reader = new TappedReader(new StreamMessageReader(child.stdout), (message) => session?.takeRaw(message) ?? false);
    const writer = new StreamMessageWriter(child.stdin);
    const connection = createProtocolConnection(reader, writer);
    session = new LspSession(child, connection, writer);
    const self = session;
    child.stderr.on('data', (chunk: Buffer) => (self.stderr += chunk.toString()));
    // A write after the server died must fail the test that caused it, not the whole run.
    child.stdin.on('error', () => undefined);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      self.published.push(params);
      self.wakeUp();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      self.messages.push(params);
      self.wakeUp();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      self.logs.push(params);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => options.configuration?.(item) ?? null));
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      self.registrations.push(...params.registrations.map((registration) => registration.method));
      return null;
    });
    connection.listen();
    if (options.initialize !== false) {
      self.initializeResult = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: options.rootUri === undefined ? null : options.rootUri,
        capabilities: options.capabilities ?? {},
        workspaceFolders: options.workspaceFolders ?? null,
        initializationOptions: options.initializationOptions,
      });
      await connection.sendNotification(InitializedNotification.type, {});
    }
    return self;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  request<R>(method: string, params?: unknown, token?: CancellationTokenSource): Promise<R> {
    return token ? this.connection.sendRequest<R>(method, params, token.token) : this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /**
   * A request written as is, with params exactly as given (or none at all): for malformed
   * requests the connection library would otherwise reshape. Resolves with the response.
   */
  rawRequest(method: string, ...params: [] | [unknown]): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    const id = `${RAW_ID_PREFIX}${++this.rawCount}`;
    const answered = new Promise<{ result?: unknown; error?: { code: number; message: string } }>((done) => this.rawPending.set(id, done));
    const message = params.length === 0 ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params: params[0] };
    void this.writer.write(message as Message);
    return answered;
  }

  /** A notification written as is (see rawRequest). */
  rawNotify(method: string, ...params: [] | [unknown]): Promise<void> {
    const message = params.length === 0 ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params: params[0] };
    return this.writer.write(message as Message);
  }

  private takeRaw(message: Message): boolean {
    const id = (message as { id?: unknown }).id;
    if (typeof id !== 'string' || !id.startsWith(RAW_ID_PREFIX) || 'method' in message) return false;
    this.rawPending.get(id)?.(message as { result?: unknown; error?: { code: number; message: string } });
    this.rawPending.delete(id);
    return true;
  }

  private wakeUp(): void {
    const ready = this.wake;
    this.wake = [];
    ready.forEach((done) => done());
  }

  /** Polls `probe` (and wakes on every push from the server) until it returns something. */
  async waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      assert.ok(this.alive, `the server exited while waiting for ${what}; stderr:\n${this.stderr}`);
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}; server stderr:\n${this.stderr}`);
      await new Promise<void>((done) => {
        this.wake.push(done);
        setTimeout(done, 50);
      });
    }
  }

  /**
   * The first publish for `uri` after `since` (a count of publishes) for `version` (default:
   * the tracked version of an open document, if any) that passes `check`.
   */
  diagnostics(
    uri: string,
    options: { since?: number; version?: number | null; check?: (params: PublishDiagnosticsParams) => boolean; timeoutMs?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    const since = options.since ?? 0;
    const version = options.version === undefined ? this.docs.get(uri)?.version : options.version;
    return this.waitFor(
      `diagnostics of ${uri}${version !== undefined && version !== null ? ` version ${version}` : ''}`,
      () =>
        this.published
          .slice(since)
          .find((params) => params.uri === uri && (version === undefined || version === null || params.version === version) && (options.check?.(params) ?? true)),
      options.timeoutMs,
    );
  }

  /** The latest publish for `uri` so far. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Opens a document with this text (default: the file's content) and tracks its text and version. */
  async open(uri: string, options: { text?: string; path?: string; languageId?: string; version?: number } = {}): Promise<void> {
    const text = options.text ?? readFileSync(options.path!, 'utf8');
    const version = options.version ?? 1;
    this.docs.set(uri, { path: options.path, text, version });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: options.languageId ?? 'newsdump', version, text },
    });
  }

  text(uri: string): string {
    return this.docs.get(uri)!.text;
  }

  version(uri: string): number {
    return this.docs.get(uri)!.version;
  }

  /** Edits in one didChange, each in the offsets the one before left, as an editor sends them. */
  async change(uri: string, ...edits: OffsetEdit[]): Promise<void> {
    const doc = this.docs.get(uri)!;
    const contentChanges = edits.map((edit) => {
      const range = { start: positionAt(doc.text, edit.start), end: positionAt(doc.text, edit.end) };
      doc.text = doc.text.slice(0, edit.start) + edit.text + doc.text.slice(edit.end);
      return { range, text: edit.text };
    });
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges });
  }

  /** Saves as an editor does: the text goes to the file (when there is one), then didSave without text. */
  async save(uri: string): Promise<void> {
    const doc = this.docs.get(uri)!;
    if (doc.path !== undefined) writeFileSync(doc.path, doc.text);
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Resident memory of the server process in kB (Linux /proc); undefined elsewhere. */
  rssKb(): number | undefined {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** shutdown, then exit; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return this.exited;
  }

  /** Ends the process if it still runs and drops the connection; safe to call twice. */
  dispose(): void {
    if (this.alive) this.child.kill();
    this.connection.dispose();
    // The reader stops reading when disposed: a pipe it no longer reads would never see its
    // end and would keep the test process alive after its last test.
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) stream.destroy();
  }
}

/** The LSP position (line, UTF-16 character) of an offset; lines end at \r\n, \r or \n, as LSP counts them. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  const breaks = /\r\n|\r|\n/g;
  for (let match = breaks.exec(text); match && match.index + match[0].length <= offset; match = breaks.exec(text)) {
    line++;
    lineStart = match.index + match[0].length;
  }
  return { line, character: offset - lineStart };
}

export { CancellationTokenSource };
