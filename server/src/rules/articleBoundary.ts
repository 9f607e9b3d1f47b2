// article-boundary: faults in where articles start or end.
//  1. an author fused in front of the title on one line (`郑州市二七区李晓雷 郑州市二七区召开…`);
//  2. a lead (本报讯 / 【…】) with no title above it;
//  3. a title run into the last paragraph of the article above (`…贡献。新郑市召开XX会议`,
//     then a lead);
//  4. a byline stranded under the next title. Under-title bylines are legitimate
//     (`河南日报记者 张建新 王延辉 本报记者 李娜`), so one is reported only when the article
//     above has no end byline and either
//     a. the lead right under the byline credits someone in its own parentheses (the
//        article would be credited twice), or
//     b. the article above has no credit at all, and the byline has exactly the shape of an
//        end byline elsewhere in the same dump: the same sequence of plain roles (记者,
//        通讯员, 见习记者 … with no outlet prefix such as 本报 or 河南日报).
import { Article, Block, Byline, DumpModel } from '../model/types';
import { isTitleLike } from '../model/lineKinds';
import { parseCredits } from '../model/credits';
import { Fix, Problem, Rule } from './types';
import { articleRangeInScope } from './scope';
import { partitionPoint } from '../model/search';

type Report = (problem: Omit<Problem, 'ruleId'>) => void;

/** Roles an end byline is written with: no outlet in front of them. */
const PLAIN_ROLES = new Set(['记者', '见习记者', '实习记者', '特约记者', '摄影记者', '通讯员', '实习生', '摄影']);
/** A sentence end, closing marks after it, then the rest of the paragraph (a title, when it is one). */
const RUN_IN_TITLE = /[。！？!?][”’」』）)》】"']*([ \t\u3000]*)([^。！？!?；;，,]+)$/u;
const TITLE_START = /^[\u3400-\u9fff\d“《A-Za-z]/u;
const TITLE_MIN_CHARS = 6;
const TITLE_MAX_CHARS = 40;

export const articleBoundaryRule: Rule = {
  id: 'article-boundary',
  description: 'Where an article starts or ends is wrong: a fused author, a lead without a title, a title run into a paragraph, a stranded byline.',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text, model } = context;
    const titledLeads = new Set<number>();
    // Counted over the whole dump only when a byline needs it (case 4b): a re-check of one article must not read them all.
    let endShapes: Map<string, number> | undefined;
    const countedEndShapes = () => (endShapes ??= countEndShapes(model));
    const { first, end } = articleRangeInScope(context);
    // One article before the scope: its run-in title may be the lead of the scope's first article.
    for (let index = Math.max(0, first - 1); index < end; index++) {
      const article = model.articles[index];
      checkFusedAuthor(model, article, report);
      checkRunInTitle(text, model, article, model.articles[index + 1], titledLeads, report);
      checkStrandedByline(text, model, article, model.articles[index - 1], countedEndShapes, report);
    }
    // A lead whose title was found in the paragraph above is already reported there.
    for (let index = first; index < end; index++) {
      const article = model.articles[index];
      if (!titledLeads.has(article.span.start)) checkUntitledLead(text, article, report);
    }
  },
  factsForOtherArticles(article) {
    // Case 4b counts the shapes of end bylines over the whole dump.
    return endShapesOf(article).join('\n');
  },
};

// ---- 1. author fused before the title ----

function checkFusedAuthor(model: DumpModel, article: Article, report: Report): void {
  for (const byline of article.bylines) {
    if (byline.placement !== 'fused-title') continue;
    // Under the whole title block, where a byline under the title sits.
    const blockEnd = Math.max(article.titleSpan.end, ...article.titleLines.map((line) => line.span.end));
    const fix: Fix = {
      title: 'Move the author onto its own line',
      edits: [
        { span: { start: byline.span.start, end: article.titleSpan.start }, newText: '' },
        { span: { start: blockEnd, end: blockEnd }, newText: paragraphSeparator(model) + byline.text },
      ],
      safe: false,
    };
    report({
      span: byline.span,
      message: `Author fused in front of the title: 「${byline.text}」 is a credit, not part of 「${article.title ?? ''}」`,
      fixes: [fix],
    });
  }
}

// ---- 2. lead with no title above it ----

function checkUntitledLead(text: string, article: Article, report: Report): void {
  const first = article.paragraphs[0];
  if (article.title !== null || first?.kind !== 'lead' || first.span.start !== article.span.start) return;
  const firstLine = first.fragments[0];
  report({
    span: firstLine,
    message: `Lead with no title above it: 「${article.leads[0]?.marker ?? shorten(text.slice(firstLine.start, firstLine.end))}」 opens an article that has no title`,
    fixes: [],
  });
}

// ---- 3. title run into the paragraph above a lead ----

/** Reports run-in titles in an article; adds the starts of the leads they belong to to `titledLeads`. */
function checkRunInTitle(
  text: string,
  model: DumpModel,
  article: Article,
  next: Article | undefined,
  titledLeads: Set<number>,
  report: Report,
): void {
  const { paragraphs } = article;
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i];
    const following = i + 1 < paragraphs.length ? paragraphs[i + 1] : next?.paragraphs[0];
    if (following?.kind !== 'lead' || blockAfter(model, paragraph.span.end)?.span.start !== following.span.start) continue;
    const lastLine = paragraph.fragments[paragraph.fragments.length - 1];
    const match = RUN_IN_TITLE.exec(text.slice(lastLine.start, lastLine.end));
    if (!match || !looksLikeRunInTitle(match[2])) continue;
    const title = match[2];
    const titleStart = lastLine.end - title.length;
    const gapStart = titleStart - match[1].length;
    titledLeads.add(following.span.start);
    report({
      span: { start: titleStart, end: lastLine.end },
      message: `Title run into the paragraph above: 「${title}」 reads as the title of the article whose lead follows`,
      fixes: [{
        title: 'Move the title onto its own line',
        edits: [{ span: { start: gapStart, end: titleStart }, newText: paragraphSeparator(model) }],
        safe: false,
      }],
    });
  }
}

function looksLikeRunInTitle(tail: string): boolean {
  const length = Array.from(tail).length;
  return (
    length >= TITLE_MIN_CHARS &&
    length <= TITLE_MAX_CHARS &&
    TITLE_START.test(tail) &&
    isTitleLike(tail) &&
    parseCredits(tail) === null // `记者 杨宜锦` run in is a byline, not a title
  );
}

// ---- 4. byline stranded under the next title ----

function checkStrandedByline(
  text: string,
  model: DumpModel,
  article: Article,
  previous: Article | undefined,
  endShapes: () => ReadonlyMap<string, number>,
  report: Report,
): void {
  const byline = article.bylines.find((b) => b.placement === 'under-title');
  if (!byline || !previous || previous.paragraphs.length === 0) return;
  if (previous.bylines.some((b) => b.placement === 'end')) return;

  const first = article.paragraphs[0];
  const leadRightAfter = first?.kind === 'lead' && blockAfter(model, byline.span.end)?.span.start === first.span.start;
  const leadCredit = leadRightAfter
    ? article.bylines.find((b) => b.placement === 'lead' && b.span.start >= first.span.start && b.span.end <= first.span.end)
    : undefined;
  const shape = shapeOf(byline);
  const ownEnd = article.bylines.some((b) => b.placement === 'end' && shapeOf(b) === shape) ? 1 : 0;
  const endShaped = previous.bylines.length === 0 && isPlainCredit(byline) && (endShapes().get(shape) ?? 0) - ownEnd > 0;
  if (!leadCredit && !endShaped) return;

  const why = leadCredit
    ? `the lead below already credits 「${leadCredit.text}」`
    : `it has the shape of this page's end bylines, and the article above${previous.title ? ` 「${shorten(previous.title)}」` : ''} has no credit`;
  const above = blockBefore(model, byline.span.start);
  report({
    span: byline.span,
    message: `Byline stranded after the next title: 「${byline.text}」 probably ends the article above (${why})`,
    fixes: above
      ? [{
          title: 'Move the byline to the end of the previous article',
          edits: [
            { span: { start: previous.span.end, end: previous.span.end }, newText: paragraphSeparator(model) + text.slice(byline.span.start, byline.span.end) },
            { span: { start: above.span.end, end: byline.span.end }, newText: '' },
          ],
          safe: false,
        }]
      : [],
  });
}

function isPlainCredit(byline: Byline): boolean {
  return byline.credits.length > 0 && byline.credits.every((credit) => PLAIN_ROLES.has(credit.role) && credit.names.length > 0);
}

/** The roles of a byline in order: `记者 柴琳琳 通讯员 黄帅` and `记者 柴琳琳 通讯员 姜璞` share one shape. */
function shapeOf(byline: Byline): string {
  return byline.credits.map((credit) => credit.role).join(' ');
}

/** How many articles end with a byline of each shape, counted once for the whole dump. */
function countEndShapes(model: DumpModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const article of model.articles) {
    for (const shape of endShapesOf(article)) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  return counts;
}

/** The shapes of an article's end bylines, each once, sorted. */
function endShapesOf(article: Article): string[] {
  return [...new Set(article.bylines.filter((b) => b.placement === 'end').map(shapeOf))].sort();
}

// ---- shared ----

/** A blank line between paragraphs in the blank-line layout, a bare line end in the line layout. */
function paragraphSeparator(model: DumpModel): string {
  const eol = model.lineEnding === '\r\n' || model.lineEnding === '\r' ? model.lineEnding : '\n';
  return model.layout === 'line' ? eol : eol + eol;
}

/** The first block that starts at or after an offset: asked for every paragraph before a lead, so a plain binary search. */
function blockAfter(model: DumpModel, offset: number): Block | undefined {
  const { blocks } = model;
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (blocks[mid].span.start < offset) low = mid + 1;
    else high = mid;
  }
  return blocks[low];
}

/** The last block that ends at or before an offset. */
function blockBefore(model: DumpModel, offset: number): Block | undefined {
  return model.blocks[partitionPoint(model.blocks, (block) => block.span.end <= offset) - 1];
}

function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > 16 ? `${chars.slice(0, 16).join('')}…` : text;
}
