// Dump text → DumpModel. Three passes:
//   1. blocks: non-blank lines, each classified by itself (lineKinds.ts);
//   2. units: blocks joined across OCR breaks (breaks.ts), repeats marked as duplicates;
//   3. articles: title runs decide where articles start (a title block) and where a
//      head is only a section inside the running article.
import {
  Article, Block, Break, Byline, BylinePlacement, Credit, DumpModel, DuplicateBlock, JumpMarker, Lead,
  Paragraph, ParseOptions, Section, Span, TitleLine, WordSegmenter,
} from './types';
import { detectLayout, detectLineEnding, splitBlocks, withBlankLinesBefore, type StretchOfText } from './blocks';
import { ClassifiedLine, LineKind, classifyLine, isBareNameLine } from './lineKinds';
import { BreakJudgement, breakAt, judgeBreak } from './breaks';
import { parseBareName } from './credits';
import { matchJumps } from './markers';
import { NON_INITIAL_CODES } from './characters';
import { TitleCandidate, assignTitleRoles, matchAffiliatedName, matchFusedAuthor } from './titles';

interface Unit extends ClassifiedLine {
  /**
   * Index of the unit's first block. Its fragments are that block and the next `cuts.length`:
   * an index, not a list of blocks, for every unit of an 11 MB dump kept alive through the parse.
   */
  readonly firstBlock: number;
  readonly text: string;
  readonly span: Span;
  /** How each cut between consecutive fragments was judged. */
  readonly cuts: readonly BreakJudgement[];
  /** Set when the unit repeats the one before it word for word. */
  readonly duplicateOf?: Unit;
}

export function parseDump(text: string, options: ParseOptions = {}): DumpModel {
  const { blocks, articles } = parseStretch(text, 0, text.length, 0, options);
  return wholeModel(blocks, articles, detectLineEnding(text));
}

function wholeModel(blocks: readonly Block[], articles: readonly Article[], lineEnding: DumpModel['lineEnding']): DumpModel {
  return {
    layout: detectLayout(blocks),
    lineEnding,
    blocks,
    articles,
    breaks: articles.flatMap((article) => article.breaks),
  };
}

/**
 * Where a parse can stop and go on later as a whole parse would: the start of an article a
 * whole parse also starts there (openingCheck.ts says which are), with the line it is on and
 * the blank lines above it, which a stretch parsed on its own cannot see.
 */
export interface ResumePoint {
  readonly from: number;
  readonly line: number;
  readonly blankLinesBefore: number;
}

/** A dump's top, parsed up to an article's start, and where the parse of the rest goes on. */
export interface ParsedHead {
  readonly blocks: readonly Block[];
  readonly articles: readonly Article[];
  readonly resume: ResumePoint;
}

/**
 * parseStretch from `resume` (the text's start when undefined) to `to`, for a model of this
 * very text, whose line ending the caller knows.
 */
export function parseStretchFrom(
  text: string,
  resume: ResumePoint | undefined,
  to: number,
  lineEnding: DumpModel['lineEnding'],
  options: ParseOptions = {},
): { blocks: Block[]; articles: Article[] } {
  const stretch = parseStretch(text, resume?.from ?? 0, to, resume?.line ?? 0, options, { lineEnding, modelKeepsText: true });
  if (resume && stretch.blocks.length > 0) stretch.blocks[0] = withBlankLinesBefore(stretch.blocks[0], resume.blankLinesBefore);
  return stretch;
}

/** The whole dump's model, its top already parsed (the opening check's): the same as parseDump's. */
export function parseDumpAfter(text: string, head: ParsedHead, options: ParseOptions = {}): DumpModel {
  const lineEnding = detectLineEnding(text);
  const rest = parseStretchFrom(text, head.resume, text.length, lineEnding, options);
  return wholeModel(head.blocks.concat(rest.blocks), head.articles.concat(rest.articles), lineEnding);
}

/**
 * A model put together from parts parsed apart (a splice, the opening check's pieces). Listing
 * the breaks would open every article: made when asked for.
 */
export function modelOfParts(blocks: readonly Block[], articles: readonly Article[], lineEnding: DumpModel['lineEnding']): DumpModel {
  let breaks: DumpModel['breaks'] | undefined;
  return {
    layout: detectLayout(blocks),
    lineEnding,
    blocks,
    articles,
    get breaks() {
      return (breaks ??= articles.flatMap((article) => article.breaks));
    },
  };
}

/** Blocks and articles of the stretch [from, to) of `text`, parsed as if it were the whole text, in offsets of `text`. */
export function parseStretch(
  text: string,
  from: number,
  to: number,
  firstLine: number,
  options: ParseOptions = {},
  stretch: StretchOfText = {},
): { blocks: Block[]; articles: Article[] } {
  const blocks = splitBlocks(text, from, to, firstLine, stretch);
  const classes = blocks.map((block) => classifyLine(block.text));
  return { blocks, articles: assembleArticles(blocks, new UnitStream(blocks, classes, options.segmenter)) };
}

// ---- pass 2: units ----

const RUN_KINDS: ReadonlySet<LineKind> = new Set(['title', 'subtitle', 'person']);
const OPENS_ARTICLE: ReadonlySet<LineKind> = new Set(['lead', 'jump-from', 'editor-note']);
const RUNNING_TEXT: ReadonlySet<LineKind> = new Set(['body', 'lead', 'jump-from', 'editor-note']);

/** The cuts of every unit that has none: one shared empty list, not one per unit. */
const NO_CUTS: readonly BreakJudgement[] = Object.freeze([]);

/**
 * The units of the blocks, made as the articles are assembled and dropped once read: kept in
 * a list for the whole parse, the 47 000 units of an 11 MB dump were copied by the garbage
 * collector with the model though none outlives the parse.
 */
class UnitStream {
  /** Units made so far by index; those before `released` are dropped (undefined). */
  private readonly made: (Unit | undefined)[] = [];
  private released = 0;
  /** The first block of the next unit. */
  private first = 0;
  /** The last unit made: the next repeats it when their texts are the same. */
  private previous: Unit | undefined;

  constructor(
    private readonly blocks: readonly Block[],
    private readonly classes: readonly ClassifiedLine[],
    private readonly segmenter: WordSegmenter | undefined,
  ) {}

  /** Unit `index` (not yet released), or undefined past the last one. */
  at(index: number): Unit | undefined {
    while (this.made.length <= index && this.first < this.blocks.length) this.made.push(this.joinNext());
    return this.made[index];
  }

  /** Units before `index` will not be asked for again. */
  release(index: number): void {
    for (; this.released < index; this.released++) this.made[this.released] = undefined;
  }

  /** The unit that starts at block `first`: that block and the ones after it that continue it across a cut. */
  private joinNext(): Unit {
    const { blocks, classes } = this;
    const first = this.first;
    let cuts: BreakJudgement[] | null = null;
    let end = first + 1;
    for (; end < blocks.length; end++) {
      const cut = continuesAcrossCut(first, classes[first].kind, end, blocks, classes, this.segmenter);
      if (!cut) break;
      (cuts ??= []).push(cut);
    }
    this.first = end;
    const oneBlock = end - first === 1;
    // Most units are one block: its text as it is, not a copy made by join.
    const joinedText = oneBlock ? blocks[first].text : joinTexts(blocks, first, end);
    const classified = oneBlock ? classes[first] : classifyLine(joinedText);
    const previous = this.previous;
    const repeats =
      previous !== undefined && previous.text === joinedText && (classified.kind === 'title' || classified.kind === 'body');
    // Named fields, not a spread: spreading differently shaped objects was a third of the parse on 11 MB.
    const unit: Unit = {
      kind: classified.kind,
      lead: classified.lead,
      credits: classified.credits,
      firstBlock: first,
      text: joinedText,
      // A one-block unit shares its block's span: the whole model is alive while it is built, so each spare object costs a garbage-collector copy.
      span: oneBlock ? blocks[first].span : { start: blocks[first].span.start, end: blocks[end - 1].span.end },
      cuts: cuts ?? NO_CUTS,
      duplicateOf: repeats ? (previous.duplicateOf ?? previous) : undefined,
    };
    this.previous = unit;
    return unit;
  }
}

/** The texts of blocks [start, end) joined. */
function joinTexts(blocks: readonly Block[], start: number, end: number): string {
  const texts: string[] = [];
  for (let i = start; i < end; i++) texts.push(blocks[i].text);
  return texts.join('');
}

/** How the cut was judged when block `next` continues the unit that starts at block `first`, else null. */
function continuesAcrossCut(
  first: number,
  unitKind: LineKind,
  next: number,
  blocks: readonly Block[],
  classes: readonly ClassifiedLine[],
  segmenter?: WordSegmenter,
): BreakJudgement | null {
  const nextKind = classes[next].kind;
  const unitIsTitleLike = unitKind === 'title' && next - first === 1;
  if (!RUNNING_TEXT.has(unitKind) && !unitIsTitleLike) return null;
  if (nextKind !== 'body' && nextKind !== 'title') return null;
  if (nextKind === 'title' && startsHeadline(next, classes)) return null;
  if (unitIsTitleLike && nextKind === 'title') {
    // Two title-like lines are one paragraph only when the second cannot start anything:
    // asked first, so the judgement (and its segmenter calls) is not spent on any other line.
    if (!NON_INITIAL_CODES.has(blocks[next].text.charCodeAt(0))) return null;
    const judgement = judgeBreak(
      { before: blocks[first].text, after: blocks[next].text, beforeIsTitleLike: true },
      segmenter,
    );
    // The cue continuation-start is the test above: judged, the break stands on it.
    return judgement;
  }
  return judgeBreak(
    { before: blocks[next - 1].text, after: blocks[next].text, beforeIsTitleLike: unitIsTitleLike },
    segmenter,
  );
}

/** A title-like block that starts a run of title lines which is a headline, by the same test articles use. */
function startsHeadline(start: number, classes: readonly ClassifiedLine[]): boolean {
  let answers = headlineAnswers.get(classes);
  if (!answers) headlineAnswers.set(classes, (answers = headlineStarts(classes)));
  return answers[start] === 1;
}

/** Per parse: scanning the run afresh from every line was quadratic on a file of 20 000 short lines. */
const headlineAnswers = new WeakMap<readonly ClassifiedLine[], Uint8Array>();

/**
 * startsHeadline for every block in one backward pass: the run from a title-like block is that
 * block and the run (title-like or credit blocks) after it, so its tallies are suffix sums.
 */
function headlineStarts(classes: readonly ClassifiedLine[]): Uint8Array {
  const answers = new Uint8Array(classes.length);
  let titles = 0;
  let otherRunKind = false; // a subtitle, person or credit line in the run
  let after: LineKind | undefined;
  let inRun = false; // block i + 1 is in a run
  for (let i = classes.length - 1; i >= 0; i--) {
    const kind = classes[i].kind;
    if (!RUN_KINDS.has(kind) && kind !== 'byline') {
      inRun = false;
      continue;
    }
    if (!inRun) {
      titles = 0;
      otherRunKind = false;
      after = classes[i + 1]?.kind;
      inRun = true;
    }
    if (kind === 'title') titles++;
    else otherRunKind = true;
    // A credit block cannot start a run (only follow a head), so it has no answer of its own.
    if (RUN_KINDS.has(kind)) answers[i] = (after === undefined || OPENS_ARTICLE.has(after) || otherRunKind || titles >= 2) ? 1 : 0;
  }
  return answers;
}

/** The run of units [start, end), followed by a unit of kind `after`, is a headline; repeated lines are not counted. */
function isHeadlineRun(units: UnitStream, start: number, end: number, after: LineKind | undefined): boolean {
  if (after !== undefined && OPENS_ARTICLE.has(after)) return true;
  let titles = 0;
  for (let k = start; k < end; k++) {
    const { kind, duplicateOf } = units.at(k)!;
    if (duplicateOf) continue;
    if (kind === 'subtitle' || kind === 'person' || kind === 'byline') return true;
    if (kind === 'title') titles++;
  }
  return titles >= 2;
}

// ---- pass 3: articles ----

class ArticleBuilder {
  title: string | null = null;
  titleSpan: Span;
  readonly titleLines: TitleLine[] = [];
  readonly leads: Lead[] = [];
  readonly paragraphs: Paragraph[] = [];
  readonly sections: { title: string; titleSpan: Span; start: number; end: number }[] = [];
  readonly bylines: Byline[] = [];
  readonly jumps: JumpMarker[] = [];
  readonly breaks: Break[] = [];
  readonly duplicates: DuplicateBlock[] = [];
  /** An end byline was seen: the next head starts a new article. */
  closed = false;
  private readonly start: number;
  private end: number;
  private lastUnitKind: LineKind | undefined;
  /** The byline addCreditLine last merged into; its credit list is this builder's own. */
  private growingByline: Byline | undefined;

  constructor(
    private readonly blocks: readonly Block[],
    first: Unit,
  ) {
    this.start = first.span.start;
    this.end = first.span.end;
    this.titleSpan = blocks[first.firstBlock].span;
  }

  get hasBody(): boolean {
    return this.paragraphs.length > 0;
  }

  include(unit: Unit): void {
    this.end = Math.max(this.end, unit.span.end);
    this.lastUnitKind = unit.kind;
    for (let k = 0; k < unit.cuts.length; k++) {
      const span = { start: this.blocks[unit.firstBlock + k].span.end, end: this.blocks[unit.firstBlock + k + 1].span.start };
      this.breaks.push(breakAt(span, unit.cuts[k]));
    }
  }

  addTitleLine(unit: Unit, role: TitleLine['role']): void {
    this.include(unit);
    this.titleLines.push({ span: unit.span, text: unit.text, role });
  }

  addParagraph(unit: Unit, kind: Paragraph['kind']): void {
    this.include(unit);
    this.paragraphs.push({ span: unit.span, kind, fragments: fragmentSpans(this.blocks, unit) });
    const section = this.sections[this.sections.length - 1];
    if (section) section.end = unit.span.end;
    for (const jump of matchJumps(unit.text)) {
      this.jumps.push({
        span: { start: offsetInUnit(this.blocks, unit, jump.start, 'start'), end: offsetInUnit(this.blocks, unit, jump.end) },
        text: unit.text.slice(jump.start, jump.end),
        direction: jump.direction,
        page: jump.page,
      });
    }
  }

  addSection(unit: Unit): void {
    this.include(unit);
    this.sections.push({ title: unit.text, titleSpan: unit.span, start: unit.span.start, end: unit.span.end });
  }

  /** A credit line; consecutive credit lines are one byline. */
  addCreditLine(unit: Unit, credits: readonly Credit[], placement: BylinePlacement): void {
    const previous = this.bylines[this.bylines.length - 1];
    if (this.lastUnitKind === 'byline' && previous && previous.placement === placement) {
      // Appended in place once copied: copying the list for every line was quadratic on a long run of credit lines.
      const merged = previous === this.growingByline ? (previous.credits as Credit[]) : [...previous.credits];
      for (const credit of credits) merged.push(credit);
      this.growingByline = this.bylines[this.bylines.length - 1] = {
        span: { start: previous.span.start, end: unit.span.end },
        text: `${previous.text} ${unit.text}`,
        credits: merged,
        placement,
      };
    } else {
      this.bylines.push({ span: unit.span, text: unit.text, credits, placement });
    }
    this.include(unit);
  }

  addDuplicate(unit: Unit, original: Unit): void {
    this.include(unit);
    this.duplicates.push({ span: unit.span, original: original.span });
  }

  build(): Article {
    const sections: readonly Section[] = this.sections.length === 0 ? NO_PARTS : this.sections.map((section) => ({
      title: section.title,
      titleSpan: section.titleSpan,
      span: { start: section.start, end: section.end },
    }));
    const bylines = fitted(this.bylines.sort((a, b) => a.span.start - b.span.start));
    return {
      span: { start: this.start, end: this.end },
      title: this.title,
      titleSpan: this.titleSpan,
      titleLines: fitted(this.titleLines),
      leads: fitted(this.leads),
      paragraphs: fitted(this.paragraphs),
      sections,
      bylines,
      jumps: fitted(this.jumps),
      breaks: fitted(this.breaks),
      duplicates: fitted(this.duplicates),
    };
  }
}

/** Every empty list of the model: most articles have no jumps, sections or duplicates, and each object of the model costs garbage-collector copies. */
const NO_PARTS: readonly never[] = Object.freeze([]);

/**
 * A copy of a list just as long as it is: a list grown by push has room for 17 or more, and the
 * model keeps every article's lists (on the 11 MB dump the spare room was a tenth of the model).
 */
function fitted<T>(list: T[]): readonly T[] {
  return list.length === 0 ? NO_PARTS : list.slice();
}

/**
 * The spans of a unit's blocks. Sized up front: a list grown by push reserves room for 17, and
 * every paragraph of the model keeps its list.
 */
function fragmentSpans(blocks: readonly Block[], unit: Unit): Span[] {
  const spans = new Array<Span>(unit.cuts.length + 1);
  for (let k = 0; k < spans.length; k++) spans[k] = blocks[unit.firstBlock + k].span;
  return spans;
}

/**
 * Document offset of an offset within a unit's joined text. Where two fragments meet, a start
 * goes to the second one: on the first one's end, a span would take in the blank lines of the break.
 */
function offsetInUnit(blocks: readonly Block[], unit: Unit, offset: number, side: 'start' | 'end' = 'end'): number {
  let consumed = 0;
  for (let k = 0; k <= unit.cuts.length; k++) {
    const fragment = blocks[unit.firstBlock + k];
    const length = fragment.text.length;
    if (offset < consumed + length || (offset === consumed + length && side === 'end')) return fragment.span.start + (offset - consumed);
    consumed += length;
  }
  return unit.span.end;
}

function assembleArticles(blocks: readonly Block[], units: UnitStream): Article[] {
  const articles: Article[] = [];
  let current = null as ArticleBuilder | null;
  // Each article is built when the next one starts: only one builder is alive at a time, so
  // its lists die young instead of being copied by the garbage collector with the model.
  const finishArticle = () => {
    if (current) articles.push(current.build());
  };
  const startArticle = (first: Unit): ArticleBuilder => {
    finishArticle();
    current = new ArticleBuilder(blocks, first);
    return current;
  };

  let i = 0;
  for (let unit = units.at(i); unit !== undefined; unit = units.at(i)) {
    units.release(i);
    const article: ArticleBuilder | null = current;
    if (unit.duplicateOf && article) {
      article.addDuplicate(unit, unit.duplicateOf);
      i++;
      continue;
    }
    if (RUN_KINDS.has(unit.kind)) {
      // The run is units [i, runEnd): read in place, not copied out (an 11 MB dump has thousands).
      const runEnd = collectRun(units, i);
      const after = units.at(runEnd)?.kind;
      if (!article || article.closed || after === undefined || isHeadlineRun(units, i, runEnd, after)) {
        openTitleBlock(startArticle(unit), units, i, runEnd);
      } else {
        for (let k = i; k < runEnd; k++) {
          const member = units.at(k)!;
          if (member.duplicateOf) article.addDuplicate(member, member.duplicateOf);
          else article.addSection(member);
        }
      }
      i = runEnd;
      continue;
    }

    switch (unit.kind) {
      case 'byline': {
        const target = article ?? startArticle(unit);
        target.addCreditLine(unit, unit.credits ?? [], target.hasBody ? 'end' : 'under-title');
        if (target.hasBody) target.closed = true;
        break;
      }
      case 'lead': {
        const target = !article || article.closed ? startArticle(unit) : article;
        addLead(blocks, target, unit);
        break;
      }
      case 'jump-from': {
        const target = !article || article.closed || article.hasBody ? startArticle(unit) : article;
        target.addParagraph(unit, 'body');
        break;
      }
      default: {
        const target = article ?? startArticle(unit);
        target.addParagraph(unit, unit.kind === 'editor-note' ? 'editor-note' : 'body');
      }
    }
    i++;
  }
  finishArticle();
  return articles;
}

function collectRun(units: UnitStream, start: number): number {
  let end = start;
  for (let unit = units.at(end); unit !== undefined; unit = units.at(end)) {
    if (!RUN_KINDS.has(unit.kind) && !(unit.kind === 'byline' && end > start) && !unit.duplicateOf) break;
    end++;
  }
  return end;
}

/** Title lines, then credits under them; heads after the credits open the first section. The run is units [start, end). */
function openTitleBlock(article: ArticleBuilder, units: UnitStream, start: number, end: number): void {
  // The lines before the credits that are not repeats: title, subtitle and person lines, so each is a title candidate as it is.
  const titleUnits: (Unit & TitleCandidate)[] = [];
  // A repeated title line is the article's too: left out, it belonged to no article at all.
  const repeated: Unit[] = [];
  let k = start;
  for (; k < end; k++) {
    const unit = units.at(k)!;
    if (unit.kind === 'byline' || (k > start && unit.kind === 'title' && underTitleCredit(unit.text))) break;
    if (!unit.duplicateOf) titleUnits.push(unit as Unit & TitleCandidate);
    else repeated.push(unit);
  }
  const roles = assignTitleRoles(titleUnits);
  for (let index = 0; index < titleUnits.length; index++) article.addTitleLine(titleUnits[index], roles[index]);
  for (const unit of repeated) article.addDuplicate(unit, unit.duplicateOf!);
  const mainIndex = roles.indexOf('main');
  if (mainIndex >= 0) setMainTitle(article, titleUnits[mainIndex]);

  for (; k < end; k++) {
    const unit = units.at(k)!;
    if (unit.duplicateOf) article.addDuplicate(unit, unit.duplicateOf);
    else if (unit.kind === 'byline') article.addCreditLine(unit, unit.credits ?? [], 'under-title');
    else if (unit.kind === 'title' && article.sections.length === 0 && underTitleCredit(unit.text)) {
      article.addCreditLine({ ...unit, kind: 'byline' }, underTitleCredit(unit.text) ?? [], 'under-title');
    } else article.addSection(unit);
  }
}

/** A line under a title that credits someone without a role: a bare name (`吴象`) or an affiliation and a name. */
function underTitleCredit(text: string): Credit[] | null {
  if (isBareNameLine(text)) return parseBareName(text);
  const affiliated = matchAffiliatedName(text);
  return affiliated ? [affiliated] : null;
}

function setMainTitle(article: ArticleBuilder, unit: Unit): void {
  const fused = matchFusedAuthor(unit.text);
  if (!fused) {
    article.title = unit.text;
    article.titleSpan = unit.span;
    return;
  }
  article.title = unit.text.slice(fused.titleStart);
  article.titleSpan = { start: unit.span.start + fused.titleStart, end: unit.span.end };
  article.bylines.push({
    span: { start: unit.span.start, end: unit.span.start + fused.authorLength },
    text: unit.text.slice(0, fused.authorLength),
    credits: [fused.credit],
    placement: 'fused-title',
  });
}

function addLead(blocks: readonly Block[], article: ArticleBuilder, unit: Unit): void {
  const lead = unit.lead!;
  article.addParagraph(unit, 'lead');
  article.leads.push({ span: unit.span, marker: lead.marker, date: lead.date });
  if (lead.credits.length === 0) return;
  const creditSpan = lead.creditSpan
    ? { start: offsetInUnit(blocks, unit, lead.creditSpan.start, 'start'), end: offsetInUnit(blocks, unit, lead.creditSpan.end) }
    : { start: unit.span.start, end: offsetInUnit(blocks, unit, lead.marker.length) };
  // Sliced from the unit's own offsets: a credit after an OCR break is not in the first fragment.
  const inUnit = lead.creditSpan ?? { start: 0, end: lead.marker.length };
  article.bylines.push({
    span: creditSpan,
    text: unit.text.slice(inUnit.start, inUnit.end),
    credits: lead.credits,
    placement: lead.creditSpan ? 'lead' : 'dateline',
  });
}
