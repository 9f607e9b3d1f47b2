// The only file that talks to the connection: each handler is one service call.
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  Message,
  MessageType,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type ResponseMessage,
  type DidChangeWatchedFilesParams,
  type DocumentSymbolParams,
  type ExecuteCommandParams,
  type FoldingRangeParams,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type SemanticTokensParams,
  type SemanticTokensRangeParams,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { createDumpService, textDocument } from './service';
import { encodeDiagnosticsAhead, markStableItems, messageBytes } from './transport/jsonMessages';
import { decodeUtf8 } from './text/utf8';
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
import { trackedDocuments } from './text/documentChanges';
import type { OpenDocument } from './text/openDocument';
import { createEntityFeatures } from './entityFeatures';
import { SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
import { TAG_ACTION_KIND } from './features/tagging';
import { TAGS_CHANGED_NOTIFICATION, TAGS_REQUEST, type TagsParams } from './features/tagRanges';
import { VISIBLE_RANGES_NOTIFICATION, publishLimitOf, windowDiagnostics, type VisibleRangesParams } from './features/problemsWindow';
import { DiagnosticsPublisher, type PublishContent } from './features/diagnosticsPublisher';
import { BackgroundWording } from './features/backgroundWording';
import { EngineWarmUp } from './features/engineWarmUp';
import { mergeEntityTypes, validateEntityTypes, type EntityTypesSettings } from './config/entityTypes';
import { filePathOf } from './entities/annotationDocuments';
import { WorkspaceSymbolIndex } from './features/workspaceSymbols';
import { ENTITIES_REQUEST, type EntitiesParams } from './features/entitiesRequest';
import { EXPORT_COMMAND, runExport, type ExportArgs } from './features/exportCommand';
import { tuneEngine } from './engineTuning';

/** Typing pauses shorter than this do not re-check a dump. */
const DIAGNOSTICS_DEBOUNCE_MS = 150;
const CONFIGURATION_TIMEOUT_MS = 2000;
/** Many tag changes in a row ask the client for new colours once. */
const TOKENS_REFRESH_DEBOUNCE_MS = 100;
const ENTITY_TYPES_SETTING_LABEL = 'setting newsdump.entityTypes';

/** Starts the newsdump language server; with no connection given, one is made from the process arguments (--stdio, --node-ipc …). */
export function startServer(connection: Connection = connectionFromArguments()): Connection {
  // Tags follow each edit: the documents report the offsets of every change (see documentChanges.ts for why there).
  const documents = new TextDocuments(
    trackedDocuments(
      (uri, changes, textAfter, receivedAt) => {
        editReceivedAt.set(uri, receivedAt);
        // First the parse cache (it only records where the text changed), then the tags.
        service.noteChanges(uri, changes);
        entities.didChange(uri, changes, textAfter);
      },
      (error) => logError('following an edit with the tags', error),
    ),
  );
  const jieba = loadJiebaSegmenter();
  const service = createDumpService({ segmenter: jieba.segmenter, logError: (message) => connection.console.error(`newsdump: ${message}`) });
  const entities = createEntityFeatures({
    service,
    segmenter: jieba.segmenter,
    document: (uri) => documents.get(uri),
    openUris: () => documents.keys(),
    workspaceRoot: () => workspaceRoot,
    settings: (uri) => ({
      entityTypes: mergeEntityTypes(settingsFor(uri).entityTypes, editorEntityTypes.types),
      suggestions: suggestionsEnabled,
    }),
    tell: (severity, message) => showMessage(severity === 'error' ? MessageType.Error : severity === 'warning' ? MessageType.Warning : MessageType.Info, message),
    // A publish already waiting will carry what changed; pushing it back would delay a keystroke's diagnostics.
    republish: (uri) => publisher.changed(uri),
    focusMoved: (uri, offset) => {
      const doc = documents.get(uri);
      if (!doc || (!publisher.isWaiting(uri) && !publisher.windowOf(uri))) return;
      const { lines } = service.getModel(doc);
      publisher.focusMoved(uri, lines.lineOf(offset), lines.lineCount - 1);
    },
    refreshTokens: () => scheduleTokensRefresh(),
    untilPublishSent: () => publisher.untilKeystrokePublishSent(),
    tagsChanged: (uri) => void connection.sendNotification(TAGS_CHANGED_NOTIFICATION, { uri }).catch((error) => logError(TAGS_CHANGED_NOTIFICATION, error)),
  });

  let workspaceRoot: string | undefined;
  /** Every workspace folder (workspaceRoot is the first), for the workspace symbols. */
  let workspaceRoots: string[] = [];
  const workspaceSymbols = new WorkspaceSymbolIndex({
    segmenter: jieba.segmenter,
    roots: () => workspaceRoots,
    openDump: (path) => {
      const doc = documents.all().find((open) => filePathOf(open.uri) === path);
      return doc && { uri: doc.uri, text: doc.getText(), tags: entities.tagsOf(doc.uri) ?? [] };
    },
    openPaths: () => documents.keys().flatMap((uri) => filePathOf(uri) ?? []),
    log: (message) => connection.console.warn(message),
    watched: () => canWatchFiles,
  });
  let settingsResolver = new SettingsResolver();
  let canPullConfiguration = false;
  let canRegisterConfigurationChange = false;
  let canWatchFiles = false;
  let canRefreshTokens = false;
  let tokensRefreshTimer: NodeJS.Timeout | undefined;
  /** `newsdump.entityTypes` and `newsdump.suggestions.enabled` from the editor. */
  let editorEntityTypes: EntityTypesSettings = { types: [], problems: [] };
  let suggestionsEnabled = true;
  /** `newsdump.rules` from the editor; undefined until pulled (or pushed by a client that cannot be asked). */
  let editorRules: RuleSettings | undefined;
  /** Publishing waits for the editor's settings so the first diagnostics already use them. */
  let settingsReady: Promise<void> = Promise.resolve();
  /** When each document's last change came in: its debounce counts from then, not from when the change was applied. */
  const editReceivedAt = new Map<string, number>();
  /** How many diagnostics of one document the client shows at most (initializationOptions); none said, no limit. */
  let publishLimit: number | undefined;
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
      entities.noteRequest();
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
      entities.noteRequest();
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
    workspaceRoots = (params.workspaceFolders ?? []).flatMap((folder) => filePathOf(folder.uri) ?? []);
    if (workspaceRoots.length === 0 && workspaceRoot !== undefined) workspaceRoots = [workspaceRoot];
    settingsResolver = new SettingsResolver(workspaceRoot);
    const workspace = params.capabilities.workspace;
    canPullConfiguration = workspace?.configuration === true;
    canRegisterConfigurationChange = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRefreshTokens = workspace?.semanticTokens?.refreshSupport === true;
    publishLimit = publishLimitOf(params.initializationOptions);
    // The editor's settings as the client started: known before the first open, so its first publish can use them.
    const startSettings = editorSectionOf(params.initializationOptions);
    if (startSettings !== undefined) applyEditorSection(startSettings);
    return {
      capabilities: {
        // Saves tell us when a dump's tags fit the file on disk, so its .ann can be written.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, TAG_ACTION_KIND] },
        executeCommandProvider: { commands: [IGNORE_PROBLEM_COMMAND, DISABLE_RULE_COMMAND, EXPORT_COMMAND, ...entities.commands] },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
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
          watchers: [{ globPattern: '**/newsdump.json' }, { globPattern: '**/*.newsdump-ignore.json' }, { globPattern: '**/*.ann' }, { globPattern: '**/*.txt' }],
        })
        .catch((error) => logError('register', error));
    }
    settingsReady = pullEditorSettings();
  });

  async function pullEditorSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    const pull = connection.workspace.getConfiguration('newsdump').then(
      (section: EditorSection | null) => applyEditorSection(section),
      (error) => logError('workspace/configuration', error),
    );
    // A client that never answers must not hold back every diagnostic: go on without its settings.
    await Promise.race([pull, new Promise<void>((done) => setTimeout(done, CONFIGURATION_TIMEOUT_MS).unref())]);
  }

  function applyEditorSection(section: EditorSection | null | undefined): void {
    editorRules = validateRules(section?.rules);
    editorEntityTypes = validateEntityTypes(section?.entityTypes);
    editorEntityTypes.problems.forEach((problem) => showOnce({ ...problem, file: ENTITY_TYPES_SETTING_LABEL }));
    suggestionsEnabled = section?.suggestions?.enabled !== false;
  }

  connection.onDidChangeConfiguration(
    guardedNotification('didChangeConfiguration', (params: { settings?: { newsdump?: EditorSection } | null }) => {
      // Settings pushed with the change apply at once; a client that can be asked is asked too (it may push none).
      const pushed = params.settings?.newsdump;
      if (pushed !== undefined || !canPullConfiguration) applyEditorSection(pushed);
      if (canPullConfiguration) settingsReady = pullEditorSettings();
      void settingsReady.then(republishAll).then(scheduleTokensRefresh);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardedNotification('didChangeWatchedFiles', (params: DidChangeWatchedFilesParams) => {
      // Dumps and tags on disk feed the workspace symbols; a .txt change alone needs nothing else.
      const changed = params.changes.flatMap((change) => {
        const path = filePathOf(change.uri);
        return path === undefined ? [] : [{ path, createdOrDeleted: change.type !== FileChangeType.Changed }];
      });
      workspaceSymbols.filesChanged(changed);
      if (changed.length === params.changes.length && changed.every((change) => change.path.endsWith('.txt'))) return;
      settingsResolver.invalidate();
      const annPaths = params.changes.map((change) => filePathOf(change.uri)).filter((path): path is string => path?.endsWith('.ann') === true);
      if (annPaths.length > 0) void entities.annFilesChanged(annPaths).catch((error) => logError('reading .ann files', error));
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
  function settingsFor(uri: string): Pick<ResolvedSettings, 'overrides' | 'ignores' | 'entityTypes'> {
    const path = filePathOf(uri);
    if (path === undefined) {
      // An untitled buffer has no folder: only the editor's settings apply.
      editorRules?.problems.forEach((problem) => showOnce({ ...problem, file: EDITOR_SETTINGS_LABEL }));
      return { overrides: editorRules?.overrides ?? {}, ignores: [], entityTypes: [] };
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

  /** The publish of an open document as it is now: QA problems, then tags; or, past what the client shows, those around the user. */
  function buildPublish(uri: string): PublishContent | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const { overrides, ignores } = settingsFor(uri);
    const diagnostics = service.diagnostics(doc, overrides, ignores);
    if (!diagnostics) return undefined;
    const groups = [diagnostics, entities.diagnostics(doc)];
    if (publishLimit === undefined) return encodedAhead(uri, { version: doc.version, diagnostics: [...groups[0], ...groups[1]] });
    const { lines } = service.getModel(doc);
    const windowed = windowDiagnostics(groups, lines.lineOf(entities.focusOf(uri)), publishLimit, lines.lineCount - 1);
    return encodedAhead(uri, { version: doc.version, diagnostics: windowed.diagnostics, window: windowed.window });
  }

  /** A publish built (during the debounce, mostly) is written then too: sending it only copies its bytes. */
  function encodedAhead(uri: string, content: PublishContent): PublishContent {
    encodeDiagnosticsAhead(uri, content.diagnostics);
    return content;
  }

  /** What work of the server's own (publishing, wording) needs to keep out of the way of requests. */
  const backgroundHost = { untilRequestsPause: () => entities.untilRequestsPause(), now: () => performance.now(), logError };
  const publisher = new DiagnosticsPublisher(
    {
      ...backgroundHost,
      build: buildPublish,
      send: (uri, content) => connection.sendDiagnostics({ uri, version: content.version, diagnostics: [...content.diagnostics] }),
      version: (uri) => documents.get(uri)?.version,
      ready: () => settingsReady,
    },
    DIAGNOSTICS_DEBOUNCE_MS,
  );
  const wording = new BackgroundWording({ ...backgroundHost, untilRequestsPause: () => entities.untilBackgroundMayRun() });
  // Started after the first document is checked: the server is then in use, and its segmenter loaded.
  const warmUp = new EngineWarmUp({ segmenter: jieba.segmenter, untilBackgroundMayRun: () => entities.untilBackgroundMayRun(), logError });

  /** Checked (the open, new settings) and published now; then the rest of the messages are worded in the background. */
  async function publish(uri: string): Promise<void> {
    const version = documents.get(uri)?.version;
    await publisher.publishNow(uri);
    const doc = documents.get(uri);
    // Edited meanwhile: its diagnostics are not made yet, and making them is the publisher's to time.
    if (!doc || doc.version !== version) return;
    const { overrides, ignores } = settingsFor(uri);
    const diagnostics = service.diagnostics(doc, overrides, ignores);
    if (diagnostics) wording.start(uri, diagnostics);
    warmUp.start();
  }

  /**
   * A large dump's first publish, before its whole check: the rules' problems of the lines at
   * the top, where the editor opens it (openingCheck.ts). Made as the open arrives, before the
   * requests the editor sends with it (outline, folding), which parse the whole dump. The tags'
   * diagnostics, which wait for the .ann, come with the whole check's publish right after.
   * Settles when it is written (the library writes on a later turn): the whole check must not
   * run before that, or both would arrive together.
   */
  function publishOpening(doc: OpenDocument): Promise<void> {
    if (publishLimit === undefined || entities.focusOf(doc.uri) !== 0) return Promise.resolve();
    // The editor's rule settings are not known yet (a client that sent none at start): the publish waits for them.
    if (editorRules === undefined && canPullConfiguration) return Promise.resolve();
    const { overrides, ignores } = settingsFor(doc.uri);
    // A window lists every error of the dump: those of a rule the user made an error are not known before the whole check.
    if (Object.values(overrides).includes('error')) return Promise.resolve();
    const opening = service.openingDiagnostics(doc, publishLimit, overrides, ignores);
    if (!opening) return Promise.resolve();
    // The lines past the checked stretch are not known yet (counting them would read the whole text).
    const lastLineKnown = opening.uncheckedFromLine - 1;
    const windowed = windowDiagnostics([opening.diagnostics], 0, publishLimit, lastLineKnown, opening.uncheckedFromLine);
    return connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [...windowed.diagnostics] });
  }

  async function republishAll(): Promise<void> {
    await Promise.all(documents.keys().map(publish));
  }

  function scheduleTokensRefresh(): void {
    if (!canRefreshTokens || tokensRefreshTimer) return;
    tokensRefreshTimer = setTimeout(() => {
      tokensRefreshTimer = undefined;
      connection.languages.semanticTokens.refresh().catch((error) => logError('semanticTokens/refresh', error));
    }, TOKENS_REFRESH_DEBOUNCE_MS);
  }

  documents.onDidOpen((event) => {
    const uri = event.document.uri;
    openedVersions.set(uri, event.document.version);
    // The first diagnostics wait for the .ann (a few milliseconds), so they come once, with the
    // tags' problems; they do not wait for suggestions, which follow from the background.
    let opening: Promise<void>;
    try {
      opening = publishOpening(event.document);
    } catch (error) {
      opening = Promise.reject(error);
    }
    const published = opening.catch((error) => logError('publishDiagnostics', error));
    void entities
      .didOpen(event.document)
      .catch((error) => logError('reading the .ann', error))
      .then(() => published)
      .then(() => publish(uri));
  });

  documents.onDidSave((event) => {
    void entities.didSave(event.document.uri).catch((error) => logError('saving the .ann', error));
  });

  documents.onDidChangeContent((event) => {
    // TextDocuments reports an open as a change too; the open was published at once.
    if (openedVersions.get(event.document.uri) === event.document.version) return;
    // Applying an edit to an 11 MB dump (copying the text) takes about 10 ms: that is part of the wait, not added to it.
    publisher.edited(event.document.uri, editReceivedAt.get(event.document.uri));
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    publisher.forget(uri);
    wording.forget(uri);
    openedVersions.delete(uri);
    editReceivedAt.delete(uri);
    entities.didClose(uri);
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
          // A file not open has no place of the user's: past the client's limit, its first lines, with the note.
          const lastLine = diagnostics.reduce((last, diagnostic) => Math.max(last, diagnostic.range.end.line), 0);
          const sent = publishLimit === undefined ? diagnostics : windowDiagnostics([diagnostics], 0, publishLimit, lastLine).diagnostics;
          connection.sendDiagnostics({ uri, diagnostics: [...sent] }).catch((error) => logError('publishDiagnostics', error));
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
      // One array per document version, never changed: its JSON is written once (VS Code asks
      // several times), from symbols that keep their bytes across versions (most of them do).
      const symbols = doc ? service.documentSymbols(doc, token) : null;
      return symbols && markStableItems(symbols);
    }),
  );

  connection.onWorkspaceSymbol(
    guardedAsync('workspaceSymbol', (params: WorkspaceSymbolParams, token) => workspaceSymbols.query(params.query ?? '', token)),
  );

  connection.onRequest(
    ENTITIES_REQUEST,
    guarded('entities', (params: EntitiesParams) => {
      const doc = documents.get(params?.uri);
      return doc ? entities.entities(doc, params.suggestions === true) : null;
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
      return doc ? entities.hover(doc, params.position, () => service.hover(doc, params.position, token)) : null;
    }),
  );

  connection.onCodeAction(
    guarded('codeAction', (params: CodeActionParams, token) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const { overrides, ignores } = settingsFor(doc.uri);
      const request = { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only };
      const actions = service.codeActions(doc, request, overrides, ignores, token);
      return actions && [...actions, ...entities.codeActions(doc, { ...request, triggerKind: params.context.triggerKind })];
    }),
  );

  connection.onRequest(
    TAGS_REQUEST,
    guarded('tags', (params: TagsParams) => {
      const doc = documents.get(params?.uri);
      return doc ? entities.tags(doc) : null;
    }),
  );

  connection.languages.semanticTokens.on(
    guarded('semanticTokens', (params: SemanticTokensParams) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? entities.semanticTokens(doc) : { data: [] };
    }),
  );

  connection.languages.semanticTokens.onRange(
    guarded('semanticTokens/range', (params: SemanticTokensRangeParams) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? entities.semanticTokens(doc, params.range) : { data: [] };
    }),
  );

  connection.onNotification(
    VISIBLE_RANGES_NOTIFICATION,
    guardedNotification(VISIBLE_RANGES_NOTIFICATION, (params: VisibleRangesParams) => {
      const doc = documents.get(params?.uri);
      const ranges = params?.ranges ?? [];
      // Folded regions split what is on screen into several ranges: the user is in the middle of them all.
      if (doc && ranges.length > 0) entities.viewed(doc, { start: ranges[0].start, end: ranges[ranges.length - 1].end });
    }),
  );

  connection.onExecuteCommand(
    guardedAsync('executeCommand', async (params: ExecuteCommandParams) => {
      const [args] = params.arguments ?? [];
      if (entities.commands.includes(params.command)) return entities.executeCommand(params.command, args);
      // An export that fails answers { error } (guarded handlers answer null on a throw), so the client can say why.
      if (params.command === EXPORT_COMMAND) {
        return runExport(args as ExportArgs, service).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
      }
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

/** The editor's `newsdump` settings section, as far as the server reads it. */
interface EditorSection {
  readonly rules?: unknown;
  readonly entityTypes?: unknown;
  readonly suggestions?: { readonly enabled?: unknown };
}

/** `settings` of the client's initializationOptions: the `newsdump` section as the editor started, if it is an object. */
function editorSectionOf(initializationOptions: unknown): EditorSection | undefined {
  const settings = (initializationOptions as { settings?: unknown } | null | undefined)?.settings;
  return typeof settings === 'object' && settings !== null && !Array.isArray(settings) ? (settings as EditorSection) : undefined;
}

/**
 * Over stdio the server reads and writes its messages itself (jsonMessages.ts, utf8.ts say why); other
 * transports (--node-ipc, --socket) are set up by the library as usual.
 */
function connectionFromArguments(): Connection {
  const options = { cancelUndispatched: answerCancelled };
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all, options);
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: JSON_MESSAGES });
  // stdout carries the protocol: anything a library prints there would break it.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  // The library ends the process on a closed stdin only for streams it opened itself. A
  // normal end is shutdown + exit (the library exits then); a closed stdin means the editor went away.
  process.stdin.once('close', () => process.exit(1));
  const reader = new StreamMessageReader(process.stdin, { charset: 'utf-8', contentTypeDecoder: JSON_MESSAGES });
  return createConnection(ProposedFeatures.all, reader, writer, options);
}

/** The library's JSON with our encoder, and a decoder that reads an opened dump's 11 MB in 15 ms instead of 110 (text/utf8.ts). */
const JSON_MESSAGES = {
  name: 'application/json',
  encode: (message: Message): Promise<Uint8Array> => Promise.resolve(messageBytes(message)),
  decode: (bytes: Uint8Array): Promise<Message> => {
    try {
      return Promise.resolve(JSON.parse(decodeUtf8(bytes)) as Message);
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/** A request cancelled while still queued is answered "cancelled" at once instead of being run. */
function answerCancelled(message: Message): ResponseMessage | undefined {
  if (!Message.isRequest(message)) return undefined;
  return { jsonrpc: '2.0', id: message.id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it started' } };
}

function fileUriOf(path: string): string {
  return pathToFileURL(path).toString();
}

// Also runnable on its own (`node server.js --stdio`), as a LanguageClient's server module.
if (require.main === module) {
  tuneEngine();
  startServer();
}
