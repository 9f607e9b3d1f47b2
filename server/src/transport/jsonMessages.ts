// The bytes of the messages the server writes. On a large dump two messages dominate: the
// publish of thousands of diagnostics after every keystroke, and the outline, which VS Code
// asks for several times per version. JSON.stringify and the UTF-8 conversion of its 2–3 MB
// result took 15–45 ms each. Here a publish copies the bytes of the diagnostics it shares
// with the document's last publish (the service hands out the same objects for problems
// that did not change) and writes only the new ones; a list marked stable (the outline) is
// encoded once, from items encoded once for every version that shares them. Every piece is
// JSON.stringify's own text, so a message parses to exactly what JSON.stringify's would.

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

/** Result lists that never change once made (one per document version), with their bytes once written. */
const stableLists = new WeakMap<readonly object[], Buffer | undefined>();
/** The bytes of each item of a stable list, written once for every list that holds it. */
const stableItemBytes = new WeakMap<object, Buffer>();
const COMMA_BYTES = Buffer.from(',');

/**
 * Marks a result list whose items, like the list itself, never change after this call (the
 * caller must not change them), while later lists may share them: the outlines of a document's
 * versions, where an edit changes a few of thousands of symbols. The list is encoded once
 * however often it is sent, from its items' bytes, each item encoded once.
 */
export function markStableItems<List extends readonly object[]>(list: List): List {
  if (!stableLists.has(list)) stableLists.set(list, undefined);
  return list;
}

/** Stands in for the large part while the small rest of a message goes through JSON.stringify. */
const HOLE = '\u0000newsdump-hole\u0000';
const HOLE_JSON = JSON.stringify(HOLE);

/**
 * Writes a publish's diagnostics now. They become the document's last publish, whose bytes the
 * next publish copies, so sending them later costs little: a publish built during the debounce
 * is then ready to go. Writing a thousand new diagnostics (after the window moved, say) takes
 * 10–70 ms, wording their messages included, which would otherwise fall after the wait.
 */
export function encodeDiagnosticsAhead(uri: string, diagnostics: readonly unknown[]): void {
  if (diagnostics.length >= MIN_REMEMBERED_DIAGNOSTICS) diagnosticsBytes(uri, diagnostics);
}

/** The UTF-8 JSON of a JSON-RPC message, as `JSON.stringify` would write it (key order aside). */
export function messageBytes(message: object): Buffer {
  const { method, params, result } = message as { method?: unknown; params?: unknown; result?: unknown };
  if (method === PUBLISH_DIAGNOSTICS && isPlainObject(params) && Array.isArray(params.diagnostics)) {
    const diagnostics = params.diagnostics as unknown[];
    const uri = typeof params.uri === 'string' ? params.uri : '';
    return around(message, { ...message, params: { ...params, diagnostics: HOLE } }, (bytes) => bytes.push(diagnosticsBytes(uri, diagnostics)));
  }
  if (Array.isArray(result) && stableLists.has(result)) {
    const encoded = stableListBytes(result);
    return around(message, { ...message, result: HOLE }, (bytes) => bytes.push(encoded));
  }
  return Buffer.from(JSON.stringify(message), 'utf8');
}

/** messageBytes as text (for tests and logs). */
export function messageJson(message: object): string {
  return messageBytes(message).toString('utf8');
}

function stableListBytes(list: readonly object[]): Buffer {
  let bytes = stableLists.get(list);
  if (bytes === undefined) {
    const pieces = new ByteList();
    pieces.pushAscii('[');
    for (let i = 0; i < list.length; i++) {
      if (i > 0) pieces.push(COMMA_BYTES);
      const item = list[i];
      let encoded = stableItemBytes.get(item);
      if (encoded === undefined) {
        encoded = Buffer.from(JSON.stringify(item) ?? 'null', 'utf8');
        stableItemBytes.set(item, encoded);
      }
      pieces.push(encoded);
    }
    pieces.pushAscii(']');
    bytes = pieces.concat();
    stableLists.set(list, bytes);
  }
  return bytes;
}

/** `shell` (the message with its large part taken out) through JSON.stringify, with the hole filled by `fill`'s pieces. */
function around(message: object, shell: object, fill: (bytes: ByteList) => void): Buffer {
  const json = JSON.stringify(shell);
  const at = json.indexOf(HOLE_JSON);
  // The stand-in written by the message itself (a URI with NULs in it?): no shortcut then.
  if (at !== json.lastIndexOf(HOLE_JSON)) return Buffer.from(JSON.stringify(message), 'utf8');
  const bytes = new ByteList();
  bytes.push(Buffer.from(json.slice(0, at), 'utf8'));
  fill(bytes);
  bytes.push(Buffer.from(json.slice(at + HOLE_JSON.length), 'utf8'));
  return bytes.concat();
}

/**
 * Pieces of a message, copied once into the result: text (runs of it encoded to UTF-8 in one
 * go, which is much faster than a small Buffer per diagnostic) and bytes already encoded.
 */
class ByteList {
  private readonly pieces: Buffer[] = [];
  private length = 0;
  private text: string[] = [];
  private textBytes = 0;

  /** Bytes so far. */
  get size(): number {
    return this.length + this.textBytes;
  }

  /** Text whose UTF-8 length the caller knows (ASCII: its length). */
  pushText(text: string, utf8Length: number): void {
    this.text.push(text);
    this.textBytes += utf8Length;
  }

  pushAscii(text: string): void {
    this.pushText(text, text.length);
  }

  push(bytes: Buffer): void {
    this.encodeText();
    this.pieces.push(bytes);
    this.length += bytes.length;
  }

  concat(): Buffer {
    this.encodeText();
    return Buffer.concat(this.pieces, this.length);
  }

  private encodeText(): void {
    if (this.text.length === 0) return;
    const bytes = Buffer.from(this.text.join(''), 'utf8');
    this.pieces.push(bytes);
    this.length += bytes.length;
    this.text = [];
    this.textBytes = 0;
  }
}

/** Where each diagnostic's bytes are in a publish's array JSON: [starts[i], ends[i]). */
interface Placement {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** A document's last publish: its diagnostics, the array's JSON, and where each diagnostic is in it. */
interface EncodedPublish {
  readonly diagnostics: readonly unknown[];
  readonly bytes: Buffer;
  /** Known when written piece by piece; found by scanning the bytes when written whole. */
  placement?: Placement;
}
const lastPublishes = new Map<string, EncodedPublish>();
/** Open dumps being edited; the least recently published goes first. */
const MAX_REMEMBERED_PUBLISHES = 8;
/** Small publishes are cheap to encode whole: not worth keeping. */
const MIN_REMEMBERED_DIAGNOSTICS = 200;
/** How far ahead in the last publish a diagnostic is looked for (those in between were removed). */
const LOOKAHEAD = 8;

/** The JSON array of a publish's diagnostics. */
function diagnosticsBytes(uri: string, diagnostics: readonly unknown[]): Buffer {
  const last = lastPublishes.get(uri);
  if (last === undefined) return firstPublishBytes(uri, diagnostics);
  const { starts: lastStarts, ends: lastEnds } = placementOf(last);
  const bytes = new ByteList();
  const starts = new Uint32Array(diagnostics.length);
  const ends = new Uint32Array(diagnostics.length);
  bytes.pushAscii('[');
  /** Diagnostics copied from the last publish in one piece (with the commas between them): [from, to) of its bytes, placed at `at`. */
  let run: { from: number; to: number; lastIndex: number; at: number } | undefined;
  const endRun = (): void => {
    if (run) bytes.push(last.bytes.subarray(run.from, run.to));
    run = undefined;
  };
  let next = 0;
  for (let i = 0; i < diagnostics.length; i++) {
    const found = indexAhead(last.diagnostics, diagnostics[i], next);
    if (found >= 0) next = found + 1;
    if (found >= 0 && run && found === run.lastIndex + 1) {
      run.to = lastEnds[found];
      run.lastIndex = found;
    } else {
      endRun();
      if (i > 0) bytes.pushAscii(',');
      if (found < 0) {
        starts[i] = bytes.size;
        diagnosticBytes(diagnostics[i], bytes);
        ends[i] = bytes.size;
        continue;
      }
      run = { from: lastStarts[found], to: lastEnds[found], lastIndex: found, at: bytes.size };
    }
    starts[i] = run.at + lastStarts[found] - run.from;
    ends[i] = run.at + lastEnds[found] - run.from;
  }
  endRun();
  bytes.pushAscii(']');
  const result = bytes.concat();
  remember(uri, diagnostics.length < MIN_REMEMBERED_DIAGNOSTICS ? undefined : { diagnostics, bytes: result, placement: { starts, ends } });
  return result;
}

/**
 * A document's first publish (an open: thousands of diagnostics, none to copy) in one
 * JSON.stringify, a third of the time of writing each diagnostic apart. Where each one is
 * in it is found by a scan, right after the message is sent, ready for the next publish.
 */
function firstPublishBytes(uri: string, diagnostics: readonly unknown[]): Buffer {
  const bytes = Buffer.from(JSON.stringify(diagnostics), 'utf8');
  if (diagnostics.length >= MIN_REMEMBERED_DIAGNOSTICS) {
    const publish: EncodedPublish = { diagnostics, bytes };
    remember(uri, publish);
    setImmediate(() => placementOf(publish)).unref();
  }
  return bytes;
}

function placementOf(publish: EncodedPublish): Placement {
  return (publish.placement ??= elementPlacement(publish.bytes, publish.diagnostics.length));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Where each of the `count` elements of a JSON array is, in JSON.stringify's UTF-8 (no
 * whitespace): between the commas at the array's own depth. Every byte of a multi-byte
 * UTF-8 character is ≥ 0x80, so the ASCII marks looked for are never part of one.
 */
function elementPlacement(json: Uint8Array, count: number): Placement {
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  let element = 0;
  let depth = 0;
  let inString = false;
  starts[0] = 1;
  for (let i = 1; i < json.length - 1; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
    else if (byte === COMMA && depth === 0) {
      ends[element++] = i;
      starts[element] = i + 1;
    }
  }
  if (count > 0) ends[element] = json.length - 1;
  return { starts, ends };
}

function indexAhead(items: readonly unknown[], item: unknown, from: number): number {
  const end = Math.min(items.length, from + LOOKAHEAD);
  for (let i = from; i < end; i++) if (items[i] === item) return i;
  return -1;
}

function remember(uri: string, publish: EncodedPublish | undefined): void {
  lastPublishes.delete(uri);
  if (publish === undefined) return;
  lastPublishes.set(uri, publish);
  if (lastPublishes.size > MAX_REMEMBERED_PUBLISHES) lastPublishes.delete(lastPublishes.keys().next().value!);
}

/** A diagnostic not in the last publish: JSON.stringify's own text, kept as text until the run of them is encoded at once. */
function diagnosticBytes(diagnostic: unknown, bytes: ByteList): void {
  const json = JSON.stringify(diagnostic) ?? 'null';
  bytes.pushText(json, Buffer.byteLength(json, 'utf8'));
}

/** An object JSON.stringify writes key by key: no array, no toJSON, no class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
