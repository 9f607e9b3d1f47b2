// `newsdump/tags`: the sound tags of a dump with their type's colour, for clients that
// mark types in the configured colours (the VS Code client underlines them and shows
// them in the scroll bar). Semantic tokens colour by theme; this carries the user's colours.
// `newsdump/tagsChanged` tells the client a document's tags changed other than by typing
// (a tag command, the .ann read or re-read), so it asks again.
import type { Range } from 'vscode-languageserver';
import type { LineIndex } from '../text/positions';
import type { Annotation } from '../entities/annotationSet';
import type { EntityTypeSetting } from '../config/entityTypes';

export const TAGS_REQUEST = 'newsdump/tags';
export const TAGS_CHANGED_NOTIFICATION = 'newsdump/tagsChanged';

export interface TagsParams {
  readonly uri: string;
}

export interface TagsResult {
  /** The document version the ranges belong to. */
  readonly version: number;
  readonly tags: readonly { readonly range: Range; readonly type: string; readonly color?: string }[];
}

export function tagRanges(version: number, lines: LineIndex, tags: readonly Annotation[], types: readonly EntityTypeSetting[]): TagsResult {
  const colours = new Map(types.map((type) => [type.type, type.color]));
  return {
    version,
    tags: tags
      .filter((tag) => !tag.flag && tag.end > tag.start)
      .map((tag) => {
        const color = colours.get(tag.type);
        return { range: lines.rangeOf(tag), type: tag.type, ...(color ? { color } : {}) };
      }),
  };
}
