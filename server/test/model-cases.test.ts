// Small cases of the dump model, written inline where a whole fixture file would be noise.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDump } from '../src/model/parse';

const dump = (...lines: string[]) => lines.join('\n\n');

test('a paragraph ending in a jump marker is not joined to the next one', () => {
  const model = parseDump(
    dump(
      '郑州市召开城市管理工作会议',
      '本报讯 近日,郑州市召开城市管理工作会议,会议强调要持续推进城市精细化管理(下转二版)',
      '另讯 市城管局当天还公布了下一阶段的工作安排。',
    ),
  );
  assert.equal(model.breaks.length, 0);
  assert.deepEqual(
    model.articles[0].jumps.map((jump) => [jump.direction, jump.page]),
    [['to', '二版']],
  );
});

test('an affiliation and a name under the title is a credit, not a subtitle', () => {
  const model = parseDump(
    dump('郑州市二七区召开城市管理提升工作动员会', '郑州市二七区李晓雷', '6月10日下午,郑州市二七区召开动员会,安排部署全区相关工作。'),
  );
  const [article] = model.articles;
  assert.equal(article.title, '郑州市二七区召开城市管理提升工作动员会');
  assert.deepEqual(
    article.bylines.map((byline) => [byline.placement, byline.credits]),
    [['under-title', [{ role: '郑州市二七区', names: ['李晓雷'] }]]],
  );
});

test('a padded two-character name in a byline is one name', () => {
  const model = parseDump(dump('新郑市召开座谈会', '本报讯 2月21日,新郑市召开座谈会。', '记者 林 海 通讯员 春霞'));
  assert.deepEqual(model.articles[0].bylines[0].credits, [
    { role: '记者', names: ['林海'] },
    { role: '通讯员', names: ['春霞'] },
  ]);
});

test('a head repeated on the next line is one section and a duplicate', () => {
  const model = parseDump(
    dump(
      '『三标』引领勇争先',
      '本报讯 近日,郑州市召开会议。',
      '不忘为民初心,勇担社会责任',
      '不忘为民初心,勇担社会责任',
      '作为郑州市政协委员,张永清认真履职尽责。',
    ),
  );
  const [article] = model.articles;
  assert.deepEqual(article.sections.map((section) => section.title), ['不忘为民初心,勇担社会责任']);
  assert.equal(article.duplicates.length, 1);
});

test('a lead after an article closed by its byline starts an untitled article', () => {
  const model = parseDump(dump('新郑市召开座谈会', '本报讯 2月21日,新郑市召开座谈会。', '记者 杨宜锦', '本报讯 近日,管城回族区人大常委会督导工作。'));
  assert.equal(model.articles.length, 2);
  assert.equal(model.articles[1].title, null);
  assert.equal(model.articles[1].leads[0].marker, '本报讯');
});
