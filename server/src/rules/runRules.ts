// Runs every enabled rule over a parsed dump and applies the user's severities.
import { Fix, Problem, ReportedProblem, Rule, RuleContext, Severity, SeveritySetting } from './types';
import type { Span } from '../model/types';
import { RULES } from './registry';
import { inScope } from './scope';

/** Severity per rule id (or `ruleId/variant`), from settings or a project config file. */
export type SeverityOverrides = Readonly<Record<string, SeveritySetting>>;

export interface CheckedProblem extends Problem {
  readonly severity: Severity;
  /** False while the message is still to be worded (reading `message` words it); absent when it always was. */
  readonly worded?: boolean;
}

export function runRules(
  context: RuleContext,
  overrides: SeverityOverrides = {},
  rules: readonly Rule[] = RULES,
  onRuleError?: (ruleId: string, error: unknown) => void,
): CheckedProblem[] {
  const problems: CheckedProblem[] = [];
  for (const rule of rules) {
    if (overrides[rule.id] === 'off') continue;
    try {
      rule.check(context, (problem) => {
        if (!inScope(problem.span, context.scope)) return;
        const setting =
          (problem.variant ? overrides[`${rule.id}/${problem.variant}`] : undefined) ?? overrides[rule.id];
        if (setting === 'off') return;
        problems.push(checked(problem, rule.id, setting ?? problem.severity ?? rule.defaultSeverity));
      });
    } catch (error) {
      // One broken rule must not take the others' problems with it.
      onRuleError?.(rule.id, error);
    }
  }
  return problems.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The problem with its rule and severity. Written out, not `{ ...problem, ruleId, severity }`:
 * V8 copies a spread with keys added after it slowly (about 3 µs a problem, 20 ms for a large
 * dump). The keys come in the order the spread gave them, so the JSON written of them is unchanged.
 */
function checked(problem: ReportedProblem, ruleId: string, severity: Severity): CheckedProblem {
  if ('describe' in problem) return new DescribedProblem(problem, ruleId, severity);
  const { span, message, fixes, variant } = problem;
  if (variant === undefined) {
    return problem.severity === undefined ? { span, message, fixes, ruleId, severity } : { span, message, fixes, severity, ruleId };
  }
  return problem.severity === undefined ? { span, message, fixes, variant, ruleId, severity } : { span, message, fixes, variant, severity, ruleId };
}

/** A problem whose message is worded when first read (ReportedProblem's `describe`). */
class DescribedProblem implements CheckedProblem {
  readonly span: Span;
  readonly fixes: readonly Fix[];
  readonly variant?: string;
  private describe?: () => string;
  private worded_?: string;

  constructor(
    problem: ReportedProblem & { readonly describe: () => string },
    readonly ruleId: string,
    readonly severity: Severity,
  ) {
    this.span = problem.span;
    this.fixes = problem.fixes;
    if (problem.variant !== undefined) this.variant = problem.variant;
    this.describe = problem.describe;
  }

  get message(): string {
    if (this.worded_ === undefined) {
      this.worded_ = this.describe!();
      this.describe = undefined;
    }
    return this.worded_;
  }

  get worded(): boolean {
    return this.worded_ !== undefined;
  }
}
