// Drives the real language server over stdio as an editor does: VS Code-like client
// capabilities, answers to the server's requests (configuration, registrations, token
// refreshes), and a record of every publishDiagnostics with the time it arrived.
// Every wait has a timeout; stop() always ends the process (shutdown/exit, then a kill).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  CancellationTokenSource,
} = require('vscode-languageserver/node');

/** The node flags and environment the VS Code client starts the server with; built with it (npm run build). */
function serverLaunch() {
  try {
    return require('../../client/out/src/serverLaunch.js');
  } catch (error) {
    throw new Error(`client/out/src/serverLaunch.js is missing: run npm run build first (${String(error).split('\n')[0]})`);
  }
}

/** The code of the hint diagnostics that carry entity suggestions. */
export const SUGGESTION_CODE = 'untagged-entity';
export const WINDOW_NOTICE_CODE = 'problems-window';

const SEMANTIC_TOKEN_TYPES = [
  'namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property',
  'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number',
  'regexp', 'operator', 'decorator',
];
const SEMANTIC_TOKEN_MODIFIERS = [
  'declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary',
];

/** What VS Code (1.9x) tells a language server it can do, for the features this server may offer. */
export function vscodeLikeCapabilities() {
  return {
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional', normalizesLineEndings: true },
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      executeCommand: { dynamicRegistration: true },
      configuration: true,
      workspaceFolders: true,
      semanticTokens: { refreshSupport: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: {
        dynamicRegistration: true,
        symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => i + 1) },
        hierarchicalDocumentSymbolSupport: true,
        tagSupport: { valueSet: [1] },
        labelSupport: true,
      },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit'] },
        codeActionLiteralSupport: {
          codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] },
        },
        honorsChangeAnnotations: true,
      },
      foldingRange: { dynamicRegistration: true, rangeLimit: 5000, lineFoldingOnly: true, foldingRangeKind: { valueSet: ['comment', 'imports', 'region'] } },
      semanticTokens: {
        dynamicRegistration: true,
        tokenTypes: SEMANTIC_TOKEN_TYPES,
        tokenModifiers: SEMANTIC_TOKEN_MODIFIERS,
        formats: ['relative'],
        requests: { range: true, full: { delta: true } },
        multilineTokenSupport: false,
        overlappingTokenSupport: false,
        serverCancelSupport: true,
        augmentsSyntaxTokens: true,
      },
    },
    window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
    general: { positionEncodings: ['utf-16'], regularExpressions: { engine: 'ECMAScript', version: 'ES2020' }, markdown: { parser: 'marked', version: '1.1.0' } },
  };
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Rejects after `ms` with a message naming what was awaited. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LspSession {
  /**
   * @param {{ node: string, cli: string, cwd: string, rootUri: string, log: (line: string) => void, track?: (child: import('node:child_process').ChildProcess) => void, initializationOptions?: object }} options
   */
  constructor(options) {
    this.options = options;
    /** Every publishDiagnostics: { uri, version, time, total, suggestions } (counts only, to keep memory flat). */
    this.published = [];
    this.messages = [];
    this.stderr = '';
    this.waiters = new Set();
    this.capabilities = undefined;
    this.configurationRequests = 0;
    this.tokenRefreshes = 0;
  }

  get pid() {
    return this.child?.pid;
  }

  async start(timeoutMs = 30_000) {
    const { node, cli, cwd, rootUri } = this.options;
    const { SERVER_NODE_FLAGS, SERVER_ENVIRONMENT } = serverLaunch();
    const env = { ...process.env, ...SERVER_ENVIRONMENT };
    this.child = spawn(node, [...SERVER_NODE_FLAGS, cli, 'lsp', '--stdio'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.options.track?.(this.child);
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
    this.child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const time = performance.now();
      let suggestions = 0;
      for (const diagnostic of params.diagnostics) if (diagnostic.code === SUGGESTION_CODE) suggestions++;
      // A publish cut to the client's limit says how many there are in its first diagnostic (server/src/features/problemsWindow.ts).
      const window = params.diagnostics[0]?.code === WINDOW_NOTICE_CODE ? params.diagnostics[0].data : undefined;
      // A large dump's opening publish holds the problems of its top before the whole is checked: `partial`.
      const partial = window?.uncheckedFromLine !== undefined;
      this.published.push({ uri: params.uri, version: params.version, time, total: params.diagnostics.length, suggestions, problems: window?.total ?? params.diagnostics.length, partial });
      /** The latest publish whole (only one is kept): the yardstick of what reading one costs a client. */
      this.lastPublish = params;
      for (const wake of [...this.waiters]) wake();
    });
    this.connection.onNotification('window/showMessage', (params) => this.messages.push(params));
    this.connection.onNotification('window/logMessage', (params) => {
      if (params.type === 1) this.messages.push(params);
    });
    this.connection.onNotification(() => {});
    // As VS Code answers: no settings of ours ({} for each item), registrations and refreshes accepted.
    this.connection.onRequest('workspace/configuration', (params) => {
      this.configurationRequests++;
      return params.items.map(() => ({}));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/semanticTokens/refresh', () => {
      this.tokenRefreshes++;
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('window/showDocument', () => ({ success: false }));
    this.connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
    this.connection.onError(([error]) => this.options.log(`lsp connection error: ${error?.message ?? error}`));
    this.connection.listen();
    const init = await withTimeout(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'newsdump-bench', version: '1' },
        locale: 'en',
        rootUri,
        capabilities: vscodeLikeCapabilities(),
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        trace: 'off',
        initializationOptions: this.options.initializationOptions,
      }),
      timeoutMs,
      'initialize',
    );
    this.capabilities = init.capabilities;
    await this.connection.sendNotification(InitializedNotification.type, {});
    return init;
  }

  /** Resolves with the first publish from index `since` on that satisfies `match`; rejects after `timeoutMs`. */
  waitForPublish(since, match, timeoutMs, what) {
    const find = () => this.published.slice(since).find(match);
    const found = find();
    if (found) return Promise.resolve(found);
    let wake;
    const waiting = new Promise((done) => {
      wake = () => {
        const hit = find();
        if (hit) done(hit);
      };
      this.waiters.add(wake);
    });
    return withTimeout(waiting, timeoutMs, `${what}; server stderr tail:\n${this.stderr.slice(-2000)}`).finally(() => this.waiters.delete(wake));
  }

  /**
   * Waits until `uri` gets no publish for `quietMs`, at most `timeoutMs` from now; returns the
   * publishes seen for it from `since` on, and whether it went quiet in time.
   */
  async waitQuiet(uri, since, quietMs, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const mine = this.published.slice(since).filter((record) => record.uri === uri);
      const last = mine.at(-1)?.time ?? 0;
      const now = performance.now();
      if (now - last >= quietMs && mine.length > 0) return { records: mine, quiet: true };
      if (now >= deadline) return { records: mine, quiet: false };
      await sleep(Math.min(50, Math.max(5, deadline - now)));
    }
  }

  open(uri, text, version, languageId = 'newsdump') {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  /** What the editor shows of a dump, as the extension's client reports it on scrolling (newsdump/visibleRanges). */
  showLines(uri, fromLine, toLine) {
    return this.connection.sendNotification('newsdump/visibleRanges', { uri, ranges: [{ start: { line: fromLine, character: 0 }, end: { line: toLine, character: 0 } }] });
  }

  close(uri) {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** A request and its round-trip time in ms; cancelled and rejected after `timeoutMs`. */
  async timedRequest(method, params, timeoutMs) {
    const source = new CancellationTokenSource();
    const started = performance.now();
    try {
      const result = await withTimeout(this.connection.sendRequest(method, params, source.token), timeoutMs, method);
      return { ms: performance.now() - started, result };
    } catch (error) {
      source.cancel();
      throw error;
    } finally {
      source.dispose();
    }
  }

  /** Resident and peak memory of the server process, in MB (Linux /proc). */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
    } catch {
      return { rssMB: null, hwmMB: null };
    }
  }

  /** shutdown + exit, and a kill when the server does not go within a few seconds. Never throws. */
  async stop() {
    if (!this.child) return;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 10_000, 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
        await withTimeout(this.exited, 5_000, 'exit');
      } catch {
        // Busy or stuck: below it is killed.
      }
    }
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await withTimeout(this.exited, 5_000, 'kill').catch(() => {});
    }
    this.connection?.dispose();
  }
}
