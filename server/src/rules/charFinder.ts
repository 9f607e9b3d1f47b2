// Finding the few characters a rule looks at without a JavaScript loop over every character:
// a 10 MB dump holds 4 million characters and about one bracket or quote in fifty, and the
// regular expression engine skips the others several times faster than charCodeAt can.
import type { Span } from '../model/types';

/**
 * The offsets of the characters a one-character pattern (a class such as `/[“”《》]/g`,
 * without the u flag) matches inside a stretch of the text, asked for in increasing order.
 * The last match is kept, so asking for one before it again is a comparison: a paragraph
 * with none costs nothing, and a pass that only moves forward reads the stretch once.
 * Asking out of order is right, only slower.
 */
export class CharFinder {
  /** The stretch searched: a re-check of one article must not read on to the end of a 50 MB dump for a character it lacks. */
  private readonly searched: string;
  private readonly start: number;
  private readonly end: number;
  /** No match lies in [searchedFrom, found); `found` is `end` when there is none after. */
  private searchedFrom = 0;
  private found = -1;

  /** `within`: the stretch that holds every offset the caller will ask about (all of the text when absent). */
  constructor(
    text: string,
    private readonly pattern: RegExp,
    within?: Span,
  ) {
    if (!pattern.global) throw new Error('CharFinder needs a pattern with the g flag');
    this.start = within ? Math.max(0, within.start) : 0;
    this.end = within ? Math.max(this.start, Math.min(text.length, within.end)) : text.length;
    this.searched = this.start === 0 && this.end === text.length ? text : text.slice(this.start, this.end);
    this.searchedFrom = this.start;
  }

  /** The first matching offset at or after `from` (and at or after the stretch's start), or the stretch's end when there is none. */
  next(from: number): number {
    if (from >= this.searchedFrom && from <= this.found) return this.found;
    const at = Math.max(from, this.start);
    this.pattern.lastIndex = at - this.start;
    this.found = this.pattern.test(this.searched) ? this.start + this.pattern.lastIndex - 1 : this.end;
    this.searchedFrom = from;
    return this.found;
  }
}

/** From the start of the first item to the end of the last: the stretch a run over them reads. */
export function stretchOf(items: readonly { readonly span: Span }[]): Span {
  return items.length === 0 ? { start: 0, end: 0 } : { start: items[0].span.start, end: items[items.length - 1].span.end };
}
