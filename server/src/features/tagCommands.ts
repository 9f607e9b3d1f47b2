// The server side of the tagging commands (code actions, the client's quick pick, any LSP
// client's executeCommand): each changes the annotations of an open dump through
// AnnotationDocuments, which decides when the .ann is written. Arguments come from the
// wire: they are checked, and a name is looked up again in the current text, never trusted.
import { basename } from 'node:path';
import type { WordSegmenter, Span } from '../model/types';
import type { LineIndex } from '../text/positions';
import type { AnnotationDocuments, EditResult } from '../entities/annotationDocuments';
import { filePathOf } from '../entities/annotationDocuments';
import { dumpsNear, freeSpots, tagAt, tagClosedDump } from '../entities/tagEverywhere';
import { typeTitle, type EntityTypeSetting } from '../config/entityTypes';
import {
  REANCHOR_COMMAND,
  RETAG_COMMAND,
  TAG_COMMAND,
  TAG_TARGET_COMMAND,
  UNTAG_COMMAND,
  tagTarget,
  type ReanchorArgs,
  type RetagArgs,
  type TagArgs,
  type TagIdArgs,
  type TagTargetAnswer,
} from './tagging';

export interface EntityCommandHost {
  readonly annotations: AnnotationDocuments;
  readonly segmenter?: WordSegmenter;
  readonly workspaceRoot?: string;
  textOf(uri: string): string | undefined;
  versionOf(uri: string): number | undefined;
  linesOf(uri: string): LineIndex | undefined;
  /** Open documents, to tag them in the editor rather than on disk. */
  openUris(): readonly string[];
  typesFor(uri: string): readonly EntityTypeSetting[];
  windowFor(uri: string, text: string): (offset: number) => Span;
  tell(severity: 'error' | 'warning' | 'info', message: string): void;
  /** A .ann of a dump that is not open was written. */
  annWritten(textPath: string): void;
}

/** Runs one of ENTITY_COMMANDS; resolves when the .ann is written (or left for the dump's save). */
export async function executeEntityCommand(command: string, rawArgs: unknown, host: EntityCommandHost): Promise<TagTargetAnswer | { error: string } | null> {
  const args = (rawArgs ?? {}) as Record<string, unknown>;
  if (typeof args.uri !== 'string') throw new Error(`${command}: expected { uri, … }`);
  const uri = args.uri;
  switch (command) {
    case TAG_TARGET_COMMAND:
      return target(uri, requireRange(command, args), host);
    case TAG_COMMAND:
      await tag(args as unknown as TagArgs, host);
      return null;
    case UNTAG_COMMAND:
      report(await untag(args as unknown as TagIdArgs, host), host);
      return null;
    case RETAG_COMMAND:
      report(await retag(args as unknown as RetagArgs, host), host);
      return null;
    case REANCHOR_COMMAND:
      report(await reanchor(args as unknown as ReanchorArgs, host), host);
      return null;
    default:
      throw new Error(`unknown command ${command}`);
  }
}

async function target(uri: string, range: TagArgs['range'], host: EntityCommandHost): Promise<TagTargetAnswer | { error: string }> {
  const state = await host.annotations.ready(uri);
  const text = host.textOf(uri);
  const lines = host.linesOf(uri);
  if (!state || text === undefined || !lines) return { error: 'the document is not open' };
  const found = tagTarget(text, lines, range, state.set.list(), host.segmenter);
  if ('error' in found) return found;
  const { target: spot } = found;
  return {
    text: spot.text,
    range: lines.rangeOf(spot),
    ...(spot.tag ? { tag: { id: spot.tag.id, type: spot.tag.type } } : {}),
    types: host.typesFor(uri),
  };
}

async function tag(args: TagArgs, host: EntityCommandHost): Promise<void> {
  const { uri } = args;
  const range = requireRange(TAG_COMMAND, args as unknown as Record<string, unknown>);
  const scope = args.scope ?? 'here';
  const types = host.typesFor(uri);
  const label = typeTitle(types.find((type) => type.type === args.type), args.type);
  if (typeof args.type !== 'string' || !types.some((type) => type.type === args.type)) {
    host.tell('warning', `newsdump: ${String(args.type)} is not one of the entity types (${types.map((type) => type.type).join(', ')}); add it to newsdump.json "entityTypes" or the setting newsdump.entityTypes`);
    return;
  }
  const result = await host.annotations.edit(uri, (set, text): EditResult<{ name: string; added: number; taken: number }> => {
    // The lines of the text as it is now, not as it was when the command was sent.
    const lines = host.linesOf(uri);
    if (!lines) return { ok: false, reason: 'the document is not open' };
    const found = tagTarget(text, lines, range, set.list(), host.segmenter);
    if ('error' in found) return { ok: false, reason: found.error };
    const { start, end, text: name, tag: already } = found.target;
    if (scope === 'here') {
      if (already?.type === args.type) return { ok: false, reason: `「${name}」 is already tagged ${label} (${already.id})` };
      const added = set.add(args.type, start, end, text);
      return 'error' in added ? { ok: false, reason: added.error } : { ok: true, value: { name, added: 1, taken: 0 } };
    }
    const spots = freeSpots(text, name, args.type, set.list(), host.segmenter);
    const added = tagAt(set, args.type, spots.free, name, text);
    return { ok: true, value: { name, added, taken: spots.taken } };
  });
  if (!result.ok) {
    host.tell('warning', `newsdump: not tagged: ${result.reason}`);
    return;
  }
  const { name, ...here } = result.value;
  if (scope === 'file') {
    host.tell('info', `newsdump: tagged ${here.added} 「${name}」 as ${label} in ${basename(filePathOf(uri) ?? uri)}${here.taken ? ` (${here.taken} already tagged)` : ''}`);
  } else if (scope === 'workspace') {
    await tagElsewhere(uri, name, args.type, label, here, host);
  }
}

/** The other dumps: open ones in the editor (written by their own rules), the others on disk. */
async function tagElsewhere(uri: string, name: string, type: string, label: string, here: { added: number; taken: number }, host: EntityCommandHost): Promise<void> {
  const path = filePathOf(uri);
  if (path === undefined) return;
  const totals = { added: here.added, taken: here.taken, files: here.added > 0 ? 1 : 0 };
  const problems: string[] = [];
  const openByPath = new Map(host.openUris().flatMap((open) => (filePathOf(open) !== undefined ? [[filePathOf(open)!, open] as const] : [])));
  for (const dump of dumpsNear(path, host.workspaceRoot)) {
    if (dump === path) continue;
    const open = openByPath.get(dump);
    if (open !== undefined) {
      const result = await host.annotations.edit(open, (set, text): EditResult<{ added: number; taken: number }> => {
        const spots = freeSpots(text, name, type, set.list(), host.segmenter);
        const added = tagAt(set, type, spots.free, name, text);
        // Nothing added: nothing to keep (and no write).
        return added > 0 ? { ok: true, value: { added, taken: spots.taken } } : { ok: false, reason: '' };
      });
      if (result.ok) Object.assign(totals, { added: totals.added + result.value.added, taken: totals.taken + result.value.taken, files: totals.files + 1 });
      else if (result.reason) problems.push(`${basename(dump)}: ${result.reason}`);
      continue;
    }
    const result = await tagClosedDump(dump, name, type, host.segmenter);
    if (result.error) problems.push(`${basename(dump)}: ${result.error}`);
    if (result.added > 0) {
      host.annWritten(dump);
      totals.files++;
    }
    totals.added += result.added;
    totals.taken += result.taken;
  }
  const summary = `newsdump: tagged ${totals.added} 「${name}」 as ${label} in ${totals.files} file${totals.files === 1 ? '' : 's'}${totals.taken ? ` (${totals.taken} already tagged)` : ''}`;
  host.tell(problems.length > 0 ? 'warning' : 'info', problems.length > 0 ? `${summary}; left alone: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}` : summary);
}

function untag(args: TagIdArgs, host: EntityCommandHost): Promise<EditResult<void>> {
  return host.annotations.edit(args.uri, (set) => {
    const removed = set.remove(String(args.id));
    if (removed.removed) return { ok: true, value: undefined };
    if (removed.referencedBy.length === 0) return { ok: false, reason: `there is no tag ${String(args.id)}` };
    return {
      ok: false,
      reason: `${String(args.id)} stays: other lines of the .ann refer to it (${removed.referencedBy.map((line) => line.split('\t')[0]).join(', ')}); remove them from the .ann first`,
    };
  });
}

function retag(args: RetagArgs, host: EntityCommandHost): Promise<EditResult<void>> {
  const types = host.typesFor(args.uri);
  if (!types.some((type) => type.type === args.type)) return Promise.resolve({ ok: false, reason: `${String(args.type)} is not one of the entity types` });
  return host.annotations.edit(args.uri, (set) => (set.changeType(String(args.id), args.type) ? { ok: true, value: undefined } : { ok: false, reason: `there is no tag ${String(args.id)}` }));
}

function reanchor(args: ReanchorArgs, host: EntityCommandHost): Promise<EditResult<void>> {
  const id = String(args.id);
  const version = host.versionOf(args.uri);
  return host.annotations.edit(args.uri, (set, text) => {
    if (typeof args.start === 'number' && args.version === version) {
      return set.moveTo(id, args.start, text) ? { ok: true, value: undefined } : { ok: false, reason: `the text of ${id} is no longer there` };
    }
    // The text changed since the fix was offered: let re-anchoring look again.
    const [outcome] = set.reanchor(text, { ids: [id], windowAt: host.windowFor(args.uri, text) });
    if (outcome?.result === 'reanchored') return { ok: true, value: undefined };
    return { ok: false, reason: outcome?.result === 'ambiguous' ? `the text of ${id} occurs ${outcome.candidates.length} times nearby: pick one` : `the text of ${id} is not in its article` };
  });
}

function report(result: EditResult<void>, host: EntityCommandHost): void {
  if (!result.ok) host.tell('warning', `newsdump: ${result.reason}`);
}

function requireRange(command: string, args: Record<string, unknown>): TagArgs['range'] {
  const range = args.range as TagArgs['range'] | undefined;
  const isPosition = (value: unknown): boolean =>
    typeof value === 'object' && value !== null && Number.isInteger((value as { line?: unknown }).line) && Number.isInteger((value as { character?: unknown }).character);
  if (!range || !isPosition(range.start) || !isPosition(range.end)) throw new Error(`${command}: expected { uri, range: { start, end }, … }`);
  return range;
}
