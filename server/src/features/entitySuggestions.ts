// Entity suggestions of a dump, article by article, cached by article text: a keystroke
// re-suggests one article, not the file. The editor asks only for the articles around
// where the user is (articlesAround), so an 11 MB dump never has thousands of hints
// computed and published at once; work per call is also capped by time, and what is left
// is reported as unfinished, so the caller can come back for it.
import type { DumpModel, Span } from '../model/types';
import type { Annotation } from '../entities/annotationSet';
import { suggestEntitiesUntil, type EntityType, type Suggestion, type SuggestionProgress } from '../entities/suggestions';
import type { WordSegmenter } from '../model/types';
import { articleIndexAt, partitionPoint } from '../model/search';
import { detachedSlice } from '../model/blocks';

/** Articles' suggestions kept; a month of dumps must not keep every article alive. */
const MAX_CACHED_ARTICLES = 20_000;
/** Articles begun and left: an edited article's old text is never finished, so the oldest go. */
const MAX_UNFINISHED_ARTICLES = 64;
/** Beyond this many changed names (another folder's gazetteer), start afresh. */
const MAX_CHANGED_NAMES = 50;
/**
 * An "article" longer than this (the longest in the seed and bench dumps has 2 500
 * characters) is a dump whose line breaks were lost: suggesting in it would block the
 * server about a second per 100 KB, past any time budget (one article is one unit of
 * work), for tens of thousands of hints. None are made.
 */
export const MAX_SUGGESTED_ARTICLE_LENGTH = 200_000;

export interface DumpSuggestions {
  /** In document order, UTF-16 offsets of the whole text; none overlaps a tag. */
  readonly suggestions: readonly Suggestion[];
  /** Some articles were left for a later call (the time budget ran out). */
  readonly complete: boolean;
  /** Some articles were suggested in this call, not taken from the cache. */
  readonly fresh: boolean;
  /** The articles left for a later call, in document order (document offsets). */
  readonly pending: readonly Span[];
}

export class SuggestionCache {
  /** Article text → suggestions in article offsets, made with `gazetteer`. */
  private readonly cache = new Map<string, readonly Suggestion[]>();
  /** Articles begun but not finished within a call's time, with the gazetteer of now. */
  private readonly unfinished = new Map<string, { readonly ownText: string; readonly progress: SuggestionProgress }>();
  private gazetteer: ReadonlyMap<string, EntityType> | undefined;

  constructor(private readonly segmenter: WordSegmenter) {}

  suggest(
    text: string,
    model: DumpModel,
    options: {
      gazetteer?: ReadonlyMap<string, EntityType>;
      types: readonly string[];
      tags: readonly Annotation[];
      budgetMs?: number;
      /** Indexes of the articles to suggest in, [from, to); all by default. */
      articles?: { readonly from: number; readonly to: number };
    },
  ): DumpSuggestions {
    this.useGazetteer(options.gazetteer);
    const cache = this.cache;
    const deadline = options.budgetMs === undefined ? Infinity : Date.now() + options.budgetMs;
    const types = new Set(options.types);
    const found: Suggestion[] = [];
    const pending: Span[] = [];
    let fresh = false;
    const { from, to } = options.articles ?? { from: 0, to: model.articles.length };
    for (const article of model.articles.slice(from, to)) {
      if (article.span.end - article.span.start > MAX_SUGGESTED_ARTICLE_LENGTH) continue;
      const articleText = text.slice(article.span.start, article.span.end);
      let suggestions = cache.get(articleText);
      if (!suggestions) {
        suggestions = this.suggestArticle(articleText, options.gazetteer, deadline);
        if (!suggestions) {
          pending.push(article.span);
          continue;
        }
        fresh = true;
      }
      for (const suggestion of suggestions) {
        if (!types.has(suggestion.type)) continue;
        found.push({ ...suggestion, span: shift(suggestion.span, article.span.start) });
      }
    }
    return { suggestions: withoutTagged(found, options.tags), complete: pending.length === 0, fresh, pending };
  }

  /**
   * Suggests in the articles not cached yet until `budgetMs` is spent, assembling nothing: the
   * background's slices, which must be short (a hover waits for the one running).
   */
  work(
    text: string,
    model: DumpModel,
    options: {
      gazetteer?: ReadonlyMap<string, EntityType>;
      budgetMs: number;
      articles: { readonly from: number; readonly to: number };
      /** The article the user is at: it and its neighbours go first, then outwards. */
      nearest?: number;
    },
  ): { complete: boolean; fresh: boolean } {
    this.useGazetteer(options.gazetteer);
    const deadline = Date.now() + options.budgetMs;
    let fresh = false;
    let started = false;
    for (const index of outwards(options.articles, options.nearest)) {
      const { span } = model.articles[index];
      if (span.end - span.start > MAX_SUGGESTED_ARTICLE_LENGTH) continue;
      const articleText = text.slice(span.start, span.end);
      if (this.cache.has(articleText)) continue;
      // Every slice reads at least one sentence, however long the way to the first article left took.
      const suggestions = this.suggestArticle(articleText, options.gazetteer, started ? deadline : Infinity, deadline);
      started = true;
      if (!suggestions) return { complete: false, fresh };
      fresh = true;
    }
    return { complete: true, fresh };
  }

  /**
   * An article's suggestions, a sentence at a time until `deadline` (at least one sentence, when
   * begun before `startBy`), cached once finished: undefined when time ran out first, the work so
   * far kept for the next call. A long article is finished over several calls, so a call waits
   * for one sentence, not one article.
   */
  private suggestArticle(
    articleText: string,
    gazetteer: ReadonlyMap<string, EntityType> | undefined,
    startBy: number,
    deadline = startBy,
  ): readonly Suggestion[] | undefined {
    if (Date.now() >= startBy) return undefined;
    // The caches keep the article's text as their key, and a suggestion its name sliced from it:
    // a copy of the article's own, not a view of the version it was read from, which would keep
    // that whole text alive (8 MB of an 11 MB dump for each edit, for as long as it is cached).
    // An article begun before goes on with the copy made then: a long one is read over many
    // 1 ms slices, and copying one of 200 000 characters again for each took 0.34 ms of them.
    const begun = this.unfinished.get(articleText);
    const ownText = begun?.ownText ?? detachedSlice(articleText, 0, articleText.length);
    const made = suggestEntitiesUntil(ownText, { segmenter: this.segmenter, gazetteer: gazetteer as Map<string, EntityType> | undefined }, deadline, begun?.progress);
    if (made.progress) {
      if (this.unfinished.size >= MAX_UNFINISHED_ARTICLES) this.unfinished.delete(this.unfinished.keys().next().value!);
      this.unfinished.set(ownText, { ownText, progress: made.progress });
      return undefined;
    }
    this.unfinished.delete(ownText);
    if (this.cache.size >= MAX_CACHED_ARTICLES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(ownText, made.suggestions);
    return made.suggestions;
  }

  /**
   * A new gazetteer (a name was tagged) changes the suggestions of the articles that hold
   * one of the names it added, dropped or retyped: only those are suggested again.
   */
  private useGazetteer(gazetteer: ReadonlyMap<string, EntityType> | undefined): void {
    if (gazetteer === this.gazetteer) return;
    const before = this.gazetteer ?? new Map<string, EntityType>();
    const after = gazetteer ?? new Map<string, EntityType>();
    this.gazetteer = gazetteer;
    const changed = [...after].filter(([name, type]) => before.get(name) !== type).map(([name]) => name);
    for (const name of before.keys()) if (!after.has(name)) changed.push(name);
    // Articles begun but not finished go by the same rule as finished ones.
    for (const made of [this.cache, this.unfinished]) {
      if (changed.length > MAX_CHANGED_NAMES) made.clear();
      else for (const articleText of [...made.keys()]) if (changed.some((name) => articleText.includes(name))) made.delete(articleText);
    }
  }
}

/**
 * Suggestions made before these edits, moved by them: those an edit touches are dropped, those
 * after it move by its length change. `changes` in order, each in offsets of the text the one
 * before left (as LSP sends them).
 */
export function moveSuggestions(suggestions: readonly Suggestion[], changes: readonly { start: number; end: number; text: string }[]): Suggestion[] {
  let moved = [...suggestions];
  for (const change of changes) {
    const delta = change.text.length - (change.end - change.start);
    const next: Suggestion[] = [];
    for (const suggestion of moved) {
      if (suggestion.span.end < change.start) next.push(suggestion);
      else if (suggestion.span.start > change.end) next.push({ ...suggestion, span: shift(suggestion.span, delta) });
    }
    moved = next;
  }
  return moved;
}

/**
 * What to show while some articles are still pending: the suggestions found, and in each
 * pending article those shown before the edit (moved by it), so an edited article's hints do
 * not blink off while it is suggested again in the background. In document order.
 */
export function withCarried(found: DumpSuggestions, carried: readonly Suggestion[] | undefined, tags: readonly Annotation[]): Suggestion[] {
  if (found.pending.length === 0 || !carried || carried.length === 0) return [...found.suggestions];
  const kept: Suggestion[] = [];
  let article = 0;
  for (const suggestion of carried) {
    while (article < found.pending.length && found.pending[article].end < suggestion.span.end) article++;
    const span = found.pending[article];
    if (span !== undefined && span.start <= suggestion.span.start && suggestion.span.end <= span.end) kept.push(suggestion);
  }
  return [...found.suggestions, ...withoutTagged(kept, tags)].sort((a, b) => a.span.start - b.span.start);
}

/** Suggestions that touch no tag (sound or drifted): what is tagged is not suggested again. */
function withoutTagged(suggestions: Suggestion[], tags: readonly Annotation[]): Suggestion[] {
  if (tags.length === 0) return suggestions;
  const sorted = [...tags].sort((a, b) => a.start - b.start);
  let next = 0;
  let reach = -1;
  return suggestions.filter((suggestion) => {
    // Both in document order: walk the tags once, keeping the furthest end of those that start before.
    while (next < sorted.length && sorted[next].start < suggestion.span.end) reach = Math.max(reach, sorted[next++].end);
    return reach <= suggestion.span.start;
  });
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** The indexes of [from, to), from `nearest` outwards (nearest, nearest + 1, nearest - 1, …); in order without one. */
export function* outwards({ from, to }: { readonly from: number; readonly to: number }, nearest = from): Generator<number> {
  const center = Math.max(from, Math.min(nearest, to - 1));
  for (let distance = 0; center + distance < to || center - distance >= from; distance++) {
    if (center + distance < to) yield center + distance;
    if (distance > 0 && center - distance >= from) yield center - distance;
  }
}

/** Indexes [from, to) of the articles that overlap `span` (the editor's visible range). */
export function articlesWithin(model: DumpModel, span: Span): { from: number; to: number } {
  const from = articleIndexAt(model, span.start);
  return { from, to: Math.max(from, partitionPoint(model.articles, (article) => article.span.start <= span.end)) };
}

/** The articles within `radius` of the one around (or after) an offset, as [from, to). */
export function articlesAround(model: DumpModel, offset: number, radius: number): { from: number; to: number } {
  const { articles } = model;
  const low = articleIndexAt(model, offset);
  // Near either end of the dump the window slides, so it always holds as many articles as it can.
  const from = Math.max(0, Math.min(low - radius, articles.length - (2 * radius + 1)));
  return { from, to: Math.min(articles.length, from + 2 * radius + 1) };
}
