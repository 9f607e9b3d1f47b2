// Bytes → text for the CLI, decoded the way VS Code shows the file, so that the
// CLI's line and column numbers are the editor's.
import { readFileSync } from 'node:fs';

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

  // Older dumps come as GB18030/GBK, which is not valid UTF-8 as soon as it holds a Chinese character.
  const gb18030 = strictDecode('gb18030', bytes);
  if (gb18030 !== undefined) return { text: gb18030, encoding: 'gb18030' };

  return { text: '', encoding: 'utf-8', problem: 'neither valid UTF-8 nor GB18030 text' };
}

/** Reads and decodes a file; a file-system error becomes a problem, not an exception. */
export function readDump(path: string): DecodedDump {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { text: '', encoding: 'utf-8', problem: describeFsError(error) };
  }
  return decodeDump(bytes);
}

function strictDecode(encoding: string, bytes: Uint8Array): string | undefined {
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
