// "Check All Dumps in Workspace": finds the dumps of every workspace folder without
// opening them in editors, has the server check them (`newsdump/checkFiles`), and leaves
// the results in the Problems panel.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { detectByContent, fileGlobs, LANGUAGE_ID } from './config';
import { plural } from './articles';
import type { ServerController } from './languageClient';
import { messageOf } from './languageClient';
import { CheckFilesRequest, type CheckedFile } from './protocol';
import { decodeHead, SNIFF_HEAD_SIZE, sniffDump } from './sniff';

const MAX_FILES_PER_PATTERN = 50_000;
const BATCH_SIZE = 20;
const SNIFF_CONCURRENCY = 8;

export type UserChoice = (uri: vscode.Uri) => 'dump' | 'other' | undefined;

interface Found {
  readonly dumps: vscode.Uri[];
  readonly sniffedTxt: number;
}

export async function checkWorkspace(server: ServerController, output: vscode.LogOutputChannel, userChoice: UserChoice): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('newsdump: open a folder first: the check looks for dumps in the workspace folders.');
    return;
  }
  const client = await server.ensureStarted();
  if (!client) return;

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'newsdump', cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'finding dumps…' });
      const found = await findDumps(folders, userChoice, token, (message) => progress.report({ message }));
      if (token.isCancellationRequested) return;
      if (found.dumps.length === 0) {
        void vscode.window
          .showInformationMessage(
            `newsdump: no dumps found (nothing matches newsdump.files, and none of ${plural(found.sniffedTxt, '.txt file')} reads like a dump).`,
            'Open Settings',
          )
          .then((choice) => {
            if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'newsdump.files');
          });
        return;
      }

      const results: CheckedFile[] = [];
      const total = found.dumps.length;
      const increment = 100 / total;
      for (let start = 0; start < total && !token.isCancellationRequested; start += BATCH_SIZE) {
        const batch = found.dumps.slice(start, start + BATCH_SIZE);
        progress.report({ message: `checking ${Math.min(start + batch.length, total)} of ${plural(total, 'dump')}…` });
        try {
          const answer = await client.sendRequest(CheckFilesRequest, { uris: batch.map((uri) => uri.toString()) }, token);
          results.push(...(answer?.files ?? []));
        } catch (error) {
          if (token.isCancellationRequested) break;
          if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
            void vscode.window.showWarningMessage(
              'newsdump: this version of the language server cannot check files that are not open (no newsdump/checkFiles). Open the dumps to see their problems.',
            );
            return;
          }
          output.error(`newsdump: checking ${batch.length} files failed: ${messageOf(error)}`);
          void vscode.window.showErrorMessage(`newsdump: the check failed: ${messageOf(error)}`, 'Show Output').then((choice) => {
            if (choice === 'Show Output') output.show(true);
          });
          return;
        }
        progress.report({ increment: increment * batch.length });
      }
      report(results, total, token.isCancellationRequested, output);
    },
  );
}

function report(results: readonly CheckedFile[], total: number, cancelled: boolean, output: vscode.LogOutputChannel): void {
  let problems = 0;
  let filesWithProblems = 0;
  let articles = 0;
  const failed: CheckedFile[] = [];
  for (const file of results) {
    if (file.error !== undefined) {
      failed.push(file);
      output.warn(`newsdump: ${display(file.uri)}: not checked: ${file.error}`);
      continue;
    }
    // Hints (entity suggestions) are not listed in the Problems panel, so they are not counted here either.
    const shown = (file.problems?.error ?? 0) + (file.problems?.warning ?? 0) + (file.problems?.information ?? 0);
    problems += shown;
    articles += file.articles ?? 0;
    if (shown > 0) filesWithProblems++;
    output.info(`newsdump: ${display(file.uri)}: ${plural(file.articles ?? 0, 'article')}, ${plural(shown, 'problem')}`);
  }
  const checked = results.length - failed.length;
  let message = `newsdump: ${cancelled ? `cancelled after ${checked} of ${total} dumps` : `checked ${plural(checked, 'dump')}`} (${plural(articles, 'article')}): `;
  message += problems === 0 ? 'no problems' : `${plural(problems, 'problem')} in ${plural(filesWithProblems, 'file')}`;
  if (failed.length > 0) message += `; ${plural(failed.length, 'file')} could not be read (see Output)`;
  const actions = problems > 0 ? ['Show Problems'] : failed.length > 0 ? ['Show Output'] : [];
  void vscode.window.showInformationMessage(message, ...actions).then((choice) => {
    if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (choice === 'Show Output') output.show(true);
  });
}

/** newsdump.files matches, then every other .txt that sniffs as a dump; the user's choices win both ways. */
export async function findDumps(
  folders: readonly vscode.WorkspaceFolder[],
  userChoice: UserChoice,
  token: vscode.CancellationToken,
  say: (message: string) => void,
): Promise<Found> {
  const dumps = new Map<string, vscode.Uri>();
  const toSniff = new Map<string, vscode.Uri>();
  for (const folder of folders) {
    const exclude = excludeGlob(folder.uri);
    for (const glob of fileGlobs(folder.uri)) {
      for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude, MAX_FILES_PER_PATTERN, token)) {
        dumps.set(uri.toString(), uri);
      }
    }
    if (detectByContent(folder.uri)) {
      for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.txt'), exclude, MAX_FILES_PER_PATTERN, token)) {
        if (!dumps.has(uri.toString())) toSniff.set(uri.toString(), uri);
      }
    }
    if (token.isCancellationRequested) return { dumps: [], sniffedTxt: 0 };
  }

  // Open documents answer from what the editor knows: their language now, the user's choice.
  const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
  for (const [id, uri] of [...toSniff]) {
    const document = open.get(id);
    if (document?.languageId === LANGUAGE_ID || userChoice(uri) === 'dump') {
      dumps.set(id, uri);
      toSniff.delete(id);
    } else if (document !== undefined || userChoice(uri) === 'other') {
      toSniff.delete(id);
    }
  }

  const candidates = [...toSniff.values()];
  let done = 0;
  await forEachLimited(candidates, SNIFF_CONCURRENCY, async (uri) => {
    if (token.isCancellationRequested) return;
    const head = await readHead(uri);
    if (head !== undefined && sniffDump(head.text, head.truncated).isDump) dumps.set(uri.toString(), uri);
    if (++done % 50 === 0) say(`reading .txt files: ${done} of ${candidates.length}…`);
  });

  for (const [id, uri] of [...dumps]) if (userChoice(uri) === 'other') dumps.delete(id);
  const sorted = [...dumps.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
  return { dumps: sorted, sniffedTxt: candidates.length };
}

/** files.exclude of the folder (what findFiles would apply by default), plus dependency and VCS folders. */
function excludeGlob(scope: vscode.Uri): string {
  const configured = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude') ?? {};
  const patterns = Object.entries(configured)
    .filter(([, value]) => value === true)
    .map(([pattern]) => pattern);
  patterns.push('**/node_modules/**', '**/.git/**');
  return `{${[...new Set(patterns)].join(',')}}`;
}

async function readHead(uri: vscode.Uri): Promise<{ text: string; truncated: boolean } | undefined> {
  try {
    let bytes: Uint8Array;
    let truncated: boolean;
    if (uri.scheme === 'file') {
      // Only the head: a monthly dump can be tens of MB.
      const handle = await fs.promises.open(uri.fsPath, 'r');
      try {
        const buffer = Buffer.alloc(SNIFF_HEAD_SIZE);
        const { bytesRead } = await handle.read(buffer, 0, SNIFF_HEAD_SIZE, 0);
        bytes = buffer.subarray(0, bytesRead);
        truncated = bytesRead === SNIFF_HEAD_SIZE;
      } finally {
        await handle.close();
      }
    } else {
      const whole = await vscode.workspace.fs.readFile(uri);
      bytes = whole.subarray(0, SNIFF_HEAD_SIZE);
      truncated = whole.length > SNIFF_HEAD_SIZE;
    }
    const text = decodeHead(bytes);
    return text === undefined ? undefined : { text, truncated };
  } catch {
    return undefined;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function display(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), true);
}
