// Teaching nodejieba tagged names. Teaching is process-wide and cannot be undone: node --test
// runs each test file in its own process, so this file keeps it away from the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { teachSegmenter, type JiebaTeacher } from '../src/entities/jiebaTeach';
import { suggestEntities } from '../src/entities/suggestions';

function recordingTeacher(): JiebaTeacher & { calls: [string, string | undefined][] } {
  const calls: [string, string | undefined][] = [];
  return {
    calls,
    insertWord(word: string, tag?: string) {
      calls.push([word, tag]);
      return true;
    },
  };
}

test('teachSegmenter gives each type its jieba tag and skips what jieba cannot learn', () => {
  const teacher = recordingTeacher();
  const result = teachSegmenter(
    [
      { text: '杨宜锦', type: 'PER' },
      { text: '金水区', type: 'LOC' },
      { text: '郑州市委', type: 'ORG' },
      { text: '林 海', type: 'PER' }, // white space inside
      { text: '何', type: 'PER' }, // one character
      { text: '讲话', type: 'Event' }, // not an entity type
      { text: '杨宜锦', type: 'PER' }, // already taught
    ],
    teacher,
  );
  assert.deepEqual(teacher.calls, [
    ['杨宜锦', 'nr'],
    ['金水区', 'ns'],
    ['郑州市委', 'nt'],
  ]);
  assert.deepEqual(result, { taught: 3, skipped: 4 });
  assert.deepEqual(teachSegmenter([{ text: '杨宜锦', type: 'PER' }], teacher), { taught: 0, skipped: 1 });
});

test('a teacher that refuses or throws counts the name as skipped', () => {
  const refusing: JiebaTeacher = { insertWord: () => false };
  const throwing: JiebaTeacher = {
    insertWord: () => {
      throw new Error('boom');
    },
  };
  assert.deepEqual(teachSegmenter([{ text: '安伟', type: 'PER' }], refusing), { taught: 0, skipped: 1 });
  assert.deepEqual(teachSegmenter([{ text: '安伟', type: 'PER' }], throwing), { taught: 0, skipped: 1 });
});

const { segmenter, problem } = loadJiebaSegmenter();

test('after teaching, jieba keeps a tagged name whole and the suggestions read it', { skip: segmenter ? false : problem }, () => {
  const line = '记者 杨宜锦 文/图 报道了姬瑛蕾调研';
  const before = segmenter!.tag!(line).map((w) => w.word);
  assert.ok(!before.includes('杨宜锦'), `jieba already knows 杨宜锦: ${before.join('|')}`);

  const result = teachSegmenter([
    { text: '杨宜锦', type: 'PER' },
    { text: '姬瑛蕾', type: 'PER' },
  ]);
  assert.equal(result.problem, undefined);
  const after = segmenter!.tag!(line);
  assert.deepEqual(
    after.filter((w) => w.word === '杨宜锦' || w.word === '姬瑛蕾'),
    [
      { word: '杨宜锦', tag: 'nr' },
      { word: '姬瑛蕾', tag: 'nr' },
    ],
  );
  const names = suggestEntities('报道了姬瑛蕾调研', { segmenter: segmenter! }).map((s) => `${s.text}/${s.type}`);
  assert.deepEqual(names, ['姬瑛蕾/PER']);
});
