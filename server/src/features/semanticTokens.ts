// Tagged entities as semantic tokens, so any LSP editor colours them by type: PER
// `person`, ORG `organization`, LOC `place`, other configured types `entity`; suggestions
// (untagged names) with the modifier `suggested`, for a fainter style. package.json maps
// these to TextMate scopes (semanticTokenScopes), so every theme shows them.
// Tokens never overlap (LSP forbids it): where tags nest (郑州 in 郑州市委), the inner tag
// colours its part and the outer one the rest. Drifted tags are not coloured: their
// warning says where they are.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { Span } from '../model/types';
import type { LineIndex } from '../text/positions';
import type { Annotation } from '../entities/annotationSet';
import type { Suggestion } from '../entities/suggestions';

export const TOKEN_TYPES = ['person', 'organization', 'place', 'entity'] as const;
export const TOKEN_MODIFIERS = ['suggested'] as const;
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const TYPE_INDEX: Readonly<Record<string, number>> = { PER: 0, ORG: 1, LOC: 2 };
const OTHER_TYPE = 3;
const SUGGESTED = 1 << 0;

export interface TokenInput {
  readonly lines: LineIndex;
  readonly tags: readonly Annotation[];
  readonly suggestions: readonly Suggestion[];
  /** Only tokens touching this span (a range request). */
  readonly within?: Span;
}

interface Piece extends Span {
  readonly tokenType: number;
  readonly modifiers: number;
}

export function semanticTokens({ lines, tags, suggestions, within }: TokenInput): SemanticTokens {
  const pieces = [
    ...paintInnermost(tags.filter((tag) => !tag.flag && tag.end > tag.start)),
    ...suggestions.map((suggestion) => ({ ...suggestion.span, tokenType: tokenTypeOf(suggestion.type), modifiers: SUGGESTED })),
  ]
    .filter((piece) => !within || (piece.end > within.start && piece.start < within.end))
    .sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  for (const piece of pieces) {
    // A token lives on one line: a span over a line break (a tag that drifted in from outside) is cut.
    for (let line = lines.lineOf(piece.start); line < lines.lineCount && lines.lineStart(line) < piece.end; line++) {
      const start = Math.max(piece.start, lines.lineStart(line));
      const end = Math.min(piece.end, lines.lineEnd(line));
      if (end <= start) continue;
      const character = start - lines.lineStart(line);
      data.push(line - previousLine, line === previousLine ? character - previousCharacter : character, end - start, piece.tokenType, piece.modifiers);
      previousLine = line;
      previousCharacter = character;
    }
  }
  return { data };
}

function tokenTypeOf(type: string): number {
  return TYPE_INDEX[type] ?? OTHER_TYPE;
}

/** Cuts overlapping tags into pieces, each coloured by the shortest tag covering it. */
function paintInnermost(tags: readonly Annotation[]): Piece[] {
  const points = [...new Set(tags.flatMap((tag) => [tag.start, tag.end]))].sort((a, b) => a - b);
  const sorted = [...tags].sort((a, b) => a.start - b.start);
  const pieces: (Piece & { readonly id?: string })[] = [];
  let active: Annotation[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    active = active.filter((tag) => tag.end > from);
    while (next < sorted.length && sorted[next].start <= from) active.push(sorted[next++]);
    const inner = active.filter((tag) => tag.start <= from && tag.end >= to).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    if (!inner) continue;
    // Pieces of one tag on both sides of a nested one stay two tokens; two touching tags stay two.
    const last = pieces[pieces.length - 1];
    if (last && last.end === from && last.id === inner.id) pieces[pieces.length - 1] = { ...last, end: to };
    else pieces.push({ start: from, end: to, tokenType: tokenTypeOf(inner.type), modifiers: 0, id: inner.id });
  }
  return pieces;
}
