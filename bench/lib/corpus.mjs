// Builds the benchmark's dumps from the fixtures: the seeds and the outline cases, glued
// together with 1–3 blank lines between them, in a shuffled order, each copy with its
// Arabic digits permuted (so the copies of an article are different texts, as the
// articles of a real year of a paper are, and caches keyed on an article's text do not
// hit the way they would on verbatim repeats). Deterministic: the same seed gives the
// same bytes, so figures from two commits are measured on the same input.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the way the data is made changes: cached data of another version is rebuilt. */
export const CORPUS_VERSION = 1;

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same data everywhere. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, items) => items[Math.floor(random() * items.length)];
const between = (random, low, high) => low + Math.floor(random() * (high - low + 1));

function shuffled(random, items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** The fixture dumps as LF text without a BOM and without leading or trailing blank lines. */
export function loadPieces(root) {
  const folders = [join(root, 'test-fixtures', 'seeds'), join(root, 'test-fixtures', 'outline')];
  const pieces = [];
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt')).sort()) {
      const raw = readFileSync(join(folder, name), 'utf8');
      const text = raw
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n')
        .replace(/^\s*\n/, '')
        .replace(/\s+$/, '');
      pieces.push({ name: `${folder.endsWith('seeds') ? 'seeds' : 'outline'}/${name}`, text, seed: folder.endsWith('seeds') });
    }
  }
  if (pieces.length === 0) throw new Error(`no fixture dumps under ${folders.join(' and ')}`);
  return pieces;
}

/** The text with its digits 0–9 mapped through a random permutation: same shape, another text. */
export function permuteDigits(random, text) {
  const digits = shuffled(random, [...'0123456789']);
  return text.replace(/[0-9]/g, (digit) => digits[digit.charCodeAt(0) - 48]);
}

/** 1–3 blank lines, mostly 1 (as in the seeds), sometimes more (page and column joins). */
function separator(random) {
  const roll = random();
  return roll < 0.6 ? '\n\n' : roll < 0.9 ? '\n\n\n' : '\n\n\n\n';
}

/** One big dump of at least `targetBytes` UTF-8 bytes: rounds of all pieces in a shuffled order. */
export function bigDump(pieces, targetBytes, seed) {
  const random = prng(seed);
  const parts = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    for (const piece of shuffled(random, pieces)) {
      const part = permuteDigits(random, piece.text) + separator(random);
      parts.push(part);
      bytes += Buffer.byteLength(part);
      if (bytes >= targetBytes) break;
    }
  }
  return parts.join('').replace(/\n+$/, '\n');
}

/**
 * One ordinary, seed-sized dump (6–25 KB, as the seeds are): a seed or an outline case
 * first, then more pieces until the size is reached. Some are CRLF, some carry a BOM.
 */
export function ordinaryDump(pieces, random) {
  const target = between(random, 6_000, 25_000);
  const seeds = pieces.filter((piece) => piece.seed);
  const parts = [];
  let bytes = 0;
  let first = true;
  while (bytes < target) {
    const piece = first && random() < 0.6 ? pick(random, seeds) : pick(random, pieces);
    first = false;
    const part = permuteDigits(random, piece.text) + separator(random);
    parts.push(part);
    bytes += Buffer.byteLength(part);
  }
  let text = parts.join('').replace(/\n+$/, '\n');
  const layout = random();
  if (layout < 0.1) text = text.replace(/\n/g, '\r\n');
  if (random() < 0.05) text = `\uFEFF${text}`;
  return text;
}

function hashOf(value) {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/**
 * Writes (or reuses, when its manifest matches) the data of one run under `dataDir`:
 *   editor/dump-<size>.txt   the dump the editor figures are measured on
 *   large/dump-<size>.txt    the large dump (open, RSS, check)
 *   small/seed-sized.txt     a seed-sized dump for comparison
 *   folder-<n>/dump-NNNN.txt the folder of ordinary dumps for the CLI
 */
export function prepareData(root, dataDir, plan, log) {
  const pieces = loadPieces(root);
  const manifestKey = hashOf(JSON.stringify({ CORPUS_VERSION, plan, pieces: pieces.map((piece) => [piece.name, hashOf(piece.text)]) }));
  const manifestPath = join(dataDir, `manifest-${plan.name}.json`);
  const paths = {
    editor: join(dataDir, plan.name, 'editor', `dump-${plan.editorMB}MB.txt`),
    large: join(dataDir, plan.name, 'large', `dump-${plan.largeMB}MB.txt`),
    small: join(dataDir, plan.name, 'small', 'seed-sized.txt'),
    folder: join(dataDir, plan.name, `folder-${plan.folderFiles}`),
  };
  const reuse = existsSync(manifestPath) && JSON.parse(readFileSync(manifestPath, 'utf8')).key === manifestKey && Object.values(paths).every(existsSync);
  if (reuse) {
    log(`data: reusing ${join(dataDir, plan.name)} (manifest ${manifestKey})`);
  } else {
    const started = performance.now();
    rmSync(join(dataDir, plan.name), { recursive: true, force: true });
    for (const path of [paths.editor, paths.large, paths.small]) mkdirSync(join(path, '..'), { recursive: true });
    mkdirSync(paths.folder, { recursive: true });
    writeFileSync(paths.editor, bigDump(pieces, plan.editorMB * 1024 * 1024, 11));
    writeFileSync(paths.large, bigDump(pieces, plan.largeMB * 1024 * 1024, 50));
    const random = prng(1000);
    // The comparison dump: the size of the largest seed, made the same way.
    writeFileSync(paths.small, bigDump(pieces.filter((piece) => piece.seed), 24 * 1024, 7));
    for (let i = 1; i <= plan.folderFiles; i++) writeFileSync(join(paths.folder, `dump-${String(i).padStart(4, '0')}.txt`), ordinaryDump(pieces, random));
    writeFileSync(manifestPath, `${JSON.stringify({ key: manifestKey, plan }, null, 2)}\n`);
    log(`data: built ${join(dataDir, plan.name)} in ${((performance.now() - started) / 1000).toFixed(1)} s from ${pieces.length} fixture dumps`);
  }
  return paths;
}

/** Size facts of a dump, for the report. */
export function describeText(text) {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return { bytes: Buffer.byteLength(text), chars: text.length, lines };
}
