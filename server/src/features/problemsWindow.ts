// A client may show only so many diagnostics of one file: VS Code's extension host passes
// the first 1 000 on (errors, then warnings, then the rest) and drops the others, so on a
// big dump the problems past the first stretch, and every hint, would never be seen. When
// the client says its limit, a document with more is published as the problems on the
// lines around where the user works (whole lines), with one notice saying which lines and
// how many are left out. The window moves when the user does (see needsRecentring).
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { partitionPoint } from '../model/search';

export const WINDOW_NOTICE_CODE = 'problems-window';

/** The lines whose diagnostics were all published (0-based, inclusive), and how many of how many. */
export interface ProblemsWindow {
  readonly fromLine: number;
  readonly toLine: number;
  readonly shown: number;
  readonly total: number;
}

export interface WindowedDiagnostics {
  readonly diagnostics: readonly Diagnostic[];
  /** Absent when everything fits. */
  readonly window?: ProblemsWindow;
}

/**
 * The diagnostics of `groups` (each kept in its order) when they fit in `limit`; otherwise
 * those on the lines nearest `focusLine`, at most `limit - 1` of them, after a notice.
 * `lastLine` is the document's last line.
 */
export function windowDiagnostics(groups: readonly (readonly Diagnostic[])[], focusLine: number, limit: number, lastLine: number): WindowedDiagnostics {
  const total = groups.reduce((sum, group) => sum + group.length, 0);
  if (total <= limit) return { diagnostics: groups.length === 1 ? groups[0] : groups.flat() };
  const room = Math.max(1, limit - 1);
  const lines = new Int32Array(total);
  let k = 0;
  for (const group of groups) for (const diagnostic of group) lines[k++] = diagnostic.range.start.line;
  lines.sort();

  // The `room` diagnostics nearest the focus: [low, high) of the sorted lines.
  let low = partitionPoint(lines, (line) => line < focusLine);
  let high = low;
  while (high - low < room) {
    if (low > 0 && (high >= total || focusLine - lines[low - 1] <= lines[high] - focusLine)) low--;
    else high++;
  }
  // Whole lines, as far as the nearest diagnostic left out on either side: a line cut at
  // an end of [low, high) is left out whole.
  let fromLine = low > 0 ? lines[low - 1] + 1 : 0;
  let toLine = high < total ? lines[high] - 1 : Math.max(lastLine, lines[total - 1]);
  const first = partitionPoint(lines, (line) => line < fromLine);
  // Nothing left: one line holds more than there is room for; a part of that line.
  if (first === total || lines[first] > toLine) fromLine = toLine = lines[low];

  const shown: Diagnostic[] = [];
  for (const group of groups) {
    for (const diagnostic of group) {
      const line = diagnostic.range.start.line;
      if (line >= fromLine && line <= toLine && shown.length < room) shown.push(diagnostic);
    }
  }
  const window: ProblemsWindow = { fromLine, toLine, shown: shown.length, total };
  return { diagnostics: [windowNotice(window, limit), ...shown], window };
}

function windowNotice(window: ProblemsWindow, limit: number): Diagnostic {
  const count = (n: number) => n.toLocaleString('en');
  const lines = window.fromLine === window.toLine ? `line ${count(window.fromLine + 1)}` : `lines ${count(window.fromLine + 1)}–${count(window.toLine + 1)}`;
  const at = { line: window.fromLine, character: 0 };
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    code: WINDOW_NOTICE_CODE,
    source: DIAGNOSTIC_SOURCE,
    message:
      `${count(window.shown)} of ${count(window.total)} problems shown, those on ${lines}: the editor lists at most ${count(limit)} of a file, ` +
      'so the problems shown follow the part you view or edit. `newsdump check` reports them all.',
    data: { ...window },
  };
}

/**
 * Whether the user, now at `line`, has left the middle half of the published window (an
 * edge of the document counts as inside): then the window is published again around them.
 */
export function needsRecentring(window: ProblemsWindow, line: number, lastLine: number): boolean {
  const margin = Math.floor((window.toLine - window.fromLine) / 4);
  const top = window.fromLine === 0 ? 0 : window.fromLine + margin;
  const bottom = window.toLine >= lastLine ? Infinity : window.toLine - margin;
  return line < top || line > bottom;
}

/**
 * `newsdump/visibleRanges` (client → server): the lines an editor shows of a dump, sent as
 * the user scrolls. Where the user is decides the published window and where hints are made.
 */
export const VISIBLE_RANGES_NOTIFICATION = 'newsdump/visibleRanges';

export interface VisibleRangesParams {
  readonly uri: string;
  readonly ranges: readonly Range[];
}

/** `maxDiagnosticsPerDocument` of the client's initializationOptions: a whole number ≥ 2, else no limit. */
export function publishLimitOf(initializationOptions: unknown): number | undefined {
  const value = (initializationOptions as { maxDiagnosticsPerDocument?: unknown } | null | undefined)?.maxDiagnosticsPerDocument;
  return typeof value === 'number' && Number.isInteger(value) && value >= 2 ? value : undefined;
}
