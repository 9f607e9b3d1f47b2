// Credits: who wrote or photographed a piece (`记者 杨宜锦`, `通讯员 春霞 李杨 文/图`).
import { Credit } from './types';
import { SPACE_RUN, charLength, isHan, isHanText, isNeverTrimmed, isSpaceInLine } from './characters';

// A role is an optional outlet or prefix (`本报`, `河南日报`, `正观新闻·郑州晚报`) and a role word.
const ROLE_WORDS = [
  '特约评论员', '本报评论员', '评论员', '特约记者', '摄影记者', '见习记者', '实习记者', '首席记者', '记者',
  '通讯员', '实习生', '摄影', '撰稿', '编辑', '作者',
];
const ROLE_WORD_PATTERN = ROLE_WORDS.join('|');
/** Outlet prefix: Han characters, `·`, digits and Latin letters (`正观新闻·郑州晚报`), short. */
const ROLE_PATTERN = new RegExp(`^(?:[\\u4e00-\\u9fff·A-Za-z0-9]{0,16}?)(?:${ROLE_WORD_PATTERN})$`);
/**
 * The last characters of the role words. Every credit text has a role word, whole or padded (`记 者`),
 * so a text with none of these characters is ruled out before it is split into tokens.
 */
const ROLE_WORD_ENDINGS = new RegExp(`[${[...new Set(ROLE_WORDS.map((word) => word[word.length - 1]))].join('')}]`);
/** A role fused with the names that follow it: `本报记者李娜`. */
const ROLE_THEN_NAME = new RegExp(`^((?:[\\u4e00-\\u9fff·]{0,16}?)(?:${ROLE_WORD_PATTERN}))(.{2,4})$`, 'u');

/** Marks after the names they apply to. */
const MARKS = new Set(['文/图', '文／图', '图/文', '图／文', '文图', '摄', '图', '文', '报道', '摄影']);

/** A person's name as credits write it: two to four Han characters, or a transliterated name with `·`. */
export function looksLikeName(token: string): boolean {
  const length = charLength(token);
  if (token.includes('·')) {
    const parts = token.split('·');
    return length <= 12 && parts.every((part) => isHanText(part));
  }
  return length >= 2 && length <= 4 && isHanText(token);
}

export function isRole(token: string): boolean {
  return ROLE_PATTERN.test(token);
}

/**
 * Parses a text made only of credits: role, names, role, names …, an optional trailing mark.
 * Returns null when anything in it is not a credit, so running text is never taken for a byline.
 */
export function parseCredits(text: string): Credit[] | null {
  // A credit text ends on a name or a mark, so on a Han character. Most lines end on punctuation:
  // they are answered before they are trimmed (trimming every line showed in the profile).
  const last = text.charCodeAt(text.length - 1);
  if (!mayEndCredit(last) && isNeverTrimmed(last)) return null;
  const trimmed = text.trim();
  // Over 120 code units is over 60 characters: long lines are ruled out without counting.
  if (trimmed.length === 0 || trimmed.length > 120) return null;
  if (!mayEndCredit(trimmed.charCodeAt(trimmed.length - 1)) || !onlyCreditCharacters(trimmed)) return null;
  if (charLength(trimmed) > 60 || !ROLE_WORD_ENDINGS.test(trimmed)) return null;
  const tokens = splitCreditTokens(trimmed);
  if (tokens === null) return null;

  const credits: { role: string; names: string[]; mark?: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const current = credits[credits.length - 1];
    // The position first: looking a token up in MARKS hashes it, and only the last token can be a mark.
    if (i === tokens.length - 1 && current && current.names.length > 0 && MARKS.has(token)) {
      current.mark = token;
    } else if (isRole(token)) {
      credits.push({ role: token, names: [] });
    } else if (current && looksLikeName(token)) {
      current.names.push(token);
    } else {
      const fused = ROLE_THEN_NAME.exec(token);
      if (fused && looksLikeName(fused[2])) {
        credits.push({ role: fused[1], names: [fused[2]] });
      } else {
        return null;
      }
    }
  }
  if (credits.length === 0 || credits.some((credit) => credit.names.length === 0)) return null;
  // Lists made just as long as they are: grown by push they have room for 17, and the model keeps every byline's.
  for (const credit of credits) credit.names = credit.names.slice();
  return credits.slice();
}

/** The last code unit of a Han character (of isHan's ranges; a low surrogate may end an astral one). */
function mayEndCredit(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xdc00 && code <= 0xdfff)
  );
}

/** No character that no token can hold: running text is ruled out on its first comma, unsplit. */
function onlyCreditCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!mayBeInCredit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * What roles, names and marks are written with: Han characters (a surrogate may be half of an
 * astral one), `·`, an outlet's Latin letters and digits, the slash of `文/图`, and the spaces between tokens.
 */
function mayBeInCredit(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0xb7 || // ·
    code === 0x2f || // /
    code === 0xff0f || // ／
    isSpaceInLine(code)
  );
}

/** Splits on white space and joins a padded two-character name (`林 海` → `林海`). */
function splitCreditTokens(text: string): string[] | null {
  const raw = splitOnSpaces(text);
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i];
    const next = raw[i + 1];
    if (isSingleHan(token) && next !== undefined && isSingleHan(next) && !MARKS.has(next)) {
      tokens.push(token + next);
      i++;
    } else if (isSingleHan(token) && !MARKS.has(token)) {
      return null; // a lone character that is neither a mark nor half of a padded name
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

/** The non-empty runs between SPACE_RUN's characters, by code rather than by a regular expression: every line that may be a credit is split. */
function splitOnSpaces(text: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSpaceInLine(text.charCodeAt(i))) continue;
    if (i > start) tokens.push(text.slice(start, i));
    start = i + 1;
  }
  return tokens;
}

function isSingleHan(token: string): boolean {
  return charLength(token) === 1 && isHan(token.codePointAt(0)!);
}

/** A bare author name on its own line under a title (`吴象`): two or three Han characters, maybe padded. */
export function parseBareName(text: string): Credit[] | null {
  const joined = text.replace(new RegExp(SPACE_RUN.source, 'g'), '');
  const length = charLength(joined);
  if (length < 2 || length > 3 || !isHanText(joined)) return null;
  return [{ role: '', names: [joined] }];
}
