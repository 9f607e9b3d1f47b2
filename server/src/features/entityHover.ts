// Hovers about names. On a tag: its type, how often the name is tagged in this file and in
// the folder's dumps, and the titles seen before it (`市委书记`), which tell who it is. On
// any other word: how the segmenter cuts the text around it, with parts of speech (why a
// name is or is not suggested), and a hint when the word looks like an untagged entity.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Span, WordSegmenter } from '../model/types';
import type { LineIndex } from '../text/positions';
import type { Annotation } from '../entities/annotationSet';
import type { Suggestion } from '../entities/suggestions';
import type { NameStats } from '../entities/corpusIndex';
import { isWordLike, lineWindow, wordsIn } from '../entities/words';
import { typeTitle, type EntityTypeSetting } from '../config/entityTypes';
import { escapeMarkdown } from './hover';

/** Characters either side of the cursor whose segmentation the word hover shows. */
const WORD_CONTEXT = 16;

/** The innermost sound tag under an offset (the end counts: the cursor just after a name). */
export function tagAt(tags: readonly Annotation[], offset: number): Annotation | undefined {
  return tags
    .filter((tag) => !tag.flag && tag.start <= offset && offset <= tag.end && tag.end > tag.start)
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

export function entityHover(tag: Annotation, lines: LineIndex, types: readonly EntityTypeSetting[], stats: NameStats | undefined): Hover {
  const out = [`**${escapeMarkdown(tag.text)}** — ${escapeMarkdown(typeTitle(types.find((type) => type.type === tag.type), tag.type))} · ${tag.id}`];
  if (stats) {
    out.push('', `tagged ${times(stats.inFile)} in this file · ${times(stats.inCorpus)} in ${stats.files} file${stats.files === 1 ? '' : 's'} of this folder`);
    if (stats.titles.length > 0) {
      const titles = stats.titles.slice(0, 5).map(({ title, count }) => `${escapeMarkdown(title)} (${count})`);
      out.push('', `titles before it: ${titles.join(', ')}`);
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: out.join('\n') }, range: lines.rangeOf(tag) };
}

/** The segmentation around the cursor, or null on punctuation, space, or without a segmenter. */
export function wordHover(text: string, offset: number, lines: LineIndex, segmenter: WordSegmenter | undefined, suggestions: readonly Suggestion[], types: readonly EntityTypeSetting[]): Hover | null {
  if (!segmenter) return null;
  const window = lineWindow(text, offset, WORD_CONTEXT);
  const words = wordsIn(text, window, segmenter, true);
  const here = words.find((word) => word.start <= offset && offset < word.end && isWordLike(word.word)) ?? words.find((word) => word.end === offset && isWordLike(word.word));
  if (!here) return null;
  // A word at a window edge cut inside the line is a piece, not the segmenter's word: left out.
  const line = lines.lineOf(offset);
  const cutAtStart = window.start > lines.lineStart(line);
  const cutAtEnd = window.end < lines.lineEnd(line);
  const shown = words.filter((word, index) => word === here || !((index === 0 && cutAtStart) || (index === words.length - 1 && cutAtEnd)));
  const cut = shown.filter((word) => word.word.trim() !== '').map((word) => {
    const piece = `${escapeMarkdown(word.word)}/${word.tag ?? '?'}`;
    return word === here ? `**${piece}**` : piece;
  });
  const out = [`segmenter: ${cut.join(' ')}`];
  const suggestion = suggestions.find((candidate) => candidate.span.start <= here.start && here.end <= candidate.span.end) ?? suggestions.find((candidate) => overlaps(candidate.span, here));
  if (suggestion) {
    const label = typeTitle(types.find((type) => type.type === suggestion.type), suggestion.type);
    out.push('', `「${escapeMarkdown(suggestion.text)}」 looks like an untagged ${escapeMarkdown(label)} (${escapeMarkdown(suggestion.reason)}): Quick Fix tags it.`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: out.join('\n') }, range: lines.rangeOf(here) };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function times(count: number): string {
  return `${count}×`;
}
