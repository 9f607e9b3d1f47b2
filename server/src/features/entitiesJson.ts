// A dump's entities for the command line (`newsdump entities`, `newsdump export`): read the
// way the editor reads them (loadAnnotations: the .ann, re-anchored in memory), with the
// suggestions the editor would show as hints. JSON offsets are code points, end exclusive,
// as in brat.
import { basename, dirname, resolve } from 'node:path';
import type { DumpService } from '../service';
import { textDocument } from '../service';
import type { DumpModel, WordSegmenter } from '../model/types';
import { CodePointIndex, type LineIndex } from '../text/positions';
import { readDump, type DumpEncoding } from '../io/readDump';
import type { Annotation, AnnotationSet } from '../entities/annotationSet';
import type { LoadedAnn } from '../entities/annStorage';
import type { Suggestion } from '../entities/suggestions';
import { articleWindow, describeOutcomes, loadAnnotations } from '../entities/loadAnnotations';
import { CorpusIndex } from '../entities/corpusIndex';
import { SuggestionCache } from './entitySuggestions';
import { soundTags } from './export';

export interface EntityJson {
  readonly type: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly source: 'annotation' | 'suggestion';
}

export interface FileEntitiesJson {
  readonly file: string;
  readonly entities: readonly EntityJson[];
}

export interface DumpEntities {
  readonly text: string;
  readonly model: DumpModel;
  readonly lines: LineIndex;
  readonly loaded: LoadedAnn;
  readonly set: AnnotationSet;
  /** Sound tags (re-anchored ones where they were found), in text order. */
  readonly tags: readonly Annotation[];
  /** Warnings for the user: the .ann could not be read, tags that did not fit. */
  readonly notes: readonly string[];
  readonly encoding: DumpEncoding;
}

/** Reads a dump and its .ann; a dump that cannot be read is a problem, a bad .ann only a note. */
export async function readDumpEntities(file: string, service: DumpService): Promise<DumpEntities | { problem: string }> {
  const dump = readDump(file);
  if (dump.problem !== undefined) return { problem: dump.problem };
  const { text, model, lines } = service.getModel(textDocument(file, dump.text));
  const { loaded, set, outcomes } = await loadAnnotations(file, text, articleWindow(model, text));
  const notes: string[] = [];
  if (loaded.problem) notes.push(loaded.problem);
  const moved = describeOutcomes(basename(loaded.path), outcomes, 'cli');
  if (moved) notes.push(moved);
  return { text, model, lines, loaded, set, tags: soundTags(set), notes, encoding: dump.encoding };
}

/** Suggestions for the CLI: the folder's tags as gazetteer, all articles, no time limit. */
export class CliSuggester {
  private readonly corpus: CorpusIndex;
  private readonly cache: SuggestionCache;

  constructor(segmenter: WordSegmenter) {
    this.corpus = new CorpusIndex(segmenter);
    this.cache = new SuggestionCache(segmenter);
  }

  suggest(file: string, dump: DumpEntities, types: readonly string[]): readonly Suggestion[] {
    const gazetteer = this.corpus.gazetteer(dirname(resolve(file)), []);
    return this.cache.suggest(dump.text, dump.model, { gazetteer, types, tags: dump.set.list() }).suggestions;
  }
}

export function entitiesJson(file: string, text: string, tags: readonly Annotation[], suggestions: readonly Suggestion[]): FileEntitiesJson {
  const index = new CodePointIndex(text);
  const entities = [
    ...tags.map((tag) => ({ type: tag.type, text: tag.text, span: tag, source: 'annotation' as const })),
    ...suggestions.map((suggestion) => ({ type: suggestion.type, text: suggestion.text, span: suggestion.span, source: 'suggestion' as const })),
  ]
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end)
    .map(({ type, text: name, span, source }) => ({ type, text: name, start: index.toCodePoints(span.start), end: index.toCodePoints(span.end), source }));
  return { file, entities };
}
