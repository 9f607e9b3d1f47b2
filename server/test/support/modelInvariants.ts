// What must hold of any DumpModel, whatever text it was parsed from. Shared by the
// property and fuzz tests; linear in the size of the model, so it also runs on MB inputs.
import * as assert from 'node:assert/strict';
import type { DumpModel, Span } from '../../src/model/types';

export function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end && inner.start <= inner.end;
}

/** White space at the edge of a span: blocks are trimmed of these, so no span should start or end on one. */
const EDGE = /^[ \t\u3000\u00a0\ufeff\r\n]|[ \t\u3000\u00a0\ufeff\r\n]$/;
const squeeze = (quoted: string): string => quoted.replace(/[\s\ufeff]+/g, '');

const isWellFormed = (span: Span, length: number): boolean =>
  Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= length;

export function checkModelInvariants(model: DumpModel, text: string): void {
  const whole = { start: 0, end: text.length };
  let previousEnd = 0;
  for (const [index, article] of model.articles.entries()) {
    const where = `article ${index} (${article.span.start}-${article.span.end})`;
    assert.ok(isWellFormed(article.span, text.length), `${where}: inside the text (length ${text.length})`);
    assert.ok(article.span.start >= previousEnd, `${where}: in order and not overlapping the one before (ends ${previousEnd})`);
    assert.ok(within(article.titleSpan, article.span), `${where}: title inside its article`);
    const inner: [string, Span][] = [
      ...article.titleLines.map((line): [string, Span] => ['title line', line.span]),
      ...article.leads.map((lead): [string, Span] => ['lead', lead.span]),
      ...article.paragraphs.map((p): [string, Span] => ['paragraph', p.span]),
      ...article.paragraphs.flatMap((p) => p.fragments.map((f): [string, Span] => ['fragment', f])),
      ...article.sections.flatMap((s): [string, Span][] => [['section', s.span], ['section head', s.titleSpan]]),
      ...article.bylines.map((b): [string, Span] => ['byline', b.span]),
      ...article.breaks.map((b): [string, Span] => ['break', b.span]),
      ...article.jumps.map((j): [string, Span] => ['jump', j.span]),
      ...article.duplicates.map((d): [string, Span] => ['duplicate', d.span]),
    ];
    for (const [what, span] of inner) {
      assert.ok(within(span, article.span), `${where}: ${what} ${span.start}-${span.end} inside it`);
    }
    for (const duplicate of article.duplicates) assert.ok(isWellFormed(duplicate.original, text.length), `${where}: duplicate's original inside the text`);
    for (const paragraph of article.paragraphs) {
      let fragmentEnd = paragraph.span.start;
      for (const fragment of paragraph.fragments) {
        assert.ok(fragment.start >= fragmentEnd && within(fragment, paragraph.span), `${where}: fragments of a paragraph in order, inside it`);
        fragmentEnd = fragment.end;
      }
    }
    for (const cut of article.breaks) {
      assert.equal(text.slice(cut.span.start, cut.span.end).trim(), '', `${where}: a break spans only line ends and blanks`);
      assert.ok(cut.cues.length > 0, `${where}: a break says why`);
    }
    // Text the model quotes is the text at its span, but for the breaks and line ends it joins over.
    const quoted: [string, Span, string][] = [
      ...article.jumps.map((j): [string, Span, string] => ['jump marker', j.span, j.text]),
      ...article.titleLines.map((l): [string, Span, string] => ['title line', l.span, l.text]),
      ...article.sections.map((s): [string, Span, string] => ['section head', s.titleSpan, s.title]),
      ...article.bylines.map((b): [string, Span, string] => [`${b.placement} byline`, b.span, b.text]),
    ];
    if (article.title !== null) quoted.push(['title', article.titleSpan, article.title]);
    for (const [what, span, said] of quoted) {
      const at = text.slice(span.start, span.end);
      assert.equal(squeeze(at), squeeze(said), `${where}: ${what} ${JSON.stringify(said)} is the text at ${span.start}-${span.end}`);
      assert.ok(!EDGE.test(at) || EDGE.test(said), `${where}: ${what} ${span.start}-${span.end} starts or ends on white space: ${JSON.stringify(at)}`);
    }
    previousEnd = article.span.end;
  }
  // Blocks: in order, their text is the text at their span, and each lies in exactly one
  // article (articles are ordered and disjoint, so one pointer walks both lists).
  let articleIndex = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const block of model.blocks) {
    const where = `line ${block.line + 1} (${JSON.stringify(block.text.slice(0, 20))})`;
    assert.ok(within(block.span, whole) && block.span.start > lastEnd && block.line > lastLine, `${where}: blocks in order inside the text`);
    assert.equal(text.slice(block.span.start, block.span.end), block.text, `${where}: text at its span`);
    while (articleIndex < model.articles.length && model.articles[articleIndex].span.end < block.span.end) articleIndex++;
    const owner = model.articles[articleIndex];
    assert.ok(owner && within(block.span, owner.span), `${where}: belongs to an article`);
    const next = model.articles[articleIndex + 1];
    assert.ok(!next || !within(block.span, next.span), `${where}: belongs to two articles`);
    lastEnd = block.span.end;
    lastLine = block.line;
  }
  assert.deepEqual(
    model.breaks.map((cut) => cut.span.start),
    model.articles.flatMap((article) => article.breaks.map((cut) => cut.span.start)),
    'model.breaks lists the articles’ breaks in order',
  );
}
