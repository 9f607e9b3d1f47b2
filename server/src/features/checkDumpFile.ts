// `newsdump check` on one file: read, resolve its settings, fix when asked, collect the
// diagnostics. It writes nothing to the terminal: what happened comes back as data, in
// the order it happened, so the thread that prints can print every file the same way
// whether it was checked there or in a worker.
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { createDumpService, textDocument } from '../service';
import { SettingsResolver, type SettingsProblem } from '../config/checkSettings';
import { readDumpSnapshot, writeFixedDump } from '../io/writeDump';
import type { WordSegmenter } from '../model/types';

/** Something to tell the user about one file, in the order it came up. */
export type FileCheckEvent =
  /** The file could not be read, fixed or checked: `newsdump: <file>: <reason>`, exit code 2. */
  | { readonly kind: 'failure'; readonly reason: string }
  /** A newsdump.json or ignore-file problem met while resolving the file's settings. */
  | { readonly kind: 'settings'; readonly problem: SettingsProblem }
  /** An internal fault the check survived (a rule that threw). */
  | { readonly kind: 'log'; readonly message: string }
  /** Worth knowing, not wrong: `newsdump: <file>: note: <message>` (the file was read as GB18030). */
  | { readonly kind: 'note'; readonly message: string };

export interface FileCheck {
  readonly file: string;
  readonly events: readonly FileCheckEvent[];
  /** Absent when the file could not be checked. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Safe fixes written back to the file (0 without --fix). */
  readonly fixedProblems: number;
}

export interface FileChecker {
  check(file: string): FileCheck;
}

/** What the CLI says of a dump it decoded as GB18030 (--fix writes it back in GB18030). */
export const GB18030_NOTE = 'read as GB18030 (not UTF-8); fixes are written back in GB18030';

/** One engine, reused file after file; `segmenter` undefined runs without nodejieba. */
export function createFileChecker(segmenter: WordSegmenter | undefined, fix: boolean): FileChecker {
  let events: FileCheckEvent[] = [];
  const service = createDumpService({ segmenter, logError: (message) => events.push({ kind: 'log', message }) });
  const settingsResolver = new SettingsResolver();

  function checkFile(file: string): Omit<FileCheck, 'events'> {
    const snapshot = readDumpSnapshot(file);
    if ('problem' in snapshot) return unchecked(file, snapshot.problem);
    if (snapshot.dump.problem !== undefined) return unchecked(file, snapshot.dump.problem);
    if (snapshot.dump.encoding === 'gb18030') events.push({ kind: 'note', message: GB18030_NOTE });
    const settings = settingsResolver.resolve(resolve(file));
    for (const problem of settings.problems) events.push({ kind: 'settings', problem });
    let doc = textDocument(file, snapshot.dump.text);
    let fixedProblems = 0;
    if (fix) {
      const result = service.fixSafeProblems(doc, settings.overrides, settings.ignores);
      if (result.applied > 0) {
        const refused = writeFixedDump(snapshot, result.text);
        if (refused) events.push({ kind: 'failure', reason: refused });
        else {
          doc = textDocument(file, result.text, 1);
          fixedProblems = result.applied;
        }
      }
    }
    const diagnostics = service.diagnostics(doc, settings.overrides, settings.ignores) ?? [];
    // Only what the reports print: `data` is the server's, and this crosses threads.
    return { file, fixedProblems, diagnostics: diagnostics.map(({ range, severity, code, source, message }) => ({ range, severity, code, source, message })) };
  }

  function unchecked(file: string, reason: string): Omit<FileCheck, 'events'> {
    events.push({ kind: 'failure', reason });
    return { file, fixedProblems: 0 };
  }

  return {
    check(file: string): FileCheck {
      events = [];
      try {
        return { ...checkFile(file), events };
      } catch (error) {
        // One file's fault must not cost the other files their results.
        events.push({ kind: 'failure', reason: `internal error: ${firstLine(error)}` });
        return { file, events, fixedProblems: 0 };
      } finally {
        service.forget(file); // one file at a time: a month of dumps need not sit in memory
      }
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
