// `newsdump.export` (workspace/executeCommand): the editor's Export Annotations… runs the
// CLI's export (export.ts) over the dumps the client found. The client sends the files in
// batches, so it can show progress and stop between them; `append` adds a batch to the BIO
// or JSONL file the first batch started. Dumps are read from disk, as saved.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DumpService } from '../service';
import { readDumpEntities } from './entitiesJson';
import { exportBio, exportBratAnn, exportJsonl, type ExportFormat } from './export';
import { filePathOf } from '../entities/annotationDocuments';

export const EXPORT_COMMAND = 'newsdump.export';

export interface ExportArgs {
  readonly format: ExportFormat;
  /** file: URIs of the dumps. */
  readonly uris: readonly string[];
  /** The BIO/JSONL file, or the folder for the brat copies. */
  readonly output: string;
  /** Add to the output file instead of replacing it (every batch after the first). */
  readonly append?: boolean;
}

export interface ExportAnswer {
  readonly files: number;
  readonly tags: number;
  /** `file: why` for dumps that could not be read or written, and tags left out. */
  readonly warnings: readonly string[];
}

export async function runExport(args: ExportArgs, service: DumpService): Promise<ExportAnswer> {
  if (!['bio', 'jsonl', 'brat'].includes(args?.format) || !Array.isArray(args.uris) || typeof args.output !== 'string') {
    throw new Error(`${EXPORT_COMMAND}: expected { format: "bio" | "jsonl" | "brat", uris, output }`);
  }
  const warnings: string[] = [];
  const chunks: string[] = [];
  let files = 0;
  let tags = 0;
  for (const uri of args.uris) {
    const path = filePathOf(uri);
    if (path === undefined) {
      warnings.push(`${uri}: not a file`);
      continue;
    }
    // The brat copy must not overwrite the dump's own .ann.
    if (args.format === 'brat' && resolve(dirname(path)) === resolve(args.output)) {
      throw new Error(`the output folder is the dumps' own folder (${args.output}): their .ann files would be overwritten; pick another`);
    }
    const dump = await readDumpEntities(path, service);
    service.forget(path);
    if ('problem' in dump) {
      warnings.push(`${basename(path)}: ${dump.problem}`);
      continue;
    }
    dump.notes.forEach((note) => warnings.push(`${basename(path)}: ${note}`));
    files++;
    tags += dump.tags.length;
    if (args.format === 'bio') chunks.push(exportBio(dump.text, dump.tags));
    else if (args.format === 'jsonl') chunks.push(exportJsonl(dump.text, dump.model, dump.tags));
    else {
      const name = basename(path).replace(/\.[^.]*$/, '');
      mkdirSync(args.output, { recursive: true });
      writeFileSync(join(args.output, `${name}.txt`), dump.text);
      writeFileSync(join(args.output, `${name}.ann`), exportBratAnn(dump.text, dump.loaded.file, dump.set));
    }
  }
  if (args.format !== 'brat') {
    mkdirSync(dirname(args.output), { recursive: true });
    if (args.append) appendFileSync(args.output, chunks.join(''));
    else writeFileSync(args.output, chunks.join(''));
  }
  return { files, tags, warnings };
}
