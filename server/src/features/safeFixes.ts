// The safe fixes of a file, chosen so they can all be applied in one edit: no two
// touch the same text, and each fix goes in whole or not at all.
import type { Fix, TextEdit } from '../rules/types';
import type { Problem } from '../rules/types';

/** Safe fixes in document order; a fix that would collide with an earlier one waits for the next round. */
export function compatibleSafeFixes(problems: readonly Problem[]): Fix[] {
  const chosen: Fix[] = [];
  const claimed: TextEdit[] = [];
  const candidates = problems
    .flatMap((problem) => problem.fixes.filter((fix) => fix.safe).slice(0, 1))
    .filter((fix) => fix.edits.length > 0)
    .sort((a, b) => firstStart(a) - firstStart(b));
  for (const fix of candidates) {
    if (fix.edits.some((edit) => claimed.some((other) => collide(edit, other)))) continue;
    chosen.push(fix);
    claimed.push(...fix.edits);
  }
  return chosen;
}

/** Applies non-overlapping edits given in original offsets: from the end backwards, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
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
