// The contract every diagnostic rule follows: one rule per file, listed in registry.ts.
import { Article, DumpModel, Span, WordSegmenter } from '../model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A text edit in model offsets (UTF-16 code units), end exclusive. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  /** What the fix does, as the quick-fix menu shows it: `Join the two halves of the paragraph`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe to apply without looking (used by `check --fix` and fix-all on save): joins, deletions of exact duplicates. */
  readonly safe: boolean;
}

export interface Problem {
  readonly ruleId: string;
  readonly span: Span;
  readonly message: string;
  readonly fixes: readonly Fix[];
  /** A variant of the rule with its own default severity (stray-space: `name-padding` is milder). */
  readonly variant?: string;
  /** Overrides the rule's default severity for this one problem, before user settings apply. */
  readonly severity?: Severity;
}

export interface RuleContext {
  readonly text: string;
  readonly model: DumpModel;
  readonly segmenter?: WordSegmenter;
  /** Check only the articles (and blocks) that overlap this stretch; the whole dump when absent. See scope.ts. */
  readonly scope?: Span;
}

/**
 * What a rule reports: a problem with its message, or with `describe`, which words the message
 * when it is first read (for a message that costs the segmenter, as ocr-break's reasons do: the
 * editor shows a thousand problems of a file, and a large dump has thousands more).
 */
export type ReportedProblem = Omit<Problem, 'ruleId' | 'message'> & ({ readonly message: string } | { readonly describe: () => string });

export interface Rule {
  /** Stable id users put in settings and ignore files: `ocr-break`. */
  readonly id: string;
  /** One line for settings and docs. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  check(context: RuleContext, report: (problem: ReportedProblem) => void): void;
  /**
   * What the rule reads of an article while checking others (article-boundary: the shapes of
   * its end bylines). When an edit changes this for the re-parsed articles, a re-check of
   * those articles is not enough and the rule runs over the whole dump again.
   */
  factsForOtherArticles?(article: Article): string;
}
