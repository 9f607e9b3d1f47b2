// What part of the dump a rule run covers. A keystroke re-checks only the articles the
// parser re-read (context.scope); the rules still see the whole model for neighbours.
import type { Article, Block, Span } from '../model/types';
import type { RuleContext } from './types';
import { partitionPoint } from '../model/search';

/** Indices [first, end) into model.articles of the articles the run covers. */
export function articleRangeInScope({ model, scope }: Pick<RuleContext, 'model' | 'scope'>): { readonly first: number; readonly end: number } {
  const articles = model.articles;
  if (!scope) return { first: 0, end: articles.length };
  return { first: firstEndingAtOrAfter(articles, scope.start), end: firstStartingAfter(articles, scope.end) };
}

export function articlesInScope(context: RuleContext): readonly Article[] {
  const { first, end } = articleRangeInScope(context);
  return first === 0 && end === context.model.articles.length ? context.model.articles : context.model.articles.slice(first, end);
}

export function blocksInScope({ model, scope }: RuleContext): readonly Block[] {
  if (!scope) return model.blocks;
  return model.blocks.slice(firstEndingAtOrAfter(model.blocks, scope.start), firstStartingAfter(model.blocks, scope.end));
}

/** A problem the run owns: its start lies in the scope (both ends included: a problem may sit at an article's very end). */
export function inScope(span: Span, scope: Span | undefined): boolean {
  return !scope || (span.start >= scope.start && span.start <= scope.end);
}

function firstEndingAtOrAfter(items: readonly { readonly span: Span }[], offset: number): number {
  return partitionPoint(items, (item) => item.span.end < offset);
}

function firstStartingAfter(items: readonly { readonly span: Span }[], offset: number): number {
  return partitionPoint(items, (item) => item.span.start <= offset);
}
