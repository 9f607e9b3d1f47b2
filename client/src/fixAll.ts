// "Join All OCR Breaks in File": runs the server's `source.fixAll.newsdump` code action,
// which joins every OCR break it is sure of and applies the file's other safe fixes in
// one edit (one undo step).
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './config';
import type { ServerController } from './languageClient';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('newsdump');

export async function joinAllBreaks(server: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('newsdump: open a newspaper dump first (or run "newsdump: Treat File as Newspaper Dump").');
    return;
  }
  const client = await server.ensureStarted();
  if (!client) return;
  const offered = client.initializeResult?.capabilities.codeActionProvider;
  const kinds = typeof offered === 'object' ? offered.codeActionKinds : undefined;
  if (!offered || (kinds !== undefined && !kinds.some((kind) => FIX_ALL_KIND.intersects(vscode.CodeActionKind.Empty.append(kind))))) {
    void vscode.window.showWarningMessage(
      'newsdump: this version of the language server cannot join breaks in a whole file yet (it offers no `source.fixAll.newsdump`). Use the quick fix on each break (Ctrl+.).',
    );
    return;
  }

  const document = editor.document;
  const version = document.version;
  const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND.value,
    )) ?? [];
  const fixAll = actions.find(
    (action): action is vscode.CodeAction => 'kind' in action && action.kind !== undefined && FIX_ALL_KIND.contains(action.kind),
  );
  if (!fixAll) {
    void vscode.window.showInformationMessage('newsdump: nothing to join: no OCR break (or other safe fix) found in this file.');
    return;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage('newsdump: the file changed while the fixes were computed: run the command again.');
    return;
  }
  const edits = fixAll.edit?.get(document.uri).length ?? 0;
  if (fixAll.edit && !(await vscode.workspace.applyEdit(fixAll.edit))) {
    void vscode.window.showErrorMessage('newsdump: VS Code refused the edit (the file may be read-only).');
    return;
  }
  if (fixAll.command) await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
  vscode.window.setStatusBarMessage(`$(check) newsdump: ${fixAll.title} — ${edits} edit${edits === 1 ? '' : 's'} applied (Undo reverts them all)`, 6000);
}
