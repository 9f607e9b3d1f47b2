// "newsdump: Export Annotations…": NER training data out of the workspace's tagged dumps.
// The user picks a format, then where it goes (a file for BIO/JSONL, a folder for the brat
// copies); the client finds the dumps as Check All Dumps does and the server exports them
// (newsdump.export, the CLI's export code) in batches, so the progress notification moves
// and Cancel stops between batches. Dumps are exported as saved on disk.
import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { plural } from './articles';
import { findDumps, type UserChoice } from './checkWorkspace';
import { LANGUAGE_ID } from './config';
import { messageOf, type ServerController } from './languageClient';
import { EXPORT_COMMAND, type ExportAnswer, type ExportArgs } from './protocol';

const BATCH_SIZE = 20;

interface FormatChoice extends vscode.QuickPickItem {
  readonly format: ExportArgs['format'];
  readonly extension?: string;
}

const FORMATS: readonly FormatChoice[] = [
  { label: 'BIO', description: 'one file', detail: 'Character-level CoNLL: `char B-PER`, a blank line after each sentence', format: 'bio', extension: 'bio' },
  { label: 'JSONL', description: 'one file', detail: 'One { "text", "label" } per article (doccano)', format: 'jsonl', extension: 'jsonl' },
  { label: 'brat copy', description: 'a folder', detail: 'A clean .txt + .ann pair per dump, which brat loads without complaint', format: 'brat' },
];

export async function exportAnnotations(server: ServerController, output: vscode.LogOutputChannel, userChoice: UserChoice): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('newsdump: open a folder first: the export takes the dumps of the workspace folders.');
    return;
  }
  const picked = await vscode.window.showQuickPick(FORMATS, { title: 'Export Annotations (1/2): format', placeHolder: 'Format of the training data' });
  if (!picked) return;
  const target = await pickOutput(picked, folders[0].uri);
  if (!target) return;
  // Unsaved tags are not on disk yet: the export would miss them.
  const dirty = vscode.workspace.textDocuments.filter((document) => document.languageId === LANGUAGE_ID && document.isDirty);
  if (dirty.length > 0) {
    const choice = await vscode.window.showWarningMessage(
      `newsdump: ${plural(dirty.length, 'dump')} ha${dirty.length === 1 ? 's' : 've'} unsaved changes; the export reads the saved files.`,
      { modal: true },
      'Save All and Export',
      'Export Saved Files',
    );
    if (!choice) return;
    if (choice === 'Save All and Export') await vscode.workspace.saveAll(false);
  }
  const client = await server.ensureStarted();
  if (!client) return;

  const done = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `newsdump: exporting ${picked.label}`, cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'finding dumps…' });
      const { dumps } = await findDumps(folders, userChoice, token, (message) => progress.report({ message }));
      if (token.isCancellationRequested) return undefined;
      if (dumps.length === 0) throw new Error('no dumps found in the workspace (see the setting newsdump.files)');
      let files = 0;
      let tags = 0;
      const warnings: string[] = [];
      for (let start = 0; start < dumps.length && !token.isCancellationRequested; start += BATCH_SIZE) {
        const batch = dumps.slice(start, start + BATCH_SIZE);
        progress.report({ message: `${Math.min(start + batch.length, dumps.length)} of ${plural(dumps.length, 'dump')}…`, increment: (100 * batch.length) / dumps.length });
        const args: ExportArgs = { format: picked.format, uris: batch.map((uri) => client.code2ProtocolConverter.asUri(uri)), output: target.fsPath, append: start > 0 };
        const answer = (await client.sendRequest(ExecuteCommandRequest.type, { command: EXPORT_COMMAND, arguments: [args] })) as ExportAnswer | null;
        if (!answer) throw new Error('the language server could not export (see the newsdump output)');
        if ('error' in answer) throw new Error(answer.error);
        files += answer.files;
        tags += answer.tags;
        warnings.push(...answer.warnings);
      }
      return { files, tags, warnings, total: dumps.length, cancelled: token.isCancellationRequested };
    },
  ).then(
    (result) => result,
    (error: unknown) => {
      output.error(`newsdump: export failed: ${messageOf(error)}`);
      void vscode.window.showErrorMessage(`newsdump: the export failed: ${messageOf(error)}`, 'Show Output').then((choice) => {
        if (choice === 'Show Output') output.show(true);
      });
      return undefined;
    },
  );
  if (!done) return;
  done.warnings.forEach((warning) => output.warn(`newsdump: export: ${warning}`));
  const open = picked.format === 'brat' ? 'Open Folder' : 'Open File';
  const actions = done.warnings.length > 0 ? [open, 'Show Warnings'] : [open];
  const head = done.cancelled ? `export cancelled after ${plural(done.files, 'dump')}` : `exported ${plural(done.tags, 'tag')} from ${plural(done.files, 'dump')}`;
  const tail = done.warnings.length > 0 ? `; ${plural(done.warnings.length, 'warning')}` : '';
  const choice = await vscode.window.showInformationMessage(`newsdump: ${head} to ${path.basename(target.fsPath)}${tail}`, ...actions);
  if (choice === 'Open File') await vscode.window.showTextDocument(target);
  // A folder in the workspace is shown in the Explorer; one outside it in the system's file manager.
  else if (choice === 'Open Folder') await vscode.commands.executeCommand(vscode.workspace.getWorkspaceFolder(target) ? 'revealInExplorer' : 'revealFileInOS', target);
  else if (choice === 'Show Warnings') output.show(true);
}

/** A save dialog for one file, a folder picker for the brat copies. */
async function pickOutput(format: FormatChoice, folder: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (format.extension) {
    return vscode.window.showSaveDialog({
      title: 'Export Annotations (2/2): save as',
      defaultUri: vscode.Uri.joinPath(folder, `annotations.${format.extension}`),
      filters: { [format.label]: [format.extension] },
    });
  }
  const chosen = await vscode.window.showOpenDialog({
    title: 'Export Annotations (2/2): folder for the brat copies (not the dumps\' own)',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: folder,
    openLabel: 'Export Here',
  });
  return chosen?.[0];
}
