// The Entities view's tree, built from the server's `newsdump/entities` answer without
// vscode, so it can be tested on its own: types (with counts) → entity texts (with
// counts) → occurrences (`line: text around it`). Suggestions, when asked for, form one
// more group, 'Suggestions', with the same levels inside.

export interface Pos {
  readonly line: number;
  readonly character: number;
}

export interface EntityRange {
  readonly start: Pos;
  readonly end: Pos;
}

export interface EntityEntry {
  readonly type: string;
  readonly text: string;
  readonly range: EntityRange;
  readonly source: 'annotation' | 'suggestion';
}

export interface OccurrenceNode {
  readonly kind: 'occurrence';
  /** `12: …市委书记安伟出席会议…` (1-based line, as the gutter shows). */
  readonly label: string;
  readonly range: EntityRange;
}

export interface EntityNode {
  readonly kind: 'entity';
  readonly label: string;
  readonly text: string;
  readonly count: number;
  readonly occurrences: readonly OccurrenceNode[];
}

export interface TypeNode {
  readonly kind: 'type';
  /** `PER (12)`. */
  readonly label: string;
  readonly type: string;
  /** The type's name in words (`人名`), for the tooltip/description. */
  readonly description?: string;
  readonly count: number;
  readonly entities: readonly EntityNode[];
}

export interface SuggestionsNode {
  readonly kind: 'suggestions';
  readonly label: string;
  readonly count: number;
  readonly types: readonly TypeNode[];
}

export type TreeNode = TypeNode | EntityNode | OccurrenceNode | SuggestionsNode;

/** Characters of context either side of a name in an occurrence's label. */
const CONTEXT_CHARS = 12;

/**
 * The roots of the view: one node per tagged type (in the order of `typeOrder`, then by
 * name), then 'Suggestions' when there are any. `lineText(line)` gives a line of the
 * document (0-based) for the occurrence labels.
 */
export function buildEntityTree(
  entries: readonly EntityEntry[],
  lineText: (line: number) => string,
  labels: Readonly<Record<string, string>> = {},
  typeOrder: readonly string[] = Object.keys(labels),
): TreeNode[] {
  const roots: TreeNode[] = typeNodes(
    entries.filter((entry) => entry.source === 'annotation'),
    lineText,
    labels,
    typeOrder,
  );
  const suggested = entries.filter((entry) => entry.source === 'suggestion');
  if (suggested.length > 0) {
    roots.push({ kind: 'suggestions', label: `Suggestions (${suggested.length})`, count: suggested.length, types: typeNodes(suggested, lineText, labels, typeOrder) });
  }
  return roots;
}

function typeNodes(
  entries: readonly EntityEntry[],
  lineText: (line: number) => string,
  labels: Readonly<Record<string, string>>,
  typeOrder: readonly string[],
): TypeNode[] {
  const byType = groupBy(entries, (entry) => entry.type);
  const rank = (type: string): number => (typeOrder.includes(type) ? typeOrder.indexOf(type) : typeOrder.length);
  return [...byType.keys()]
    .sort((a, b) => rank(a) - rank(b) || compare(a, b))
    .map((type) => {
      const ofType = byType.get(type)!;
      return {
        kind: 'type' as const,
        label: `${type} (${ofType.length})`,
        type,
        ...(labels[type] && labels[type] !== type ? { description: labels[type] } : {}),
        count: ofType.length,
        entities: entityNodes(ofType, lineText),
      };
    });
}

/** Most frequent name first (what an annotator checks first), then by text. */
function entityNodes(entries: readonly EntityEntry[], lineText: (line: number) => string): EntityNode[] {
  const byText = groupBy(entries, (entry) => entry.text);
  return [...byText.entries()]
    .map(([text, ofText]) => {
      const occurrences = [...ofText].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      return {
        kind: 'entity' as const,
        label: `${text} (${ofText.length})`,
        text,
        count: ofText.length,
        occurrences: occurrences.map((entry) => ({ kind: 'occurrence' as const, label: occurrenceLabel(entry.range, lineText), range: entry.range })),
      };
    })
    .sort((a, b) => b.count - a.count || compare(a.text, b.text));
}

/** `line: …before name after…`, the name kept whole, the context cut at CONTEXT_CHARS code points. */
export function occurrenceLabel(range: EntityRange, lineText: (line: number) => string): string {
  const line = lineText(range.start.line);
  const end = range.end.line === range.start.line ? range.end.character : line.length;
  const before = Array.from(line.slice(0, range.start.character).trimStart());
  const after = Array.from(line.slice(end).trimEnd());
  const head = before.length > CONTEXT_CHARS ? `…${before.slice(-CONTEXT_CHARS).join('')}` : before.join('');
  const tail = after.length > CONTEXT_CHARS ? `${after.slice(0, CONTEXT_CHARS).join('')}…` : after.join('');
  return `${range.start.line + 1}: ${head}${line.slice(range.start.character, end)}${tail}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? [];
    group.push(item);
    groups.set(key(item), group);
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
