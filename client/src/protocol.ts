// Custom requests between this client and the newsdump language server.
import { NotificationType, RequestType } from 'vscode-languageclient/node';
import type { Range } from 'vscode-languageclient/node';

/**
 * `newsdump/checkFiles` — check dumps that are not open in an editor.
 *
 * The client finds the files (newsdump.files globs, and .txt files that sniff as dumps)
 * and sends their URIs in batches. For each URI the server reads the file from disk (its
 * own decoding: BOM, UTF-8, GB18030; the open document's text instead when the file is
 * open), checks it with the same rules and settings as an open dump (newsdump.rules,
 * newsdump.json, the ignore sidecar), publishes `textDocument/publishDiagnostics` for the
 * URI (an empty list when clean, so a re-check clears old results) and answers with a
 * summary per file. A file it cannot read gets `error` and no diagnostics. The request is
 * cancellable between files.
 */
export interface CheckFilesParams {
  /** file: URIs, as `vscode.Uri.toString()` writes them. */
  readonly uris: string[];
}

export interface CheckedFile {
  readonly uri: string;
  /** Articles found (top-level outline symbols). */
  readonly articles: number;
  /** Diagnostics published for the file, by severity. */
  readonly problems: {
    readonly error: number;
    readonly warning: number;
    readonly information: number;
    readonly hint: number;
  };
  /** Why the file could not be checked (unreadable, not text …); absent on success. */
  readonly error?: string;
}

export interface CheckFilesResult {
  /** One entry per requested URI, in the order asked. */
  readonly files: CheckedFile[];
}

export const CheckFilesRequest = new RequestType<CheckFilesParams, CheckFilesResult, void>('newsdump/checkFiles');

/**
 * `newsdump/tags` — the sound entity tags of an open dump, each with its type's colour
 * (defaults, newsdump.json "entityTypes", the setting newsdump.entityTypes). Drifted tags
 * are left out (they have their warnings).
 */
export interface TagsParams {
  readonly uri: string;
}

export interface TagsResult {
  /** The document version the ranges belong to. */
  readonly version: number;
  readonly tags: readonly { readonly range: Range; readonly type: string; readonly color?: string }[];
}

export const TagsRequest = new RequestType<TagsParams, TagsResult | null, void>('newsdump/tags');

/** `newsdump/tagsChanged` — a dump's tags changed other than by typing (a tag command, its .ann read): ask again. */
export const TagsChangedNotification = new NotificationType<{ readonly uri: string }>('newsdump/tagsChanged');

/** Server commands (workspace/executeCommand) the client's Tag Entity… command uses. */
export const TAG_TARGET_COMMAND = 'newsdump.tagTarget';
export const TAG_COMMAND = 'newsdump.tag';
export const UNTAG_COMMAND = 'newsdump.untag';
export const RETAG_COMMAND = 'newsdump.retag';

export interface EntityType {
  readonly type: string;
  readonly label: string;
  readonly color?: string;
}

/** What TAG_TARGET_COMMAND answers: the name a tag command would tag at a range, and the types. */
export type TagTargetAnswer =
  | { readonly text: string; readonly range: Range; readonly tag?: { readonly id: string; readonly type: string }; readonly types: readonly EntityType[] }
  | { readonly error: string };

/**
 * `newsdump/entities` — a dump's tagged entities with LSP ranges, for the Entities view;
 * with `suggestions: true` also the untagged names the server would hint (when
 * newsdump.suggestions.enabled). `labels` names the types (`PER` → `人名`).
 */
export interface EntitiesParams {
  readonly uri: string;
  readonly suggestions?: boolean;
}

export interface EntitiesResult {
  readonly version: number;
  readonly labels: Record<string, string>;
  readonly entities: readonly { readonly type: string; readonly text: string; readonly range: Range; readonly source: 'annotation' | 'suggestion' }[];
}

export const EntitiesRequest = new RequestType<EntitiesParams, EntitiesResult | null, void>('newsdump/entities');

/** Server command (workspace/executeCommand) behind "Export Annotations…"; see server/src/features/exportCommand.ts. */
export const EXPORT_COMMAND = 'newsdump.export';

export interface ExportArgs {
  readonly format: 'bio' | 'jsonl' | 'brat';
  readonly uris: readonly string[];
  readonly output: string;
  readonly append?: boolean;
}

export type ExportAnswer = { readonly files: number; readonly tags: number; readonly warnings: readonly string[] } | { readonly error: string };

/**
 * `newsdump/visibleRanges` — the lines an editor shows of a dump, sent as the user scrolls.
 * The server publishes a big dump's diagnostics around them (VS Code shows at most
 * VSCODE_DIAGNOSTICS_PER_FILE of a file) and makes entity hints there first.
 */
export const VisibleRangesNotification = new NotificationType<{ readonly uri: string; readonly ranges: readonly Range[] }>('newsdump/visibleRanges');

/**
 * What VS Code's extension host passes on of one file's diagnostics; it drops the rest
 * (errors first, then warnings, information, hints, each from the top of the file). Told
 * to the server as `maxDiagnosticsPerDocument` so it chooses which to send.
 */
export const VSCODE_DIAGNOSTICS_PER_FILE = 1000;
