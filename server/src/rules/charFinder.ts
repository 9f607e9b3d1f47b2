// Finding the few characters a rule looks at without a JavaScript loop over every character:
// a 10 MB dump holds 4 million characters and about one bracket or quote in fifty, and the
// regular expression engine skips the others several times faster than charCodeAt can.

/**
 * The offsets of the characters a one-character pattern (a class such as `/[“”《》]/g`,
 * without the u flag) matches, asked for in increasing order. The last match is kept, so
 * asking for one before it again is a comparison: a paragraph with none costs nothing, and a
 * pass that only moves forward reads the text once. Asking out of order is right, only slower.
 */
export class CharFinder {
  /** No match lies in [searchedFrom, found); `found` is the text length when there is none after. */
  private searchedFrom = 0;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly pattern: RegExp,
  ) {
    if (!pattern.global) throw new Error('CharFinder needs a pattern with the g flag');
  }

  /** The first matching offset at or after `from`, or the text length when there is none. */
  next(from: number): number {
    if (from >= this.searchedFrom && from <= this.found) return this.found;
    this.pattern.lastIndex = from;
    this.found = this.pattern.test(this.text) ? this.pattern.lastIndex - 1 : this.text.length;
    this.searchedFrom = from;
    return this.found;
  }
}
