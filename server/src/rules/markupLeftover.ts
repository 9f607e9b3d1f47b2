// markup-leftover: traces of the web page or the typesetting source the text was pulled
// from: `PM_{2.5}`, `m^{2}`, `&nbsp;`, `&#12288;`, `<br>`, `</span>`, a literal `\n`, `\textbf{`.
// Every line of the dump is looked at: markup is a leftover wherever it sits.
import { Fix, Problem, Rule } from './types';
import { blocksInScope } from './scope';
import { CharFinder, stretchOf } from './charFinder';

type Found = Omit<Problem, 'ruleId'>;

// Sticky patterns, each tried only where its first character is; all bounded, nothing nested.
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,9})(;?)/y;
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9:]{0,9})(?:\s[^<>\r\n]{0,200})?\/?>/y;
const SCRIPT = /[_^]\{([^{}\r\n]{1,20})\}|\^([0-9]{1,3})/y;
const BACKSLASH = /\\(?:r\\n|[nrt](?![a-zA-Z])|([a-zA-Z]{2,15})(\{?))/y;
/** The first characters of the patterns: & < _ ^ and the backslash. */
const CANDIDATES = /[&<_^\\]/g;

/** Named entities and what they decode to; '' marks a space. */
const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '', ensp: '', emsp: '', thinsp: '', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”',
  lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', times: '×', divide: '÷', deg: '°',
  plusmn: '±', copy: '©', reg: '®', yen: '¥', sup2: '²', sup3: '³', laquo: '«', raquo: '»', bull: '•', permil: '‰',
};
const SPACE_CODE_POINTS = new Set([0x09, 0x0a, 0x0d, 0x20, 0xa0, 0x3000, 0x2002, 0x2003, 0x2009, 0x200b]);

const TAGS = new Set(
  ('a abbr b big blockquote body br center code dd div dl dt em font h1 h2 h3 h4 h5 h6 head hr html i iframe img ' +
    'li link meta ol p pre s script section small span strike strong style sub sup table tbody td th thead title tr tt ' +
    'u ul o:p article figure figcaption header footer').split(' '),
);

/** Formatting commands whose argument is the text itself: `\textbf{重要}` → `重要`. */
const WRAPPERS = new Set(['textbf', 'textit', 'emph', 'text', 'mathrm', 'mathbf', 'underline', 'textrm', 'mbox']);
const SYMBOLS: Readonly<Record<string, string>> = {
  cdot: '·', times: '×', pm: '±', le: '≤', leq: '≤', ge: '≥', geq: '≥', approx: '≈', circ: '°', mu: 'μ', alpha: 'α',
  beta: 'β', gamma: 'γ', delta: 'δ', pi: 'π', sim: '～', rightarrow: '→',
};
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export const markupLeftoverRule: Rule = {
  id: 'markup-leftover',
  description: 'HTML entities and tags, LaTeX sub- and superscripts and commands, literal `\\n` left in the text.',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text } = context;
    // A dump has a few hundred of these characters in millions: the engine finds them, block after block.
    const blocks = blocksInScope(context);
    const candidates = new CharFinder(text, CANDIDATES, stretchOf(blocks));
    for (const block of blocks) {
      const { start, end } = block.span;
      for (let i = candidates.next(start); i < end; i = candidates.next(i + 1)) {
        const code = text.charCodeAt(i);
        let found: Found | null = null;
        if (code === 0x26) found = entity(text, i, end); // &
        else if (code === 0x3c) found = tag(text, i); // <
        else if (code === 0x5f || code === 0x5e) found = script(text, i); // _ ^
        else if (code === 0x5c) found = backslash(text, i, end); // backslash
        if (found) {
          report(found);
          i = found.span.end - 1;
        }
      }
    }
  },
};

function match(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function fix(title: string, start: number, end: number, newText: string, safe = false): Fix {
  return { title, edits: [{ span: { start, end }, newText }], safe };
}

function entity(text: string, at: number, blockEnd: number): Found | null {
  const m = match(ENTITY, text, at);
  if (!m || at + m[0].length > blockEnd) return null;
  const [written, name, semicolon] = m;
  let decoded: string | undefined;
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    decoded = !valid ? undefined : SPACE_CODE_POINTS.has(code) ? '' : String.fromCodePoint(code);
  } else {
    decoded = ENTITIES[name.toLowerCase()];
    // `&nbsp` without its `;` is still an entity to a browser; `&D` in `R&D` is not one.
    if (decoded === undefined || (!semicolon && /[a-zA-Z0-9]/.test(text[at + written.length] ?? ''))) return null;
  }
  const span = { start: at, end: at + written.length };
  if (decoded === undefined) return { span, message: `HTML entity 「${written}」 left from the web page`, fixes: [] };
  if (decoded === '') {
    // A space entity between Latin words stays a space; in Chinese text it goes.
    const latinBoth = /[a-zA-Z0-9]/.test(text[at - 1] ?? '') && /[a-zA-Z0-9]/.test(text[span.end] ?? '');
    return {
      span,
      message: `HTML entity 「${written}」 left from the web page: it stands for a space`,
      fixes: [fix(latinBoth ? 'Replace with a space' : 'Delete the entity', span.start, span.end, latinBoth ? ' ' : '', true)],
    };
  }
  return {
    span,
    message: `HTML entity 「${written}」 left from the web page: it stands for 「${decoded}」`,
    fixes: [fix(`Decode to 「${decoded}」`, span.start, span.end, decoded, true)],
  };
}

function tag(text: string, at: number): Found | null {
  const m = match(TAG, text, at);
  if (!m || !TAGS.has(m[1].toLowerCase())) return null;
  const span = { start: at, end: at + m[0].length };
  return { span, message: `HTML tag 「${m[0]}」 left from the web page`, fixes: [fix('Delete the tag', span.start, span.end, '')] };
}

function script(text: string, at: number): Found | null {
  const m = match(SCRIPT, text, at);
  if (!m) return null;
  const span = { start: at, end: at + m[0].length };
  const content = m[1] ?? m[2];
  const superscript = text[at] === '^';
  // The corpus writes subscripts on the line (`PM2.5`); superscript digits have Unicode forms (`m²`).
  let replacement: string | null = content;
  if (superscript) {
    replacement = /^[0-9]+$/.test(content) ? [...content].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join('') : null;
  }
  const kind = superscript ? 'superscript' : 'subscript';
  return {
    span,
    message: `Markup leftover 「${m[0]}」: a ${kind} written in TeX`,
    fixes: replacement === null ? [] : [fix(`Write 「${replacement}」`, span.start, span.end, replacement)],
  };
}

function backslash(text: string, at: number, blockEnd: number): Found | null {
  const m = match(BACKSLASH, text, at);
  if (!m) return null;
  const [written, command, brace] = m;
  const span = { start: at, end: at + written.length };
  if (command === undefined) {
    return {
      span,
      message: `Literal 「${written}」 in the text: an escaped line break or tab written out`,
      fixes: [fix(`Delete 「${written}」`, span.start, span.end, '')],
    };
  }
  if (brace) {
    const message = `TeX command 「${written}」 left in the text`;
    const close = WRAPPERS.has(command) ? closingBrace(text, span.end, blockEnd) : -1;
    if (close < 0) return { span, message, fixes: [] };
    return {
      span,
      message,
      fixes: [
        {
          title: `Remove 「${written}…}」 and keep the text`,
          edits: [{ span, newText: '' }, { span: { start: close, end: close + 1 }, newText: '' }],
          safe: false,
        },
      ],
    };
  }
  const symbol = SYMBOLS[command];
  if (symbol === undefined) return null; // `\Users` in a path is not TeX
  return { span, message: `TeX command 「${written}」 left in the text: it stands for 「${symbol}」`, fixes: [fix(`Write 「${symbol}」`, span.start, span.end, symbol)] };
}

/** The `}` that closes a `{` just before `from`, on the same line, or -1. */
function closingBrace(text: string, from: number, end: number): number {
  let depth = 1;
  for (let i = from; i < end && i < from + 500; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
