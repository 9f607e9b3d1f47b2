// A long editing session against the real server over stdio: thousands of seeded random
// edits (typing, deleting, pasting, undo, edits that cut into tagged names), saves, tag
// actions through the server's own code actions, and drift fixes, on a copy of a seed.
// The oracle is kept here, from what each action says it did: the number of tags. At every
// checkpoint and at the end, the saved .ann holds exactly that many tags, each on its text
// in the saved .txt (code points) or flagged as drift by the server, and the server's
// memory has not kept growing.
// NEWSDUMP_SOAK_EDITS=20000 for a longer run; NEWSDUMP_SOAK_SEED=<n> to replay one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol, Range } from 'vscode-languageserver/node';
import { LspSession, REPO_ROOT, positionAt, type OffsetEdit } from './support/lspSession';
import { randomSource } from './support/random';
import { bratLines } from './support/bratLines';

const EDITS = Number(process.env.NEWSDUMP_SOAK_EDITS ?? 4000);
const SEED = Number(process.env.NEWSDUMP_SOAK_SEED ?? 20241122);
const CHECKPOINT_EVERY = 500;
/** Above this many tags, actions lean to removing: the session stays a plausible one, and memory is compared at like sizes. */
const MANY_TAGS = 100;
const SEED_DUMP = join(REPO_ROOT, 'test-fixtures', 'seeds', '000_136616f476cb0ed9.txt');
const NAMES = ['安伟', '陈锋', '孙亚文', '郑州', '市委书记', '郑州晚报', '文明城市', '新郑'];
const TYPED = ['安伟', '郑州', '的', '在', '发展', '城市', ',', '。', '、', ' ', '\n', '\n\n', '𠮷', '“', '”', '记者 李娜', '(上接一版)', '本报讯 ', '市长'];

/** UTF-16 offset of an LSP position, lines ending at \n (the soak never types \r). */
function offsetOf(text: string, position: Range['start']): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

test('soak: random edits, saves and tag actions keep every tag on its text or flagged, none lost, memory bounded', { timeout: 600_000 }, async () => {
  const random = randomSource(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

  const scratch = mkdtempSync(join(tmpdir(), 'newsdump-soak-'));
  const txt = join(scratch, 'dump.txt');
  const annPath = join(scratch, 'dump.ann');
  copyFileSync(SEED_DUMP, txt);
  const uri = pathToFileURL(txt).toString();
  // Every spliced parse is compared with a whole parse of the same text; a difference is logged (and the whole one used).
  const session = await LspSession.start({ cwd: scratch, rootUri: pathToFileURL(scratch).toString(), env: { NEWSDUMP_CHECK_INCREMENTAL: '1' } });
  const started = Date.now();
  const counts = { edits: 0, events: 0, undos: 0, saves: 0, roundTrips: 0, checkpoints: 0, driftFixes: 0, refused: 0, tags: new Map<string, number>() };
  const rss: { warm?: number; end?: number; max: number; checkpoints: number[] } = { max: 0, checkpoints: [] };
  /** The number of tags the dump should have, from what each action reported. */
  let expected = 0;
  let undo: OffsetEdit | undefined;
  const originalLength = readFileSync(txt, 'utf8').length;

  try {
    await session.open(uri, { path: txt });
    await session.diagnostics(uri);

    const text = (): string => session.text(uri);
    /** Never between the two halves of a surrogate pair. */
    const safe = (offset: number, within = text()): number => {
      const code = within.charCodeAt(offset);
      return code >= 0xdc00 && code <= 0xdfff ? offset + 1 : offset;
    };
    const sample = (): void => {
      const now = session.rssKb() ?? 0;
      rss.max = Math.max(rss.max, now);
    };

    async function soundTags(): Promise<{ type: string; text: string; range: Range }[]> {
      const answer = (await session.request('newsdump/entities', { uri })) as { version: number; entities: { type: string; text: string; range: Range; source: string }[] };
      assert.equal(answer.version, session.version(uri), 'the entities of the current version');
      return answer.entities.filter((entity) => entity.source === 'annotation');
    }

    /** Somewhere to edit: anywhere, or in or next to a name (where tags are, so edits cut into them). */
    function spot(current: string): number {
      if (random() < 0.4) {
        const name = pick(NAMES);
        const at = current.indexOf(name, between(0, current.length));
        if (at >= 0) return safe(at + between(0, name.length), current);
      }
      return safe(between(0, current.length), current);
    }

    async function edit(): Promise<void> {
      const current = text();
      if (undo && random() < 0.12) {
        await session.change(uri, undo);
        undo = undefined;
        counts.undos++;
        counts.edits++;
        counts.events++;
        return;
      }
      const changes: OffsetEdit[] = [];
      let working = current;
      const many = random() < 0.15 ? between(2, 3) : 1;
      for (let i = 0; i < many; i++) {
        const grow = working.length < originalLength * 0.7 ? 0.8 : working.length > originalLength * 1.5 ? 0.2 : 0.5;
        const start = spot(working);
        const deleting = random() > grow;
        let end = deleting ? Math.min(working.length, start + between(1, 8)) : random() < 0.2 ? Math.min(working.length, start + between(1, 3)) : start;
        const code = working.charCodeAt(end);
        if (code >= 0xdc00 && code <= 0xdfff) end++;
        const inserted = deleting ? '' : pick(TYPED);
        changes.push({ start, end, text: inserted });
        working = working.slice(0, start) + inserted + working.slice(end);
      }
      undo = many === 1 ? { start: changes[0].start, end: changes[0].start + changes[0].text.length, text: current.slice(changes[0].start, changes[0].end) } : undefined;
      await session.change(uri, ...changes);
      counts.edits += changes.length;
      counts.events++;
    }

    async function actionsAt(range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
      return ((await session.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } })) ?? []) as CodeAction[];
    }

    /** Runs a command and returns what the server told the user meanwhile. */
    async function run(action: CodeAction): Promise<string[]> {
      const told = session.messages.length;
      await session.request('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
      return session.messages.slice(told).map((message) => message.message);
    }

    async function tagAction(): Promise<void> {
      const current = text();
      let range: Range;
      const crowded = expected > MANY_TAGS;
      const tagged = random() < (crowded ? 0.8 : 0.3) ? await soundTags() : [];
      if (tagged.length > 0) {
        // On a tag: remove it, change its type, tag the others.
        range = pick(tagged).range;
      } else {
        let start: number;
        let length: number;
        const name = pick(NAMES);
        const at = current.indexOf(name, between(0, current.length));
        if (at >= 0 && random() < 0.7) [start, length] = [at, name.length];
        else [start, length] = [safe(between(0, current.length - 4)), between(2, 4)];
        const end = safe(Math.min(current.length, start + length));
        range = { start: positionAt(current, start), end: positionAt(current, end) };
      }
      const actions = (await actionsAt(range)).filter((action) => action.kind === 'refactor.newsdump.tag');
      if (actions.length === 0) return;
      // Tag-all now and then: one adds dozens of tags.
      const single = actions.filter((action) => !action.title.startsWith('Tag all'));
      const removal = actions.filter((action) => action.title.startsWith('Remove tag'));
      const action = crowded && removal.length > 0 ? removal[0] : pick(single.length > 0 && random() < 0.75 ? single : actions);
      const kind = action.title.replace(/「[^」]*」/, '…').replace(/ (as|to) .*$/, ' $1 TYPE').replace(/ \(.*\)$/, '');
      const before = (await soundTags()).length;
      const told = await run(action);
      const after = (await soundTags()).length;
      const refused = told.some((message) => /not tagged|there is no tag|stays:|not one of/.test(message));
      let delta: number;
      if (refused) delta = 0;
      else if (action.title.startsWith('Tag all')) {
        const tagged = told.map((message) => /tagged (\d+) 「/.exec(message)).find(Boolean);
        assert.ok(tagged, `tag-all says how many: ${told.join(' | ')}`);
        delta = Number(tagged[1]);
      } else if (action.title.startsWith('Tag ')) delta = 1;
      else if (action.title.startsWith('Remove tag')) delta = -1;
      else delta = 0; // Change 「…」 to …
      if (refused) counts.refused++;
      assert.equal(after - before, delta, `${action.title} changed the tags by ${after - before}; told: ${told.join(' | ')}`);
      expected += delta;
      counts.tags.set(kind, (counts.tags.get(kind) ?? 0) + 1);
    }

    async function save(): Promise<void> {
      await session.save(uri);
      counts.saves++;
    }

    /** Saved .txt and .ann agree with the oracle; drifted tags are the ones the server flags. */
    async function checkpoint(final: boolean): Promise<void> {
      await save();
      const published = await session.diagnostics(uri, { timeoutMs: 30_000 });
      const drift = published.diagnostics.filter((d) => d.code === 'annotation-drift');
      const driftIds = new Set(drift.map((d) => (d.data as { id: string }).id));
      const sound = await soundTags();
      assert.equal(sound.length + driftIds.size, expected, `tags in the editor: ${sound.length} sound + ${driftIds.size} drifted, expected ${expected}`);
      const saved = text();
      assert.equal(readFileSync(txt, 'utf8'), saved);
      // The .ann is written after the save, asynchronously: wait until it holds every tag.
      const lines = await session.waitFor(
        `${expected} tags in the .ann`,
        () => {
          const read = existsSync(annPath) ? bratLines(readFileSync(annPath, 'utf8')) : [];
          return read.length === expected ? read : undefined;
        },
        10_000,
      );
      assert.equal(new Set(lines.map((line) => line.id)).size, lines.length, 'ids are unique');
      const codePoints = [...saved];
      for (const line of lines) {
        const fits = codePoints.slice(line.start, line.end).join('') === line.text;
        assert.ok(fits || driftIds.has(line.id), `${line.id} ${line.type} 「${line.text}」 at ${line.start}-${line.end} covers 「${codePoints.slice(line.start, line.end).join('')}」 and is not flagged`);
      }
      for (const tag of sound) {
        const start = [...saved.slice(0, offsetOf(saved, tag.range.start))].length;
        const end = [...saved.slice(0, offsetOf(saved, tag.range.end))].length;
        assert.ok(lines.some((line) => line.type === tag.type && line.start === start && line.end === end && line.text === tag.text), `the editor's ${tag.type} 「${tag.text}」 is in the .ann at ${start}-${end}`);
      }
      counts.checkpoints++;
      if (final) return;
      // Fix a drifted tag now and then, as a user would from the light bulb.
      const crowded = expected > MANY_TAGS;
      for (const diagnostic of drift.slice(0, crowded ? 40 : 2)) {
        const fixes = (await actionsAt(diagnostic.range, [diagnostic])).filter((action) => action.kind === 'quickfix' && action.diagnostics?.[0]?.code === 'annotation-drift');
        if (fixes.length === 0) continue;
        const fix = crowded ? fixes[fixes.length - 1] : pick(fixes);
        const told = await run(fix);
        const failed = told.some((message) => /no longer there|not in its article|occurs \d+ times|there is no tag/.test(message));
        if (fix.title.startsWith('Drop') && !failed) expected--;
        counts.driftFixes++;
      }
    }

    for (let step = 0; counts.edits < EDITS; step++) {
      const roll = random();
      if (roll < 0.07) await tagAction();
      else if (roll < 0.09) await save();
      else await edit();
      if (step % 40 === 39) {
        // A round trip now and then: the server keeps up and still answers.
        const symbols = (await session.request('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[] | null;
        assert.ok(Array.isArray(symbols), 'an outline');
        counts.roundTrips++;
        sample();
      }
      if (step % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) {
        await checkpoint(false);
        sample();
        rss.checkpoints.push(session.rssKb() ?? 0);
        if (rss.warm === undefined) rss.warm = session.rssKb();
      }
    }
    await checkpoint(true);
    rss.end = session.rssKb();
    sample();

    // Read back from disk in a fresh open: nothing is lost on the way.
    const savedTags = bratLines(readFileSync(annPath, 'utf8')).length;
    await session.close(uri);
    const since = session.published.length;
    await session.open(uri, { path: txt });
    const reopened = await session.diagnostics(uri, { since, check: (params) => params.diagnostics.length > 0 });
    const driftAfter = reopened.diagnostics.filter((d) => d.code === 'annotation-drift').length;
    assert.equal((await soundTags()).length + driftAfter, savedTags, 'reopened: every tag of the .ann, sound or flagged');

    const tagKinds = [...counts.tags].map(([kind, count]) => `${kind} ×${count}`).join(', ');
    console.log(
      `soak (seed ${SEED}): ${counts.edits} edits in ${counts.events} didChange events (${counts.undos} undos), ${counts.saves} saves, ` +
        `${[...counts.tags.values()].reduce((a, b) => a + b, 0)} tag actions (${counts.refused} refused: ${tagKinds}), ${counts.driftFixes} drift fixes, ` +
        `${counts.roundTrips} round trips, ${counts.checkpoints} checkpoints; ${expected} tags at the end (${driftAfter} flagged after reopening); ` +
        `RSS ${Math.round((rss.warm ?? 0) / 1024)} MB after warm-up, ${Math.round((rss.end ?? 0) / 1024)} MB at the end, ${Math.round(rss.max / 1024)} MB at most ` +
        `(MB at each checkpoint: ${rss.checkpoints.map((kb) => Math.round(kb / 1024)).join(' ')}); ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (rss.warm !== undefined && rss.end !== undefined) {
      // Caches fill up (parses, suggestions per article, jieba's learnt words); a leak grows with every edit.
      const allowed = rss.warm * 1.5 + 64 * 1024;
      assert.ok(rss.end < allowed, `RSS grew from ${rss.warm} kB after warm-up to ${rss.end} kB`);
    }
    assert.ok(session.alive, session.stderr);
    const mismatches = session.logs.filter((log) => log.message.includes('spliced parse differs'));
    assert.deepEqual(mismatches, [], 'a spliced parse differed from the whole parse');
  } finally {
    session.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
});
