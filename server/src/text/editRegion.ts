// Where two versions of a text differ, as one region: everything before `start` and
// everything after the region's end is the same in both. Several edits (one LSP didChange
// may carry many, and a debounce lets several didChanges pass) fold into one region.

/** The text before [start, oldEnd) and after it is unchanged; the region became [start, newEnd). */
export interface EditRegion {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** One replacement, in offsets of the text it applies to. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function regionOfReplacement(change: Replacement): EditRegion {
  return { start: change.start, oldEnd: change.end, newEnd: change.start + change.text.length };
}

/** Length change of the text across the region. */
export function regionDelta(region: EditRegion): number {
  return region.newEnd - region.oldEnd;
}

/** `first` took text A to B, `second` took B to C: the region that takes A to C. */
export function composeRegions(first: EditRegion, second: EditRegion): EditRegion {
  const firstDelta = regionDelta(first);
  const start = Math.min(first.start, second.start);
  // In B, the first region ends at first.newEnd; whatever lies beyond both is unchanged from A.
  const endInB = Math.max(first.newEnd, second.oldEnd);
  const endInC = endInB + regionDelta(second);
  return { start, oldEnd: endInB - firstDelta, newEnd: endInC };
}

/** Folds the replacements of one or more changes (each relative to the text the previous one left) into one region. */
export function regionOfReplacements(changes: readonly Replacement[], after?: EditRegion): EditRegion | undefined {
  let region = after;
  for (const change of changes) {
    const next = regionOfReplacement(change);
    region = region ? composeRegions(region, next) : next;
  }
  return region;
}
