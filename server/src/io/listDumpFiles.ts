// The *.txt files under some folders, as the CLI walks a directory: sorted, without
// node_modules and dot-folders (.git, .vscode …), stopping at a cap so a huge tree
// cannot stall the server.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function listDumpFiles(roots: readonly string[], cap: number): { files: string[]; capped: boolean } {
  const files: string[] = [];
  let capped = false;
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return; // unreadable folder: nothing to index there
    }
    for (const entry of entries) {
      if (capped) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && entry.name.endsWith('.txt')) {
        if (files.length >= cap) capped = true;
        else files.push(path);
      }
    }
  };
  for (const root of roots) visit(root);
  return { files, capped };
}
