// Problems → LSP diagnostics. `data` carries what a code action needs to find the
// problem again without re-guessing it from the range.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Severity } from '../rules/types';
import type { CheckedProblem } from '../rules/runRules';
import type { LineIndex, Range } from '../text/positions';

export const DIAGNOSTIC_SOURCE = 'newsdump';

export interface DiagnosticData {
  readonly rule: string;
  readonly variant?: string;
  /** Index of the problem in the document's check of `version`. */
  readonly index: number;
  readonly version: number;
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspSeverity(severity: Severity): DiagnosticSeverity {
  return LSP_SEVERITY[severity];
}

export function toDiagnostic(problem: CheckedProblem, lines: LineIndex, index: number, version: number, range?: Range): Diagnostic {
  const data: DiagnosticData = problem.variant ? { rule: problem.ruleId, variant: problem.variant, index, version } : { rule: problem.ruleId, index, version };
  return {
    range: range ?? lines.rangeOf(problem.span),
    severity: LSP_SEVERITY[problem.severity],
    code: problem.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    data,
  };
}

/**
 * `knownRanges` remembers the range of each problem object across calls: the service reuses a
 * problem object only while the text before it is unchanged, so its range stays right.
 */
export function toDiagnostics(
  problems: readonly CheckedProblem[],
  lines: LineIndex,
  version: number,
  knownRanges?: WeakMap<CheckedProblem, Range>,
): Diagnostic[] {
  return problems.map((problem, index) => {
    let range = knownRanges?.get(problem);
    if (!range) {
      range = lines.rangeOf(problem.span);
      knownRanges?.set(problem, range);
    }
    return toDiagnostic(problem, lines, index, version, range);
  });
}
