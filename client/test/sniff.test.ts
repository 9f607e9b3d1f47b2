// Content sniffing: every real dump is recognised, ordinary text is left alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeHead, SNIFF_HEAD_SIZE, sniffDump } from '../src/sniff';

const ROOT = resolve(__dirname, '..', '..', '..');
const SEEDS = join(ROOT, 'test-fixtures', 'seeds');
const OUTLINE_CASES = join(ROOT, 'test-fixtures', 'outline');
const NOT_DUMPS = join(ROOT, 'client', 'test', 'fixtures', 'not-dumps');
/** People's Daily dumps of 1946 (another paper, another decade); kept outside the repository. */
const BENCH = join(ROOT, '..', 'shared', 'bench', 'rmrb');

function txtFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(folder, name));
}

function sniffFile(path: string): ReturnType<typeof sniffDump> {
  const text = decodeHead(readFileSync(path));
  assert.ok(text !== undefined, `${path} should decode`);
  return sniffDump(text);
}

describe('sniffDump recognises dumps', () => {
  const seeds = txtFiles(SEEDS);
  test('there are seed dumps to check', () => assert.ok(seeds.length >= 5));
  for (const path of seeds) {
    test(`seed ${path.slice(SEEDS.length + 1)}`, () => {
      const result = sniffFile(path);
      assert.ok(result.isDump, result.reason);
    });
  }

  for (const path of txtFiles(OUTLINE_CASES)) {
    test(`outline case ${path.slice(OUTLINE_CASES.length + 1)}`, () => {
      const result = sniffFile(path);
      assert.ok(result.isDump, result.reason);
    });
  }

  const bench = existsSync(BENCH) ? txtFiles(BENCH) : [];
  for (const path of bench) {
    test(`bench ${path.slice(BENCH.length + 1)} (full-width punctuation, agency datelines, CRLF, BOM)`, () => {
      const result = sniffFile(path);
      assert.ok(result.isDump, result.reason);
    });
  }

  test('the line-layout seed (no 本报讯, no byline) is recognised by its shape alone', () => {
    const result = sniffFile(join(SEEDS, '003_447fc06111f63b44.txt'));
    assert.ok(result.isDump, result.reason);
    assert.equal(result.signals.leads + result.signals.bylines + result.signals.datelines, 0);
  });

  test('CRLF line ends and a BOM change nothing', () => {
    const lf = readFileSync(join(SEEDS, '002_ec0d75b02129a70c.txt'), 'utf8');
    const crlf = `\ufeff${lf.replace(/\n/g, '\r\n')}`;
    const a = sniffDump(lf);
    const b = sniffDump(crlf);
    assert.ok(b.isDump, b.reason);
    assert.deepEqual(b.signals, a.signals);
  });

  test('a GB18030 dump decodes and is recognised', (t) => {
    // 本报讯 记者 in GB18030, then ASCII: enough to prove the fallback decoder runs.
    const gb = Uint8Array.from([0xb1, 0xbe, 0xb1, 0xa8, 0xd1, 0xb6]);
    const decoded = decodeHead(gb);
    if (decoded === undefined) {
      t.skip('this Node has no GB18030 decoder (small ICU)');
      return;
    }
    assert.equal(decoded, '本报讯');
  });

  test('a monthly dump is judged on its head only, and a line cut at the limit is not counted', () => {
    const seed = readFileSync(join(SEEDS, '004_2037477c42b4a3c4.txt'), 'utf8');
    let big = seed;
    while (big.length < SNIFF_HEAD_SIZE * 3) big += `\n\n${seed}`;
    const started = process.hrtime.bigint();
    const result = sniffDump(big);
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(result.isDump, result.reason);
    assert.ok(millis < 500, `sniffing took ${millis} ms`);
    // A title-like fragment of a line cut by the limit is dropped.
    const cut = sniffDump(`${seed}\n\n短短的半行`, true);
    assert.equal(cut.signals.titleBlocks, sniffDump(seed).signals.titleBlocks);
  });

  test('a small dump with one 本报讯 lead and a byline', () => {
    const text = [
      '',
      '',
      '金水区启动夏季防汛演练',
      '',
      '本报讯(记者 陈锋)7月12日上午,金水区在贾鲁河沿线组织夏季防汛应急演练,区应急管理局、水利局、各街道办事处参加,检验了预警发布、人员转移和抢险救援各环节的衔接。',
      '',
      '记者 陈锋 通讯员 李杨',
    ].join('\n');
    const result = sniffDump(text);
    assert.ok(result.isDump, result.reason);
    assert.equal(result.signals.leads, 1);
    assert.equal(result.signals.bylines, 1);
  });
});

describe('sniffDump leaves ordinary text alone', () => {
  const samples = readdirSync(NOT_DUMPS).sort();
  test('there are negative samples', () => assert.ok(samples.length >= 4));
  for (const name of samples) {
    test(name, () => {
      const result = sniffFile(join(NOT_DUMPS, name));
      assert.equal(result.isDump, false, result.reason);
    });
  }

  test('a diary whose entries open with dates', () => {
    const text = [
      '7月12日 晴',
      '',
      '7月12日,早上六点就醒了。窗外的知了叫个不停,我躺着听了很久,想起小时候在外婆家的院子里捉知了的事情,一晃二十年过去了,院子早已经拆了。',
      '',
      '7月13日 阴',
      '',
      '7月13日,下午去图书馆还书,顺路买了两斤桃子。卖桃的老人说今年雨水多,桃子不够甜,我尝了一个,倒觉得正好,比城里超市卖的好吃多了。',
      '',
      '7月14日 雨',
      '',
      '7月14日,雨下了一整天,哪儿也没去。把抽屉里的旧照片翻出来整理了一遍,有几张已经发黄,背面的字也看不清了,只好凭记忆一张一张补上日期。',
    ].join('\n');
    const result = sniffDump(text);
    assert.equal(result.isDump, false, result.reason);
  });

  test('a story that quotes one newspaper lead', () => {
    const text = [
      '第三章 剪报',
      '',
      '她把那张发黄的剪报摊在桌上,用手掌轻轻抚平。纸很脆,折痕的地方已经裂开了,上面的字却还清楚。',
      '',
      '本报讯 昨日,一名少年在河边救起落水儿童后悄然离去。',
      '',
      '她读了一遍又一遍,直到窗外的天色暗下来。那个少年是谁,她找了整整三十年,如今终于有了一点眉目,心里反倒害怕起来,不知道该不该继续找下去。',
    ].join('\n');
    const result = sniffDump(text);
    assert.equal(result.isDump, false, result.reason);
  });

  test('empty, whitespace-only and very short texts', () => {
    for (const text of ['', '\n\n\n', '　　', '本报讯', '记者 杨宜锦']) {
      assert.equal(sniffDump(text).isDump, false, JSON.stringify(text));
    }
  });

  test('binary data does not decode', () => {
    assert.equal(decodeHead(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01])), undefined);
  });
});

describe('decodeHead', () => {
  test('UTF-8 with and without a BOM', () => {
    const bytes = Buffer.from('本报讯 7月12日', 'utf8');
    assert.equal(decodeHead(bytes), '本报讯 7月12日');
    assert.equal(decodeHead(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])), '本报讯 7月12日');
  });

  test('a character cut at the end of the head is dropped, not an error', () => {
    const bytes = Buffer.from('本报讯', 'utf8');
    assert.equal(decodeHead(bytes.subarray(0, bytes.length - 1)), '本报');
  });

  test('UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('本报讯', 'utf16le')]);
    assert.equal(decodeHead(le), '本报讯');
  });
});
