// The window of a big document's diagnostics that a client with a limit gets (VS Code shows
// 1 000 of a file): whole lines around the user, a notice saying which, nothing else lost.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { WINDOW_NOTICE_CODE, needsRecentring, publishLimitOf, windowDiagnostics, type ProblemsWindow } from '../src/features/problemsWindow';
import { Fuzz } from './support/random';

function at(line: number, what = 'p', severity: 1 | 2 | 3 | 4 = 2): Diagnostic {
  return { range: { start: { line, character: 0 }, end: { line, character: 1 } }, message: `${what}@${line}`, code: 'ocr-break', severity };
}

const linesOf = (diagnostics: readonly Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.range.start.line);

describe('windowDiagnostics', () => {
  test('a document within the limit is published whole, in order, without a notice', () => {
    const qa = [at(3), at(1)];
    const tags = [at(0, 'hint')];
    const result = windowDiagnostics([qa, tags], 50, 3, 100);
    assert.deepEqual(result.diagnostics, [...qa, ...tags]);
    assert.equal(result.window, undefined);
  });

  test('over the limit: the lines nearest the user, whole, after a notice that says which and how many', () => {
    // Lines 0..99, two diagnostics on each even line.
    const qa = Array.from({ length: 100 }, (_, line) => (line % 2 === 0 ? [at(line, 'a'), at(line, 'b')] : [])).flat();
    const result = windowDiagnostics([qa], 50, 11, 120);
    const [notice, ...shown] = result.diagnostics;
    assert.equal(notice.code, WINDOW_NOTICE_CODE);
    // Ten fit: five whole lines, 46..54 around line 50 (not 48..56 or a half line).
    assert.deepEqual([...new Set(linesOf(shown))], [46, 48, 50, 52, 54]);
    assert.deepEqual(result.window, { fromLine: 45, toLine: 55, shown: 10, total: 100, errorsElsewhere: 0 });
    assert.deepEqual(notice.range.start, { line: 45, character: 0 });
    assert.match(String(notice.message), /^10 of 100 problems shown, those on lines 46–56: the editor lists at most 11 of a file/);
    assert.deepEqual(notice.data, result.window);
  });

  test('while the lines below are still being checked, the notice counts only the problems above them and says so', () => {
    const qa = Array.from({ length: 30 }, (_, line) => at(line));
    const result = windowDiagnostics([qa], 0, 11, 29, 30);
    const [notice, ...shown] = result.diagnostics;
    assert.deepEqual(linesOf(shown), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(result.window, { fromLine: 0, toLine: 9, shown: 10, total: 30, errorsElsewhere: 0, uncheckedFromLine: 30 });
    assert.match(String(notice.message), /^10 problems shown \(of 30 above line 31; the lines below are still being checked\), those on lines 1–10: the editor lists at most 11/);
    assert.deepEqual(notice.data, result.window);
  });

  test('a line that would be cut at the edge of the window is left out whole', () => {
    const qa = [at(10), at(20), at(20), at(20), at(30)];
    const result = windowDiagnostics([qa], 10, 4, 40);
    // Line 10 and two of line 20 would fit; line 20 is not split, so only line 10 is shown.
    assert.deepEqual(linesOf(result.diagnostics.slice(1)), [10]);
    assert.deepEqual(result.window, { fromLine: 0, toLine: 19, shown: 1, total: 5, errorsElsewhere: 0 });
  });

  test('at the end of the document the window runs to its last line', () => {
    const qa = Array.from({ length: 30 }, (_, i) => at(i * 3));
    const result = windowDiagnostics([qa], 500, 6, 600);
    assert.deepEqual(linesOf(result.diagnostics.slice(1)), [75, 78, 81, 84, 87]);
    assert.equal(result.window?.toLine, 600);
    assert.match(String(result.diagnostics[0].message), /lines 74–601/);
  });

  test('one line with more problems than room: a part of it, and the notice says that line', () => {
    const qa = [at(2), ...Array.from({ length: 9 }, (_, i) => at(5, `x${i}`)), at(8)];
    const result = windowDiagnostics([qa], 5, 5, 10);
    assert.deepEqual(result.diagnostics.slice(1).map((d) => d.message), ['x0@5', 'x1@5', 'x2@5', 'x3@5']);
    assert.deepEqual(result.window, { fromLine: 5, toLine: 5, shown: 4, total: 11, errorsElsewhere: 0 });
    assert.match(String(result.diagnostics[0].message), /those on line 6:/);
  });

  test('every error is kept wherever it is (as VS Code keeps errors first), the window has the rest of the room', () => {
    const qa = Array.from({ length: 100 }, (_, line) => at(line));
    const tags = [at(0, 'ann', 1), at(99, 'drift', 1)];
    const result = windowDiagnostics([qa, tags], 50, 8, 100);
    assert.deepEqual(result.diagnostics.slice(1).map((d) => d.message), ['p@48', 'p@49', 'p@50', 'p@51', 'p@52', 'ann@0', 'drift@99']);
    assert.deepEqual(result.window, { fromLine: 48, toLine: 52, shown: 7, total: 102, errorsElsewhere: 2 });
    assert.match(String(result.diagnostics[0].message), /^7 of 102 problems shown, those on lines 49–53, and the 2 errors elsewhere: /);
    // More errors than room: the errors too are chosen by nearness.
    const many = Array.from({ length: 40 }, (_, line) => at(line, 'e', 1));
    const crowded = windowDiagnostics([many], 30, 5, 40);
    assert.deepEqual(crowded.diagnostics.slice(1).map((d) => d.message), ['e@28', 'e@29', 'e@30', 'e@31']);
  });

  test('groups keep their order: QA problems first, then the tags and hints of the same lines', () => {
    const qa = [at(1, 'q'), at(5, 'q'), at(9, 'q')];
    const tags = [at(4, 't'), at(0, 't'), at(6, 't')];
    const result = windowDiagnostics([qa, tags], 5, 4, 10);
    assert.deepEqual(result.diagnostics.slice(1).map((d) => d.message), ['q@5', 't@4', 't@6']);
  });

  test('random documents: every diagnostic on the window lines is shown and none elsewhere; the user is inside it', () => {
    const random = new Fuzz(20261122);
    for (let round = 0; round < 400; round++) {
      const lastLine = random.int(200) + 1;
      const groups = Array.from({ length: 1 + random.int(3) }, () =>
        Array.from({ length: random.int(120) }, () => at(random.int(lastLine + 1), `r${random.int(1000)}`, random.chance(0.05) ? 1 : 2)),
      );
      const total = groups.reduce((sum, group) => sum + group.length, 0);
      const limit = 2 + random.int(40);
      const focus = random.int(lastLine + 1);
      const result = windowDiagnostics(groups, focus, limit, lastLine);
      if (total <= limit) {
        assert.equal(result.window, undefined);
        assert.equal(result.diagnostics.length, total);
        continue;
      }
      const window = result.window as ProblemsWindow;
      const shown = result.diagnostics.slice(1);
      assert.ok(shown.length <= limit - 1 && shown.length >= 1, `round ${round}: ${shown.length} shown, limit ${limit}`);
      assert.equal(window.shown, shown.length);
      assert.equal(window.total, total);
      const all = groups.flat();
      const errorsKept = all.filter((d) => d.severity === 1).length < limit - 1;
      const isKept = (d: Diagnostic) => errorsKept && d.severity === 1;
      const onLines = (d: Diagnostic) => d.range.start.line >= window.fromLine && d.range.start.line <= window.toLine;
      const expected = all.filter((d) => onLines(d) || isKept(d));
      const crowded = window.fromLine === window.toLine && expected.length > limit - 1;
      if (!crowded) {
        assert.deepEqual(shown, expected, `round ${round}: the window's lines are shown whole, and every error, in group order`);
        const windowed = all.filter((d) => !isKept(d));
        if (windowed.length > 0) assert.ok(focus >= window.fromLine && focus <= window.toLine, `round ${round}: focus ${focus} outside ${window.fromLine}–${window.toLine}`);
      } else {
        assert.deepEqual(shown, expected.slice(0, limit - 1), `round ${round}: a crowded line is shown in part`);
      }
      assert.equal(window.errorsElsewhere, shown.filter((d) => !onLines(d)).length);
      // The window is as wide as it can be: the lines just outside it hold a diagnostic that is not shown.
      const lines = new Set(all.filter((d) => !isKept(d)).map((d) => d.range.start.line));
      if (window.fromLine > 0 && window.fromLine !== window.toLine) assert.ok(lines.has(window.fromLine - 1), `round ${round}: line before the window`);
      if (window.toLine < lastLine && window.fromLine !== window.toLine) assert.ok(lines.has(window.toLine + 1), `round ${round}: line after the window`);
    }
  });
});

describe('needsRecentring', () => {
  const window: ProblemsWindow = { fromLine: 100, toLine: 200, shown: 999, total: 5000, errorsElsewhere: 0 };

  test('the middle half of the window keeps it; nearer its edges, or outside, it moves', () => {
    assert.equal(needsRecentring(window, 150, 1000), false);
    assert.equal(needsRecentring(window, 125, 1000), false);
    assert.equal(needsRecentring(window, 175, 1000), false);
    assert.equal(needsRecentring(window, 110, 1000), true);
    assert.equal(needsRecentring(window, 190, 1000), true);
    assert.equal(needsRecentring(window, 20, 1000), true);
    assert.equal(needsRecentring(window, 900, 1000), true);
  });

  test('a window at the top or the bottom of the document stays while the user is beyond its middle there', () => {
    assert.equal(needsRecentring({ ...window, fromLine: 0 }, 0, 1000), false);
    assert.equal(needsRecentring({ ...window, toLine: 1000 }, 1000, 1000), false);
  });
});

describe('publishLimitOf', () => {
  test('a whole number of at least 2 from initializationOptions; anything else is no limit', () => {
    assert.equal(publishLimitOf({ maxDiagnosticsPerDocument: 1000 }), 1000);
    for (const bad of [undefined, null, 7, {}, { maxDiagnosticsPerDocument: '1000' }, { maxDiagnosticsPerDocument: 1.5 }, { maxDiagnosticsPerDocument: 1 }, { maxDiagnosticsPerDocument: -5 }]) {
      assert.equal(publishLimitOf(bad), undefined, JSON.stringify(bad));
    }
  });
});
