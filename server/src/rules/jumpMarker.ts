// jump-marker: `(上接一版)` / `(下转二版)`, the article continues on another page.
// Information only: the editor needs to know the text here is not the whole article.
import { Rule } from './types';
import { articlesInScope } from './scope';

export const jumpMarkerRule: Rule = {
  id: 'jump-marker',
  description: 'The article continues from or on another page: (上接一版) / (下转二版).',
  defaultSeverity: 'information',
  check(context, report) {
    for (const article of articlesInScope(context)) {
      for (const jump of article.jumps) {
        report({
          span: jump.span,
          message: jump.direction === 'from' ? `Continues from page ${jump.page}` : `Continues on page ${jump.page}`,
          fixes: [],
        });
      }
    }
  },
};
