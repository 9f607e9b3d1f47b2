// A title in 《…》 or a term in “…”: latin-fragment and stray-space both leave what lies inside
// one alone, and judge where it ends the same way; only how long a “…” may run differs.
import { isClauseBreak } from '../model/characters';

/** How far past its opening mark a 《title》 (and by default a “…”) is looked for. */
const TITLE_REACH = 64;

/**
 * End (past the closing mark) of a title opened at `open` by 《 or “, looked for before `end`:
 * any 《…》, or a “…” without a clause break inside (`他说:“…”` is speech, and speech is running
 * text). -1 when it is not one. `quoteReach` bounds a “…”.
 */
export function quotedTitleEnd(text: string, open: number, end: number, quoteReach = TITLE_REACH): number {
  const isBook = text.charCodeAt(open) === 0x300a; // 《 closes with 》, “ with ”
  const close = isBook ? 0x300b : 0x201d;
  const limit = Math.min(end, open + (isBook ? TITLE_REACH : quoteReach));
  for (let i = open + 1; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === close) return i + 1;
    if (!isBook && isClauseBreak(code)) return -1;
  }
  return -1;
}
