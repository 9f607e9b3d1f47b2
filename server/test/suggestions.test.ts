// Entity suggestions on sentences from the seeds (test-fixtures/seeds), with the real nodejieba.
// This file never teaches jieba (that is process-wide): see jieba-teach.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { buildGazetteer, suggestEntities, suggestEntitiesUntil, type EntityType, type Suggestion, type SuggestionProgress } from '../src/entities/suggestions';
import { SuggestionCache, articlesWithin, moveSuggestions, outwards, withCarried } from '../src/features/entitySuggestions';
import { parseDump } from '../src/model/parse';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WordSegmenter } from '../src/model/types';

const { segmenter, problem } = loadJiebaSegmenter();
const skip = segmenter ? false : `nodejieba is not available: ${problem}`;
const ASTRAL = '𠮷'; // CJK Extension B: two UTF-16 units, one code point

function suggest(text: string, gazetteer?: Map<string, EntityType>): Suggestion[] {
  return suggestEntities(text, { segmenter: segmenter!, gazetteer });
}

/** `text/TYPE` of each suggestion, in order. */
function found(text: string, gazetteer?: Map<string, EntityType>): string[] {
  return suggest(text, gazetteer).map((s) => `${s.text}/${s.type}`);
}

function only(suggestions: Suggestion[], name: string): Suggestion {
  const matching = suggestions.filter((s) => s.text === name);
  assert.equal(matching.length, 1, `one suggestion ${name} in ${JSON.stringify(suggestions.map((s) => s.text))}`);
  return matching[0];
}

test('a name after a title: 市委书记安伟', { skip }, () => {
  const text = '省委常委、市委书记安伟出席会议并讲话。';
  const anWei = only(suggest(text), '安伟');
  assert.equal(anWei.type, 'PER');
  assert.deepEqual(anWei.span, { start: text.indexOf('安伟'), end: text.indexOf('安伟') + 2 });
  assert.equal(anWei.reason, 'after title 市委书记');
  assert.equal(anWei.source, 'title');
});

test('a name after a title: 区委书记虎强, which jieba does not know', { skip }, () => {
  const text = '本报讯 近日,管城回族区委书记虎强带领相关部门负责人,实地督导安全生产工作。';
  const huQiang = only(suggest(text), '虎强');
  assert.equal(huQiang.type, 'PER');
  assert.equal(text.slice(huQiang.span.start, huQiang.span.end), '虎强');
  assert.match(huQiang.reason, /区委书记/);
});

test('names in a byline: 记者 杨宜锦, 通讯员 春霞 李杨', { skip }, () => {
  assert.deepEqual(found('记者 杨宜锦 文/图'), ['杨宜锦/PER']);
  const credits = suggest('通讯员 春霞 李杨 文/图');
  assert.deepEqual(
    credits.map((s) => [s.text, s.type, s.reason]),
    [
      ['春霞', 'PER', 'byline role 通讯员'],
      ['李杨', 'PER', 'byline role 通讯员'],
    ],
  );
});

test('a padded two-character name in a byline covers both characters and the padding', { skip }, () => {
  const text = '记者 林 海 通讯员 春霞';
  const linHai = only(suggest(text), '林 海');
  assert.deepEqual(linHai.span, { start: 3, end: 6 });
});

test('names in the credit of a lead', { skip }, () => {
  const text = '本报讯(正观新闻·郑州晚报记者 陈锋 孙亚文) 7月12日,深化全国文明城市创建工作推进会议召开。';
  const suggestions = suggest(text);
  assert.equal(only(suggestions, '陈锋').reason, 'byline role 正观新闻·郑州晚报记者');
  assert.equal(only(suggestions, '孙亚文').type, 'PER');
});

test('a place: 郑州', { skip }, () => {
  const text = '让中国特色社会主义现代化建设在郑州形成更加生动的实践。';
  const zhengzhou = only(suggest(text), '郑州');
  assert.equal(zhengzhou.type, 'LOC');
  assert.deepEqual(zhengzhou.span, { start: text.indexOf('郑州'), end: text.indexOf('郑州') + 2 });
});

test('an organisation made of a place and a committee: 郑州市委, not the place inside it', { skip }, () => {
  assert.deepEqual(found('郑州市委动员全市上下锚定“两个确保”,'), ['郑州市委/ORG']);
  assert.deepEqual(found('本报讯 近日,管城回族区人大常委会主任魏建民带队督导辖区工作进展情况'), ['管城回族区人大常委会/ORG', '魏建民/PER']);
});

test('a local government named with its unit is an organisation; the government of a country is the country', { skip }, () => {
  assert.deepEqual(found('郑州市政府召开会议'), ['郑州市政府/ORG']);
  assert.deepEqual(found('河南省人民政府发布通知'), ['河南省人民政府/ORG']);
  assert.deepEqual(found('中国政府表示'), ['中国/LOC']);
});

test('places with a place ending: 金水区, 贾鲁河, 中原科技城', { skip }, () => {
  assert.deepEqual(found('金水区、贾鲁河和中原科技城'), ['金水区/LOC', '贾鲁河/LOC', '中原科技城/LOC']);
});

test('a gazetteer name is found whole, at word boundaries only', { skip }, () => {
  const gazetteer = new Map<string, EntityType>([['安伟', 'PER']]);
  const text = '安伟指出,要把平安伟大工程稳步推进。';
  const suggestions = suggest(text, gazetteer);
  const anWei = suggestions.filter((s) => s.text === '安伟');
  assert.equal(anWei.length, 1, '平安伟大 holds 安伟 across two words: not a match');
  assert.deepEqual(anWei[0].span, { start: 0, end: 2 });
  assert.equal(anWei[0].reason, 'tagged as PER elsewhere in the corpus');
  assert.equal(anWei[0].source, 'gazetteer');
});

test('the gazetteer matches the longest name first', { skip }, () => {
  const gazetteer = new Map<string, EntityType>([
    ['郑州', 'LOC'],
    ['郑州市委', 'ORG'],
  ]);
  const suggestions = suggest('郑州市委动员全市上下,郑州的发展', gazetteer);
  assert.deepEqual(
    suggestions.map((s) => [s.text, s.type, s.source]),
    [
      ['郑州市委', 'ORG', 'gazetteer'],
      ['郑州', 'LOC', 'gazetteer'],
    ],
  );
});

test('offsets after a character outside the BMP are UTF-16 units', { skip }, () => {
  const text = `${ASTRAL}市委书记安伟出席会议`;
  const anWei = only(suggest(text), '安伟');
  // 𠮷 is two units and 市委书记 four: the name starts at 6 (code points would say 5).
  assert.deepEqual(anWei.span, { start: 6, end: 8 });
  assert.equal(text.slice(anWei.span.start, anWei.span.end), '安伟');
});

test('offsets on later lines count from the start of the text, whatever the line breaks', { skip }, () => {
  const text = `标题\r\n${ASTRAL}记者 杨宜锦\n\n市长何雄调研督导城市防汛工作`;
  for (const suggestion of suggest(text)) assert.equal(text.slice(suggestion.span.start, suggestion.span.end), suggestion.text);
  assert.deepEqual(found(text), ['杨宜锦/PER', '何雄/PER']);
});

test('a sentence with no entity gives no suggestion', { skip }, () => {
  assert.deepEqual(found('会议强调,要进一步增强责任感紧迫感,把各项工作做实做细。'), []);
  assert.deepEqual(found(''), []);
  assert.deepEqual(found('\n\n  \n'), []);
});

test('precision guard: common words jieba mis-tags are not suggested', { skip }, () => {
  // 卫星 and 高水平 come back tagged nr, 文明城市 and 满意度 ns, 三城 ns: none of them is a name.
  const text = '文明城市创建要提高群众满意度和安全感、幸福感,卫星图片显示城市面貌高水平提升,三城同创凝聚力向心力不断增强。';
  assert.deepEqual(found(text), []);
  assert.deepEqual(found('各乡镇要统一安排,确保安全,全国、全省、全市、中央和国家部门都要行动。'), []);
});

test('suggestions are in order, never overlap, and carry their text', { skip }, () => {
  const text =
    '本报讯 近日,管城回族区人大常委会主任魏建民带队督导辖区“三项工程、一项管理”工作进展情况。' +
    '省委常委、市委书记安伟,市委副书记、市长何雄在郑州市委出席会议。记者 柴琳琳 通讯员 姜璞';
  const suggestions = suggest(text);
  assert.ok(suggestions.length >= 5);
  for (let i = 0; i < suggestions.length; i++) {
    const s = suggestions[i];
    assert.equal(text.slice(s.span.start, s.span.end), s.text);
    assert.ok(s.confidence >= 0.5 && s.confidence <= 1);
    assert.ok(s.reason.length > 0);
    if (i > 0) assert.ok(suggestions[i - 1].span.end <= s.span.start, `${suggestions[i - 1].text} overlaps ${s.text}`);
  }
});

test('types and minConfidence filter the suggestions', { skip }, () => {
  const text = '省委常委、市委书记安伟在郑州市委出席会议。';
  assert.deepEqual(
    suggestEntities(text, { segmenter: segmenter!, types: ['PER'] }).map((s) => s.text),
    ['安伟'],
  );
  assert.deepEqual(suggestEntities(text, { segmenter: segmenter!, minConfidence: 0.99 }), []);
});

test('tagged spans: no suggestion repeats, crosses or sits inside one; one around it is kept', { skip }, () => {
  const text = '省委常委、市委书记安伟在郑州市委出席会议。';
  const at = (name: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length });
  const names = (exclude: { start: number; end: number }[]) => suggestEntities(text, { segmenter: segmenter!, exclude }).map((s) => s.text);
  assert.deepEqual(names([]), ['安伟', '郑州市委']);
  assert.deepEqual(names([at('安伟')]), ['郑州市委'], 'the same span');
  assert.deepEqual(names([at('郑州')]), ['安伟', '郑州市委'], 'a place nested in the organisation');
  assert.deepEqual(names([at('郑州市委出席')]), ['安伟'], 'inside a tagged span');
  assert.deepEqual(names([at('市委出')]), ['安伟'], 'crossing a tagged span');
});

test('without part-of-speech tags, titles and credits still give names', () => {
  // A segmenter that only cuts, one character per word: no jieba needed.
  const cutOnly: WordSegmenter = { cut: (text) => Array.from(text) };
  const text = '市委书记安伟出席会议。记者 杨宜锦';
  const names = suggestEntities(text, { segmenter: cutOnly }).map((s) => `${s.text}/${s.type}`);
  assert.ok(names.includes('杨宜锦/PER'), JSON.stringify(names));
});

test('buildGazetteer keeps the type a name is tagged with most often and drops ties and single characters', () => {
  const gazetteer = buildGazetteer([
    { text: '郑州', type: 'LOC' },
    { text: '郑州', type: 'LOC' },
    { text: '郑州', type: 'ORG' },
    { text: '金水', type: 'LOC' },
    { text: '金水', type: 'ORG' },
    { text: '何', type: 'PER' },
    { text: '何雄', type: 'PER' },
    { text: '讲话', type: 'Event' },
  ]);
  assert.deepEqual([...gazetteer].sort(), [
    ['何雄', 'PER'],
    ['郑州', 'LOC'],
  ]);
});

const SEED_DIR = join(__dirname, '..', '..', '..', 'test-fixtures', 'seeds');
const seedTexts = (): string[] => readdirSync(SEED_DIR).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(join(SEED_DIR, name), 'utf8'));

test('suggesting a sentence at a time, going on where time ran out, finds what one pass finds', { skip }, () => {
  for (const text of seedTexts()) {
    const whole = suggestEntities(text, { segmenter: segmenter! });
    let progress: SuggestionProgress | undefined;
    let calls = 0;
    let result: { suggestions: Suggestion[]; progress?: SuggestionProgress };
    do {
      // A deadline already past: each call reads exactly one sentence.
      result = suggestEntitiesUntil(text, { segmenter: segmenter! }, 0, progress);
      progress = result.progress;
      if (progress) {
        const before = text[progress.resumeAt - 1];
        assert.ok(before === '\n' || before === '\r' || before === '。', `a call stops at a line start or after 。, not at ${progress.resumeAt}`);
      }
      calls++;
    } while (progress);
    assert.deepEqual(result.suggestions, whole);
    assert.ok(calls > text.split(/\r\n|\r|\n/).length, 'paragraphs of several sentences take several calls');
  }
});

test('a long paragraph is read a sentence at a time, never cut inside quotes or title marks', { skip }, () => {
  const first = '记者杨宜锦报道,郑州市委召开会议。';
  const second = '市委书记安伟说:“要抓落实。更要见实效。”会上播放了《春天。故事》。';
  const third = '区长陈红民出席';
  const text = `${first}${second}${third}\n下一行`;
  const resumes: number[] = [];
  let progress: SuggestionProgress | undefined;
  let result: { suggestions: Suggestion[]; progress?: SuggestionProgress };
  do {
    result = suggestEntitiesUntil(text, { segmenter: segmenter! }, 0, progress);
    progress = result.progress;
    if (progress) resumes.push(progress.resumeAt);
  } while (progress);
  const secondStart = first.length;
  const thirdStart = secondStart + second.length;
  assert.deepEqual(resumes, [secondStart, thirdStart, thirdStart + third.length + 1]);
  assert.deepEqual(result.suggestions, suggestEntities(text, { segmenter: segmenter! }));
  const names = result.suggestions.map((suggestion) => suggestion.text);
  for (const name of ['杨宜锦', '安伟', '陈红民']) assert.ok(names.includes(name), `${name} in ${names.join(' ')}`);
});

test('the background cache finishes a long article over several short calls, with the same hints as one long call', { skip }, () => {
  const text = seedTexts().join('\n\n');
  const model = parseDump(text, { segmenter: segmenter! });
  const options = { types: ['PER', 'ORG', 'LOC'], tags: [] };
  const once = new SuggestionCache(segmenter!).suggest(text, model, options);
  assert.equal(once.complete, true);
  const sliced = new SuggestionCache(segmenter!);
  let calls = 0;
  let found;
  do {
    found = sliced.suggest(text, model, { ...options, budgetMs: 0.001 });
    calls++;
  } while (!found.complete && calls < 10_000);
  assert.ok(calls > model.articles.length, `${calls} calls for ${model.articles.length} articles: articles were split`);
  assert.deepEqual(found.suggestions, once.suggestions);
});

function hintAt(start: number, text: string): Suggestion {
  return { span: { start, end: start + text.length }, type: 'PER', text, confidence: 0.9, reason: 'test', source: 'title', rule: 'title' } as Suggestion;
}

test('hints shown before an edit move with it: those it touches go, those after it shift, several changes in order', () => {
  const hints = [hintAt(0, '安伟'), hintAt(10, '虎强'), hintAt(20, '杨宜锦')];
  // Typing two characters at 5, then deleting 10..12 of the text after that (the 虎强 now at 12..14 is untouched).
  const moved = moveSuggestions(hints, [
    { start: 5, end: 5, text: '的的' },
    { start: 10, end: 11, text: '' },
  ]);
  assert.deepEqual(moved.map((hint) => [hint.text, hint.span.start, hint.span.end]), [['安伟', 0, 2], ['虎强', 11, 13], ['杨宜锦', 21, 24]]);
  // An edit inside a hint, or right at its edge, drops it.
  assert.deepEqual(moveSuggestions(hints, [{ start: 11, end: 11, text: 'x' }]).map((hint) => hint.text), ['安伟', '杨宜锦']);
  assert.deepEqual(moveSuggestions(hints, [{ start: 12, end: 12, text: 'x' }]).map((hint) => hint.text), ['安伟', '杨宜锦']);
});

test('while an article is suggested again, it shows its moved hints; articles done show theirs; tagged names are left out', () => {
  const found = { suggestions: [hintAt(0, '安伟')], complete: false, fresh: false, pending: [{ start: 8, end: 30 }] };
  const carried = [hintAt(0, '旧的'), hintAt(10, '虎强'), hintAt(20, '杨宜锦'), hintAt(40, '外面')];
  const tags = [{ id: 'T1', type: 'PER', start: 20, end: 23, text: '杨宜锦' }] as unknown as Parameters<typeof withCarried>[2];
  assert.deepEqual(withCarried(found, carried, tags).map((hint) => hint.text), ['安伟', '虎强']);
  assert.deepEqual(withCarried({ ...found, pending: [] }, carried, tags).map((hint) => hint.text), ['安伟'], 'nothing pending: only what was found');
  assert.deepEqual(withCarried(found, undefined, tags).map((hint) => hint.text), ['安伟']);
});

test('the background suggests from the article the user is at outwards, every article of the window once', () => {
  assert.deepEqual([...outwards({ from: 10, to: 17 }, 12)], [12, 13, 11, 14, 10, 15, 16]);
  assert.deepEqual([...outwards({ from: 10, to: 13 })], [10, 11, 12]);
  // A user outside the window (it slid at the end of the dump) starts at its nearest edge.
  assert.deepEqual([...outwards({ from: 0, to: 3 }, 9)], [2, 1, 0]);
  assert.deepEqual([...outwards({ from: 4, to: 4 }, 4)], []);
});

test('a visible range holds the articles it touches, and the one it ends in', () => {
  const model = parseDump('标题一\n\n本报讯 第一篇。\n\n标题二\n\n本报讯 第二篇。\n\n标题三\n\n本报讯 第三篇。\n');
  assert.equal(model.articles.length, 3);
  const second = model.articles[1].span;
  assert.deepEqual(articlesWithin(model, { start: second.start, end: second.start }), { from: 1, to: 2 });
  assert.deepEqual(articlesWithin(model, { start: model.articles[0].span.start, end: second.start + 1 }), { from: 0, to: 2 });
  assert.deepEqual(articlesWithin(model, { start: 0, end: 10_000 }), { from: 0, to: 3 });
});
