// Tagging at the cursor or on a selection, as code actions: "Tag 「安伟」 as PER (人名)" for
// each type, then "all in this file", then "all in the workspace"; on a tagged name "Remove
// tag", "Change to …" and the "all" actions of its type. The order is stable: types in the
// configured order, scopes from narrow to wide. Each action runs a server command
// (tagCommands.ts) that changes the .ann, so it works in any LSP client.
import type { CodeAction, Command } from 'vscode-languageserver';
import type { WordSegmenter } from '../model/types';
import type { LineIndex, Range } from '../text/positions';
import type { Annotation } from '../entities/annotationSet';
import { wordAt } from '../entities/words';
import { typeTitle, type EntityTypeSetting } from '../config/entityTypes';

export const TAG_COMMAND = 'newsdump.tag';
export const UNTAG_COMMAND = 'newsdump.untag';
export const RETAG_COMMAND = 'newsdump.retag';
export const REANCHOR_COMMAND = 'newsdump.reanchor';
/** Answers what a tag command at a range would tag (for the client's quick pick). */
export const TAG_TARGET_COMMAND = 'newsdump.tagTarget';
export const ENTITY_COMMANDS: readonly string[] = [TAG_COMMAND, UNTAG_COMMAND, RETAG_COMMAND, REANCHOR_COMMAND, TAG_TARGET_COMMAND];

/** Code actions that tag: refactorings (they change the .ann, not the text). */
export const TAG_ACTION_KIND = 'refactor.newsdump.tag';

export type TagScope = 'here' | 'file' | 'workspace';

export interface TagArgs {
  readonly uri: string;
  /** A selection, or an empty range at the cursor (the word under it is tagged). */
  readonly range: Range;
  readonly type: string;
  readonly scope?: TagScope;
}

export interface TagIdArgs {
  readonly uri: string;
  readonly id: string;
}

export interface RetagArgs extends TagIdArgs {
  readonly type: string;
}

export interface ReanchorArgs extends TagIdArgs {
  /** The occurrence picked (UTF-16 offset in `version`); absent: let re-anchoring find the one occurrence nearby. */
  readonly start?: number;
  readonly version?: number;
}

/** What a tag command would tag at a range: the text and its range, and the tag already on it. */
export interface TagTarget {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tag?: Annotation;
}

/** The answer of TAG_TARGET_COMMAND. */
export interface TagTargetAnswer {
  readonly text: string;
  readonly range: Range;
  readonly tag?: { readonly id: string; readonly type: string };
  readonly types: readonly EntityTypeSetting[];
}

export type TargetResult = { readonly target: TagTarget } | { readonly error: string };

/**
 * A selection (white space at its ends left out), or the tag or the word under the cursor.
 * Names do not cross lines.
 */
export function tagTarget(text: string, lines: LineIndex, range: Range, tags: readonly Annotation[], segmenter: WordSegmenter | undefined): TargetResult {
  let start = lines.offsetAt(range.start);
  let end = lines.offsetAt(range.end);
  if (end < start) [start, end] = [end, start];
  const sound = tags.filter((tag) => !tag.flag);
  if (start < end) {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start === end) return { error: 'the selection holds only white space' };
    const covered = text.slice(start, end);
    if (/[\r\n]/.test(covered)) return { error: 'a tag cannot cross a line break: select a name on one line' };
    return { target: { start, end, text: covered, tag: sound.find((tag) => tag.start === start && tag.end === end) } };
  }
  // The innermost tag under the cursor (郑州 inside 郑州市委), then the word.
  const under = sound.filter((tag) => tag.start <= start && start < tag.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  if (under) return { target: { start: under.start, end: under.end, text: under.text, tag: under } };
  const word = wordAt(text, start, segmenter);
  if (!word) return { error: 'no word under the cursor: select the name to tag' };
  const after = sound.find((tag) => tag.start === word.start && tag.end === word.end);
  return { target: { start: word.start, end: word.end, text: word.word, tag: after } };
}

/** The tagging actions for a target, in a stable order. */
export function taggingActions(uri: string, lines: LineIndex, target: TagTarget, types: readonly EntityTypeSetting[]): CodeAction[] {
  const range = lines.rangeOf(target);
  const name = `「${target.text}」`;
  const label = (type: string): string => typeTitle(types.find((item) => item.type === type), type);
  const action = (title: string, command: Command): CodeAction => ({ title, kind: TAG_ACTION_KIND, command });
  const tag = (type: string, scope: TagScope, title: string): CodeAction =>
    action(title, { title, command: TAG_COMMAND, arguments: [{ uri, range, type, scope } satisfies TagArgs] });
  // "All" on one character (市, 区) would tag half the file.
  const widely = [...target.text].length >= 2;
  const actions: CodeAction[] = [];
  if (target.tag) {
    const { id, type } = target.tag;
    actions.push(action(`Remove tag ${name} (${label(type)})`, { title: 'Remove tag', command: UNTAG_COMMAND, arguments: [{ uri, id } satisfies TagIdArgs] }));
    for (const other of types) {
      if (other.type === type) continue;
      const title = `Change ${name} to ${label(other.type)}`;
      actions.push(action(title, { title, command: RETAG_COMMAND, arguments: [{ uri, id, type: other.type } satisfies RetagArgs] }));
    }
    if (widely) {
      actions.push(tag(type, 'file', `Tag all other ${name} in this file as ${label(type)}`));
      actions.push(tag(type, 'workspace', `Tag all other ${name} in the workspace as ${label(type)}`));
    }
    return actions;
  }
  for (const type of types) actions.push(tag(type.type, 'here', `Tag ${name} as ${label(type.type)}`));
  if (widely) {
    for (const type of types) actions.push(tag(type.type, 'file', `Tag all ${name} in this file as ${label(type.type)}`));
    for (const type of types) actions.push(tag(type.type, 'workspace', `Tag all ${name} in the workspace as ${label(type.type)}`));
  }
  return actions;
}
