// Character classes of Chinese newspaper text, shared by the parser's judgements.
// Both half-width and full-width forms: the seeds use half-width , ( ) : ; ?
// (a corpus convention), other papers use full width.

/** Ends a sentence. */
export const SENTENCE_FINAL = new Set(['。', '！', '？', '!', '?', '…', '；', ';', '.']);

/** Closing marks that may follow sentence-final punctuation: `…收官。”`. */
export const CLOSING_MARKS = new Set(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'"]);

/** A paragraph never ends on these: the sentence goes on. */
export const OPEN_ENDINGS = new Set(['，', ',', '、', '“', '‘', '「', '『', '《', '（', '(', '【']);

/** A sentence never starts with these: the text before it goes on. */
export const NON_INITIAL = new Set([
  '、', '，', ',', '。', '；', ';', '：', '！', '？', '!', '?', '”', '’', '」', '』', '）', ')', '》', '】', '%', '‰', '…', '·',
]);

/** Single-character function words that leave a phrase unfinished when they end it (judged on segmenter words). */
export const DANGLING_FUNCTION_WORDS = new Set([
  '的', '之', '和', '与', '及', '或', '从', '对', '把', '被', '将', '向', '于', '由', '让', '使', '而', '并', '且',
  '但', '其', '所', '在', '为', '以', '给', '跟', '同', '往', '自', '因', '若', '比', '较', '更', '最', '很', '都',
  '也', '就', '还', '又', '再', '是',
]);

/**
 * The code units of a set of one-unit characters. Per-line tests read a code (charCodeAt) against
 * these: a one-character string (text[i], lastChar) is a new string for every Han character read.
 */
export function codesOf(chars: Iterable<string>): ReadonlySet<number> {
  for (const char of chars) if (char.length !== 1) throw new Error(`not one code unit: ${char}`);
  return new Set(Array.from(chars, (char) => char.charCodeAt(0)));
}

export const SENTENCE_FINAL_CODES = codesOf(SENTENCE_FINAL);
export const CLOSING_MARK_CODES = codesOf(CLOSING_MARKS);
export const OPEN_ENDING_CODES = codesOf(OPEN_ENDINGS);
export const NON_INITIAL_CODES = codesOf(NON_INITIAL);

export function isHan(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) || // CJK Unified Ideographs
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) || // Extension A
    (codePoint >= 0x20000 && codePoint <= 0x3134f) || // Extensions B–H (astral)
    (codePoint >= 0xf900 && codePoint <= 0xfaff) // Compatibility Ideographs
  );
}

export function isHanText(text: string): boolean {
  if (text.length === 0) return false;
  // By code point as for-of reads them (a lone surrogate is one), without a string for each.
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    if (!isHan(codePoint)) return false;
    if (codePoint > 0xffff) i++;
  }
  return true;
}

/** Last character (code point) of a string, or ''. */
export function lastChar(text: string): string {
  if (text.length === 0) return '';
  const code = text.charCodeAt(text.length - 1);
  if (code >= 0xdc00 && code <= 0xdfff && text.length >= 2) return text.slice(-2);
  return text.slice(-1);
}

export function firstChar(text: string): string {
  if (text.length === 0) return '';
  return String.fromCodePoint(text.codePointAt(0)!);
}

/**
 * The last `count` characters (code points) of `text`, as Array.from(text).slice(-count)
 * would join them, counted from the end: a line can run to thousands of characters.
 */
export function lastCodePoints(text: string, count: number): string {
  let start = text.length;
  for (let taken = 0; taken < count && start > 0; taken++) start = codePointStartBefore(text, start);
  return text.slice(start);
}

/** The first `count` characters (code points) of `text`. */
export function firstCodePoints(text: string, count: number): string {
  let end = 0;
  for (let taken = 0; taken < count && end < text.length; taken++) end = codePointEndAfter(text, end);
  return text.slice(0, end);
}

/** Where the character (code point) ending at `offset` starts: one unit back, two over a surrogate pair. */
export function codePointStartBefore(text: string, offset: number): number {
  return isLowSurrogate(text.charCodeAt(offset - 1)) && isHighSurrogate(text.charCodeAt(offset - 2)) ? offset - 2 : offset - 1;
}

/** Where the character (code point) starting at `offset` ends: one unit on, two over a surrogate pair. */
export function codePointEndAfter(text: string, offset: number): number {
  return isHighSurrogate(text.charCodeAt(offset)) && isLowSurrogate(text.charCodeAt(offset + 1)) ? offset + 2 : offset + 1;
}

/**
 * A code unit that trim never takes off: ASCII and CJK or full-width punctuation (`，。、”）` and `.,)`
 * end most lines) and Han. Lets a test of a line's last character skip trimming it first.
 */
export function isNeverTrimmed(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x7e) ||
    (code >= 0x3001 && code <= 0x303f) || // CJK punctuation, after the ideographic space
    (code >= 0x2010 && code <= 0x2027) || // dashes, quotes, …
    (code >= 0xff01 && code <= 0xff5e) || // full-width forms
    (code >= 0x3400 && code <= 0x9fff) // Han
  );
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** White space as a regular expression's `\s` has it (line ends too): tested per code unit, where a regular expression per character would be a call each. */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Length in code points. */
export function charLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

/** Ends like a finished sentence, allowing closing quotes and brackets after the final mark. */
export function endsSentence(text: string): boolean {
  let end = text.length;
  while (end > 0 && CLOSING_MARK_CODES.has(text.charCodeAt(end - 1))) end--;
  if (end === 0) return false;
  return SENTENCE_FINAL_CODES.has(text.charCodeAt(end - 1));
}

/** White space inside a line: ASCII, ideographic space, no-break space. */
export const SPACE_RUN = /[ \t\u3000\u00a0]+/;

/** A character of SPACE_RUN, by code. */
export function isSpaceInLine(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0;
}

/** A clause break, by code (，,。；;：:！!？?“): a quotation holding one is speech, not a title. Read for every character of every quotation. */
export function isClauseBreak(code: number): boolean {
  switch (code) {
    case 0xff0c: case 0x2c: case 0x3002: case 0xff1b: case 0x3b: case 0xff1a: case 0x3a:
    case 0xff01: case 0x21: case 0xff1f: case 0x3f: case 0x201c:
      return true;
    default:
      return false;
  }
}
