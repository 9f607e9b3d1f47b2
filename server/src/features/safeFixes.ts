// The safe fixes of a file, chosen so they can all be applied in one edit: no two
// touch the same text, and each fix goes in whole or not at all.
import type { Fix, TextEdit } from '../rules/types';
import type { Problem } from '../rules/types';
import { partitionPoint } from '../model/search';

/** Safe fixes in document order; a fix that would collide with an earlier one waits for the next round. */
export function compatibleSafeFixes(problems: readonly Problem[]): Fix[] {
  const chosen: Fix[] = [];
  const claimed: TextEdit[] = [];
  const candidates = problems
    .flatMap((problem) => problem.fixes.filter((fix) => fix.safe).slice(0, 1))
    .filter((fix) => fix.edits.length > 0)
    .sort((a, b) => firstStart(a) - firstStart(b));
  // Claimed edits never collide, so they are disjoint and, kept sorted by start, a new edit need only
  // be compared with its neighbours: comparing it with all of them was quadratic (20 000 joins: minutes).
  for (const fix of candidates) {
    if (fix.edits.some((edit) => collidesWithClaimed(edit, claimed))) continue;
    chosen.push(fix);
    for (const edit of fix.edits) claimed.splice(firstStartingAtOrAfter(claimed, edit.span.start), 0, edit);
  }
  return chosen;
}

function firstStartingAtOrAfter(edits: readonly TextEdit[], offset: number): number {
  return partitionPoint(edits, (edit) => edit.span.start < offset);
}

/** collide() against the nearest claimed edits: the first starting at or after the edit, and the one before it. */
function collidesWithClaimed(edit: TextEdit, claimed: readonly TextEdit[]): boolean {
  const at = firstStartingAtOrAfter(claimed, edit.span.start);
  return (at < claimed.length && collide(edit, claimed[at])) || (at > 0 && collide(edit, claimed[at - 1]));
}

/**
 * Applies non-overlapping edits given in original offsets, in one pass over the text (a copy of
 * the text per edit was quadratic). Insertions at one offset come out in reverse order, as when
 * they were applied from the end backwards; overlapping edits are still applied that way.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const order = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.span.start - b.edit.span.start || a.edit.span.end - b.edit.span.end || b.index - a.index);
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of order) {
    if (edit.span.start < at) return applyFromTheEnd(text, edits);
    parts.push(text.slice(at, edit.span.start), edit.newText);
    at = edit.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function applyFromTheEnd(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end)) {
    result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  }
  return result;
}

function firstStart(fix: Fix): number {
  return Math.min(...fix.edits.map((edit) => edit.span.start));
}

/** Overlapping ranges, an insertion inside a replaced range, or two edits at one place (their order would be a guess). */
function collide(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === b.span.start) return true;
  if (a.span.start < b.span.end && b.span.start < a.span.end) return true;
  const insideOf = (insert: TextEdit, other: TextEdit): boolean =>
    insert.span.start === insert.span.end && other.span.start < insert.span.start && insert.span.start < other.span.end;
  return insideOf(a, b) || insideOf(b, a);
}
