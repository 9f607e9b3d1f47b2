// Reading a dump's annotations the same way in the editor and on the command line: the
// .ann next to the .txt, read against the text, and every tag that does not fit (the .txt
// was edited outside the editor) looked for again inside its article — in memory only.
import type { DumpModel, Span } from '../model/types';
import { AnnotationSet, type ReanchorOutcome } from './annotationSet';
import { nodeFileSystem, readAnn, type AnnFileSystem, type LoadedAnn } from './annStorage';

export interface LoadedAnnotations {
  readonly loaded: LoadedAnn;
  readonly set: AnnotationSet;
  /** What the re-anchoring did to the tags that did not fit; empty when all fitted. */
  readonly outcomes: readonly ReanchorOutcome[];
}

export async function loadAnnotations(
  textPath: string,
  text: string,
  windowAt: (offset: number) => Span,
  files: AnnFileSystem = nodeFileSystem,
): Promise<LoadedAnnotations> {
  const loaded = await readAnn(textPath, files);
  return annotationsOf(loaded, text, windowAt);
}

/** The set of a .ann already read, re-anchored in memory. */
export function annotationsOf(loaded: LoadedAnn, text: string, windowAt: (offset: number) => Span): LoadedAnnotations {
  const set = AnnotationSet.fromAnn(loaded.file, text);
  const outcomes = set.flagged().length > 0 ? set.reanchor(text, { windowAt }) : [];
  return { loaded, set, outcomes };
}

/**
 * Where a tag may be looked for: the article around the offset (a name moves with its
 * article, and the same name in another article is another mention); outside any
 * article, the text between the articles before and after it.
 */
export function articleWindow(model: DumpModel, text: string): (offset: number) => Span {
  return (offset) => {
    let start = 0;
    for (const article of model.articles) {
      if (article.span.start <= offset && offset <= article.span.end) return article.span;
      if (article.span.start > offset) return { start, end: article.span.start };
      start = article.span.end;
    }
    return { start, end: text.length };
  };
}

/**
 * One line about what re-anchoring did, or undefined when nothing had to move. The editor
 * keeps the result in memory until the dump is saved; the command line only reads.
 */
export function describeOutcomes(annName: string, outcomes: readonly ReanchorOutcome[], reader: 'editor' | 'cli'): string | undefined {
  if (outcomes.length === 0) return undefined;
  const moved = outcomes.filter((outcome) => outcome.result === 'reanchored').map((outcome) => outcome.id);
  const stuck = outcomes.filter((outcome) => outcome.result !== 'reanchored').map((outcome) => outcome.id);
  const parts: string[] = [];
  if (reader === 'editor') {
    if (moved.length > 0) parts.push(`moved ${list(moved)} to where their text is now (the .ann is updated when you save the dump)`);
    if (stuck.length > 0) parts.push(`could not place ${list(stuck)}: see their annotation-drift warnings`);
  } else {
    if (moved.length > 0) parts.push(`${list(moved)} found again nearby and used there`);
    if (stuck.length > 0) parts.push(`${list(stuck)} not found, left out`);
  }
  return `${annName} does not match the text: ${parts.join('; ')}`;
}

function list(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
}
