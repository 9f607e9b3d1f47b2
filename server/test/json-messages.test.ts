// The server's own JSON for its messages (transport/jsonMessages.ts) must read back exactly
// as JSON.stringify's would, for the diagnostics it writes fast and for everything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeDiagnosticsAhead, markStableItems, messageJson } from '../src/transport/jsonMessages';
import { Fuzz } from './support/random';

const ASTRAL = '𠮷';

function publish(diagnostics: unknown[], extra: Record<string, unknown> = {}): object {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d/月报.txt', version: 7, diagnostics, ...extra } };
}

function qaDiagnostic(line: number, message: string, severity = 2, code = 'ocr-break'): object {
  return { range: { start: { line, character: 3 }, end: { line: line + 2, character: 0 } }, severity, code, source: 'newsdump', message };
}

function assertSameJson(message: object): string {
  const json = messageJson(message);
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(message)));
  return json;
}

test('a publish of QA diagnostics reads back as JSON.stringify writes it, quotes, control characters and surrogates included', () => {
  assertSameJson(
    publish([
      qaDiagnostic(0, 'Paragraph cut in mid-sentence: 「…个人,」 | 「在征求…」'),
      qaDiagnostic(4, `a "quoted" \\ back\nslash\t${ASTRAL} and a lone \ud800 surrogate`),
      qaDiagnostic(9, 'same text, other rule', 1, 'stray-space'),
      qaDiagnostic(9, 'same text, other rule', 3, 'stray-space'),
    ]),
  );
  assertSameJson(publish([]));
  assertSameJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', diagnostics: [] } });
});

test('the same message text with another severity or rule is written with its own', () => {
  const first = JSON.parse(messageJson(publish([qaDiagnostic(1, 'one text')])));
  const second = JSON.parse(messageJson(publish([qaDiagnostic(1, 'one text', 1, 'article-boundary')])));
  assert.equal(first.params.diagnostics[0].severity, 2);
  assert.equal(second.params.diagnostics[0].severity, 1);
  assert.equal(second.params.diagnostics[0].code, 'article-boundary');
});

test('diagnostics of other shapes keep every field: data, tags, related information, odd values', () => {
  assertSameJson(
    publish([
      { ...qaDiagnostic(2, 'an entity hint'), severity: 4, code: 'untagged-entity', data: { kind: 'suggestion', type: 'PER', text: '杨宜锦', version: 3 } },
      { ...qaDiagnostic(3, 'tagged'), tags: [1] },
      { ...qaDiagnostic(5, 'no source'), source: undefined },
      { range: { start: { line: 1, character: 2, extra: true }, end: { line: 1, character: 4 } }, severity: 2, code: 'x', source: 'newsdump', message: 'm' },
      { range: { start: { line: Number.NaN, character: 2 }, end: { line: 1, character: 4 } }, severity: 2, code: 'x', source: 'newsdump', message: 'm' },
      { range: { start: { line: '1', character: 2 }, end: { line: 1, character: 4 } }, severity: 2, code: 'x', source: 'newsdump', message: 'm' },
      { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } }, severity: 2, code: 9, source: 'newsdump', message: 'numeric code' },
      null,
      'not an object',
      [1, 2],
    ]),
  );
});

test('a message property without JSON (undefined, a function) is left out, as JSON.stringify does', () => {
  const json = assertSameJson(publish([qaDiagnostic(1, 'm')], { version: undefined, note: () => 1 }));
  assert.ok(!json.includes('"version"'));
  assert.ok(!json.includes('"note"'));
});

function outlineSymbol(name: string, line: number): { name: string; kind: number; range: object; selectionRange: object; children: object[] } {
  const range = { start: { line, character: 0 }, end: { line: line + 3, character: 0 } };
  return { name, kind: 5, range, selectionRange: range, children: [{ name: `记者 ${name}`, kind: 7, range, selectionRange: range }] };
}

test('a stable list is written once: later sends reuse the text even when an item was changed (which callers must not do)', () => {
  const symbols = markStableItems([outlineSymbol(`标题${ASTRAL}`, 0), outlineSymbol('"引号"\\', 4)]);
  const first = assertSameJson({ jsonrpc: '2.0', id: 1, result: symbols });
  symbols[0].name = 'changed';
  const again = messageJson({ jsonrpc: '2.0', id: 2, result: symbols });
  assert.equal(JSON.parse(again).id, 2);
  assert.equal(JSON.parse(again).result[0].name, `标题${ASTRAL}`, 'the JSON of the first send');
  assert.notEqual(first, again);
  assertSameJson({ jsonrpc: '2.0', id: 3, result: markStableItems([]) });
});

test('the next version\'s list is written from the items it shares with the last one, and its own new ones', () => {
  const unchanged = outlineSymbol('不变', 0);
  const edited = outlineSymbol('旧标题', 4);
  assertSameJson({ jsonrpc: '2.0', id: 1, result: markStableItems([unchanged, edited]) });
  // An item is encoded once: written before, a shared item keeps its first text.
  unchanged.name = 'never sent';
  const next = [unchanged, outlineSymbol(`新标题${ASTRAL}`, 4), outlineSymbol('新文章', 9)];
  const written = JSON.parse(messageJson({ jsonrpc: '2.0', id: 2, result: markStableItems(next) }));
  assert.deepEqual(
    written.result.map((symbol: { name: string }) => symbol.name),
    ['不变', `新标题${ASTRAL}`, '新文章'],
  );
  assert.deepEqual(written.result.slice(1), JSON.parse(JSON.stringify(next.slice(1))));
});

test('results that are not marked stable are written afresh each time', () => {
  const hover = { contents: { kind: 'markdown', value: 'one' } };
  assertSameJson({ jsonrpc: '2.0', id: 3, result: hover });
  hover.contents.value = 'two';
  assert.equal(JSON.parse(messageJson({ jsonrpc: '2.0', id: 4, result: hover })).result.contents.value, 'two');
  for (const other of [
    { jsonrpc: '2.0', id: 5, result: null },
    { jsonrpc: '2.0', id: 'six', error: { code: -32800, message: 'cancelled' } },
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: `${ASTRAL}\u0000` } },
    { jsonrpc: '2.0', id: 7, method: 'workspace/configuration', params: { items: [{ section: 'newsdump' }] } },
  ]) {
    assertSameJson(other);
  }
});

test('random diagnostics: the fast JSON reads back as JSON.stringify writes it', () => {
  const fuzz = new Fuzz(Number(process.env.NEWSDUMP_FUZZ_SEED ?? 61));
  const pieces = ['本报讯', '"', '\\', '\n', '\u0001', ASTRAL, '\ud83d', '」', ' ', 'abc', '\u2028'];
  for (let round = 0; round < 50; round++) {
    const diagnostics = Array.from({ length: fuzz.int(40) }, () => {
      const message = Array.from({ length: fuzz.int(6) }, () => fuzz.pick(pieces)).join('');
      const line = fuzz.int(100_000);
      return qaDiagnostic(line, message, 1 + fuzz.int(4), fuzz.pick(['ocr-break', 'stray-space', 'jump-marker']));
    });
    assertSameJson(publish(diagnostics));
  }
});

test('a URI that holds the encoder\'s own stand-in text still comes out whole', () => {
  const message = publish([qaDiagnostic(1, 'm')]);
  (message as { params: { uri: string } }).params.uri = 'file:///\u0000newsdump-hole\u0000.txt';
  assertSameJson(message);
});

test('a publish that shares diagnostics with the last one of its document reads back whole, whatever changed between', () => {
  const fuzz = new Fuzz(Number(process.env.NEWSDUMP_FUZZ_SEED ?? 62));
  const uri = 'file:///d/edited.txt';
  const made = (n: number): object => qaDiagnostic(n, `problem ${n} ${ASTRAL}「」`, 1 + (n % 4), n % 2 ? 'ocr-break' : 'stray-space');
  let diagnostics: object[] = Array.from({ length: 400 }, (_, n) => made(n));
  for (let round = 0; round < 60; round++) {
    const next = [...diagnostics];
    for (let change = fuzz.int(5); change > 0; change--) {
      const at = fuzz.int(next.length + 1);
      const what = fuzz.int(4);
      if (what === 0) next.splice(at, 1 + fuzz.int(12));
      else if (what === 1) next.splice(at, 0, ...Array.from({ length: 1 + fuzz.int(3) }, () => made(1000 + fuzz.int(1000))));
      else if (what === 2) next.splice(at, 1, made(2000 + fuzz.int(1000)));
      else next.splice(at, 0, { ...qaDiagnostic(fuzz.int(50), 'an entity hint'), data: { kind: 'suggestion' } });
    }
    if (fuzz.chance(0.1)) next.reverse();
    diagnostics = next;
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: round, diagnostics } };
    assertSameJson(message);
    // The same array again, as a second publish of one version sends it.
    assertSameJson(message);
  }
  // Another document's publish does not borrow this one's bytes.
  assertSameJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d/other.txt', diagnostics: diagnostics.slice(3) } });
});

test('after a first publish written whole, the next one finds every diagnostic in it, whatever its text holds', () => {
  const fuzz = new Fuzz(Number(process.env.NEWSDUMP_FUZZ_SEED ?? 63));
  // What could fool a scan for the commas between diagnostics: JSON's own marks inside strings, escapes, nesting.
  const pieces = [',', '{', '}', '[', ']', '"', '\\', '\\"', '",{"range":', ASTRAL, '本报讯', '\u0000', ''];
  for (let round = 0; round < 20; round++) {
    const uri = `file:///d/first-${round}.txt`;
    const made = (n: number): object => {
      const message = Array.from({ length: fuzz.int(6) }, () => fuzz.pick(pieces)).join('');
      const diagnostic = qaDiagnostic(n, message);
      if (fuzz.chance(0.2)) return { ...diagnostic, data: { nested: [[message], { deeper: [message, 1, null] }], last: message.endsWith('\\') } };
      return diagnostic;
    };
    const first = Array.from({ length: 200 + fuzz.int(100) }, (_, n) => made(n));
    assertSameJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 1, diagnostics: first } });
    // The second publish copies nearly all of the first one's bytes: any misplaced boundary shows in its JSON.
    const second = [...first];
    second.splice(fuzz.int(second.length), 1, made(5000));
    const json = assertSameJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 2, diagnostics: second } });
    assert.equal(JSON.parse(json).params.diagnostics.length, second.length);
  }
});

test('a publish encoded ahead (during the debounce) is sent as written then: its messages are not read again', () => {
  let reads = 0;
  /** A diagnostic whose message is worded when read, as an ocr-break's is (UnwordedDiagnostic). */
  const worded = (line: number) => ({
    ...qaDiagnostic(line, ''),
    toJSON() {
      reads++;
      return qaDiagnostic(line, `worded on line ${line} ${ASTRAL}`);
    },
  });
  const diagnostics = Array.from({ length: 300 }, (_, line) => worded(line));
  encodeDiagnosticsAhead('file:///d/ahead.txt', diagnostics);
  assert.equal(reads, 300, 'worded when encoded');
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d/ahead.txt', version: 2, diagnostics } };
  const json = messageJson(message);
  assert.equal(reads, 300, 'not read again when sent');
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(message)));

  // Another array (a copy, or the next publish) is written anew, copying what it can.
  const nextMessage = { ...message, params: { ...message.params, diagnostics: [worded(999), ...diagnostics.slice(1)] } };
  reads = 0;
  const nextJson = messageJson(nextMessage);
  assert.equal(reads, 1, 'only the new diagnostic is written');
  assert.deepEqual(JSON.parse(nextJson), JSON.parse(JSON.stringify(nextMessage)));
});
