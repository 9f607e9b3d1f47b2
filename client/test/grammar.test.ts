// The TextMate grammar, tokenized by the engine VS Code uses (vscode-textmate with the
// Oniguruma WASM build). Skipped when those two dev dependencies are not installed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const GRAMMAR = join(ROOT, 'syntaxes', 'newsdump.tmLanguage.json');
const SEEDS = join(ROOT, 'test-fixtures', 'seeds');

function load(name: string): any {
  try {
    return require(name);
  } catch {
    return undefined;
  }
}
const textmate = load('vscode-textmate');
const oniguruma = load('vscode-oniguruma');
const skip = textmate && oniguruma ? false : 'vscode-textmate and vscode-oniguruma are not installed';

interface Token {
  readonly text: string;
  readonly scopes: string[];
}

let grammarPromise: Promise<any> | undefined;
function grammar(): Promise<any> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.newsdump' ? textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
    });
    return registry.loadGrammar('source.newsdump');
  })();
  return grammarPromise;
}

async function tokenize(lines: string[]): Promise<Token[][]> {
  const g = await grammar();
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token: { startIndex: number; endIndex: number; scopes: string[] }) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes.slice(1).map((scope) => scope.replace(/\.newsdump$/, '')),
    }));
  });
}

/** The texts of the tokens whose innermost scope starts with the prefix. */
function textsWith(tokens: Token[], prefix: string): string[] {
  return tokens.filter((token) => token.scopes.length > 0 && token.scopes[token.scopes.length - 1].startsWith(prefix)).map((token) => token.text);
}

/** The texts of the tokens that carry a scope starting with the prefix anywhere in their stack. */
function textsWithin(tokens: Token[], prefix: string): string[] {
  return tokens.filter((token) => token.scopes.some((scope) => scope.startsWith(prefix))).map((token) => token.text);
}

async function line(text: string): Promise<Token[]> {
  return (await tokenize([text]))[0];
}

describe('newsdump grammar', { skip }, () => {
  test('is valid JSON with the right scope name', () => {
    const raw = JSON.parse(readFileSync(GRAMMAR, 'utf8')) as { scopeName: string };
    assert.equal(raw.scopeName, 'source.newsdump');
  });

  test('本报讯 lead with the credit in its parentheses', async () => {
    const tokens = await line('本报讯(正观新闻·郑州晚报记者 陈锋 孙亚文) 7月12日,深化全国文明城市创建');
    assert.deepEqual(textsWith(tokens, 'keyword.control.lead'), ['本报讯']);
    assert.deepEqual(textsWith(tokens, 'storage.type.role'), ['正观新闻·郑州晚报记者']);
    assert.deepEqual(textsWith(tokens, 'entity.name.variable.person'), ['陈锋', '孙亚文']);
    assert.deepEqual(textsWith(tokens, 'constant.numeric.date'), ['7月12日']);
  });

  test('a lead without credit', async () => {
    const tokens = await line('本报讯 2月22日下午,新郑市召开高校挂职人才述职座谈会。');
    assert.deepEqual(textsWith(tokens, 'keyword.control.lead'), ['本报讯']);
    assert.deepEqual(textsWith(tokens, 'constant.numeric.date'), ['2月22日下午']);
  });

  test('byline lines: roles, names (padded ones too) and the 文/图 mark', async () => {
    const [a, b, c] = await tokenize(['记者 柴琳琳 通讯员 姜璞 文/图', '河南日报记者 张建新 王延辉 本报记者 李娜', '记者 林 海 王小明']);
    assert.deepEqual(textsWith(a, 'storage.type.role'), ['记者', '通讯员']);
    assert.deepEqual(textsWith(a, 'entity.name.variable.person'), ['柴琳琳', '姜璞']);
    assert.deepEqual(textsWith(a, 'storage.modifier.mark'), ['文/图']);
    assert.deepEqual(textsWith(b, 'storage.type.role'), ['河南日报记者', '本报记者']);
    assert.deepEqual(textsWith(b, 'entity.name.variable.person'), ['张建新', '王延辉', '李娜']);
    assert.deepEqual(textsWith(c, 'entity.name.variable.person'), ['林 海', '王小明']);
  });

  test('prose that mentions a reporter is not a byline', async () => {
    for (const text of ['记者 了解到,今年以来全市新增就业岗位一万余个。', '见习记者 深入一线', '区正县级干部、政府党组成员林 海']) {
      const tokens = await line(text);
      assert.deepEqual(textsWith(tokens, 'storage.type.role'), [], text);
    }
  });

  test('agency datelines, bracketed and bare', async () => {
    const [a, b] = await tokenize(['【新华社延安十四日电】莫斯科十三日广播:', '新华社北京7月12日电(记者 张三 李四)国务院']);
    assert.ok(textsWith(a, 'keyword.control.dateline').join('').startsWith('新华社延安'));
    assert.deepEqual(textsWith(a, 'constant.numeric.date'), ['十四日']);
    assert.deepEqual(textsWith(b, 'constant.numeric.date'), ['7月12日']);
    assert.deepEqual(textsWith(b, 'entity.name.variable.person'), ['张三', '李四']);
  });

  test('jump markers, titles of works, quotes, editor’s notes and subtitles', async () => {
    const [jump, title, note, subtitle] = await tokenize([
      '(上接一版)全区各单位要 (下转二版)',
      '但认真对照《全国文明城市测评体系》的相关标准和“三标”要求',
      '编者按:当前,我市正紧紧围绕总目标',
      '——郑州要勇挑大梁争先出彩系列评论之四',
    ]);
    assert.deepEqual(textsWith(jump, 'comment.line.jump-marker'), ['(上接一版)', '(下转二版)']);
    assert.deepEqual(textsWith(title, 'entity.name.type.title'), ['全国文明城市测评体系']);
    assert.deepEqual(textsWithin(title, 'string.quoted.double'), ['“', '”']);
    assert.deepEqual(textsWithin(title, 'meta.quote'), ['“', '三标', '”']);
    assert.deepEqual(textsWith(note, 'keyword.control.editor-note'), ['编者按']);
    assert.ok(subtitle.every((token) => token.scopes[0] === 'markup.heading.subtitle'));
  });

  test('dates, and numbers that are not dates', async () => {
    const tokens = await line('2023年,2023年7月12日,1月28日,12日上午,6月份;5位专家,6000平方米,24小时');
    assert.deepEqual(textsWith(tokens, 'constant.numeric.date'), ['2023年', '2023年7月12日', '1月28日', '12日上午', '6月份']);
  });

  test('every seed tokenizes quickly', async () => {
    for (const name of readdirSync(SEEDS).filter((file) => file.endsWith('.txt'))) {
      const lines = readFileSync(join(SEEDS, name), 'utf8').split(/\r\n|\r|\n/);
      const started = Date.now();
      await tokenize(lines);
      assert.ok(Date.now() - started < 2000, `${name} took ${Date.now() - started} ms`);
    }
  });
});
