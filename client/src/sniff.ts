// Does this text look like a raw newspaper dump? Pure (no vscode import) so it can be
// unit-tested: the client calls it on the head of every plain-text .txt that opens.
//
// Strong signals are furniture only newspapers have: 本报讯 leads, agency datelines
// (【新华社延安十四日电】, 本报北京7月12日电), lines that are nothing but credits
// (`记者 杨宜锦 通讯员 春霞 李杨 文/图`), jump markers (上接一版), 编者按:. Weak signals
// are the shape of news prose: short title lines over long paragraphs, paragraphs that
// open with a date (`6月10日下午,`), the official vocabulary of local news, and the
// corpus's half-width comma between Chinese characters. Two strong signals and any sign
// of news shape settle it; a single one (a story may quote one 本报讯) also needs news
// prose around it; without a strong signal, several weak kinds must agree.

/** How much of a file the client reads to decide (bytes on disk, UTF-16 units in an open document). */
export const SNIFF_HEAD_SIZE = 64 * 1024;

export interface SniffSignals {
  /** Han characters among all non-space characters, 0..1. */
  readonly hanRatio: number;
  readonly hanChars: number;
  /** Lines opening with 本报讯. */
  readonly leads: number;
  /** 【…电】, 新华社北京7月12日电, 本报延安十日电. */
  readonly datelines: number;
  /** Lines holding only roles and names (`记者 柴琳琳 通讯员 姜璞 文/图`). */
  readonly bylines: number;
  /** (上接一版) / (下转二版). */
  readonly jumpMarkers: number;
  /** 编者按: / 【编者按】. */
  readonly editorNotes: number;
  /** Paragraphs opening with a date or a news time word (`7月12日,`, `近日,`). */
  readonly dateLeads: number;
  /** Runs of one to four short title-like lines followed by a long paragraph. */
  readonly titleBlocks: number;
  /** News vocabulary (召开, 书记, 记者 …) per 1000 Han characters. */
  readonly newsTermsPer1000: number;
  /** Half-width commas between Chinese characters (the corpus convention). */
  readonly halfWidthCommas: number;
}

export interface SniffResult {
  readonly isDump: boolean;
  readonly score: number;
  readonly signals: SniffSignals;
  /** One line for the output channel: why the text was (or was not) taken for a dump. */
  readonly reason: string;
}

const MIN_HAN_CHARS = 40;
const MIN_HAN_RATIO = 0.5;
/** Strong-signal score that settles it, given any sign of news shape (two lead markers, or a lead and a byline). */
const STRONG_THRESHOLD = 5;
/** Score needed from weak signals alone (and they must be of several kinds, see below). */
const WEAK_THRESHOLD = 6;

const HAN = '\\p{Script=Han}';
const SPACE = '[ \\t\\u3000]';
/** A role, optionally after the paper or agency it works for (河南日报记者, 正观新闻·郑州晚报记者). */
const ROLE = `(?:[${HAN}·]{0,12}?(?:特约记者|见习记者|首席记者|本报记者|记者|通讯员|实习生|评论员|摄影|摄|撰稿|编辑))`;
/** Names are two or three characters; a two-character name may be padded with a space (林 海). */
const NAME = `(?:${HAN}{2,3}|${HAN}${SPACE}${HAN}(?!${HAN}))`;
const MARK = '(?:文/图|图/文|文\\/摄影|摄)';
const BYLINE_LINE = new RegExp(
  `^(?:${ROLE}(?:${SPACE}+${NAME})+)(?:${SPACE}+${ROLE}(?:${SPACE}+${NAME})+)*(?:${SPACE}*${MARK})?$`,
  'u',
);
const LEAD_LINE = /^本报讯/u;
const DATELINE_BRACKETED = /【[^】\n]{2,30}?电】/gu;
const DATELINE_LINE = /^(?:新华社|中新社|本报)[\p{Script=Han}0-9０-９]{1,16}?电/u;
const JUMP_MARKER = /[(（](?:上接|下转|接上|转下|紧接)[^)）\n]{1,8}[)）]/gu;
const EDITOR_NOTE = /^(?:编者按[:：]|【编者按】)/u;
const DATE_LEAD =
  /^(?:(?:[0-9０-９]{4}年)?[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|近日|日前|昨日|昨天|今天|今日|当天|记者从|记者近日|记者昨日)/u;
const NEWS_TERMS =
  /记者|本报|报道|获悉|召开|会议|座谈会|出席|主持|讲话|强调|指出|部署|推进|书记|市委|区委|县委|省委|党委|党组|常委|市长|区长|县长|主任|政府|人大|政协|通讯员|据悉|新华社|电讯/gu;
const HALF_WIDTH_COMMA = /\p{Script=Han},\p{Script=Han}/gu;
const HAN_CHAR = /\p{Script=Han}/gu;
const NON_SPACE = /[^\s\u3000\ufeff]/gu;
/** A title carries no sentence punctuation (CORPUS.md); commas and colons end clauses, not titles. */
const NOT_IN_TITLE = /[。;；,，:：?？!！…]/u;

/**
 * Looks at the head of a text (at most SNIFF_HEAD_SIZE characters) and says whether it is
 * a newspaper dump. `truncated`: the text is the head of a longer file, so its last line
 * may be cut.
 */
export function sniffDump(text: string, truncated = false): SniffResult {
  const head = headOf(text, truncated);
  const lines = head.split(/\r\n|\r|\n/).map(trimLine);

  const hanChars = count(head, HAN_CHAR);
  const nonSpace = count(head, NON_SPACE);
  const hanRatio = nonSpace === 0 ? 0 : hanChars / nonSpace;

  let leads = 0;
  let datelines = count(head, DATELINE_BRACKETED);
  let bylines = 0;
  let editorNotes = 0;
  let dateLeads = 0;
  for (const line of lines) {
    if (line === '') continue;
    if (LEAD_LINE.test(line)) leads++;
    if (DATELINE_LINE.test(line)) datelines++;
    if (line.length <= 60 && BYLINE_LINE.test(line)) bylines++;
    if (EDITOR_NOTE.test(line)) editorNotes++;
    if (DATE_LEAD.test(line) && line.length >= 20) dateLeads++;
  }
  const signals: SniffSignals = {
    hanRatio,
    hanChars,
    leads,
    datelines,
    bylines,
    jumpMarkers: count(head, JUMP_MARKER),
    editorNotes,
    dateLeads,
    titleBlocks: countTitleBlocks(lines),
    newsTermsPer1000: hanChars === 0 ? 0 : (count(head, NEWS_TERMS) * 1000) / hanChars,
    halfWidthCommas: count(head, HALF_WIDTH_COMMA),
  };
  return decide(signals);
}

function decide(signals: SniffSignals): SniffResult {
  if (signals.hanChars < MIN_HAN_CHARS || signals.hanRatio < MIN_HAN_RATIO) {
    return {
      isDump: false,
      score: 0,
      signals,
      reason: `not Chinese prose (${signals.hanChars} Han characters, ${Math.round(signals.hanRatio * 100)}% of the text)`,
    };
  }
  const strong =
    3 * Math.min(signals.leads, 3) +
    3 * Math.min(signals.datelines, 3) +
    2 * Math.min(signals.bylines, 3) +
    2 * Math.min(signals.jumpMarkers, 2) +
    2 * Math.min(signals.editorNotes, 1);
  const termsScore = signals.newsTermsPer1000 >= 25 ? 3 : signals.newsTermsPer1000 >= 15 ? 2 : signals.newsTermsPer1000 >= 8 ? 1 : 0;
  const commaScore = signals.halfWidthCommas >= 5 ? 1 : 0;
  const weak = Math.min(signals.dateLeads, 3) + Math.min(signals.titleBlocks, 3) + termsScore + commaScore;
  const score = strong + weak;
  const found = describe(signals);

  let isDump: boolean;
  if (strong >= STRONG_THRESHOLD) {
    // Two pieces of newspaper furniture (or one, repeated) and any sign of news shape.
    isDump = weak > 0;
  } else if (strong > 0) {
    // A single 本报讯 or credit line can be a quotation in a story: the prose must read like news too.
    isDump = score >= STRONG_THRESHOLD + 1 && termsScore >= 1;
  } else {
    // No furniture at all (a line-layout dump of one article): news vocabulary, a date
    // opening a paragraph and a title over a paragraph must all be there.
    isDump = score >= WEAK_THRESHOLD && termsScore >= 2 && signals.dateLeads > 0 && signals.titleBlocks > 0;
  }
  return { isDump, score, signals, reason: `score ${score}${found ? `: ${found}` : ''}` };
}

function describe(s: SniffSignals): string {
  const parts: string[] = [];
  const add = (n: number, what: string): void => {
    if (n > 0) parts.push(`${n} ${what}`);
  };
  add(s.leads, '本报讯 lead(s)');
  add(s.datelines, 'dateline(s)');
  add(s.bylines, 'byline line(s)');
  add(s.jumpMarkers, 'jump marker(s)');
  add(s.editorNotes, "editor's note(s)");
  add(s.dateLeads, 'dated paragraph opening(s)');
  add(s.titleBlocks, 'title(s) over a paragraph');
  if (s.newsTermsPer1000 > 0) parts.push(`${Math.round(s.newsTermsPer1000)} news terms per 1000 characters`);
  add(s.halfWidthCommas, 'half-width comma(s) in Chinese text');
  return parts.join(', ');
}

/** Short lines without sentence punctuation directly (blank lines aside) above a long paragraph. */
function countTitleBlocks(lines: readonly string[]): number {
  let blocks = 0;
  let titleRun = 0;
  for (const line of lines) {
    if (line === '') continue;
    if (isTitleLike(line)) {
      titleRun++;
      continue;
    }
    if (titleRun > 0 && titleRun <= 4 && isParagraph(line)) blocks++;
    titleRun = 0;
  }
  return blocks;
}

function isTitleLike(line: string): boolean {
  const length = Array.from(line).length;
  if (length < 4 || length > 70) return false;
  if (NOT_IN_TITLE.test(line)) return false;
  if (BYLINE_LINE.test(line) || LEAD_LINE.test(line)) return false;
  const han = count(line, HAN_CHAR);
  return han / count(line, NON_SPACE) >= 0.6;
}

function isParagraph(line: string): boolean {
  return line.length >= 60 && /[。！？!?”]/u.test(line);
}

/** The head to look at: whole lines only, so a line cut at the limit does not pose as a short title. */
function headOf(text: string, truncated: boolean): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.length <= SNIFF_HEAD_SIZE && !truncated) return withoutBom;
  const cut = withoutBom.slice(0, SNIFF_HEAD_SIZE);
  const lastBreak = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('\r'));
  return lastBreak > 0 ? cut.slice(0, lastBreak) : cut;
}

function trimLine(line: string): string {
  return line.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/gu, '');
}

function count(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
}

/**
 * Decodes the first bytes of a file for sniffing: UTF-8 (with or without a BOM), UTF-16
 * with a BOM, else GB18030 (real dumps come in all of these). A cut multi-byte character
 * at the end is dropped. Undefined for binary data (a NUL byte) or an undecodable head.
 */
export function decodeHead(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', bytes.subarray(2));
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return undefined;
  return decode('utf-8', body) ?? decode('gb18030', body);
}

function decode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    // stream: true keeps a character cut at the end of the head back instead of failing on it.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}
