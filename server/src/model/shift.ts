// Model parts moved by an edit before them: offsets by `delta`, line numbers by `lineDelta`.
// A keystroke moves every article and block after it, thousands in an 11 MB dump, and most
// are never looked at before the next keystroke moves them again; so a moved article is a
// view that copies its parts on first use, and moving a view again moves its original.
import { breakMovedTo } from './breaks';
import type { Article, Block, Break, Byline, DuplicateBlock, JumpMarker, Lead, Paragraph, Section, Span, TitleLine } from './types';

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** A block moved by `delta` and `lineDelta`; its span is made on first use. */
class MovedBlock implements Block {
  private movedSpan?: Span;

  constructor(
    readonly original: Block,
    readonly delta: number,
    readonly lineDelta: number,
  ) {}

  get span(): Span {
    return (this.movedSpan ??= shiftSpan(this.original.span, this.delta));
  }

  get text(): string {
    return this.original.text;
  }

  get line(): number {
    return this.original.line + this.lineDelta;
  }

  get blankLinesBefore(): number {
    return this.original.blankLinesBefore;
  }

  toJSON(): Block {
    return { span: this.span, text: this.text, line: this.line, blankLinesBefore: this.blankLinesBefore };
  }
}

export function shiftBlock(block: Block, delta: number, lineDelta: number): Block {
  if (delta === 0 && lineDelta === 0) return block;
  if (block instanceof MovedBlock) return new MovedBlock(block.original, block.delta + delta, block.lineDelta + lineDelta);
  return new MovedBlock(block, delta, lineDelta);
}

function shiftParagraph(paragraph: Paragraph, delta: number): Paragraph {
  return { span: shiftSpan(paragraph.span, delta), kind: paragraph.kind, fragments: paragraph.fragments.map((fragment) => shiftSpan(fragment, delta)) };
}

function shiftByline(byline: Byline, delta: number): Byline {
  return { span: shiftSpan(byline.span, delta), text: byline.text, credits: byline.credits, placement: byline.placement };
}

/** An article moved by `delta`; each of its parts is copied on first use (counting bylines must not copy paragraphs). */
class MovedArticle implements Article {
  /** Made on the first part read: most moved articles are never read before the next keystroke moves them again. */
  private parts?: { [K in keyof Article]?: Article[K] };

  constructor(
    readonly original: Article,
    readonly delta: number,
  ) {}

  private part<K extends keyof Article>(key: K, move: (value: Article[K], delta: number) => Article[K]): Article[K] {
    const parts = (this.parts ??= {});
    let value = parts[key];
    if (value === undefined) {
      value = move(this.original[key], this.delta);
      parts[key] = value;
    }
    return value as Article[K];
  }

  get span(): Span {
    return this.part('span', shiftSpan);
  }

  get title(): string | null {
    return this.original.title;
  }

  get titleSpan(): Span {
    return this.part('titleSpan', shiftSpan);
  }

  get titleLines(): readonly TitleLine[] {
    return this.part('titleLines', (lines, delta) => lines.map((line) => shiftTitleLine(line, delta)));
  }

  get leads(): readonly Lead[] {
    return this.part('leads', (leads, delta) => leads.map((lead) => shiftLead(lead, delta)));
  }

  get paragraphs(): readonly Paragraph[] {
    return this.part('paragraphs', (paragraphs, delta) => paragraphs.map((paragraph) => shiftParagraph(paragraph, delta)));
  }

  get sections(): readonly Section[] {
    return this.part('sections', (sections, delta) => sections.map((section) => shiftSection(section, delta)));
  }

  get bylines(): readonly Byline[] {
    return this.part('bylines', (bylines, delta) => bylines.map((byline) => shiftByline(byline, delta)));
  }

  get jumps(): readonly JumpMarker[] {
    return this.part('jumps', (jumps, delta) => jumps.map((jump) => shiftJump(jump, delta)));
  }

  get breaks(): readonly Break[] {
    return this.part('breaks', (breaks, delta) => breaks.map((cut) => breakMovedTo(cut, shiftSpan(cut.span, delta))));
  }

  get duplicates(): readonly DuplicateBlock[] {
    return this.part('duplicates', (duplicates, delta) => duplicates.map((duplicate) => shiftDuplicate(duplicate, delta)));
  }

  toJSON(): Article {
    return copyArticle(this.original, this.delta);
  }
}

function shiftLead(lead: Lead, delta: number): Lead {
  return lead.date === undefined ? { span: shiftSpan(lead.span, delta), marker: lead.marker } : { span: shiftSpan(lead.span, delta), marker: lead.marker, date: lead.date };
}

function shiftTitleLine(line: TitleLine, delta: number): TitleLine {
  return { span: shiftSpan(line.span, delta), text: line.text, role: line.role };
}

function shiftJump(jump: JumpMarker, delta: number): JumpMarker {
  return { span: shiftSpan(jump.span, delta), text: jump.text, direction: jump.direction, page: jump.page };
}

function shiftDuplicate(duplicate: DuplicateBlock, delta: number): DuplicateBlock {
  return { span: shiftSpan(duplicate.span, delta), original: shiftSpan(duplicate.original, delta) };
}

function shiftSection(section: Section, delta: number): Section {
  return { title: section.title, titleSpan: shiftSpan(section.titleSpan, delta), span: shiftSpan(section.span, delta) };
}

/** The article as parsed that a moved view shows (with no part of it copied), or undefined when `article` is one as parsed. */
export function parsedArticleOf(article: Article): Article | undefined {
  return article instanceof MovedArticle ? article.original : undefined;
}

/** The article moved by `delta`, as a view that copies on first use. */
export function shiftArticle(article: Article, delta: number): Article {
  if (delta === 0) return article;
  if (article instanceof MovedArticle) return new MovedArticle(article.original, article.delta + delta);
  return new MovedArticle(article, delta);
}

/** The article moved by `delta`, as plain data. */
export function copyArticle(article: Article, delta: number): Article {
  if (article instanceof MovedArticle) return copyArticle(article.original, article.delta + delta);
  return {
    span: shiftSpan(article.span, delta),
    title: article.title,
    titleSpan: shiftSpan(article.titleSpan, delta),
    titleLines: article.titleLines.map((line) => shiftTitleLine(line, delta)),
    leads: article.leads.map((lead) => shiftLead(lead, delta)),
    paragraphs: article.paragraphs.map((paragraph) => shiftParagraph(paragraph, delta)),
    sections: article.sections.map((section) => shiftSection(section, delta)),
    bylines: article.bylines.map((byline) => shiftByline(byline, delta)),
    jumps: article.jumps.map((jump) => shiftJump(jump, delta)),
    breaks: article.breaks.map((cut) => breakMovedTo(cut, shiftSpan(cut.span, delta))),
    duplicates: article.duplicates.map((duplicate) => shiftDuplicate(duplicate, delta)),
  };
}
