// The articles of a dump as the client sees them: the top-level document symbols the
// server returns, in document order. Pure (no vscode import): vscode's Position, Range
// and Diagnostic fit these shapes, and the tests build them by hand.

export interface Pos {
  readonly line: number;
  readonly character: number;
}

export interface Span {
  readonly start: Pos;
  readonly end: Pos;
}

export interface ArticleEntry {
  /** The main title (or `(untitled) …` preview) the server names the symbol by. */
  readonly name: string;
  /** Byline names, or `no byline`. */
  readonly detail?: string;
  /** The whole article. */
  readonly range: Span;
  /** The title, where navigation puts the cursor. */
  readonly selectionRange: Span;
}

/** vscode.DiagnosticSeverity values. */
export const Severity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

export interface DiagnosticLike {
  readonly range: Span;
  readonly severity: number;
  readonly code?: string | number | { readonly value: string | number };
  /** The LSP diagnostic's `data` (vscode-languageclient keeps it on the diagnostics it makes). */
  readonly data?: unknown;
}

/** The server's note on a publish cut to VS Code's 1 000 diagnostics a file (server/src/features/problemsWindow.ts). */
export const WINDOW_NOTICE_CODE = 'problems-window';

/** The lines whose problems were sent: all of them unless the server cut a big dump's publish. */
export interface ShownLines {
  readonly fromLine: number;
  readonly toLine: number;
  /** How many problems were sent, of how many the file has (when the note says). */
  readonly shown?: number;
  readonly total?: number;
}

/** The lines the server sent problems for, from its note; undefined when it sent them all. */
export function shownLines(diagnostics: readonly DiagnosticLike[]): ShownLines | undefined {
  for (const diagnostic of diagnostics) {
    if (codeOf(diagnostic) !== WINDOW_NOTICE_CODE) continue;
    const { fromLine, toLine, shown, total, uncheckedFromLine } = (diagnostic.data ?? {}) as Record<string, unknown>;
    if (typeof fromLine !== 'number' || typeof toLine !== 'number') continue;
    // While the rest of a large dump is still being checked (its opening publish), the file's total is not known.
    const counted = typeof shown === 'number' && typeof total === 'number' && uncheckedFromLine === undefined;
    return { fromLine, toLine, ...(counted ? { shown, total } : {}) };
  }
  return undefined;
}

function codeOf(diagnostic: DiagnosticLike): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function comparePos(a: Pos, b: Pos): number {
  return a.line - b.line || a.character - b.character;
}

export function contains(span: Span, pos: Pos): boolean {
  return comparePos(span.start, pos) <= 0 && comparePos(pos, span.end) <= 0;
}

/** Articles sorted by where they start (the server sends them so; this makes sure). */
export function sortArticles(articles: readonly ArticleEntry[]): ArticleEntry[] {
  return [...articles].sort((a, b) => comparePos(a.range.start, b.range.start));
}

/**
 * The article the position is in: the last one starting at or before it, if it has not
 * ended before it. -1 before the first article or in the gap after an article's end.
 */
export function articleIndexAt(articles: readonly ArticleEntry[], pos: Pos): number {
  let low = 0;
  let high = articles.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (comparePos(articles[mid].range.start, pos) <= 0) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found === -1) return -1;
  return comparePos(pos, articles[found].range.end) <= 0 ? found : -1;
}

/** The first article whose title starts after the position; -1 when there is none. */
export function nextArticleIndex(articles: readonly ArticleEntry[], pos: Pos): number {
  return articles.findIndex((article) => comparePos(article.selectionRange.start, pos) > 0);
}

/**
 * The last article whose title starts before the position; -1 when there is none.
 * From inside an article's body that is the article's own title, as "previous heading"
 * works in outline editors; from its title, the article before.
 */
export function previousArticleIndex(articles: readonly ArticleEntry[], pos: Pos): number {
  for (let i = articles.length - 1; i >= 0; i--) {
    if (comparePos(articles[i].selectionRange.start, pos) < 0) return i;
  }
  return -1;
}

/** Problems that start inside the span, by severity; hints are left out, as the Problems panel leaves them out. */
/**
 * The problems that start inside `span` (hints and the server's note left out); undefined when
 * the span reaches past the lines the server sent problems for, so they cannot be counted here.
 */
export function countProblems(diagnostics: readonly DiagnosticLike[], span: Span, shown = shownLines(diagnostics)): ProblemCounts | undefined {
  if (shown && (span.start.line < shown.fromLine || span.end.line > shown.toLine)) return undefined;
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const diagnostic of diagnostics) {
    if (!contains(span, diagnostic.range.start) || codeOf(diagnostic) === WINDOW_NOTICE_CODE) continue;
    if (diagnostic.severity === Severity.Error) errors++;
    else if (diagnostic.severity === Severity.Warning) warnings++;
    else if (diagnostic.severity === Severity.Information) infos++;
  }
  return { errors, warnings, infos };
}

export function totalProblems(counts: ProblemCounts): number {
  return counts.errors + counts.warnings + counts.infos;
}

/** `3 problems (1 error, 2 warnings)`, `no problems`; for an article whose problems were not sent, says so. */
export function describeProblems(counts: ProblemCounts | undefined): string {
  if (counts === undefined) return 'problems listed when you go there (VS Code lists 1,000 a file)';
  const total = totalProblems(counts);
  if (total === 0) return 'no problems';
  const parts: string[] = [];
  if (counts.errors > 0) parts.push(plural(counts.errors, 'error'));
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'));
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info', 'infos'));
  return `${plural(total, 'problem')} (${parts.join(', ')})`;
}

/** For a tooltip: which lines' problems the editor lists, when the server sent only those. */
export function describeShownLines(shown: ShownLines): string {
  const count = (n: number) => n.toLocaleString('en');
  const of = shown.shown !== undefined && shown.total !== undefined ? ` (${count(shown.shown)} of ${count(shown.total)})` : '';
  return `Problems are listed for lines ${count(shown.fromLine + 1)}–${count(shown.toLine + 1)} of this file${of}: VS Code lists 1,000 a file, so they follow where you are. \`newsdump check\` reports them all.`;
}

/** The status bar text: `$(book) Article 3/12  $(warning) 2`. */
export function statusText(index: number, total: number, counts: ProblemCounts | undefined): string {
  if (total === 0) return '$(book) No articles';
  const where = index >= 0 ? `${index + 1}/${total}` : `–/${total}`;
  const problems = counts ? totalProblems(counts) : 0;
  if (problems === 0 || counts === undefined) return `$(book) Article ${where}`;
  const icon = counts.errors > 0 ? '$(error)' : counts.warnings > 0 ? '$(warning)' : '$(info)';
  return `$(book) Article ${where}  ${icon} ${problems}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
