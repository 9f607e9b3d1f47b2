// Problems → LSP diagnostics. `data` carries what a code action needs to find the
// problem again without re-guessing it from the range.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Severity } from '../rules/types';
import type { CheckedProblem } from '../rules/runRules';
import type { LineIndex } from '../text/positions';

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

export function toDiagnostic(problem: CheckedProblem, lines: LineIndex, index: number, version: number): Diagnostic {
  const data: DiagnosticData = { rule: problem.ruleId, ...(problem.variant ? { variant: problem.variant } : {}), index, version };
  return {
    range: lines.rangeOf(problem.span),
    severity: LSP_SEVERITY[problem.severity],
    code: problem.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    data,
  };
}

export function toDiagnostics(problems: readonly CheckedProblem[], lines: LineIndex, version: number): Diagnostic[] {
  return problems.map((problem, index) => toDiagnostic(problem, lines, index, version));
}
