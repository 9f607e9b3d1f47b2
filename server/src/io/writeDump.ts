// Writing a fixed dump back: in the encoding it came in, atomically, with a backup,
// and never over a file someone changed since it was read.
import { readFileSync } from 'node:fs';
import { decodeDump, notARegularFile, type DecodedDump, type DumpEncoding } from './readDump';
import { encodeGb18030 } from './gb18030';
import { describeIoError, writeFileAtomic } from './atomicWrite';

/** A dump as read, with what is needed to notice a change before writing. */
export interface DumpSnapshot {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly dump: DecodedDump;
}

export function readDumpSnapshot(path: string): DumpSnapshot | { readonly problem: string } {
  const special = notARegularFile(path);
  if (special) return { problem: special };
  try {
    const bytes = readFileSync(path);
    return { path, bytes, dump: decodeDump(bytes) };
  } catch (error) {
    return { problem: (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : describeIoError(error) };
  }
}

export function encodeDump(text: string, encoding: DumpEncoding): Uint8Array | undefined {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return encodeGb18030(text);
  }
}

export const BACKUP_SUFFIX = '.bak';

/** Writes the new text over the snapshot's file, keeping `<file>.bak`; returns a one-line reason when it did not. */
export function writeFixedDump(snapshot: DumpSnapshot, text: string): string | undefined {
  const bytes = encodeDump(text, snapshot.dump.encoding);
  if (!bytes) return `cannot encode the fixed text as ${snapshot.dump.encoding}; not written`;
  // GBK files may use codes GB18030 writes otherwise (0x80 for €): writing would change bytes the fix never touched.
  const unchanged = snapshot.dump.encoding === 'gb18030' ? encodeDump(snapshot.dump.text, 'gb18030') : undefined;
  if (unchanged && !Buffer.from(unchanged).equals(Buffer.from(snapshot.bytes))) {
    return 'its GB18030 bytes would not be written back as they are (a legacy GBK code such as 0x80 for €); not written';
  }
  let now: Uint8Array;
  try {
    // A size check would miss an edit of equal length; the dump is in memory anyway, so compare it all.
    now = readFileSync(snapshot.path);
  } catch (error) {
    return `cannot read it again before writing (${describeIoError(error)}); not written`;
  }
  if (!Buffer.from(now).equals(Buffer.from(snapshot.bytes))) return 'changed on disk since it was read; not written';
  try {
    writeFileAtomic(`${snapshot.path}${BACKUP_SUFFIX}`, snapshot.bytes);
    writeFileAtomic(snapshot.path, bytes);
  } catch (error) {
    return `cannot write: ${describeIoError(error)}`;
  }
  return undefined;
}
