// missing-byline: an article with no credit anywhere. Continuations and commentaries often
// have none, but editors still want to see them, so the message says which kind it is.
import { Article } from '../model/types';
import { Rule } from './types';
import { articlesInScope } from './scope';

/** Words that mark a commentary in a title block: `——郑州要勇挑大梁争先出彩系列评论之四`, `本报评论员`. */
const COMMENTARY = /系列评论之[一二三四五六七八九十\d]+|评论员|述评|社论|时评|评论/;

export const missingBylineRule: Rule = {
  id: 'missing-byline',
  description: 'An article with no credit: none in the lead, under the title or at the end.',
  defaultSeverity: 'warning',
  check(context, report) {
    for (const article of articlesInScope(context)) {
      if (article.bylines.length > 0) continue;
      const kind = articleKind(article);
      report({
        span: article.titleSpan,
        message:
          "No byline: no credit in the lead's parentheses, under the title, or at the end" + (kind ? ` (${kind})` : ''),
        fixes: [],
      });
    }
  },
};

/** What kind of article goes without a credit, when the text tells. */
function articleKind(article: Article): string | undefined {
  const from = article.jumps.find((jump) => jump.direction === 'from');
  if (from) return `continuation from ${from.page}`;
  for (const line of article.titleLines) {
    const match = COMMENTARY.exec(line.text);
    if (match) return `commentary: ${match[0]}`;
  }
  return undefined;
}
