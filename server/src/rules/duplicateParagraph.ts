// duplicate-paragraph: the same paragraph or head twice in a row (model article.duplicates).
// The fix deletes the second copy and the blank lines before it, so the first copy stays
// exactly as it was.
import { Block, DuplicateBlock, DumpModel } from '../model/types';
import { Rule } from './types';
import { articlesInScope } from './scope';
import { partitionPoint } from '../model/search';

/** Characters of the repeated text shown in the message. */
const SHOWN = 16;

export const duplicateParagraphRule: Rule = {
  id: 'duplicate-paragraph',
  description: 'The same paragraph or head twice in a row.',
  defaultSeverity: 'warning',
  check(context, report) {
    const { text, model } = context;
    for (const article of articlesInScope(context)) {
      for (const duplicate of article.duplicates) {
        const isHead = article.sections.some((section) => section.titleSpan.start === duplicate.original.start) ||
          article.titleLines.some((line) => line.span.start === duplicate.original.start);
        const previous = blockBefore(model, duplicate);
        report({
          span: duplicate.span,
          message: `The same ${isHead ? 'head' : 'paragraph'} twice in a row: 「${shorten(text.slice(duplicate.span.start, duplicate.span.end))}」`,
          // From the end of the copy just above (in a run of three, that is the second one), so
          // the fixes of a run never overlap.
          fixes: previous
            ? [{ title: 'Delete the repeated copy', edits: [{ span: { start: previous.span.end, end: duplicate.span.end }, newText: '' }], safe: true }]
            : [],
        });
      }
    }
  },
};

/** The last block that ends before the duplicate starts: the copy it repeats, or the end of it. */
function blockBefore(model: DumpModel, duplicate: DuplicateBlock): Block | undefined {
  return model.blocks[partitionPoint(model.blocks, (block) => block.span.end <= duplicate.span.start) - 1];
}

function shorten(text: string): string {
  // A copy cut by an OCR break reads as one paragraph.
  const chars = Array.from(text.replace(/\s*[\r\n]\s*/g, ''));
  return chars.length > SHOWN ? `${chars.slice(0, SHOWN).join('')}…` : chars.join('');
}
