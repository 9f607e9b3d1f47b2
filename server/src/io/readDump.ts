// Bytes → text for the CLI, decoded the way VS Code shows the file, so that the
// CLI's line and column numbers are the editor's.
import { readFileSync, statSync } from 'node:fs';
import { decodeUtf8Strict } from '../text/utf8';

export type DumpEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface DecodedDump {
  /** The text without a BOM; empty when there is a problem. */
  readonly text: string;
  readonly encoding: DumpEncoding;
  /** One line saying why the file cannot be read as a dump. */
  readonly problem?: string;
}

const BINARY_SNIFF_BYTES = 8 * 1024;

export function decodeDump(bytes: Uint8Array): DecodedDump {
  const sniffed = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniffed.includes(0)) {
    return { text: '', encoding: 'utf-8', problem: 'binary file (NUL bytes in the first 8 KB), not a text dump' };
  }

  // VS Code hides a BOM: dropping it keeps column 0 of line 0 where the editor has it.
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) {
    const text = strictDecode('utf-8', bytes.subarray(3));
    return text === undefined
      ? { text: '', encoding: 'utf-8-bom', problem: 'starts with a UTF-8 BOM but is not valid UTF-8' }
      : { text, encoding: 'utf-8-bom' };
  }

  const utf8 = strictDecode('utf-8', bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };

  const damage = utf8Damage(bytes);
  const where = `line ${lineOfByte(bytes, damage.firstBad)} (byte ${damage.firstBad})`;
  // A UTF-8 dump with a character cut by the extraction is often valid GB18030 as well, and
  // would be read as nonsense: thousands of good UTF-8 characters around a few bad bytes say UTF-8.
  if (damage.valid >= 3 * damage.invalid) {
    const more = damage.invalid > 1 ? ` and ${damage.invalid - 1} more` : '';
    return { text: '', encoding: 'utf-8', problem: `not valid UTF-8: a broken character at ${where}${more}` };
  }

  // Older dumps come as GB18030/GBK, which is not valid UTF-8 as soon as it holds a Chinese character.
  const gb18030 = strictDecode('gb18030', bytes);
  if (gb18030 !== undefined) return { text: gb18030, encoding: 'gb18030' };

  return { text: '', encoding: 'utf-8', problem: `neither valid UTF-8 (first bad byte at ${where}) nor GB18030 text` };
}

/** How the bytes read as UTF-8: valid sequences of two bytes or more, invalid ones, and where the first invalid one starts. */
function utf8Damage(bytes: Uint8Array): { valid: number; invalid: number; firstBad: number } {
  let valid = 0;
  let invalid = 0;
  let firstBad = -1;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    // Overlong forms, surrogates and code points past U+10FFFF (RFC 3629).
    const second = bytes[i + 1];
    if (ok && ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f))) ok = false;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      if (firstBad < 0) firstBad = i;
      i++;
    }
  }
  return { valid, invalid, firstBad };
}

/** 1-based line of a byte offset, counting LF, CRLF and lone CR as the editor does. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** Reads and decodes a file; a file-system error becomes a problem, not an exception. */
export function readDump(path: string): DecodedDump {
  let bytes: Uint8Array;
  try {
    const special = notARegularFile(path);
    if (special) return { text: '', encoding: 'utf-8', problem: special };
    bytes = readFileSync(path);
  } catch (error) {
    return { text: '', encoding: 'utf-8', problem: describeFsError(error) };
  }
  return decodeDump(bytes);
}

/**
 * Why a path is no file to read, or undefined (also when it cannot be stat'ed: reading it says why).
 * Reading a FIFO waits for a writer forever and /dev/zero never ends: both are refused before opening.
 */
export function notARegularFile(path: string): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  return `not a regular file (${stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device'})`;
}

function strictDecode(encoding: string, bytes: Uint8Array): string | undefined {
  if (encoding === 'utf-8') return decodeUtf8Strict(bytes);
  try {
    // ignoreBOM: the BOM is handled above; a second one would be real content.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Invalid bytes, or a Node built without the ICU data for this encoding.
    return undefined;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}
