// Markers a paragraph can start or end with: leads, datelines, jump markers, editor's notes.
import { Credit } from './types';
import { parseCredits } from './credits';
import { isNeverTrimmed } from './characters';

export interface LeadMatch {
  /** The marker as written, e.g. `本报讯`, `【新华社延安十日电】`, `新华社北京5月10日电`. */
  readonly marker: string;
  /** Credits in the lead: in parentheses after the marker, or the agency of a dateline. */
  readonly credits: Credit[];
  /** Offset (within the paragraph) and length of the credit text, when the credit is written out. */
  readonly creditSpan?: { start: number; end: number };
  readonly date?: string;
}

const OWN_PAPER_LEAD = /^本报(?:[\u4e00-\u9fff]{0,8}\d{0,2}月?\d{0,2}日?)?讯/;
const BRACKET_DATELINE = /^【([^】\n]{1,40})】/;
/** Who writes a dateline lead `新华社北京5月10日电`. */
const DATELINE_AGENCIES = ['新华社', '中新社', '中国新闻社', '人民日报', '经济日报', '光明日报'];
const AGENCY_DATELINE = new RegExp(`^(${DATELINE_AGENCIES.join('|')})[\\u4e00-\\u9fff]{0,10}[\\d一二三四五六七八九十廿卅]{1,3}月?[\\d一二三四五六七八九十廿卅]{1,3}日?电`);
const AGENCIES = /^(新华社|中新社|中国新闻社|中央社|路透社|美联社|法新社|塔斯社|合众社|共同社)/;
// Sticky, matched where the marker ends (lastIndex): the rest of the lead is not copied out to be matched.
const CREDIT_PARENS = /[ \t\u3000]*[(（]([^()（）\n]{2,60})[)）]/y;
const LEAD_DATE = /[ \t\u3000]*((?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午)?|近日|日前|昨日|昨天|今日|今天|前不久|近期)/y;
const DATELINE_DATE = /([\d一二三四五六七八九十廿卅]{1,3}日)电/;

/**
 * What a lead can start with: OWN_PAPER_LEAD's 本报, BRACKET_DATELINE's 【, a dateline agency.
 * Most lines are ruled out on this one character before three regular expressions.
 */
const LEAD_FIRST_CHARS: ReadonlySet<number> = new Set(['本报', '【', ...DATELINE_AGENCIES].map((start) => start.charCodeAt(0)));

/** Recognises a lead: `本报讯(记者 裴其娟)…`, `【新华社延安十日电】…`, `新华社北京5月10日电(记者 …)…`. */
export function matchLead(text: string): LeadMatch | null {
  if (!LEAD_FIRST_CHARS.has(text.charCodeAt(0))) return null;
  let marker: string;
  let credits: Credit[] = [];
  let date: string | undefined;
  const own = OWN_PAPER_LEAD.exec(text);
  const bracket = own ? null : BRACKET_DATELINE.exec(text);
  const agency = own || bracket ? null : AGENCY_DATELINE.exec(text);
  if (own) {
    marker = own[0];
  } else if (bracket) {
    const inside = bracket[1];
    // 【…电】 or 【…讯】 or 【…消息】: a dateline, not any bracketed phrase.
    if (!/(电|讯|消息|报道)$/.test(inside)) return null;
    marker = bracket[0];
    const agencyName = AGENCIES.exec(inside);
    if (agencyName) credits = [{ role: agencyName[1], names: [] }];
    date = DATELINE_DATE.exec(inside)?.[1];
  } else if (agency) {
    marker = agency[0];
    credits = [{ role: agency[1], names: [] }];
    date = DATELINE_DATE.exec(agency[0])?.[1];
  } else {
    return null;
  }

  let rest = marker.length;
  let creditSpan: { start: number; end: number } | undefined;
  const parens = execAt(CREDIT_PARENS, text, rest);
  if (parens) {
    const written = parseCredits(parens[1]);
    if (written) {
      const start = rest + parens[0].indexOf(parens[1]);
      creditSpan = { start, end: start + parens[1].length };
      credits = [...credits.filter((credit) => credit.names.length > 0), ...written];
      rest += parens[0].length;
    }
  }
  date ??= execAt(LEAD_DATE, text, rest)?.[1];
  return { marker, credits, creditSpan, date };
}

/** A sticky expression matched at `index` of `text`. */
function execAt(sticky: RegExp, text: string, index: number): RegExpExecArray | null {
  sticky.lastIndex = index;
  return sticky.exec(text);
}

export interface JumpMatch {
  readonly direction: 'from' | 'to';
  readonly page: string;
  /** Offset and length within the paragraph. */
  readonly start: number;
  readonly end: number;
}

const JUMP_FROM = /^[(（](?:上接|接上|上转|接)(第?[^()（）\n]{1,8}?版?)[)）]/;
const JUMP_TO = /[(（](?:下转|转下|转)(第?[^()（）\n]{1,8}?版)[)）]\s*$/;

/** What almost every paragraph has: one shared empty list, not one per paragraph. */
const NO_JUMPS: readonly JumpMatch[] = Object.freeze([]);

/** `(上接一版)` at the start of a paragraph, `(下转二版)` at its end. */
export function matchJumps(text: string): readonly JumpMatch[] {
  const from = mayStartWithJump(text) ? JUMP_FROM.exec(text) : null;
  const to = mayEndWithJump(text) ? JUMP_TO.exec(text) : null;
  if (!from && !to) return NO_JUMPS;
  const jumps: JumpMatch[] = [];
  if (from) jumps.push({ direction: 'from', page: from[1], start: 0, end: from[0].length });
  if (to) jumps.push({ direction: 'to', page: to[1], start: to.index, end: to.index + to[0].trimEnd().length });
  return jumps;
}

/** `(上接一版)…`: the paragraph goes on from another page. */
export function startsWithJumpFrom(text: string): boolean {
  return mayStartWithJump(text) && JUMP_FROM.test(text);
}

/** `…(下转二版)`: the paragraph goes on on another page. */
export function endsWithJumpTo(text: string): boolean {
  return mayEndWithJump(text) && JUMP_TO.test(text);
}

// The prefilters look at one character: the unanchored JUMP_TO otherwise scans every paragraph whole.
function mayStartWithJump(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0x28 || first === 0xff08; // ( （
}

/** The last character before trailing white space closes a bracket (trimEnd strips what `\s` matches). */
function mayEndWithJump(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  // Most paragraphs end on a full stop: nothing to trim, so trimEnd is not called for them.
  if (isNeverTrimmed(last)) return isClosingParenthesis(last);
  const trimmed = text.trimEnd();
  return isClosingParenthesis(trimmed.charCodeAt(trimmed.length - 1));
}

function isClosingParenthesis(code: number): boolean {
  return code === 0x29 || code === 0xff09; // ) ）
}

const EDITOR_NOTE = /^(?:编者按|编者的话|编后|编者)[:：]/;

export function isEditorNote(text: string): boolean {
  return text.charCodeAt(0) === 0x7f16 /* 编 */ && EDITOR_NOTE.test(text);
}

const SUBTITLE_DASHES = /^(?:——|──|--|－－|—)/;

/** `——郑州要勇挑大梁争先出彩系列评论之四`: a subtitle line. */
export function isSubtitleLine(text: string): boolean {
  const first = text.charCodeAt(0);
  // Checked before the regular expression: almost no line starts with a dash.
  return (first === 0x2014 || first === 0x2500 || first === 0x2d || first === 0xff0d) && SUBTITLE_DASHES.test(text);
}
