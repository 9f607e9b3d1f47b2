// The .ann next to a .txt is an annotator's work. A save that fails must leave the
// previous file whole and say why (not throw); a .ann we cannot read is reported and never
// written over; one changed on disk since it was read (git, another tool) is not clobbered.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { annPathFor, nodeFileSystem, readAnn, saveAnn, writeAnnAtomic, type AnnFileSystem } from '../src/entities/annStorage';
import { AnnotationSet } from '../src/entities/annotationSet';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'test-fixtures', 'annotations');
const ANN = 'T1\tPER 2 4\t何雄\nR1\tSays Arg1:T1 Arg2:T1\n';
const TEXT = '市长何雄出席。\n';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'newsdump-ann-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A dump with its .ann on disk. */
function dumpWithAnn(ann: string | Buffer = ANN): { txt: string; ann: string } {
  const txt = join(folder, 'page.txt');
  writeFileSync(txt, TEXT);
  writeFileSync(join(folder, 'page.ann'), ann);
  return { txt, ann: join(folder, 'page.ann') };
}

/** The node file system with one operation replaced. */
function failing(operation: keyof AnnFileSystem, make: (original: AnnFileSystem) => AnnFileSystem[typeof operation]): AnnFileSystem {
  return { ...nodeFileSystem, [operation]: make(nodeFileSystem) };
}

const diskFull = (): Error => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('where the .ann is', () => {
  test('next to the text, with its extension replaced', () => {
    assert.equal(annPathFor(join('papers', '2024', 'zzrb-0712.txt')), join('papers', '2024', 'zzrb-0712.ann'));
    assert.equal(annPathFor(join('papers', 'page.dump')), join('papers', 'page.ann'));
    assert.equal(annPathFor(join('papers', 'page')), join('papers', 'page.ann'));
  });
});

describe('reading', () => {
  test('a missing .ann is an empty one that can be created', async () => {
    const txt = join(folder, 'page.txt');
    writeFileSync(txt, TEXT);
    const loaded = await readAnn(txt);
    assert.equal(loaded.exists, false);
    assert.equal(loaded.problem, undefined);
    const set = AnnotationSet.fromAnn(loaded.file, TEXT);
    assert.ok('annotation' in set.add('PER', 2, 4, TEXT));
    const saved = await saveAnn(loaded, set.toAnn(TEXT));
    assert.deepEqual(saved.ok, true);
    assert.equal(readFileSync(join(folder, 'page.ann'), 'utf8'), 'T1\tPER 2 4\t何雄\n');
    assert.deepEqual(readdirSync(folder).sort(), ['page.ann', 'page.txt'], 'no temp file left behind');
  });

  for (const name of ['crlf-no-final-newline', 'bom']) {
    test(`${name}.ann read and saved unchanged keeps every byte`, async () => {
      const txt = join(folder, `${name}.txt`);
      copyFileSync(join(FIXTURES, `${name}.txt`), txt);
      copyFileSync(join(FIXTURES, `${name}.ann`), join(folder, `${name}.ann`));
      const loaded = await readAnn(txt);
      assert.equal(loaded.problem, undefined);
      const text = readFileSync(txt, 'utf8').replace(/^\ufeff/, '');
      const saved = await saveAnn(loaded, AnnotationSet.fromAnn(loaded.file, text).toAnn(text));
      assert.equal(saved.ok, true);
      assert.deepEqual(readFileSync(join(folder, `${name}.ann`)), readFileSync(join(FIXTURES, `${name}.ann`)));
    });
  }

  test('a .ann that cannot be read (a folder in its place) is reported and never written over', async () => {
    const txt = join(folder, 'page.txt');
    writeFileSync(txt, TEXT);
    mkdirSync(join(folder, 'page.ann'));
    writeFileSync(join(folder, 'page.ann', 'keep.txt'), 'x');
    const loaded = await readAnn(txt);
    assert.match(loaded.problem ?? '', /cannot read page\.ann: it is a folder/);
    const saved = await saveAnn(loaded, ANN);
    assert.equal(saved.ok, false);
    assert.deepEqual(readdirSync(join(folder, 'page.ann')), ['keep.txt']);
  });

  test('a .ann that is not UTF-8 is reported and left byte for byte', async () => {
    const gbk = Buffer.from([0x54, 0x31, 0x09, 0xba, 0xce, 0xd0, 0xdb, 0x0a]); // T1\t何雄 in GBK
    const { txt, ann } = dumpWithAnn(gbk);
    const loaded = await readAnn(txt);
    assert.match(loaded.problem ?? '', /not UTF-8/);
    const saved = await saveAnn(loaded, ANN);
    assert.match(saved.ok ? '' : saved.error, /^not saved: page\.ann is not UTF-8/, 'the user is told why');
    assert.deepEqual(readFileSync(ann), gbk);
  });
});

describe('saving', () => {
  test('a save replaces the file and the next save works from what was written', async () => {
    const { txt, ann } = dumpWithAnn();
    const loaded = await readAnn(txt);
    const first = await saveAnn(loaded, `${ANN}T2\tLOC 0 2\t市长\n`);
    assert.ok(first.ok);
    const second = await saveAnn(first.loaded, ANN);
    assert.ok(second.ok, 'not refused as "changed on disk": it was our own save');
    assert.equal(readFileSync(ann, 'utf8'), ANN);
  });

  test('when the rename fails, the previous .ann survives, the error is returned and no temp file is left', async () => {
    const { txt, ann } = dumpWithAnn();
    const loaded = await readAnn(txt);
    const files = failing('rename', () => async () => {
      throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    });
    const saved = await saveAnn(loaded, 'T1\tPER 0 2\t市长\n', files);
    assert.equal(saved.ok, false);
    assert.match(saved.ok ? '' : saved.error, /cannot write page\.ann: EXDEV/);
    assert.equal(readFileSync(ann, 'utf8'), ANN);
    assert.deepEqual(readdirSync(folder).sort(), ['page.ann', 'page.txt']);
  });

  test('when the disk fills up halfway through the temp file, the previous .ann survives', async () => {
    const { txt, ann } = dumpWithAnn();
    const loaded = await readAnn(txt);
    const files = failing('createSynced', (original) => async (path, data, mode) => {
      await original.createSynced(path, data.subarray(0, 5), mode);
      throw diskFull();
    });
    const saved = await saveAnn(loaded, 'T1\tPER 0 2\t市长\n', files);
    assert.deepEqual(saved, { ok: false, error: 'cannot write page.ann: no space left on the device' });
    assert.equal(readFileSync(ann, 'utf8'), ANN);
    assert.deepEqual(readdirSync(folder).sort(), ['page.ann', 'page.txt']);
  });

  test('a folder that does not exist: an error, not an exception', async () => {
    const result = await writeAnnAtomic(join(folder, 'gone', 'page.ann'), ANN);
    assert.deepEqual(result, { ok: false, error: 'cannot write page.ann: no such file or folder' });
  });

  test('a folder in the place of the .ann stays as it was', async () => {
    const target = join(folder, 'page.ann');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'x');
    const result = await writeAnnAtomic(target, ANN);
    assert.equal(result.ok, false);
    assert.deepEqual(readdirSync(target), ['keep.txt']);
    assert.deepEqual(readdirSync(folder), ['page.ann'], 'no temp file left behind');
  });

  test('a .ann changed on disk since it was read (git checkout) is not overwritten', async () => {
    const { txt, ann } = dumpWithAnn();
    const loaded = await readAnn(txt);
    writeFileSync(ann, `${ANN}T9\tORG 0 2\t市长\n`);
    const saved = await saveAnn(loaded, 'T1\tPER 2 4\t何雄\n');
    assert.deepEqual(saved, { ok: false, error: 'not saved: page.ann changed on disk since it was read', changedOnDisk: true });
    assert.equal(readFileSync(ann, 'utf8'), `${ANN}T9\tORG 0 2\t市长\n`);
  });

  test('a .ann created by someone else since a missing one was read is not overwritten', async () => {
    const txt = join(folder, 'page.txt');
    writeFileSync(txt, TEXT);
    const loaded = await readAnn(txt);
    writeFileSync(join(folder, 'page.ann'), ANN);
    assert.equal((await saveAnn(loaded, 'T1\tPER 0 2\t市长\n')).ok, false);
    assert.equal(readFileSync(join(folder, 'page.ann'), 'utf8'), ANN);
  });

  test('the permissions of the previous .ann are kept', { skip: process.platform === 'win32' }, async () => {
    const { txt, ann } = dumpWithAnn();
    chmodSync(ann, 0o640);
    const saved = await saveAnn(await readAnn(txt), 'T1\tPER 0 2\t市长\n');
    assert.ok(saved.ok);
    assert.equal(statSync(ann).mode & 0o777, 0o640);
  });

  test('in a read-only folder the previous .ann survives', { skip: process.platform === 'win32' || process.getuid?.() === 0 ? 'root and Windows ignore the folder mode' : false }, async () => {
    const { txt, ann } = dumpWithAnn();
    const loaded = await readAnn(txt);
    chmodSync(folder, 0o555);
    try {
      const saved = await saveAnn(loaded, 'T1\tPER 0 2\t市长\n');
      assert.deepEqual(saved, { ok: false, error: 'cannot write page.ann: permission denied' });
    } finally {
      chmodSync(folder, 0o755);
    }
    assert.equal(readFileSync(ann, 'utf8'), ANN);
  });
});
