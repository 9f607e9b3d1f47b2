// Binary search over sorted model parts (articles, blocks, edits, offsets): one helper
// instead of a hand-written loop per place.
import type { DumpModel } from './types';

/** The first index whose item fails `before`, for a `before` that holds for a prefix of `items` and never after it. */
export function partitionPoint<T>(items: ArrayLike<T>, before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(items[mid])) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the article around `offset` (its end counts as inside), or of the first one after it; the article count when none is. */
export function articleIndexAt(model: DumpModel, offset: number): number {
  return partitionPoint(model.articles, (article) => article.span.end < offset);
}
