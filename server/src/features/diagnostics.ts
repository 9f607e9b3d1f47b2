// Problems → LSP diagnostics. A code action finds its problem again by rule and range, so a
// diagnostic carries no `data`: the publish after each keystroke stays small, and a
// diagnostic that did not move is written the same as before (see transport/jsonMessages.ts).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Severity } from '../rules/types';
import type { CheckedProblem } from '../rules/runRules';
import { originalOf } from '../rules/recheck';
import type { LineIndex, Range } from '../text/positions';

export const DIAGNOSTIC_SOURCE = 'newsdump';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspSeverity(severity: Severity): DiagnosticSeverity {
  return LSP_SEVERITY[severity];
}

export function toDiagnostic(problem: CheckedProblem, range: Range): Diagnostic {
  // Worded when written out: of a large dump's diagnostics the client gets a window, the rest never are.
  if (problem.worded === false) return new UnwordedDiagnostic(range, LSP_SEVERITY[problem.severity], problem);
  return {
    range,
    severity: LSP_SEVERITY[problem.severity],
    code: problem.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
}

/**
 * The diagnostic of a problem whose message is still to be worded (ReportedProblem's
 * `describe`): reading `message` or writing it out as JSON words it. A class, not an object
 * with a getter: those are made in a slow shape, about 650 bytes each, thousands per dump.
 */
class UnwordedDiagnostic implements Diagnostic {
  readonly code: string;
  readonly source = DIAGNOSTIC_SOURCE;

  constructor(
    readonly range: Range,
    readonly severity: DiagnosticSeverity,
    private readonly problem: CheckedProblem,
  ) {
    this.code = problem.ruleId;
  }

  get message(): string {
    return this.problem.message;
  }

  /** The problem as its rule reported it: a problem moved from it says the same, worded or not. */
  get origin(): CheckedProblem {
    return originalOf(this.problem);
  }

  /** What the client is sent: the fields of a plain diagnostic, in the same order. */
  toJSON(): Diagnostic {
    return { range: this.range, severity: this.severity, code: this.code, source: this.source, message: this.message };
  }
}

/** Diagnostics made before, kept so that those whose problem did not change are the same objects again. */
export interface MadeDiagnostics {
  readonly problems: readonly CheckedProblem[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The diagnostics of `problems`. A diagnostic of `before` is reused when it says the same: by
 * identity for the problems before an edit (the service keeps a problem object only while the
 * text before it is unchanged, so its range is too), by comparing range and text for those
 * after it (moved problems are new objects). Reused objects let the publish copy their bytes.
 */
export function toDiagnostics(problems: readonly CheckedProblem[], lines: LineIndex, before?: MadeDiagnostics): readonly Diagnostic[] {
  if (before?.problems === problems) return before.diagnostics;
  const diagnostics = new Array<Diagnostic>(problems.length);
  let i = 0;
  if (before) {
    for (; i < problems.length && i < before.problems.length && problems[i] === before.problems[i]; i++) diagnostics[i] = before.diagnostics[i];
  }
  // Counted from the end, problems after the edit line up with those before it.
  const shift = (before?.problems.length ?? 0) - problems.length;
  for (; i < problems.length; i++) {
    const problem = problems[i];
    const old = before?.diagnostics[i + shift];
    diagnostics[i] = old !== undefined && i + shift >= 0 && saysTheSame(old, problem, lines) ? old : toDiagnostic(problem, lines.rangeOf(problem.span));
  }
  return diagnostics;
}

/** Compared without making the problem's range: a keystroke compares thousands of moved problems. */
function saysTheSame(diagnostic: Diagnostic, problem: CheckedProblem, lines: LineIndex): boolean {
  const { start, end } = diagnostic.range;
  return (
    lines.isAt(start, problem.span.start) &&
    lines.isAt(end, problem.span.end) &&
    // A problem moved from the one the diagnostic reads its message from says the same, worded or not.
    ((diagnostic instanceof UnwordedDiagnostic && diagnostic.origin === originalOf(problem)) || diagnostic.message === problem.message) &&
    diagnostic.code === problem.ruleId &&
    diagnostic.severity === LSP_SEVERITY[problem.severity]
  );
}
