// "newsdump: Tag Entity…" (Ctrl+Alt+T): the keyboard way to tag. The server says what
// would be tagged (the selection, or the word or tag under the cursor) and which types
// there are; a quick pick offers the types, and on a tagged name "Remove tag" and the
// other types. The server changes the .ann (the same commands as its code actions).
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './config';
import type { ServerController } from './languageClient';
import { RETAG_COMMAND, TAG_COMMAND, TAG_TARGET_COMMAND, UNTAG_COMMAND, type EntityType, type TagTargetAnswer } from './protocol';

interface Choice extends vscode.QuickPickItem {
  readonly run?: { readonly command: string; readonly args: object };
}

export async function tagEntity(server: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('newsdump: open a newspaper dump first, then select a name or put the cursor on it.');
    return;
  }
  const client = await server.ensureStarted();
  if (!client) return;
  const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
  const range = client.code2ProtocolConverter.asRange(editor.selection);
  const execute = (command: string, args: object): Promise<unknown> => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] });

  const answer = (await execute(TAG_TARGET_COMMAND, { uri, range })) as TagTargetAnswer | null;
  if (!answer || 'error' in answer) {
    void vscode.window.showInformationMessage(`newsdump: nothing to tag here${answer ? `: ${answer.error}` : ''}.`);
    return;
  }
  // Show what will be tagged while the user picks.
  const target = client.protocol2CodeConverter.asRange(answer.range);
  editor.selection = new vscode.Selection(target.start, target.end);

  const picked = await vscode.window.showQuickPick(choices(uri, answer), {
    title: answer.tag ? `「${answer.text}」 is tagged ${answer.tag.type}` : `Tag 「${answer.text}」 as…`,
    placeHolder: 'Type to filter the entity types',
    matchOnDescription: true,
  });
  if (picked?.run) await execute(picked.run.command, picked.run.args);
}

function choices(uri: string, answer: Extract<TagTargetAnswer, { text: string }>): Choice[] {
  const { text, range, tag, types } = answer;
  const item = (type: EntityType, detail?: string): Pick<Choice, 'label' | 'description' | 'detail'> => ({
    label: `$(tag) ${type.type}`,
    description: type.label !== type.type ? type.label : undefined,
    detail,
  });
  if (tag) {
    return [
      { label: '$(close) Remove tag', description: `${tag.id} ${tag.type}`, run: { command: UNTAG_COMMAND, args: { uri, id: tag.id } } },
      ...types.filter((type) => type.type !== tag.type).map((type) => ({ ...item(type, `Change 「${text}」 to ${type.type}`), run: { command: RETAG_COMMAND, args: { uri, id: tag.id, type: type.type } } })),
      { label: 'All occurrences', kind: vscode.QuickPickItemKind.Separator },
      { ...item(types.find((type) => type.type === tag.type) ?? { type: tag.type, label: tag.type }, `Tag all other 「${text}」 in this file`), run: { command: TAG_COMMAND, args: { uri, range, type: tag.type, scope: 'file' } } },
    ];
  }
  return [
    ...types.map((type) => ({ ...item(type), run: { command: TAG_COMMAND, args: { uri, range, type: type.type, scope: 'here' } } })),
    { label: 'All occurrences in this file', kind: vscode.QuickPickItemKind.Separator },
    ...types.map((type) => ({ ...item(type, `Tag every 「${text}」 in this file`), run: { command: TAG_COMMAND, args: { uri, range, type: type.type, scope: 'file' } } })),
  ];
}
