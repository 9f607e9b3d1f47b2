// The entity types editors tag with: PER, ORG and LOC by default, more from the project
// file (`newsdump.json` "entityTypes", shared by everyone on the corpus) and from the editor
// setting `newsdump.entityTypes` (one person's additions). Layers merge by type: a later
// layer relabels or recolours a type, new types are appended, the order is stable.
// Pure: no file system, no LSP.
import type { ConfigProblem } from './projectConfig';

export interface EntityTypeSetting {
  /** What the .ann stores: `PER`, `TITLE`. No white space (brat splits on it). */
  readonly type: string;
  /** What the editor shows: `人名`. */
  readonly label: string;
  /** `#rrggbb` (or #rgb, #rrggbbaa): the colour the VS Code client marks the type with. */
  readonly color?: string;
}

export const DEFAULT_ENTITY_TYPES: readonly EntityTypeSetting[] = Object.freeze([
  { type: 'PER', label: '人名', color: '#e5534b' },
  { type: 'ORG', label: '机构', color: '#4a8fe7' },
  { type: 'LOC', label: '地名', color: '#2ea043' },
]);

const TYPE_NAME = /^[^\s]{1,40}$/;
const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** One layer's word on a type: what it leaves out, an earlier layer (or the type itself) decides. */
export interface EntityTypeEntry {
  readonly type: string;
  readonly label?: string;
  readonly color?: string;
}

export interface EntityTypesSettings {
  readonly types: readonly EntityTypeEntry[];
  readonly problems: readonly ConfigProblem[];
}

/** An `entityTypes` array from newsdump.json or the setting: keep the valid entries, report the rest (never throws). */
export function validateEntityTypes(value: unknown, text?: string): EntityTypesSettings {
  if (value === undefined || value === null) return { types: [], problems: [] };
  const at = text === undefined ? undefined : offsetOf(text, '"entityTypes"');
  if (!Array.isArray(value)) {
    return { types: [], problems: [{ message: '"entityTypes" must be an array such as [{ "type": "TITLE", "label": "职务", "color": "#b58900" }]', severity: 'error', offset: at }] };
  }
  const types: EntityTypeEntry[] = [];
  const problems: ConfigProblem[] = [];
  value.forEach((item: unknown, index) => {
    const where = `entityTypes[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ message: `${where} must be an object { "type", "label", "color" }`, severity: 'error', offset: at });
      return;
    }
    const { type, label, color } = item as { type?: unknown; label?: unknown; color?: unknown };
    const offset = text !== undefined && typeof type === 'string' ? (offsetOf(text, JSON.stringify(type)) ?? at) : at;
    if (typeof type !== 'string' || !TYPE_NAME.test(type)) {
      problems.push({ message: `${where}: "type" must be a name without spaces, as brat stores it (PER, TITLE)`, severity: 'error', offset });
      return;
    }
    if (label !== undefined && typeof label !== 'string') problems.push({ message: `${where} (${type}): "label" must be a string`, severity: 'warning', offset });
    if (color !== undefined && (typeof color !== 'string' || !COLOR.test(color))) {
      problems.push({ message: `${where} (${type}): "color" must be #rrggbb; the type is shown without its colour`, severity: 'warning', offset });
    }
    types.push({
      type,
      ...(typeof label === 'string' && label.trim() !== '' ? { label } : {}),
      ...(typeof color === 'string' && COLOR.test(color) ? { color } : {}),
    });
  });
  return { types, problems };
}

/** Defaults, then each layer in turn: same type → its label and colour replace the earlier ones; new types go at the end. */
export function mergeEntityTypes(...layers: readonly (readonly EntityTypeEntry[])[]): EntityTypeSetting[] {
  const merged = new Map<string, EntityTypeSetting>();
  for (const type of DEFAULT_ENTITY_TYPES) merged.set(type.type, type);
  for (const layer of layers) {
    for (const { type, label, color } of layer) {
      const earlier = merged.get(type);
      const colour = color ?? earlier?.color;
      merged.set(type, { type, label: label ?? earlier?.label ?? type, ...(colour ? { color: colour } : {}) });
    }
  }
  return [...merged.values()];
}

/** `PER (人名)`, or just `TITLE` when the label is the type. */
export function typeTitle(type: EntityTypeSetting | undefined, name: string): string {
  return type && type.label !== name ? `${name} (${type.label})` : name;
}

function offsetOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at >= 0 ? at : undefined;
}
