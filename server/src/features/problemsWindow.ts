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
/** Read once: the library's export is a getter, and the loops below ask it of every diagnostic. */
const ERROR = DiagnosticSeverity.Error;

/**
 * The lines whose diagnostics were all published (0-based, inclusive), how many of how many,
 * and how many errors from elsewhere came with them.
 */
export interface ProblemsWindow {
  readonly fromLine: number;
  readonly toLine: number;
  readonly shown: number;
  readonly total: number;
  readonly errorsElsewhere: number;
  /** Set while the dump is checked from this line on (a large dump's opening publish): `total` counts the problems above it. */
  readonly uncheckedFromLine?: number;
}

export interface WindowedDiagnostics {
  readonly diagnostics: readonly Diagnostic[];
  /** Absent when everything fits. */
  readonly window?: ProblemsWindow;
}

/**
 * The diagnostics of `groups` (each kept in its order) when they fit in `limit`; otherwise,
 * after a notice, every error (as VS Code keeps errors first: a rule the user made an error,
 * a broken .ann) and the rest on the lines nearest `focusLine`, at most `limit - 1` in all.
 * `lastLine` is the document's last line. With `uncheckedFromLine`, the lines from there on
 * are still being checked: the caller makes sure the window ends above them, and the notice says so.
 */
export function windowDiagnostics(
  groups: readonly (readonly Diagnostic[])[],
  focusLine: number,
  limit: number,
  lastLine: number,
  uncheckedFromLine?: number,
): WindowedDiagnostics {
  const total = groups.reduce((sum, group) => sum + group.length, 0);
  if (total <= limit) return { diagnostics: groups.length === 1 ? groups[0] : groups.flat() };
  const room = Math.max(1, limit - 1);
  let errors = 0;
  for (const group of groups) for (const diagnostic of group) if (diagnostic.severity === ERROR) errors++;
  // Errors beyond the room: the nearest of them are chosen like any other diagnostic.
  const keepErrors = errors < room;
  const isKept = (diagnostic: Diagnostic) => keepErrors && diagnostic.severity === ERROR;
  const { fromLine, toLine } = nearestLines(groups, isKept, focusLine, keepErrors ? room - errors : room, lastLine);

  const shown: Diagnostic[] = [];
  let errorsElsewhere = 0;
  for (const group of groups) {
    for (const diagnostic of group) {
      const line = diagnostic.range.start.line;
      const inside = line >= fromLine && line <= toLine;
      if (shown.length < room && (inside || isKept(diagnostic))) {
        shown.push(diagnostic);
        if (!inside) errorsElsewhere++;
      }
    }
  }
  const window: ProblemsWindow =
    uncheckedFromLine === undefined
      ? { fromLine, toLine, shown: shown.length, total, errorsElsewhere }
      : { fromLine, toLine, shown: shown.length, total, errorsElsewhere, uncheckedFromLine };
  return { diagnostics: [windowNotice(window, limit), ...shown], window };
}

/**
 * The lines around `focusLine` that hold at most `room` of the diagnostics not kept anyway,
 * whole lines, as far as the nearest one left out on either side; one line that holds more
 * than the room on its own is the window then (a part of it is shown).
 */
function nearestLines(groups: readonly (readonly Diagnostic[])[], isKept: (diagnostic: Diagnostic) => boolean, focusLine: number, room: number, lastLine: number): { fromLine: number; toLine: number } {
  const starts: number[] = [];
  for (const group of groups) for (const diagnostic of group) if (!isKept(diagnostic)) starts.push(diagnostic.range.start.line);
  const lines = Int32Array.from(starts).sort();
  const total = lines.length;
  if (total === 0) return { fromLine: 0, toLine: lastLine };

  // The `room` diagnostics nearest the focus: [low, high) of the sorted lines.
  let low = partitionPoint(lines, (line) => line < focusLine);
  let high = low;
  while (high - low < room && high - low < total) {
    if (low > 0 && (high >= total || focusLine - lines[low - 1] <= lines[high] - focusLine)) low--;
    else high++;
  }
  // Whole lines: a line cut at an end of [low, high) is left out whole.
  const fromLine = low > 0 ? lines[low - 1] + 1 : 0;
  const toLine = high < total ? lines[high] - 1 : Math.max(lastLine, lines[total - 1]);
  const first = partitionPoint(lines, (line) => line < fromLine);
  if (first === total || lines[first] > toLine) return { fromLine: lines[low], toLine: lines[low] };
  return { fromLine, toLine };
}

function windowNotice(window: ProblemsWindow, limit: number): Diagnostic {
  const count = (n: number) => n.toLocaleString('en');
  const lines = window.fromLine === window.toLine ? `line ${count(window.fromLine + 1)}` : `lines ${count(window.fromLine + 1)}–${count(window.toLine + 1)}`;
  const errors = window.errorsElsewhere === 0 ? '' : `, and ${window.errorsElsewhere === 1 ? 'the error' : `the ${count(window.errorsElsewhere)} errors`} elsewhere`;
  const at = { line: window.fromLine, character: 0 };
  const unchecked = window.uncheckedFromLine;
  const counted =
    unchecked === undefined
      ? `${count(window.shown)} of ${count(window.total)} problems shown`
      : `${count(window.shown)} problems shown (of ${count(window.total)} above line ${count(unchecked + 1)}; the lines below are still being checked)`;
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    code: WINDOW_NOTICE_CODE,
    source: DIAGNOSTIC_SOURCE,
    message:
      `${counted}, those on ${lines}${errors}: the editor lists at most ${count(limit)} of a file, ` +
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
