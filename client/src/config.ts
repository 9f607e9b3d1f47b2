// The extension's settings, read in one place with their defaults.
import * as vscode from 'vscode';

export const LANGUAGE_ID = 'newsdump';
export const PLAIN_TEXT_ID = 'plaintext';

/** Keep in step with `contributes.configuration` in package.json. */
export const DEFAULT_FILE_GLOBS: readonly string[] = ['**/corpus/**/*.txt', '**/dumps/**/*.txt', '**/*.dump.txt'];

export function fileGlobs(scope?: vscode.Uri): string[] {
  const value = vscode.workspace.getConfiguration('newsdump', scope).get<unknown>('files');
  if (!Array.isArray(value)) return [...DEFAULT_FILE_GLOBS];
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

export function detectByContent(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('newsdump', scope).get<boolean>('detectByContent', true) !== false;
}

export function statusBarEnabled(): boolean {
  return vscode.workspace.getConfiguration('newsdump').get<boolean>('statusBar.enabled', true) !== false;
}

export function traceServer(): 'off' | 'messages' | 'verbose' {
  const value = vscode.workspace.getConfiguration('newsdump').get<string>('trace.server', 'off');
  return value === 'messages' || value === 'verbose' ? value : 'off';
}

/**
 * The settings the server reads (`newsdump.rules`, `entityTypes`, `suggestions.enabled`), as the
 * server would pull them: sent at start so a dump opened with the editor is checked with them at once.
 */
export function serverSettings(): { rules: unknown; entityTypes: unknown; suggestions: { enabled: unknown } } {
  const section = vscode.workspace.getConfiguration('newsdump');
  return { rules: section.get('rules'), entityTypes: section.get('entityTypes'), suggestions: { enabled: section.get('suggestions.enabled') } };
}
