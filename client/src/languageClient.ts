// Starts the newsdump language server when the first dump needs it (not when a plain
// .txt activates the extension for sniffing), restarts it on request, and says clearly
// when it cannot start: colouring and language detection go on without it.
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LANGUAGE_ID, serverSettings, traceServer } from './config';
import { VSCODE_DIAGNOSTICS_PER_FILE } from './protocol';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from './serverLaunch';

/**
 * Where the server may be, relative to the extension root: a bundle first (a packaged
 * .vsix), then the tsc output (a checkout). Either is started as `node <module> lsp --stdio`.
 */
export const SERVER_MODULE_CANDIDATES: readonly string[] = ['dist/server.js', 'server/out/src/cli.js'];

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  /** After a failed start, opening another dump does not retry (and re-notify): Restart does. */
  private failed = false;
  private readonly startedEmitter = new vscode.EventEmitter<LanguageClient>();
  /** Fires each time a server is up and has answered `initialize`. */
  readonly onDidStart = this.startedEmitter.event;
  private readonly traceChannel: SettingTraceChannel;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.traceChannel = new SettingTraceChannel(output);
  }

  /** The client when its server is running, else undefined (no start is attempted). */
  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** Starts the server if it is not running; undefined when it cannot start (the user has been told). */
  ensureStarted(): Promise<LanguageClient | undefined> {
    if (this.client?.state === State.Running) return Promise.resolve(this.client);
    if (this.starting) return this.starting;
    if (this.failed) return Promise.resolve(undefined);
    this.starting = this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    this.failed = false;
    const old = this.client;
    this.client = undefined;
    if (old) {
      try {
        await old.dispose(2000);
      } catch (error) {
        this.output.warn(`newsdump: stopping the old server failed: ${messageOf(error)}`);
      }
    }
    const client = await this.ensureStarted();
    if (client) void vscode.window.setStatusBarMessage('$(check) newsdump: language server restarted', 3000);
  }

  private async start(): Promise<LanguageClient | undefined> {
    const serverModule = this.findServerModule();
    if (serverModule === undefined) {
      this.failed = true;
      const looked = SERVER_MODULE_CANDIDATES.join(' or ');
      this.output.error(`newsdump: no language server in ${this.context.extensionPath} (looked for ${looked})`);
      void this.showStartError(
        `newsdump: the language server is missing from this installation (no ${looked}). ` +
          'Colouring works, but the outline, problems and article commands need it: reinstall the extension, or run `npm run build` in a checkout.',
      );
      return undefined;
    }

    // Started as a command on the editor's own Node runtime (what a forked module gets too),
    // not as a `module`: for modules vscode-languageclient appends `--clientProcessId=<pid>`,
    // and `newsdump lsp` accepts nothing but `--stdio`. The server exits when its stdin
    // closes, so it does not outlive the editor either way.
    const env = { ...process.env, ...SERVER_ENVIRONMENT, ELECTRON_RUN_AS_NODE: '1' };
    const serverOptions: ServerOptions = {
      run: { command: process.execPath, args: [...SERVER_NODE_FLAGS, serverModule, 'lsp', '--stdio'], options: { env } },
      debug: { command: process.execPath, args: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009', serverModule, 'lsp', '--stdio'], options: { env } },
    };
    const clientOptions: LanguageClientOptions = {
      // Files and unsaved buffers; a dump shown from git history or a diff keeps its colours but gets no problems.
      documentSelector: [
        { language: LANGUAGE_ID, scheme: 'file' },
        { language: LANGUAGE_ID, scheme: 'untitled' },
      ],
      synchronize: { configurationSection: 'newsdump' },
      outputChannel: this.output,
      traceOutputChannel: this.traceChannel,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // More would be dropped by VS Code from the top of the file: the server sends those around the user instead.
      // Settings too: the first dump opens with the server, before the server could ask for them.
      initializationOptions: { maxDiagnosticsPerDocument: VSCODE_DIAGNOSTICS_PER_FILE, settings: serverSettings() },
      // Crashes: the library's default policy restarts the server (up to 4 times in 3 minutes), then says so.
    };
    // A client the crash policy gave up on is replaced: opening a dump or running a command is the user asking again.
    void this.client?.dispose().catch(() => undefined);
    const client = new LanguageClient('newsdump', 'newsdump language server', serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
      this.output.info(`newsdump: language server started (${serverModule})`);
      this.startedEmitter.fire(client);
      return client;
    } catch (error) {
      this.failed = true;
      if (this.client === client) this.client = undefined;
      this.output.error(`newsdump: the language server did not start: ${messageOf(error)}`);
      void client.dispose().catch(() => undefined);
      void this.showStartError(
        `newsdump: the language server could not start (${messageOf(error)}). ` +
          'Colouring works, but the outline, problems and article commands need it.',
      );
      return undefined;
    }
  }

  private findServerModule(): string | undefined {
    for (const candidate of SERVER_MODULE_CANDIDATES) {
      const path = this.context.asAbsolutePath(candidate);
      if (fs.existsSync(path)) return path;
    }
    return undefined;
  }

  private async showStartError(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Show Output', 'Restart Server');
    if (choice === 'Show Output') this.output.show(true);
    else if (choice === 'Restart Server') await this.restart();
  }

  async dispose(): Promise<void> {
    this.startedEmitter.dispose();
    this.traceChannel.dispose();
    const client = this.client;
    this.client = undefined;
    if (client) await client.dispose(2000).catch(() => undefined);
  }
}

/**
 * The trace channel handed to the LanguageClient. vscode-languageclient 10+ traces only
 * when its trace channel's log level is Trace; this one reports Trace while the
 * `newsdump.trace.server` setting is on, so the setting works as users expect from other
 * language extensions, and writes the trace into the `newsdump` output channel.
 */
class SettingTraceChannel implements vscode.LogOutputChannel {
  private readonly levelEmitter = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.levelEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly base: vscode.LogOutputChannel) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('newsdump.trace.server')) this.levelEmitter.fire(this.logLevel);
      }),
      base.onDidChangeLogLevel(() => this.levelEmitter.fire(this.logLevel)),
    );
  }

  get name(): string {
    return this.base.name;
  }

  get logLevel(): vscode.LogLevel {
    return traceServer() !== 'off' ? vscode.LogLevel.Trace : this.base.logLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    // The base channel may sit at Info: write the trace where it is seen.
    this.base.info(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.base.debug(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    this.base.info(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.base.warn(message, ...args);
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.base.error(error, ...args);
  }

  append(value: string): void {
    this.base.append(value);
  }

  appendLine(value: string): void {
    this.base.appendLine(value);
  }

  replace(value: string): void {
    this.base.replace(value);
  }

  clear(): void {
    this.base.clear();
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.base.show(columnOrPreserveFocus);
    else this.base.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.base.hide();
  }

  dispose(): void {
    // The base channel belongs to the extension; only this wrapper's listeners go.
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.levelEmitter.dispose();
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
