// The only file that talks to the connection: each handler is one service call.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type DocumentSymbolParams,
  type ExecuteCommandParams,
  type FoldingRangeParams,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDumpService, textDocument } from './service';
import { loadJiebaSegmenter } from './segmentation/jieba';
import { LineIndex } from './text/positions';
import { projectConfigTarget, validateRules, writeRuleSetting, type RuleSettings } from './config/projectConfig';
import { EDITOR_SETTINGS_LABEL, SettingsResolver, type ResolvedSettings, type SettingsProblem } from './config/checkSettings';
import { addIgnore, ignoreFilePath } from './ignores/ignoreStore';
import { DIAGNOSTIC_SOURCE } from './features/diagnostics';
import { CHECK_FILES_REQUEST, checkFiles, type CheckFilesParams } from './features/checkFiles';
import { readDump } from './io/readDump';
import {
  DISABLE_RULE_COMMAND,
  FIX_ALL_KIND,
  IGNORE_PROBLEM_COMMAND,
  type DisableRuleArgs,
  type IgnoreProblemArgs,
} from './features/codeActions';

/** Typing pauses shorter than this do not re-check a dump. */
const DIAGNOSTICS_DEBOUNCE_MS = 150;
const CONFIGURATION_TIMEOUT_MS = 2000;

/** Starts the newsdump language server; with no connection given, one is made from the process arguments (--stdio, --node-ipc …). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  const jieba = loadJiebaSegmenter();
  const service = createDumpService({ segmenter: jieba.segmenter, logError: (message) => connection.console.error(`newsdump: ${message}`) });

  let workspaceRoot: string | undefined;
  let settingsResolver = new SettingsResolver();
  let canPullConfiguration = false;
  let canRegisterConfigurationChange = false;
  let canWatchFiles = false;
  /** `newsdump.rules` from the editor; undefined until pulled (or pushed by a client that cannot be asked). */
  let editorRules: RuleSettings | undefined;
  /** Publishing waits for the editor's settings so the first diagnostics already use them. */
  let settingsReady: Promise<void> = Promise.resolve();
  const debounceTimers = new Map<string, NodeJS.Timeout>();
  const openedVersions = new Map<string, number>();
  const shownProblems = new Set<string>();
  const configDiagnostics = new Map<string, string>();

  /** A plain notification: nothing to answer, so a client that cannot show it costs nothing (a request's rejection would crash us). */
  function showMessage(type: MessageType, message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type, message }).catch((error) => logError('showMessage', error));
  }

  function logError(name: string, error: unknown): void {
    connection.console.error(`newsdump: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /** A failing feature must cost one answer, never the server: log it and answer null. */
  function guarded<P, R>(
    name: string,
    handler: (params: P, token: CancellationToken) => R,
  ): (params: P, token: CancellationToken) => R | null {
    return (params, token) => {
      try {
        return handler(params, token);
      } catch (error) {
        logError(name, error);
        return null;
      }
    };
  }

  function guardedNotification<P>(name: string, handler: (params: P) => void): (params: P) => void {
    return (params) => {
      try {
        handler(params);
      } catch (error) {
        logError(name, error);
      }
    };
  }

  function guardedAsync<P, R>(
    name: string,
    handler: (params: P, token: CancellationToken) => Promise<R>,
  ): (params: P, token: CancellationToken) => Promise<R | null> {
    return async (params, token) => {
      try {
        return await handler(params, token);
      } catch (error) {
        logError(name, error);
        return null;
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspaceRoot = filePathOf(params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined) ?? params.rootPath ?? undefined;
    settingsResolver = new SettingsResolver(workspaceRoot);
    const workspace = params.capabilities.workspace;
    canPullConfiguration = workspace?.configuration === true;
    canRegisterConfigurationChange = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [IGNORE_PROBLEM_COMMAND, DISABLE_RULE_COMMAND] },
      },
      serverInfo: { name: 'newsdump' },
    };
  });

  connection.onInitialized(() => {
    // Once per session: the editor keeps working, only OCR-break judgement is weaker.
    if (jieba.problem) showMessage(MessageType.Warning, jieba.problem);
    // jieba reads its dictionaries (about 2 s) on the first cut: do it now, not inside the first request.
    setImmediate(() => jieba.segmenter?.cut('郑州'));
    if (canRegisterConfigurationChange) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'newsdump' }).catch((error) => logError('register', error));
    }
    if (canWatchFiles) {
      // A newsdump.json or sidecar edited by hand (or by git) re-checks the open dumps.
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/newsdump.json' }, { globPattern: '**/*.newsdump-ignore.json' }],
        })
        .catch((error) => logError('register', error));
    }
    settingsReady = pullEditorSettings();
  });

  async function pullEditorSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    const pull = connection.workspace.getConfiguration('newsdump').then(
      (section: { rules?: unknown } | null) => {
        editorRules = validateRules(section?.rules);
      },
      (error) => logError('workspace/configuration', error),
    );
    // A client that never answers must not hold back every diagnostic: go on without its settings.
    await Promise.race([pull, new Promise<void>((done) => setTimeout(done, CONFIGURATION_TIMEOUT_MS).unref())]);
  }

  connection.onDidChangeConfiguration(
    guardedNotification('didChangeConfiguration', (params: { settings?: { newsdump?: { rules?: unknown } } | null }) => {
      if (canPullConfiguration) settingsReady = pullEditorSettings();
      else editorRules = validateRules(params.settings?.newsdump?.rules);
      void settingsReady.then(republishAll);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardedNotification('didChangeWatchedFiles', (params: DidChangeWatchedFilesParams) => {
      settingsResolver.invalidate();
      // A deleted newsdump.json takes its problems with it; nothing else would clear them.
      for (const change of params.changes) {
        const path = filePathOf(change.uri);
        if (change.type === FileChangeType.Deleted && path !== undefined && configDiagnostics.has(path)) {
          configDiagnostics.delete(path);
          connection.sendDiagnostics({ uri: change.uri, diagnostics: [] }).catch((error) => logError('publishDiagnostics', error));
        }
      }
      void republishAll();
    }),
  );

  /** Editor settings over newsdump.json; problems with either are shown once, and on newsdump.json itself. */
  function settingsFor(uri: string): Pick<ResolvedSettings, 'overrides' | 'ignores'> {
    const path = filePathOf(uri);
    if (path === undefined) {
      // An untitled buffer has no folder: only the editor's settings apply.
      editorRules?.problems.forEach((problem) => showOnce({ ...problem, file: EDITOR_SETTINGS_LABEL }));
      return { overrides: editorRules?.overrides ?? {}, ignores: [] };
    }
    const settings = settingsResolver.resolve(path, editorRules);
    settings.problems.forEach(showOnce);
    if (settings.configPath) publishConfigProblems(settings.configPath, settings.problems.filter((problem) => problem.file === settings.configPath));
    return settings;
  }

  function showOnce(problem: SettingsProblem): void {
    const line = `newsdump: ${problem.file}: ${problem.message}`;
    if (shownProblems.has(line)) return;
    shownProblems.add(line);
    if (problem.severity === 'error') showMessage(MessageType.Error, line);
    else showMessage(MessageType.Warning, line);
  }

  function publishConfigProblems(configPath: string, problems: readonly SettingsProblem[]): void {
    const key = JSON.stringify(problems);
    if ((configDiagnostics.get(configPath) ?? '[]') === key) return;
    configDiagnostics.set(configPath, key);
    let lines: LineIndex | undefined;
    try {
      lines = new LineIndex(readFileSync(configPath, 'utf8'));
    } catch {
      // Unreadable: the window message says so; underline the start.
    }
    const diagnostics: Diagnostic[] = problems.map((problem) => {
      const start = lines?.positionAt(problem.offset ?? 0) ?? { line: 0, character: 0 };
      return {
        range: { start, end: lines ? { line: start.line, character: lines.lineEnd(start.line) - lines.lineStart(start.line) } : start },
        severity: problem.severity === 'error' ? 1 : 2,
        source: DIAGNOSTIC_SOURCE,
        message: problem.message,
      };
    });
    connection.sendDiagnostics({ uri: fileUriOf(configPath), diagnostics }).catch((error) => logError('publishDiagnostics', error));
  }

  async function publish(uri: string): Promise<void> {
    try {
      await settingsReady;
      const doc = documents.get(uri);
      if (!doc) return;
      const { overrides, ignores } = settingsFor(uri);
      const diagnostics = service.diagnostics(doc, overrides, ignores);
      if (diagnostics) await connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    } catch (error) {
      logError('publishDiagnostics', error);
    }
  }

  function schedulePublish(uri: string): void {
    clearTimeout(debounceTimers.get(uri));
    debounceTimers.set(
      uri,
      setTimeout(() => {
        debounceTimers.delete(uri);
        void publish(uri);
      }, DIAGNOSTICS_DEBOUNCE_MS),
    );
  }

  async function republishAll(): Promise<void> {
    await Promise.all(documents.keys().map(publish));
  }

  documents.onDidOpen((event) => {
    openedVersions.set(event.document.uri, event.document.version);
    void publish(event.document.uri);
  });

  documents.onDidChangeContent((event) => {
    // TextDocuments reports an open as a change too; the open was published at once.
    if (openedVersions.get(event.document.uri) === event.document.version) return;
    schedulePublish(event.document.uri);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    clearTimeout(debounceTimers.get(uri));
    debounceTimers.delete(uri);
    openedVersions.delete(uri);
    service.forget(uri);
    // A file the workspace check covered keeps its problems, as checked on disk; others are cleared.
    if (checkedOnDisk.has(uri)) void settingsReady.then(() => checkOnDisk([uri]));
    else connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => logError('publishDiagnostics', error));
  });

  /** URIs the workspace check has published diagnostics for. */
  const checkedOnDisk = new Set<string>();

  function checkOnDisk(uris: readonly string[], token?: CancellationToken) {
    return checkFiles(
      { uris },
      {
        openDocument: (uri) => documents.get(uri),
        readFile: (uri) => {
          const path = filePathOf(uri);
          if (path === undefined) return { problem: 'not a file: URI' };
          const dump = readDump(path);
          return dump.problem !== undefined ? { problem: dump.problem } : { document: textDocument(uri, dump.text) };
        },
        articleCount: (doc) => service.getModel(doc).model.articles.length,
        diagnostics: (doc) => {
          const { overrides, ignores } = settingsFor(doc.uri);
          return service.diagnostics(doc, overrides, ignores) ?? [];
        },
        publish: (uri, diagnostics) => {
          checkedOnDisk.add(uri);
          connection.sendDiagnostics({ uri, diagnostics }).catch((error) => logError('publishDiagnostics', error));
        },
        forget: (uri) => service.forget(uri),
        isCancelled: () => token?.isCancellationRequested === true,
      },
    );
  }

  connection.onRequest(
    CHECK_FILES_REQUEST,
    guardedAsync('checkFiles', async (params: CheckFilesParams, token: CancellationToken) => {
      await settingsReady;
      return checkOnDisk(params?.uris ?? [], token);
    }),
  );

  connection.onDocumentSymbol(
    guarded('documentSymbol', (params: DocumentSymbolParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? service.documentSymbols(doc, token) : null;
    }),
  );

  connection.onFoldingRanges(
    guarded('foldingRange', (params: FoldingRangeParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? service.foldingRanges(doc, token) : null;
    }),
  );

  connection.onHover(
    guarded('hover', (params: HoverParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? service.hover(doc, params.position, token) : null;
    }),
  );

  connection.onCodeAction(
    guarded('codeAction', (params: CodeActionParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const { overrides, ignores } = settingsFor(doc.uri);
      const request = { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only };
      return service.codeActions(doc, request, overrides, ignores, token);
    }),
  );

  connection.onExecuteCommand(
    guardedAsync('executeCommand', async (params: ExecuteCommandParams) => {
      const [args] = params.arguments ?? [];
      if (params.command === IGNORE_PROBLEM_COMMAND) await ignoreProblem(args as IgnoreProblemArgs);
      else if (params.command === DISABLE_RULE_COMMAND) await disableRule(args as DisableRuleArgs);
      return null;
    }),
  );

  /** Writes the ignore into the dump's sidecar; the problem disappears on the re-publish. */
  async function ignoreProblem(args: IgnoreProblemArgs | undefined): Promise<void> {
    if (typeof args?.uri !== 'string' || typeof args.ignore?.rule !== 'string' || typeof args.ignore.context !== 'string') {
      throw new Error(`${IGNORE_PROBLEM_COMMAND}: expected { uri, ignore: { rule, article, context } }`);
    }
    const path = filePathOf(args.uri);
    if (path === undefined) {
      showMessage(MessageType.Error, 'newsdump: save the dump to a file first: ignores are kept in a file next to it');
      return;
    }
    try {
      addIgnore(ignoreFilePath(path), { rule: args.ignore.rule, article: args.ignore.article ?? null, context: args.ignore.context });
    } catch (error) {
      showMessage(MessageType.Error, `newsdump: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    settingsResolver.invalidate();
    await publish(args.uri);
  }

  /** Turns a rule off in the project's newsdump.json (created in the workspace root when there is none). */
  async function disableRule(args: DisableRuleArgs | undefined): Promise<void> {
    if (typeof args?.uri !== 'string' || typeof args.rule !== 'string') throw new Error(`${DISABLE_RULE_COMMAND}: expected { uri, rule }`);
    const path = filePathOf(args.uri);
    const folder = path !== undefined ? dirname(path) : workspaceRoot;
    if (folder === undefined) {
      showMessage(MessageType.Error, 'newsdump: no folder to keep newsdump.json in: save the dump or open a folder');
      return;
    }
    const configPath = projectConfigTarget(folder, workspaceRoot);
    try {
      writeRuleSetting(configPath, args.rule, 'off');
    } catch (error) {
      showMessage(MessageType.Error, `newsdump: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const editorSetting = editorRules?.overrides[args.rule];
    if (editorSetting !== undefined && editorSetting !== 'off') {
      showMessage(MessageType.Warning, 
        `newsdump: ${args.rule} is off in ${configPath}, but the setting newsdump.rules sets it to '${editorSetting}', which wins in this editor`,
      );
    }
    settingsResolver.invalidate();
    await republishAll();
  }

  // The last net under every handler: a stray rejection is logged, never the end of the session.
  process.on('unhandledRejection', (reason) => logError('a background task', reason));

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** The file behind a file: URI; other schemes (untitled:) have none. */
function filePathOf(uri: string | undefined): string | undefined {
  if (uri === undefined || !uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function fileUriOf(path: string): string {
  return pathToFileURL(path).toString();
}

// Also runnable on its own (`node server.js --stdio`), as a LanguageClient's server module.
if (require.main === module) startServer();
