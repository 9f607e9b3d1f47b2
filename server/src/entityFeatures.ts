// The entity side of the language server: tags that follow edits, their diagnostics and
// fixes, tagging actions and commands, semantic tokens and hovers. server.ts calls one
// method per LSP handler; everything here works on text and offsets and leaves the
// connection to server.ts (the host).
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type Hover, type SemanticTokens } from 'vscode-languageserver';
import { dirname } from 'node:path';
import type { Span, WordSegmenter } from './model/types';
import type { Position, Range } from './text/positions';
import type { DumpDocument, DumpService } from './service';
import type { TextChange } from './entities/annotationSet';
import type { EntityTypeSetting } from './config/entityTypes';
import { readDump } from './io/readDump';
import { parseDump } from './model/parse';
import { AnnotationDocuments, filePathOf, type AnnotationState } from './entities/annotationDocuments';
import { articleWindow } from './entities/loadAnnotations';
import { CorpusIndex, type OpenDump } from './entities/corpusIndex';
import { MAX_SUGGESTED_ARTICLE_LENGTH, SuggestionCache, articlesAround, articlesWithin, moveSuggestions, withCarried, type DumpSuggestions } from './features/entitySuggestions';
import type { Suggestion } from './entities/suggestions';
import { DIAGNOSTIC_SOURCE } from './features/diagnostics';
import { entityDiagnostics } from './features/entityDiagnostics';
import { entityFixes } from './features/entityFixes';
import { ENTITY_COMMANDS, TAG_ACTION_KIND, tagTarget, taggingActions } from './features/tagging';
import { wants } from './features/codeActions';
import { executeEntityCommand } from './features/tagCommands';
import { semanticTokens } from './features/semanticTokens';
import { entityHover, tagAt, wordHover } from './features/entityHover';
import { tagRanges, type TagsResult } from './features/tagRanges';
import { entitiesResult, type EntitiesResult } from './features/entitiesRequest';
import type { Annotation } from './entities/annotationSet';
import { runBetweenRequests } from './features/background';
import { articleIndexAt } from './model/search';

/** Time the Entities view's request may spend suggesting; the rest is made in the background. */
const ENTITIES_VIEW_BUDGET_MS = 20;
/** A colouring request for the visible lines may suggest there for this long. */
const VISIBLE_SUGGESTION_BUDGET_MS = 20;
/** Folders without an open dump whose suggestions are kept (each up to MAX_CACHED_ARTICLES articles). */
const MAX_SUGGESTION_FOLDERS = 4;
/**
 * Background suggesting stops after this long, between sentences (one sentence, mostly under
 * a millisecond, is never cut), so a hover or an outline request waits at most about one sentence.
 */
const BACKGROUND_SLICE_MS = 1;
/** Background suggesting starts a slice only this long after the last request. */
const REQUEST_PAUSE_MS = 40;
const AUTOMATIC = 2;
/** Hints cover the articles this far either side of where the user is (all of a dump of up to 61 articles). */
const HINT_RADIUS = 30;

export interface EntitySettings {
  readonly entityTypes: readonly EntityTypeSetting[];
  readonly suggestions: boolean;
}

export interface EntityHost {
  readonly service: DumpService;
  readonly segmenter?: WordSegmenter;
  document(uri: string): DumpDocument | undefined;
  openUris(): readonly string[];
  workspaceRoot(): string | undefined;
  settings(uri: string): EntitySettings;
  tell(severity: 'error' | 'warning' | 'info', message: string): void;
  /** Diagnostics of a document should be published again. */
  republish(uri: string): void;
  /** The user moved within a dump (a hover, a code action, the visible lines). */
  focusMoved?(uri: string, offset: number): void;
  /** Semantic tokens changed: ask the client to request them again. */
  refreshTokens(): void;
  /** Milliseconds background work must also wait for (a keystroke's publish about to go out); 0 when none. */
  untilPublishSent?(): number;
  /** The tags of a document changed other than by typing (newsdump/tagsChanged). */
  tagsChanged(uri: string): void;
}

export interface EntityCodeActionRequest {
  readonly range: Range;
  readonly diagnostics: readonly Diagnostic[];
  readonly only?: readonly string[];
  /** LSP CodeActionTriggerKind: 1 asked for (Ctrl+.), 2 automatic (the light bulb as the cursor moves). */
  readonly triggerKind?: number;
}

export type EntityFeatures = ReturnType<typeof createEntityFeatures>;

export function createEntityFeatures(host: EntityHost) {
  const { service, segmenter } = host;
  const corpus = new CorpusIndex(segmenter);
  /**
   * Suggestions per folder: its gazetteer (the folder's tagged names) shapes them, and dumps of
   * two folders open side by side must not undo each other's work, finished or begun.
   */
  const suggestionCaches = new Map<string, SuggestionCache>();
  /** The folder whose suggestion cache serves a dump ('' for one not saved in a folder). */
  const folderOf = (state: AnnotationState): string => (state.path !== undefined ? dirname(state.path) : '');
  const suggestionCacheOf = (state: AnnotationState): SuggestionCache | undefined => {
    if (!segmenter) return undefined;
    const folder = folderOf(state);
    const cache = suggestionCaches.get(folder) ?? new SuggestionCache(segmenter);
    // Most recently used last; the least recently used folder goes first.
    suggestionCaches.delete(folder);
    suggestionCaches.set(folder, cache);
    if (suggestionCaches.size > MAX_SUGGESTION_FOLDERS) dropUnusedSuggestionCache();
    return cache;
  };
  /**
   * Drops the least recently used cache of a folder with no open dump. A folder with one keeps
   * its cache: with dumps of five folders hinted at once, each slice of one folder's work dropped
   * the cache the next slice needed, so every slice began its article again and none finished.
   */
  const dropUnusedSuggestionCache = (): void => {
    const inUse = new Set(annotations.all().map(folderOf));
    for (const folder of suggestionCaches.keys()) {
      if (inUse.has(folder)) continue;
      suggestionCaches.delete(folder);
      return;
    }
  };
  /** Dumps whose hint window is being filled in the background, and whether to publish when done even if nothing new was made. */
  const filling = new Map<string, { republish: boolean }>();
  /** Where the user last was in each dump (an edit, a hover, a code action, the visible lines): hints are made around it. */
  const focus = new Map<string, number>();
  /** When the last request came (performance.now()): background work waits for a pause in them. */
  let lastRequestAt = -Infinity;
  /** Milliseconds until requests have paused long enough for background work (0: now). */
  const untilRequestsPause = () => Math.max(0, REQUEST_PAUSE_MS - (performance.now() - lastRequestAt));
  /** Background work (suggesting here, wording in the server) waits for a pause in requests and stays out of a keystroke's publish. */
  const untilBackgroundMayRun = () => Math.max(untilRequestsPause(), host.untilPublishSent?.() ?? 0);
  /** The hints last shown per dump, moved by each edit (see shownSuggestions). */
  const shown = new Map<string, readonly Suggestion[]>();
  /** The tags' diagnostics and hints last published per dump: a hint that says the same is handed out again. */
  const lastDiagnostics = new Map<string, readonly Diagnostic[]>();

  const windowFor = (uri: string, text: string): ((offset: number) => Span) => {
    // Parsed when a drifted tag is first looked for, not on reading every .ann: a large dump's
    // opening publish (openingCheck.ts) would otherwise wait for a whole parse.
    let window: ((offset: number) => Span) | undefined;
    return (offset) => {
      if (!window) {
        const doc = host.document(uri);
        // The text of another moment (the .ann was read while edits came in) is parsed aside, not into the document's cache.
        const model = doc && doc.getText() === text ? service.getModel(doc).model : parseDump(text, { segmenter });
        window = articleWindow(model, text);
      }
      return window(offset);
    };
  };

  const annotations = new AnnotationDocuments({
    readText: readDump,
    textOf: (uri) => host.document(uri)?.getText(),
    windowFor,
    tell: host.tell,
    changed: (uri) => {
      host.republish(uri);
      host.refreshTokens();
      host.tagsChanged(uri);
    },
  });

  /** The open dumps' tags, for the corpus index. */
  function openDumps(): OpenDump[] {
    return annotations.all().flatMap((state) => {
      const text = host.document(state.uri)?.getText();
      if (state.path === undefined || text === undefined) return [];
      const names = state.set.list().filter((tag) => !tag.flag);
      return [{ path: state.path, text, names }];
    });
  }

  /**
   * Suggestions in the articles around the user's place (or in `only`, [from, to)), within the
   * time budget; `budgetMs` 0 gives only what is cached.
   */
  function suggestionsOf(doc: DumpDocument, state: AnnotationState, budgetMs: number, only?: { from: number; to: number }): DumpSuggestions {
    const settings = host.settings(doc.uri);
    const suggestionCache = suggestionCacheOf(state);
    if (!suggestionCache || !settings.suggestions) return { suggestions: [], complete: true, fresh: false, pending: [] };
    const { text, model } = service.getModel(doc);
    const gazetteer = state.path !== undefined ? corpus.gazetteer(dirname(state.path), openDumps()) : undefined;
    const articles = only ?? articlesAround(model, focus.get(doc.uri) ?? 0, HINT_RADIUS);
    return suggestionCache.suggest(text, model, { gazetteer, types: settings.entityTypes.map((type) => type.type), tags: state.set.list(), budgetMs, articles });
  }

  /**
   * The suggestions to show now: those already made (nothing is suggested here), and, in articles
   * still pending, the ones shown before the last edit, moved by it. What is shown is kept to be
   * moved by the next edit.
   */
  function shownSuggestions(doc: DumpDocument, state: AnnotationState): DumpSuggestions {
    const found = suggestionsOf(doc, state, 0);
    const suggestions = withCarried(found, shown.get(doc.uri), state.set.list());
    shown.set(doc.uri, suggestions);
    return { ...found, suggestions };
  }

  /**
   * Suggests for `budgetMs` in the articles of `within` (by default the hint window), assembling
   * nothing: a background slice, or the visible articles first; complete when every article there is cached.
   */
  function advanceSuggestions(doc: DumpDocument, state: AnnotationState, budgetMs: number, within?: Span): { complete: boolean; fresh: boolean } {
    const suggestionCache = suggestionCacheOf(state);
    if (!suggestionCache || !host.settings(doc.uri).suggestions) return { complete: true, fresh: false };
    const { text, model } = service.getModel(doc);
    const gazetteer = state.path !== undefined ? corpus.gazetteer(dirname(state.path), openDumps()) : undefined;
    const at = focus.get(doc.uri) ?? 0;
    const articles = within ? articlesWithin(model, within) : articlesAround(model, at, HINT_RADIUS);
    return suggestionCache.work(text, model, { gazetteer, budgetMs, articles, nearest: articleIndexAt(model, at) });
  }

  /** Articles in the hint window too long to suggest in, said where they start: a limit the user can see. */
  function skippedForLength(doc: DumpDocument): Diagnostic[] {
    if (!segmenter || !host.settings(doc.uri).suggestions) return [];
    const { model, lines } = service.getModel(doc);
    const { from, to } = articlesAround(model, focus.get(doc.uri) ?? 0, HINT_RADIUS);
    return model.articles.slice(from, to).flatMap((article) => {
      const length = article.span.end - article.span.start;
      if (length <= MAX_SUGGESTED_ARTICLE_LENGTH) return [];
      const start = lines.positionAt(article.span.start);
      return [{
        range: { start, end: start },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: 'suggestions-skipped',
        message: `No entity suggestions in this article: ${length.toLocaleString('en')} characters without an article break (the limit is ${MAX_SUGGESTED_ARTICLE_LENGTH.toLocaleString('en')}); tags and the other checks work as usual.`,
      }];
    });
  }

  /** The user is at `offset`: when that brings new articles into the hint window, publish again. */
  function moveFocus(doc: DumpDocument, offset: number): void {
    const before = focus.get(doc.uri) ?? 0;
    focus.set(doc.uri, offset);
    host.focusMoved?.(doc.uri, offset);
    const { model } = service.getModel(doc);
    const [was, now] = [articlesAround(model, before, HINT_RADIUS), articlesAround(model, offset, HINT_RADIUS)];
    if (was.from !== now.from) fillInBackground(doc.uri, true);
  }

  /**
   * Suggests in the hint window a slice at a time, yielding to requests in between, then
   * publishes once. Stops when the dump closes or suggestions are turned off; an edit meanwhile
   * only changes which articles are left (the cache is by article text).
   */
  function fillInBackground(uri: string, republish = false): void {
    const running = filling.get(uri);
    if (running) {
      running.republish ||= republish;
      return;
    }
    const job = { republish };
    filling.set(uri, job);
    const stop = () => {
      if (filling.get(uri) === job) filling.delete(uri);
    };
    runBetweenRequests(
      untilBackgroundMayRun,
      () => {
        const doc = host.document(uri);
        const state = annotations.get(uri);
        if (!doc || !state || filling.get(uri) !== job) {
          stop();
          return true;
        }
        const found = advanceSuggestions(doc, state, BACKGROUND_SLICE_MS);
        job.republish ||= found.fresh;
        if (!found.complete) return false;
        stop();
        if (job.republish) {
          host.republish(uri);
          host.refreshTokens();
        }
        return true;
      },
      (error) => {
        // Hints stop; the next publish starts again.
        stop();
        host.tell('warning', `newsdump: entity suggestions stopped: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  return {
    commands: ENTITY_COMMANDS,

    /** Where the user last was in a dump (an offset; the start before anything is known). */
    focusOf(uri: string): number {
      return focus.get(uri) ?? 0;
    },

    /** The editor shows `range` of the dump: the user is in its middle. */
    viewed(doc: DumpDocument, range: Range): void {
      const { lines } = service.getModel(doc);
      const middle = Math.floor((range.start.line + range.end.line) / 2);
      moveFocus(doc, lines.offsetAt({ line: Math.max(0, middle), character: 0 }));
    },

    /** A request came in (any): the background suggesting waits until they pause. */
    noteRequest(): void {
      lastRequestAt = performance.now();
    },

    untilRequestsPause,
    untilBackgroundMayRun,

    /** Every change of an open document, in the offsets of the text before it (documentChanges.ts). */
    didChange(uri: string, changes: readonly TextChange[], textAfter: string): void {
      annotations.didChange(uri, changes, textAfter);
      const before = shown.get(uri);
      if (before) shown.set(uri, moveSuggestions(before, changes));
      if (changes.length > 0) focus.set(uri, changes[0].start);
      // The edited article is suggested again while the diagnostics wait out their debounce, so
      // their publish carries its new hints (not one publish now and another when they come).
      fillInBackground(uri);
    },

    /** Reads the dump's .ann; publish its diagnostics after this. */
    async didOpen(doc: DumpDocument): Promise<void> {
      await annotations.open(doc.uri, doc.getText());
      host.refreshTokens();
      host.tagsChanged(doc.uri);
    },

    didSave(uri: string): Promise<void> {
      return annotations.didSave(uri);
    },

    didClose(uri: string): void {
      filling.delete(uri);
      focus.delete(uri);
      shown.delete(uri);
      lastDiagnostics.delete(uri);
      annotations.close(uri);
      // Its tags on disk may differ from what the index last read from the editor.
      const path = filePathOf(uri);
      if (path !== undefined) corpus.invalidate(path);
    },

    /** .ann files changed on disk (a watcher): the index and the open dumps read them again. */
    async annFilesChanged(paths: readonly string[]): Promise<void> {
      for (const path of paths) {
        corpus.invalidate(path);
        await annotations.annChangedOnDisk(path);
      }
    },

    /**
     * The tags' diagnostics and the hints. No suggesting here (it is jieba's work, 1–50 ms an
     * article): an edited article keeps its hints, moved by the edit, until the background has
     * suggested in it again and published.
     */
    diagnostics(doc: DumpDocument): Diagnostic[] {
      const state = annotations.get(doc.uri);
      if (!state) return [];
      const parsed = service.getModel(doc);
      const { text, lines } = parsed;
      const found = shownSuggestions(doc, state);
      if (!found.complete) fillInBackground(doc.uri);
      // Tokens show suggestions computed here (they never compute any themselves).
      if (found.fresh) host.refreshTokens();
      const diagnostics = entityDiagnostics({
        text,
        lines,
        // Built on first use only (10–20 ms on 11 MB): a dump without tags never needs it.
        get codePoints() {
          return parsed.codePoints;
        },
        set: state.set,
        loaded: state.loaded,
        types: host.settings(doc.uri).entityTypes,
        suggestions: found.suggestions,
        before: lastDiagnostics.get(doc.uri),
      });
      lastDiagnostics.set(doc.uri, diagnostics);
      return [...diagnostics, ...skippedForLength(doc)];
    },

    codeActions(doc: DumpDocument, request: EntityCodeActionRequest): CodeAction[] {
      const state = annotations.get(doc.uri);
      if (!state || state.path === undefined || state.loaded?.problem) return [];
      const { text, lines } = service.getModel(doc);
      // The editor asks by itself at the cursor whenever the diagnostics change, even with the
      // user scrolled far from it: only a request the user made says where they are.
      if (request.triggerKind !== AUTOMATIC) moveFocus(doc, lines.offsetAt(request.range.start));
      const tags = state.set.list();
      const types = host.settings(doc.uri).entityTypes;
      const actions: CodeAction[] = [];
      if (wants(request.only, 'quickfix')) {
        actions.push(...entityFixes({ uri: doc.uri, version: doc.version, text, lines, tags, set: state.set, types, windowAt: windowFor(doc.uri, text) }, request.diagnostics));
      }
      // A light bulb on every word of a dump would be noise: at a bare cursor, tagging waits to be asked for.
      const asked = request.triggerKind !== AUTOMATIC || request.range.start.line !== request.range.end.line || request.range.start.character !== request.range.end.character;
      if (asked && wants(request.only, TAG_ACTION_KIND)) {
        const found = tagTarget(text, lines, request.range, tags, segmenter);
        // A hint's own fix ("Tag 「安伟」 as PER") already in the list is not offered twice.
        const offered = new Set(actions.map((action) => action.title));
        if ('target' in found) actions.push(...taggingActions(doc.uri, lines, found.target, types).filter((action) => !offered.has(action.title)));
      }
      return actions;
    },

    executeCommand(command: string, args: unknown): Promise<unknown> {
      return executeEntityCommand(command, args, {
        annotations,
        segmenter,
        workspaceRoot: host.workspaceRoot(),
        textOf: (uri) => host.document(uri)?.getText(),
        versionOf: (uri) => host.document(uri)?.version,
        linesOf: (uri) => {
          const doc = host.document(uri);
          return doc && service.getModel(doc).lines;
        },
        openUris: host.openUris,
        typesFor: (uri) => host.settings(uri).entityTypes,
        windowFor,
        tell: host.tell,
        annWritten: (path) => corpus.invalidate(path),
      });
    },

    /** The sound tags with their colours (newsdump/tags). */
    tags(doc: DumpDocument): TagsResult {
      const state = annotations.get(doc.uri);
      if (!state) return { version: doc.version, tags: [] };
      return tagRanges(doc.version, service.getModel(doc).lines, state.set.list(), host.settings(doc.uri).entityTypes);
    },

    /** The tags and (when asked and enabled) the suggestions of a dump, for the Entities view (newsdump/entities). */
    entities(doc: DumpDocument, withSuggestions: boolean): EntitiesResult {
      const state = annotations.get(doc.uri);
      const { lines } = service.getModel(doc);
      const types = host.settings(doc.uri).entityTypes;
      if (!state) return entitiesResult(doc.version, lines, [], [], types);
      const suggestions = withSuggestions ? suggestionsOf(doc, state, ENTITIES_VIEW_BUDGET_MS).suggestions : [];
      return entitiesResult(doc.version, lines, state.set.list(), suggestions, types);
    },

    /** The current tags of an open dump (as edited, not as saved), for the workspace symbols. */
    tagsOf(uri: string): readonly Annotation[] | undefined {
      return annotations.get(uri)?.set.list().filter((tag) => !tag.flag && tag.end > tag.start);
    },

    semanticTokens(doc: DumpDocument, range?: Range): SemanticTokens {
      const state = annotations.get(doc.uri);
      if (!state) return { data: [] };
      const { lines } = service.getModel(doc);
      const within = range && { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
      // A range is what the editor shows: hints follow it, the visible articles first (within a
      // budget); the rest of the window around it is left to the background. Otherwise only
      // suggestions already computed.
      let fresh = false;
      if (within) {
        moveFocus(doc, within.start);
        fresh = advanceSuggestions(doc, state, VISIBLE_SUGGESTION_BUDGET_MS, within).fresh;
      }
      const found = shownSuggestions(doc, state);
      if (!found.complete) fillInBackground(doc.uri);
      if (fresh) host.republish(doc.uri);
      return semanticTokens({ lines, tags: state.set.list(), suggestions: found.suggestions, within });
    },

    /** On a tag: the entity card (over the article card on a title line); else the article card; else the words. */
    hover(doc: DumpDocument, position: Position, articleHover: () => Hover | null): Hover | null {
      const state = annotations.get(doc.uri);
      const { text, model, lines } = service.getModel(doc);
      const offset = lines.offsetAt(position);
      moveFocus(doc, offset);
      const types = host.settings(doc.uri).entityTypes;
      const tag = state && tagAt(state.set.list(), offset);
      const article = articleHover();
      if (tag) {
        const stats = state.path !== undefined ? corpus.stats(state.path, tag.text, openDumps()) : undefined;
        const card = entityHover(tag, lines, types, stats);
        if (!article) return card;
        return { ...card, contents: { kind: 'markdown', value: `${(card.contents as { value: string }).value}\n\n---\n\n${(article.contents as { value: string }).value}` } };
      }
      if (article) return article;
      // Only the hovered article's: the whole hint window is dozens of cache lookups, each hashing an article's text.
      const hovered = articleIndexAt(model, offset);
      const suggestions = state ? suggestionsOf(doc, state, 0, { from: hovered, to: hovered + 1 }).suggestions : [];
      return wordHover(text, offset, lines, segmenter, suggestions, types);
    },
  };
}
