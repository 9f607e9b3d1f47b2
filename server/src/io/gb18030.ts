// A GB18030 encoder. Node can decode GB18030 but has no encoder, so the table is
// built by running the decoder over every code once (lazily: only `check --fix`
// on a GB18030 dump needs it), and every result is checked by decoding it back.

let table: Map<number, number[]> | undefined;

/** The bytes of a text in GB18030, or undefined when the runtime cannot decode GB18030 or a character has no encoding. */
export function encodeGb18030(text: string): Uint8Array | undefined {
  const map = buildTable();
  if (!map) return undefined;
  // At most four bytes per UTF-16 unit; a month of dumps is tens of MB, so no array of numbers.
  const out = new Uint8Array(text.length * 4);
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const bytes = code < 0x80 ? [code] : code >= 0x10000 ? astral(code) : map.get(code);
    if (!bytes) return undefined; // a lone surrogate
    out.set(bytes, length);
    length += bytes.length;
  }
  const encoded = out.subarray(0, length);
  return decodeStrict(encoded) === text ? encoded : undefined;
}

function buildTable(): Map<number, number[]> | undefined {
  if (table) return table;
  if (decodeStrict(Uint8Array.from([0xd6, 0xd0])) !== '中') return undefined; // no ICU data for GB18030
  const map = new Map<number, number[]>();
  const learn = (bytes: number[]): void => {
    const char = decodeStrict(Uint8Array.from(bytes));
    if (char === undefined || char.length !== 1) return;
    // Where two codes decode to one character, the two-byte one (seen first) is what encoders write.
    if (!map.has(char.charCodeAt(0))) map.set(char.charCodeAt(0), bytes);
  };
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) learn([lead, trail]);
  }
  // Four-byte codes for the rest of the BMP: 81 30 81 30 up to 84 31 A4 39.
  for (let pointer = 0; pointer <= 39419; pointer++) learn(fourBytes(pointer));
  table = map;
  return map;
}

/** Outside the BMP GB18030 is linear from 90 30 81 30 (pointer 189000) at U+10000. */
function astral(code: number): number[] {
  return fourBytes(189000 + code - 0x10000);
}

function fourBytes(pointer: number): number[] {
  const b1 = Math.floor(pointer / 12600);
  const b2 = Math.floor((pointer % 12600) / 1260);
  const b3 = Math.floor((pointer % 1260) / 10);
  const b4 = pointer % 10;
  return [0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('gb18030', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
