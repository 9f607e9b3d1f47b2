// The problems of a dump after an edit, without checking the whole dump again: problems
// outside the re-parsed stretch are carried over (moved by the edit's length change), the
// stretch is checked again, and a rule whose whole-dump facts changed runs over everything.
import type { Article, DumpModel, Span } from '../model/types';
import { articleRangeInScope } from './scope';
import { shiftSpan } from '../model/shift';
import type { EditRegion } from '../text/editRegion';
import type { CheckedProblem } from './runRules';
import type { Fix, Rule } from './types';
import { RULES } from './registry';

/** Runs rules (all when `rules` is absent) over the scope (the whole dump when absent), with the user's settings and ignores applied. */
export type RunRules = (scope?: Span, rules?: readonly Rule[]) => CheckedProblem[];

export function recheckEdited(
  previousProblems: readonly CheckedProblem[],
  previousModel: DumpModel,
  model: DumpModel,
  reparsed: EditRegion,
  run: RunRules,
  rules: readonly Rule[] = RULES,
): CheckedProblem[] {
  // Fixes read the layout and the line ends: when those change, everything is checked again.
  if (previousModel.layout !== model.layout || previousModel.lineEnding !== model.lineEnding) return run();
  const before = articlesIn(previousModel, { start: reparsed.start, end: reparsed.oldEnd });
  const after = articlesIn(model, { start: reparsed.start, end: reparsed.newEnd });
  const wholeDump = rules.filter((rule) => rule.factsForOtherArticles !== undefined && factsOf(rule, before) !== factsOf(rule, after));
  const scopedRules = wholeDump.length === 0 ? rules : rules.filter((rule) => !wholeDump.includes(rule));
  const rerunIds = new Set(wholeDump.map((rule) => rule.id));
  const delta = reparsed.newEnd - reparsed.oldEnd;

  const problems: CheckedProblem[] = [];
  let i = 0;
  for (; i < previousProblems.length && previousProblems[i].span.start < reparsed.start; i++) {
    if (!rerunIds.has(previousProblems[i].ruleId)) problems.push(previousProblems[i]);
  }
  for (const problem of run({ start: reparsed.start, end: reparsed.newEnd }, scopedRules)) problems.push(problem);
  for (; i < previousProblems.length; i++) {
    const problem = previousProblems[i];
    if (problem.span.start > reparsed.oldEnd && !rerunIds.has(problem.ruleId)) problems.push(shiftProblem(problem, delta));
  }
  if (wholeDump.length === 0) return problems;
  // Same order as runRules: by offset, then rule id.
  return [...problems, ...run(undefined, wholeDump)].sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

function articlesIn(model: DumpModel, scope: Span): readonly Article[] {
  const { first, end } = articleRangeInScope({ model, scope });
  return model.articles.slice(first, end);
}

/** The facts of some articles as a multiset: order does not matter, counts do. */
function factsOf(rule: Rule, articles: readonly Article[]): string {
  return articles.map((article) => rule.factsForOtherArticles!(article)).sort().join('\u0000');
}

/** The problem as the rule reported it, before any edit moved it. */
export function originalOf(problem: CheckedProblem): CheckedProblem {
  return problem instanceof MovedProblem ? problem.original : problem;
}

/** Always a new object, even when delta is 0: an edit of the same length may still add lines, and ranges are kept per object. */
function shiftProblem(problem: CheckedProblem, delta: number): CheckedProblem {
  return problem instanceof MovedProblem ? new MovedProblem(problem.original, problem.delta + delta) : new MovedProblem(problem, delta);
}

/**
 * A problem moved by `delta`. Thousands move with each keystroke and only a quick-fix request
 * reads the fixes, so they move when read; a class, because an object literal with a getter
 * is slow to make.
 */
class MovedProblem implements CheckedProblem {
  readonly ruleId: string;
  readonly span: Span;
  readonly severity: CheckedProblem['severity'];
  readonly variant?: string;
  private movedFixes?: readonly Fix[];

  constructor(
    readonly original: CheckedProblem,
    readonly delta: number,
  ) {
    this.ruleId = original.ruleId;
    this.span = shiftSpan(original.span, delta);
    this.severity = original.severity;
    if (original.variant !== undefined) this.variant = original.variant;
  }

  /** The original's, worded when read (see ReportedProblem). */
  get message(): string {
    return this.original.message;
  }

  get worded(): boolean | undefined {
    return this.original.worded;
  }

  get fixes(): readonly Fix[] {
    const delta = this.delta;
    return (this.movedFixes ??= this.original.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit) => ({ span: shiftSpan(edit.span, delta), newText: edit.newText })),
      safe: fix.safe,
    })));
  }
}
