// `newsdump/entities`: a dump's tagged entities (and, when asked, the suggestions the
// editor would hint) with LSP ranges, for the client's Entities view. The view groups them;
// the server only says what is where, in the document version it answers for.
import type { Range } from 'vscode-languageserver';
import type { LineIndex } from '../text/positions';
import type { Annotation } from '../entities/annotationSet';
import type { Suggestion } from '../entities/suggestions';
import type { EntityTypeSetting } from '../config/entityTypes';

export const ENTITIES_REQUEST = 'newsdump/entities';

export interface EntitiesParams {
  readonly uri: string;
  /** Also the untagged names that look like entities; off unless asked. */
  readonly suggestions?: boolean;
}

export interface EntityItem {
  readonly type: string;
  readonly text: string;
  readonly range: Range;
  readonly source: 'annotation' | 'suggestion';
}

export interface EntitiesResult {
  readonly version: number;
  /** Type → label (`PER` → `人名`), for the group names. */
  readonly labels: Record<string, string>;
  readonly entities: readonly EntityItem[];
}

export function entitiesResult(
  version: number,
  lines: LineIndex,
  tags: readonly Annotation[],
  suggestions: readonly Suggestion[],
  types: readonly EntityTypeSetting[],
): EntitiesResult {
  const sound = tags.filter((tag) => !tag.flag && tag.end > tag.start);
  return {
    version,
    labels: Object.fromEntries(types.map((type) => [type.type, type.label])),
    entities: [
      ...sound.map((tag) => ({ type: tag.type, text: tag.text, range: lines.rangeOf(tag), source: 'annotation' as const })),
      ...suggestions.map((found) => ({ type: found.type, text: found.text, range: lines.rangeOf(found.span), source: 'suggestion' as const })),
    ],
  };
}
