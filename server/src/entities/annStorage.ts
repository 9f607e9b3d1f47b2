// The only file IO of annotations: `<name>.ann` next to `<name>.txt`. A .ann we cannot
// read is reported and never written over; a write goes to a temp file in the same
// folder, is flushed to disk, then renamed over the old file, so a crash or a full disk
// leaves the previous .ann whole. Errors come back as values: a failed save must not take
// the language server down.
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { describeIoError } from '../io/atomicWrite';
import { parseAnn, type AnnFile } from './annFile';

/** The few file operations we need, so tests can make one of them fail. */
export interface AnnFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates a new file (never an existing one), writes it whole, flushes it to disk and closes it. */
  createSynced(path: string, data: Uint8Array, mode: number | undefined): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Permission bits of an existing file; undefined when there is none. */
  modeOf(path: string): Promise<number | undefined>;
  /** Flushes a folder's entries (the rename) to disk; best effort. */
  syncFolder(path: string): Promise<void>;
}

export const nodeFileSystem: AnnFileSystem = {
  async readFile(path) {
    // A named pipe (or a device) would keep the read, and `newsdump entities`, waiting forever.
    const stats = await fs.stat(path);
    if (!stats.isFile() && !stats.isDirectory()) throw new Error('not a regular file');
    return fs.readFile(path);
  },
  async createSynced(path, data, mode) {
    const handle = await fs.open(path, 'wx');
    try {
      // Set after creating: the umask would otherwise narrow the old file's permissions.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.rename(from, to),
  remove: (path) => fs.rm(path, { force: true }),
  async modeOf(path) {
    try {
      return (await fs.stat(path)).mode & 0o777;
    } catch {
      return undefined;
    }
  },
  async syncFolder(path) {
    try {
      const handle = await fs.open(path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Not every platform can open a folder (Windows); the rename itself is done.
    }
  },
};

export interface LoadedAnn {
  readonly path: string;
  /** Empty when the file is missing or cannot be read. */
  readonly file: AnnFile;
  readonly exists: boolean;
  /** The content as read ('' when missing), to check nobody changed the file before writing it. */
  readonly content: string;
  /** Why the file cannot be used. Such a file is never written over. */
  readonly problem?: string;
}

export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly error: string };
/** On success, what is now on disk: keep it for the next save. */
export type SaveResult =
  | { readonly ok: true; readonly loaded: LoadedAnn }
  /** `changedOnDisk`: refused because the file is no longer what was read; the caller may merge (annMerge.ts). */
  | { readonly ok: false; readonly error: string; readonly changedOnDisk?: true };

/** `<folder>/<name>.txt` → `<folder>/<name>.ann` (any extension is replaced; none gets `.ann` added). */
export function annPathFor(textPath: string): string {
  const name = basename(textPath);
  const extension = extname(name);
  return join(dirname(textPath), `${extension ? name.slice(0, -extension.length) : name}.ann`);
}

/** Reads the .ann of a text file. Missing: empty and writable. Unreadable or not UTF-8: a problem. */
export async function readAnn(textPath: string, files: AnnFileSystem = nodeFileSystem): Promise<LoadedAnn> {
  const path = annPathFor(textPath);
  let bytes: Uint8Array;
  try {
    bytes = await files.readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    if (missing) return { path, file: parseAnn(''), exists: false, content: '' };
    return { path, file: parseAnn(''), exists: true, content: '', problem: `cannot read ${basename(path)}: ${describeReadError(error)}` };
  }
  let content: string;
  try {
    // ignoreBOM keeps a BOM in the string, so it is written back.
    content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { path, file: parseAnn(''), exists: true, content: '', problem: `${basename(path)} is not UTF-8 text, as brat requires; it is left as it is` };
  }
  return { path, file: parseAnn(content), exists: true, content };
}

/**
 * Saves a .ann for something read by readAnn. Refused when the file could not be read, or
 * when it changed on disk since (a git checkout, another editor): writing would lose that.
 */
export async function saveAnn(loaded: LoadedAnn, content: string, files: AnnFileSystem = nodeFileSystem): Promise<SaveResult> {
  if (loaded.problem) return { ok: false, error: `not saved: ${loaded.problem}` };
  let onDisk = '';
  try {
    onDisk = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await files.readFile(loaded.path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') return { ok: false, error: `not saved: ${describeReadError(error)}` };
  }
  if (onDisk !== loaded.content) return { ok: false, error: `not saved: ${basename(loaded.path)} changed on disk since it was read`, changedOnDisk: true };
  const written = await writeAnnAtomic(loaded.path, content, files);
  return written.ok ? { ok: true, loaded: { path: loaded.path, file: parseAnn(content), exists: true, content } } : written;
}

/** Temp file in the same folder (so rename stays on one file system), flushed, then renamed over the target. */
export async function writeAnnAtomic(path: string, content: string, files: AnnFileSystem = nodeFileSystem): Promise<WriteResult> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await files.createSynced(temp, Buffer.from(content, 'utf8'), await files.modeOf(path));
    await files.rename(temp, path);
  } catch (error) {
    await files.remove(temp).catch(() => undefined);
    return { ok: false, error: `cannot write ${basename(path)}: ${describeIoError(error)}` };
  }
  await files.syncFolder(dirname(path));
  return { ok: true };
}

function describeReadError(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EISDIR' ? 'it is a folder' : describeIoError(error);
}
