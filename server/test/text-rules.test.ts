// Edge cases of the text rules (stray-space, latin-fragment, unbalanced-pair, markup-leftover)
// that a fixture would hide: columns after characters outside the BMP, CRLF line ends,
// fix safety, severities users can turn off, and inputs that would be slow if a rule were quadratic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDump } from '../src/model/parse';
import { LineIndex } from '../src/text/positions';
import { runRules, CheckedProblem } from '../src/rules/runRules';
import { Rule } from '../src/rules/types';
import { straySpaceRule } from '../src/rules/straySpace';
import { latinFragmentRule } from '../src/rules/latinFragment';
import { unbalancedPairRule } from '../src/rules/unbalancedPair';
import { markupLeftoverRule } from '../src/rules/markupLeftover';

const TEXT_RULES = [straySpaceRule, latinFragmentRule, unbalancedPairRule, markupLeftoverRule];
const ASTRAL = '𠮷'; // CJK Extension B: two UTF-16 units, one character

function check(text: string, rules: readonly Rule[] = TEXT_RULES, overrides = {}): CheckedProblem[] {
  return runRules({ text, model: parseDump(text) }, overrides, rules);
}

/** `line:character-line:character`, 0-based as LSP sends them. */
function rangeOf(text: string, problem: CheckedProblem): string {
  const { start, end } = new LineIndex(text).rangeOf(problem.span);
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

function applyFirstFix(text: string, problem: CheckedProblem): string {
  const edits = [...problem.fixes[0].edits].sort((a, b) => b.span.start - a.span.start);
  return edits.reduce((out, edit) => out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end), text);
}

test('columns after a character outside the BMP count UTF-16 units, for every text rule', () => {
  const text = [
    '郑州市召开企业座谈会',
    '',
    `本报讯 7月12日,${ASTRAL}记公司负责人表示。 企业发展 and 创新并重,推出《${ASTRAL}记老店&amp;新品。`,
    '',
    '记者 王际宾',
    '',
  ].join('\n');
  const problems = check(text);
  const byRule = Object.fromEntries(problems.map((problem) => [problem.ruleId, rangeOf(text, problem)]));
  // `本报讯 7月12日,` is 10 units and 𠮷 two more; code points would put everything one column (two after 《𠮷) to the left.
  assert.deepEqual(byRule, {
    'stray-space': '2:21-2:22',
    'latin-fragment': '2:27-2:30',
    'unbalanced-pair': '2:38-2:39',
    'markup-leftover': '2:44-2:49',
  });
  const space = problems.find((problem) => problem.ruleId === 'stray-space')!;
  assert.match(applyFirstFix(text, space), /负责人表示。企业发展/);
});

test('CRLF: a quote opened before an OCR break and closed after it is balanced; columns ignore the \\r', () => {
  const text = [
    '管城回族区“红色园区”示范基地揭牌',
    '',
    '本报讯 6月18日上午,管城回族区委书记虎强表示,着力构建“一二三',
    '',
    '',
    '',
    '四”工作模式,形成一批优秀党建示范点。 特别是圆方集团党委,作为非公党建代表。',
    '',
    '记者 柴琳琳 通讯员 姜璞 文/图',
    '',
  ].join('\r\n');
  assert.equal(parseDump(text).breaks.length, 1, 'the model joins the two halves');
  const problems = check(text);
  assert.deepEqual(problems.map((problem) => problem.ruleId), ['stray-space']);
  assert.equal(rangeOf(text, problems[0]), '6:19-6:20');
});

test('a multi-paragraph quotation reopens “ at each paragraph; the last one must close it', () => {
  const opened = ['何雄强调', '', '本报讯 会议指出:“要坚定信心。', '', '“要抓好项目建设。', '', '“要扩大有效投资。”', ''];
  assert.deepEqual(check(opened.join('\n'), [unbalancedPairRule]), []);

  const neverClosed = [...opened.slice(0, 6), '“要扩大有效投资。', '', '会议还研究了其他事项。', ''].join('\n');
  const problems = check(neverClosed, [unbalancedPairRule]);
  assert.equal(problems.length, 1, 'only the last paragraph of the quotation is at fault');
  assert.equal(rangeOf(neverClosed, problems[0]), '6:0-6:1');
  assert.match(problems[0].message, /「“」 is never closed/);
});

test('stray-space: a plain space is safe to remove, a padded name is milder, not safe, and can be turned off alone', () => {
  const text = '郑州市召开座谈会\n\n本报讯 近日,全市召开座谈会。 政府党组成员林 海、王启树出席。\n\n记者 杨宜锦\n';
  const [plain, padded] = check(text, [straySpaceRule]);
  assert.equal(plain.severity, 'warning');
  assert.equal(plain.fixes[0].safe, true);
  assert.equal(padded.variant, 'name-padding');
  assert.equal(padded.severity, 'information');
  assert.equal(padded.fixes[0].safe, false);
  assert.match(applyFirstFix(text, padded), /成员林海、王启树出席/);

  const withoutPadding = check(text, [straySpaceRule], { 'stray-space/name-padding': 'off' });
  assert.deepEqual(withoutPadding.map((problem) => problem.variant), [undefined]);
});

test('latin-fragment: the `and` fix replaces the word and the spaces it brought, and is never applied unasked', () => {
  const text = '应急管理\n\n本报讯 近日,全市完善应急管理指挥体系 and 安全生产专家体系。\n\n记者 李宇航\n';
  const [problem] = check(text, [latinFragmentRule]);
  assert.equal(problem.fixes[0].safe, false);
  assert.match(applyFirstFix(text, problem), /指挥体系和安全生产专家体系/);
});

test('markup-leftover: entity decoding is safe, a space entity keeps Latin words apart, tag deletion is not safe', () => {
  const text = '郑州发布新系统\n\n本报讯 近日,全市政务终端升级到Windows&nbsp;10系统,全市&nbsp上下<br>积极参与。\n\n记者 王际宾\n';
  const [latinSpace, bareEntity, tag] = check(text, [markupLeftoverRule]);
  assert.equal(latinSpace.fixes[0].safe, true);
  assert.match(applyFirstFix(text, latinSpace), /Windows 10系统/);
  assert.equal(text.slice(bareEntity.span.start, bareEntity.span.end), '&nbsp', 'an entity without its `;` is still one');
  assert.match(applyFirstFix(text, bareEntity), /全市上下/);
  assert.equal(tag.fixes[0].safe, false);
});

test('no text rule is quadratic on hostile lines', () => {
  const hostile = [
    '标题',
    '',
    `中${' '.repeat(100_000)}国`,
    '',
    `${'“'.repeat(50_000)}${'）'.repeat(50_000)}（${'“'.repeat(50_000)}）`,
    '',
    `${'&#'.repeat(50_000)}${'<a '.repeat(30_000)}${'\\'.repeat(50_000)}${'_{'.repeat(50_000)}`,
    '',
    `${'and '.repeat(30_000)}`,
    '',
  ].join('\n');
  const model = parseDump(hostile);
  const started = Date.now();
  const problems = runRules({ text: hostile, model }, {}, TEXT_RULES);
  // Linear work here is well under a second; a quadratic rule would take minutes.
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  // 100 000 unclosed “ and 50 000 unopened ）: each reported once.
  assert.equal(problems.filter((problem) => problem.ruleId === 'unbalanced-pair').length, 150_000);
});
