// The dump model: what a raw newspaper dump is made of, in offsets.
// Offsets are UTF-16 code units into the text the parser was given (a JS string
// index), end exclusive. LSP positions and brat code points are made at the edge
// (see ../text/positions.ts), never here.

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One physical non-blank line, trimmed of surrounding white space. */
export interface Block {
  readonly span: Span;
  readonly text: string;
  /** 0-based line number of the block in the text. */
  readonly line: number;
  /** Blank lines between the previous block and this one (0 for the first block of the file counts leading blank lines). */
  readonly blankLinesBefore: number;
}

/** A paragraph cut in two by an extraction scar; the model joins the halves. */
export interface Break {
  /** From the end of the first fragment to the start of the second (the line ends and blank lines between). */
  readonly span: Span;
  /** Why the parser judged the two fragments to be one paragraph. */
  readonly cues: readonly BreakCue[];
  /** The word the segmenter forms across the cut (`从事`), with cue `word-across-cut`. */
  readonly word?: string;
}

export type BreakCue =
  | 'open-punctuation' // first half ends on a comma, enumeration comma or opening bracket
  | 'unfinished-sentence' // first half is running text without sentence-final punctuation
  | 'dangling-function-word' // first half ends on a word that cannot end a phrase (从, 的, 和 …)
  | 'continuation-start' // second half starts with what cannot start a sentence (、 ” 。 …)
  | 'word-across-cut'; // the segmenter forms one word across the cut (从|事)

export interface Credit {
  /** The role as written (`记者`, `通讯员`, `正观新闻·郑州晚报记者`, `新华社`); empty for a bare name. */
  readonly role: string;
  readonly names: readonly string[];
  /** A trailing mark that applies to the credit, as written (`文/图`, `摄`). */
  readonly mark?: string;
}

export type BylinePlacement =
  | 'lead' // in the lead's parentheses: 本报讯(记者 裴其娟)
  | 'dateline' // an agency dateline: 【新华社延安十日电】
  | 'under-title' // a line of its own between the title and the body
  | 'end' // one or more lines after the body
  | 'fused-title'; // fused in front of the title on the same line

export interface Byline {
  /** The whole credit site, every line of it. */
  readonly span: Span;
  /** The credit text, lines joined with one space. */
  readonly text: string;
  readonly credits: readonly Credit[];
  readonly placement: BylinePlacement;
}

export type TitleLineRole =
  | 'main'
  | 'kicker' // 引题 above the main title
  | 'subtitle' // 副题 below it, often starting with ——
  | 'column' // a column label over several pieces: 我的年度履职报告
  | 'person'; // a person line ending in a colon: 市人大代表刘电力:

export interface TitleLine {
  readonly span: Span;
  readonly text: string;
  readonly role: TitleLineRole;
}

export interface Lead {
  /** The whole lead paragraph. */
  readonly span: Span;
  /** The lead marker as written: 本报讯, 【新华社延安十日电】, 【本市消息】 … */
  readonly marker: string;
  /** A date at the start of the lead text (`7月12日`, `2月22日下午`, `近日`), when present. */
  readonly date?: string;
}

export interface JumpMarker {
  readonly span: Span;
  readonly text: string;
  /** `from`: (上接一版), the article continues from another page; `to`: (下转二版). */
  readonly direction: 'from' | 'to';
  readonly page: string;
}

export type ParagraphKind = 'lead' | 'body' | 'editor-note';

export interface Paragraph {
  /** From the start of its first fragment to the end of its last one. */
  readonly span: Span;
  readonly kind: ParagraphKind;
  /** The blocks the paragraph is made of: more than one when OCR breaks cut it. */
  readonly fragments: readonly Span[];
}

export interface Section {
  readonly title: string;
  /** The head line. */
  readonly titleSpan: Span;
  /** From the head to the end of the section's last paragraph. */
  readonly span: Span;
}

export interface DuplicateBlock {
  /** The second copy. */
  readonly span: Span;
  /** The first copy it repeats. */
  readonly original: Span;
}

export interface Article {
  /** From the first title line (or first paragraph when untitled) to the end of the last line that belongs to it. */
  readonly span: Span;
  /** Main title text; null when the article has no title line (a lead with nothing above it). */
  readonly title: string | null;
  /** The main title line, or the first line of the article when untitled. */
  readonly titleSpan: Span;
  readonly titleLines: readonly TitleLine[];
  readonly leads: readonly Lead[];
  readonly paragraphs: readonly Paragraph[];
  readonly sections: readonly Section[];
  readonly bylines: readonly Byline[];
  readonly jumps: readonly JumpMarker[];
  readonly breaks: readonly Break[];
  readonly duplicates: readonly DuplicateBlock[];
}

export type Layout = 'blank-line' | 'line';

export interface DumpModel {
  readonly layout: Layout;
  readonly lineEnding: '\n' | '\r\n' | '\r' | 'mixed' | 'none';
  readonly blocks: readonly Block[];
  readonly articles: readonly Article[];
  /** All breaks in document order (each also listed in its article). */
  readonly breaks: readonly Break[];
}

/** Word segmentation, injected so the model stays pure and works without nodejieba. */
export interface WordSegmenter {
  /** Words in order; their concatenation must equal the input. */
  cut(text: string): string[];
  /** Words with part-of-speech tags (jieba's: v verb, n noun, a adjective, nr person …), when the segmenter has them. */
  tag?(text: string): TaggedWord[];
}

export interface TaggedWord {
  readonly word: string;
  readonly tag: string;
}

export interface ParseOptions {
  readonly segmenter?: WordSegmenter;
}
