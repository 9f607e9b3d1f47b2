#!/usr/bin/env node
// `npm run e2e`: the packaged extension in a real VS Code (code-server), driven through its UI
// by Chromium, as a person would use it. See /work/shared/VSCODE_E2E.md for the setup.
//
//   1. tools: Node 24, code-server, chromium, CJK fonts (scripts/e2e/tools.mjs; cached)
//   2. `npm run package` → a .vsix; the server inside it answers LSP (scripts/e2e/lspSmoke.mjs)
//   3. code-server with a fresh profile and extensions dir; the .vsix installed into it
//   4. Chromium opens a workspace holding a seed dump, opens the dump with Ctrl+P, and checks
//      the Outline view, the Problems panel, the "Join the two halves" quick fix, and tagging
//      a name with Ctrl+Alt+T (the .ann written on save, the hover on the tag, the Entities view)
//   5. a generated dump with more problems than VS Code lists of a file (1 000): the Problems
//      panel shows the window the server publishes, and the window follows scrolling
//
// Screenshots and the code-server log go to e2e-artifacts/ (git-ignored).
// Environment: NEWSDUMP_E2E_CACHE (tool cache, default ~/.cache/newsdump-e2e),
// NEWSDUMP_E2E_KEEP=1 keeps the temp folder (workspace, profile, .vsix) for a look afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, ensureTools, node24Env } from './tools.mjs';
import { lspSmoke } from './lspSmoke.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'e2e-artifacts');
const SEED = join(root, 'test-fixtures', 'seeds', '002_ec0d75b02129a70c');
// A plain .txt outside any corpus folder: it must be recognised as a dump by its content.
const DUMP_NAME = '002_ec0d75b02129a70c.txt';
const LANGUAGE_NAME = 'Newspaper dump';
// Written by the script (bigDumpText): a `*.dump.txt` opens as a dump by its name.
const BIG_DUMP_NAME = 'page-archive_2023-02.dump.txt';
/** VS Code's extension host passes at most this many diagnostics of a file to the UI. */
const EDITOR_DIAGNOSTICS_LIMIT = 1000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Settings of the fresh profile: no welcome page or tips in the way of the checks. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'window.restoreWindows': 'none',
  // No AI chat side bar in the screenshots.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`;
const log = (line) => console.log(`[e2e ${elapsed()}] ${line}`);

const counts = { passed: 0, failed: 0, skipped: 0 };
/** What a step returns when it has nothing to check yet (a feature still being built). */
const SKIPPED = Symbol('skipped');

async function step(name, fn) {
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  log(`▶ ${name}`);
  try {
    const result = await fn();
    if (result === SKIPPED) {
      counts.skipped++;
      log(`○ ${name} (skipped)`);
    } else {
      counts.passed++;
      log(`✔ ${name} (${took()})`);
    }
    return result;
  } catch (error) {
    counts.failed++;
    log(`✘ ${name} (${took()})`);
    throw error;
  }
}

/** Polls `probe` until it returns a truthy value; the last value or error is in the timeout message. */
async function poll(what, probe, { timeoutMs = 30000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      if (error?.fatal) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last: ${typeof last === 'string' ? last : JSON.stringify(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion, output to a log file; on failure the tail of the log is in the error. */
function runLogged(command, args, { logFile, ...options }) {
  const fd = openSync(logFile, 'w');
  try {
    const result = spawnSync(command, args, { stdio: ['ignore', fd, fd], ...options });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}; see ${logFile}:\n${tail}`);
    }
    return readFileSync(logFile, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function expectedOutline() {
  const expected = JSON.parse(readFileSync(`${SEED}.expected.json`, 'utf8'));
  const titles = expected.articles.map((article) => article.title).filter((title) => title !== null);
  // Each break [last line of the first half, first line of the second]: the ocr-break warning sits on the first.
  const breakLines = expected.articles.flatMap((article) => article.breaks.map(([first]) => first));
  return { titles, breakLines };
}

// ---------------------------------------------------------------- workbench helpers

async function screenshot(page, name) {
  const file = join(artifacts, name);
  await page.screenshot({ path: file });
  log(`  screenshot ${file}`);
}

/** Runs a command by its title through the command palette (F1), as a person would. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
}

/** Ctrl+P, type the name, Enter; waits for the editor tab. */
async function openWithQuickOpen(page, fileName) {
  await page.locator('.monaco-workbench').click({ position: { x: 800, y: 500 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(fileName);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible', timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: 15000 });
}

/**
 * The text the first editor shows, its rendered lines in screen order (Monaco reuses line
 * elements, so DOM order is not line order; wrapped lines come out joined again).
 */
async function editorText(page) {
  return page
    .locator('.editor-group-container .monaco-editor .view-lines')
    .first()
    .evaluate((lines) =>
      [...lines.querySelectorAll(':scope > .view-line')]
        .map((line) => [parseFloat(line.style.top) || 0, line.textContent ?? ''])
        .sort((a, b) => a[0] - b[0])
        .map(([, text]) => text)
        .join(''),
    );
}

/** Texts of the rows a tree or list shows inside `container`. */
async function rowTexts(page, container) {
  return page.locator(`${container} .monaco-list-row`).evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
}

// ---------------------------------------------------------------- the checks

async function checkEditorOpened(page, seedText) {
  // A line of the dump on screen: the document really is open in Monaco.
  const firstTitleLine = seedText.split(/\r\n|\r|\n/).find((line) => line.trim().length > 0).trim().slice(0, 8);
  await poll(`the editor to show "${firstTitleLine}"`, async () => (await editorText(page)).includes(firstTitleLine));
  const mode = await poll(`the status bar to show the language "${LANGUAGE_NAME}"`, async () => {
    const text = (await page.locator('[id="status.editor.mode"]').textContent({ timeout: 1000 }))?.trim();
    if (text !== LANGUAGE_NAME) throw new Error(`the status bar shows "${text}"`);
    return text;
  });
  log(`  language mode: ${mode}`);
}

/**
 * The newsdump server among code-server's descendants runs as client/src/serverLaunch.ts says:
 * its node flags on the command line, its variables in the environment (Linux's /proc).
 */
async function checkServerLaunch(codeServerPid) {
  const { SERVER_NODE_FLAGS, SERVER_ENVIRONMENT } = createRequire(import.meta.url)(join(root, 'client', 'out', 'src', 'serverLaunch.js'));
  const read = (pid, what) => {
    try {
      return readFileSync(`/proc/${pid}/${what}`, 'utf8');
    } catch {
      return ''; // ended meanwhile
    }
  };
  const parentOf = (pid) => Number(read(pid, 'stat').replace(/^.*\) /s, '').split(' ')[1]);
  const isDescendant = (pid) => {
    for (let at = Number(pid), hops = 0; at > 1 && hops < 20; at = parentOf(at), hops++) if (at === codeServerPid) return true;
    return false;
  };
  let servers = [];
  await poll('the newsdump server process', async () => {
    servers = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry) && isDescendant(entry))
      .filter((pid) => {
        const args = read(pid, 'cmdline').split('\0');
        return args.includes('lsp') && args.includes('--stdio') && args.some((arg) => arg.includes('newsdump'));
      });
    return servers.length > 0;
  }, { timeoutMs: 30000 });
  for (const pid of servers) {
    const args = read(pid, 'cmdline').split('\0');
    const environment = read(pid, 'environ').split('\0');
    for (const flag of SERVER_NODE_FLAGS) if (!args.includes(flag)) throw new Error(`server ${pid} runs without ${flag}: ${args.join(' ')}`);
    for (const [name, value] of Object.entries(SERVER_ENVIRONMENT)) {
      if (!environment.includes(`${name}=${value}`)) throw new Error(`server ${pid} runs without ${name}=${value} in its environment`);
    }
    log(`  server ${pid}: ${args.filter((arg) => arg.startsWith('--')).join(' ')}, ${Object.keys(SERVER_ENVIRONMENT).join(', ')} set`);
  }
}

async function checkOutline(page, titles) {
  await runCommand(page, 'Explorer: Focus on Outline View');
  // Give the Outline the side bar: collapse the folder section above it, as a person would.
  const foldersHeader = page.locator('.pane-header[aria-expanded="true"]', { has: page.locator('h3', { hasText: /^workspace$/i }) });
  if (await foldersHeader.count()) await foldersHeader.first().click();
  // The tree renders only the rows in view: scroll through it and gather what it shows.
  const seen = new Set();
  await poll(
    `the Outline view to list all ${titles.length} article titles`,
    async () => {
      for (const text of await rowTexts(page, '.outline-pane')) seen.add(text);
      const missing = titles.filter((title) => ![...seen].some((text) => text.includes(title)));
      if (missing.length === 0) return true;
      const list = page.locator('.outline-pane .monaco-list').first();
      if (await list.count()) {
        await list.hover();
        await page.mouse.wheel(0, 200);
      }
      throw new Error(`missing ${JSON.stringify(missing)}; rows seen ${JSON.stringify([...seen])}`);
    },
    { timeoutMs: 60000, intervalMs: 500 },
  );
  log(`  outline: all ${titles.length} titles listed (${seen.size} rows seen)`);
  // Back to the top for the picture.
  await page.locator('.outline-pane .monaco-list').first().hover();
  await page.mouse.wheel(0, -5000);
  await screenshot(page, 'outline.png');
}

/** Problems panel rows for ocr-break, as [line, text]. */
async function ocrBreakProblems(page) {
  const texts = await rowTexts(page, '.markers-panel');
  return texts
    .filter((text) => text.includes('ocr-break'))
    .map((text) => [Number(/Ln (\d+)/.exec(text)?.[1]), text]);
}

async function checkProblems(page, breakLines) {
  await runCommand(page, 'View: Focus Problems');
  const problems = await poll(
    `the Problems panel to list ocr-break warnings at lines ${breakLines.join(', ')}`,
    async () => {
      const found = await ocrBreakProblems(page);
      const lines = found.map(([line]) => line).sort((a, b) => a - b);
      if (JSON.stringify(lines) !== JSON.stringify([...breakLines].sort((a, b) => a - b))) throw new Error(`ocr-break at lines ${JSON.stringify(lines)}`);
      return found;
    },
    { timeoutMs: 60000 },
  );
  for (const [, text] of problems) log(`  problem: ${text}`);
  await screenshot(page, 'problems.png');
}

async function checkQuickFix(page, breakLines, seedText) {
  const line = breakLines[0];
  const lines = seedText.split(/\r\n|\r|\n/);
  // The cut: the end of the first half and the start of the second, which the fix puts side by side.
  const secondLine = line + 1 + lines.slice(line).findIndex((text) => text.trim().length > 0);
  const secondHalf = lines[secondLine - 1].trim();
  const joined = lines[line - 1].trimEnd().slice(-4) + secondHalf.slice(0, 4);
  // Go to the warning from the Problems panel (select its row, Enter), as a person would.
  const problemRow = page.locator('.markers-panel .monaco-list-row', { hasText: `[Ln ${line}, Col ` }).first();
  await problemRow.click();
  await page.keyboard.press('Enter');
  // Opening a problem selects its range, the cut: from the end of line ${line} to the second half.
  await poll(`the cursor to reach the cut (lines ${line}–${secondLine})`, async () => {
    const at = Number(/^Ln (\d+),/.exec((await page.locator('[id="status.editor.selection"]').textContent({ timeout: 1000 }))?.trim() ?? '')?.[1]);
    return at >= line && at <= secondLine;
  });
  await page.locator('.editor-group-container .monaco-editor.focused').first().waitFor({ state: 'visible', timeout: 10000 });
  // Ctrl+. asks the server for code actions; until it has answered for this version the menu
  // can come up empty ("No code actions available"), so ask again, as a person would.
  const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Join the two halves' }).first();
  await poll('the quick fix menu to offer "Join the two halves"', async () => {
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ state: 'visible', timeout: 8000 });
      return true;
    } catch {
      const shown = (await page.locator('.action-widget, .monaco-editor .contentWidgets').allTextContents()).join(' | ').trim();
      await page.keyboard.press('Escape');
      const why = shown ? `the editor showed: ${shown}` : 'no menu';
      log(`  Ctrl+. gave no "Join the two halves" (${why}); again`);
      throw new Error(why);
    }
  }, { timeoutMs: 30000, intervalMs: 500 });
  await screenshot(page, 'quickfix.png');
  await item.click();
  await poll(`the editor to show the joined text "${joined}"`, async () => (await editorText(page)).includes(joined));
  // The warning quotes the end of the first half (`…全域创`): that one goes, the others stay.
  const quoted = `…${lines[line - 1].trimEnd().slice(-3)}`;
  await poll(`the Problems panel to drop the warning quoting "${quoted}"`, async () => {
    const left = await ocrBreakProblems(page);
    if (left.length !== breakLines.length - 1 || left.some(([, text]) => text.includes(quoted))) {
      throw new Error(`ocr-break rows ${JSON.stringify(left.map(([, text]) => text))}`);
    }
    return true;
  });
  log(`  quick fix applied: "${joined}" joined, ${breakLines.length - 1} ocr-break warnings left`);
  await screenshot(page, 'after-fix.png');
}

// TODO(entity tagging): once the extension offers entity tagging in the editor (nodejieba name
// suggestions as Hint diagnostics + a "Tag as person" code action writing the brat .ann file),
// check it here: cursor on 杨宜锦, Ctrl+., pick the tag action, see the .ann file next to the
// dump gain a `T1 PER … 杨宜锦` line (Explorer) and the name decorated in the editor.
/**
 * Tag a name from the keyboard and save: select 马志峰 (after 市委书记), Ctrl+Alt+T, Enter (PER,
 * the first type), Ctrl+S. The dump is dirty (the quick fix joined a break), so the .ann is
 * written on the save, with offsets in code points of the saved text. The hover on the tag
 * names its type and the title before it.
 */
async function checkEntityTagging(page, dumpPath) {
  const name = '马志峰';
  const context = `市委书记${name}`;
  await page.locator('.editor-group-container .monaco-editor').first().click({ position: { x: 400, y: 200 } });
  await page.keyboard.press('Control+F');
  const find = page.locator('.find-widget .input');
  await find.first().waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.type(context);
  await page.keyboard.press('Escape');
  // The match stays selected: from its end, select the name.
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < name.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Control+Alt+T');
  const title = page.locator('.quick-input-widget', { hasText: `Tag 「${name}」 as` });
  await title.waitFor({ state: 'visible', timeout: 15000 });
  await screenshot(page, 'tag-entity.png');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
  await page.keyboard.press('Control+S');
  const annPath = dumpPath.replace(/\.txt$/, '.ann');
  const expected = () => {
    const saved = readFileSync(dumpPath, 'utf8');
    const at = saved.indexOf(context) + 4;
    const codePoints = [...saved.slice(0, at)].length;
    return `T1\tPER ${codePoints} ${codePoints + [...name].length}\t${name}\n`;
  };
  await poll(`${annPath} to hold the tag`, () => {
    try {
      return readFileSync(annPath, 'utf8') === expected();
    } catch {
      return false;
    }
  });
  log(`  .ann: ${JSON.stringify(readFileSync(annPath, 'utf8'))}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover', { hasText: `${name} — PER` });
  await hover.first().waitFor({ state: 'visible', timeout: 15000 });
  const shown = (await hover.first().textContent()) ?? '';
  if (!shown.includes('市委书记')) throw new Error(`the hover on the tag does not name the title before it: ${shown}`);
  await screenshot(page, 'tag-hover.png');
  await page.keyboard.press('Escape');
}

/**
 * The Entities view (Explorer, shown while a dump is active) lists the tag just made under
 * its type, with counts; a click on the name goes to it in the editor.
 */
async function checkEntitiesView(page) {
  await runCommand(page, 'Explorer: Focus on Entities View');
  const row = (text) => page.locator('.monaco-list-row', { hasText: text }).first();
  await poll('the Entities view to list "PER (1)" and "马志峰 (1)"', async () => (await row('PER (1)').isVisible()) && (await row('马志峰 (1)').isVisible()), { timeoutMs: 30000, intervalMs: 500 });
  // A click on the name selects it in the editor (3 characters); the chevron lists its occurrences.
  await row('马志峰 (1)').click();
  await poll('the click to select 马志峰 in the editor', async () => /\(3 selected\)/.test((await page.locator('[id="status.editor.selection"]').textContent({ timeout: 1000 })) ?? ''));
  await row('马志峰 (1)').locator('.monaco-tl-twistie').click();
  await poll('the occurrence under 马志峰', () => row('市委书记马志峰').isVisible());
  await screenshot(page, 'entities-view.png');
}

// ---------------------------------------------------------------- the problems window

const BIG_SUBJECTS = ['全市各级各部门', '各街道社区', '相关职能部门', '各责任单位', '基层党组织', '志愿服务队伍', '窗口服务单位', '各行业主管部门'];
const BIG_ACTIONS = ['持续推进', '扎实开展', '全面落实', '认真做好', '稳步推进', '深入开展', '统筹抓好', '加快推进'];
const BIG_TASKS = ['背街小巷环境整治', '老旧小区改造提升', '垃圾分类宣传引导', '农贸市场规范管理', '公共文明引导行动', '道路交通秩序治理', '公共服务设施维护', '文明城市常态长效管理'];
const BIG_RESULTS = ['群众满意度不断提升', '城市面貌持续改善', '各项工作取得明显成效', '长效机制逐步建立', '服务水平进一步提高', '问题整改按期完成'];
const BIG_TITLES = ['城市精细化管理再上新台阶', '文明创建工作扎实推进', '民生实事项目加快实施', '基层治理能力持续提升', '人居环境整治见实效', '便民服务走进千家万户'];
/** The one tag left in the big dump, in its last paragraph: the Problems panel filter finds that problem alone. */
const BIG_LAST_MARKUP = '<br>';

/**
 * A page of local news as a web archive gives it (about 200 KB): 80 short articles apart by
 * three blank lines, each without a byline (missing-byline), each of its 20 one-line
 * paragraphs with an `&nbsp;` the extraction left in (markup-leftover); in the very last one
 * a `<br>` instead. No person or place names: the editor makes no entity hints, so the
 * problems it counts are those `newsdump check` reports.
 */
function bigDumpText({ articles = 80, paragraphs = 20 } = {}) {
  const lines = [];
  for (let a = 0; a < articles; a++) {
    if (a > 0) lines.push('', '', '');
    lines.push(`${BIG_TITLES[a % BIG_TITLES.length]}（之${a + 1}）`, '');
    for (let p = 0; p < paragraphs; p++) {
      const k = a * paragraphs + p;
      const lead = p === 0 ? `本报讯 ${(a % 12) + 1}月${(a % 28) + 1}日,` : '';
      const markup = a === articles - 1 && p === paragraphs - 1 ? BIG_LAST_MARKUP : '&nbsp;';
      if (p > 0) lines.push('');
      lines.push(
        `${lead}${BIG_SUBJECTS[k % BIG_SUBJECTS.length]}${BIG_ACTIONS[(k >> 3) % BIG_ACTIONS.length]}${BIG_TASKS[(k + a) % BIG_TASKS.length]}工作,` +
          `${markup}已完成${((k * 37) % 900) + 100}处点位整改,${BIG_RESULTS[(k >> 1) % BIG_RESULTS.length]}。`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What `newsdump check` reports for the big dump (the CLI as built by `npm run package`): how
 * many problems, the line of the last (1-based), and that line is the `<br>` one.
 */
function bigDumpExpectations(path) {
  const cli = join(root, 'server', 'out', 'src', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Exit code 1 means "some error-severity problem": the JSON is there all the same.
  if (result.error || !result.stdout) throw new Error(`newsdump check ${path}: ${result.error?.message ?? result.stderr}`);
  const [{ diagnostics }] = JSON.parse(result.stdout);
  const total = diagnostics.length;
  const lastLine = Math.max(...diagnostics.map((diagnostic) => diagnostic.range.start.line)) + 1;
  const last = diagnostics.filter((diagnostic) => diagnostic.message.includes(BIG_LAST_MARKUP));
  if (total <= EDITOR_DIAGNOSTICS_LIMIT * 1.5) throw new Error(`the big dump has only ${total} problems`);
  if (last.length !== 1 || last[0].range.start.line + 1 !== lastLine) {
    throw new Error(`the big dump's ${BIG_LAST_MARKUP} problem is not the one on its last problem line ${lastLine}: ${JSON.stringify(last)}`);
  }
  return { total, lastLine, lastMessage: last[0].message };
}

/** Types `text` into the Problems panel's filter box (empty: no filter). */
async function filterProblems(page, text) {
  const input = page.locator('.markers-panel-container .viewpane-filter input:visible, .panel .viewpane-filter input:visible').first();
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(text);
}

/** The window the notice in the Problems panel reports, parsed (lines 1-based); or why there is none. */
async function windowNotice(page) {
  const rows = (await rowTexts(page, '.markers-panel')).filter((text) => text.includes('problems shown'));
  if (rows.length !== 1) throw new Error(`${rows.length} notice rows: ${JSON.stringify(rows)}`);
  const [text] = rows;
  const number = (digits) => Number(digits.replaceAll(',', ''));
  const match = /([\d,]+) of ([\d,]+) problems shown, those on (?:lines ([\d,]+)–([\d,]+)|line ([\d,]+))/.exec(text);
  if (!match) throw new Error(`a notice row that does not say its window: ${text}`);
  const from = number(match[3] ?? match[5]);
  return { text, shown: number(match[1]), total: number(match[2]), from, to: number(match[4] ?? match[5]) };
}

/**
 * The dump with more problems than VS Code lists: opened, the Problems panel lists the
 * server's notice for the window at the top (lines 1–…) with the total the CLI counts, and
 * not the problem on the last line; after scrolling to the end the notice names a window
 * reaching the end and that problem is listed.
 */
async function checkProblemsWindow(page, bigDumpPath) {
  const expected = bigDumpExpectations(bigDumpPath);
  log(`  ${BIG_DUMP_NAME}: newsdump check counts ${expected.total} problems, the last on line ${expected.lastLine}: ${expected.lastMessage}`);
  await openWithQuickOpen(page, BIG_DUMP_NAME);
  await poll(`the status bar to show the language "${LANGUAGE_NAME}"`, async () => (await page.locator('[id="status.editor.mode"]').textContent({ timeout: 1000 }))?.trim() === LANGUAGE_NAME);

  await runCommand(page, 'View: Focus Problems');
  // The code of the notice (the filter matches codes and messages; never the file's name).
  await filterProblems(page, 'problems-window');
  const top = await poll('the Problems panel to list the problems-window notice for lines 1–…', async () => {
    const notice = await windowNotice(page);
    if (notice.from !== 1) throw new Error(`the notice is for lines ${notice.from}–${notice.to}: ${notice.text}`);
    return notice;
  }, { timeoutMs: 60000, intervalMs: 500 });
  log(`  notice: ${top.text}`);
  if (top.total !== expected.total) throw new Error(`the notice counts ${top.total} problems, newsdump check ${expected.total}`);
  if (top.shown < EDITOR_DIAGNOSTICS_LIMIT / 2 || top.shown > EDITOR_DIAGNOSTICS_LIMIT - 1) throw new Error(`the notice says ${top.shown} shown: ${top.text}`);
  if (top.to >= expected.lastLine) throw new Error(`the first window already reaches the last problem (line ${expected.lastLine}): ${top.text}`);
  await screenshot(page, 'problems-window-top.png');
  // The notice came in the same publish as the problems: the one on the last line is not among them.
  await filterProblems(page, BIG_LAST_MARKUP);
  const early = (await rowTexts(page, '.markers-panel')).filter((text) => text.includes(BIG_LAST_MARKUP));
  if (early.length > 0) throw new Error(`the problem on line ${expected.lastLine} is listed with the window at the top: ${JSON.stringify(early)}`);

  // To the end of the file by scrolling alone, over the editor's scroll bar: the cursor stays
  // on line 1 and no hover or code action tells the server where the user is; only the
  // visible lines the client reports (newsdump/visibleRanges) can move the window.
  const slider = page.locator('.editor-group-container .monaco-editor .scrollbar.vertical .slider').first();
  await poll('the editor to show the end of the file', async () => {
    // Dragged down the whole track (the mouse wheel moves a few lines at a time).
    const box = await slider.boundingBox();
    if (!box) return false;
    await page.mouse.move(box.x + box.width / 2, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 5000, { steps: 5 });
    await page.mouse.up();
    const lines = (await page.locator('.editor-group-container .monaco-editor .line-numbers').allTextContents()).map(Number).filter(Number.isFinite);
    return Math.max(0, ...lines) >= expected.lastLine;
  }, { timeoutMs: 30000, intervalMs: 500 });
  const cursor = (await page.locator('[id="status.editor.selection"]').textContent({ timeout: 1000 }))?.trim() ?? '';
  if (!/^Ln 1,/.test(cursor)) throw new Error(`scrolling moved the cursor: ${cursor}`);
  await filterProblems(page, 'problems-window');
  const end = await poll(`the notice to name a window reaching line ${expected.lastLine}`, async () => {
    const notice = await windowNotice(page);
    if (notice.to < expected.lastLine) throw new Error(`the notice is for lines ${notice.from}–${notice.to}: ${notice.text}`);
    return notice;
  }, { timeoutMs: 60000, intervalMs: 500 });
  log(`  notice: ${end.text}`);
  if (end.total !== expected.total) throw new Error(`the notice counts ${end.total} problems, newsdump check ${expected.total}`);
  await filterProblems(page, BIG_LAST_MARKUP);
  const lastRow = await poll(`the Problems panel to list the ${BIG_LAST_MARKUP} problem on line ${expected.lastLine}`, async () => {
    const rows = (await rowTexts(page, '.markers-panel')).filter((text) => text.includes(BIG_LAST_MARKUP));
    return rows.find((text) => text.includes(`[Ln ${expected.lastLine}, Col `));
  }, { timeoutMs: 30000, intervalMs: 500 });
  log(`  problem: ${lastRow}`);
  await screenshot(page, 'problems-window-end.png');
  await filterProblems(page, '');
}

// ---------------------------------------------------------------- main

async function main() {
  // Only this run's pictures and logs: a stale failure.png would mislead.
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const tools = await step('tools (Node 24, code-server, chromium, fonts)', () => ensureTools((line) => log(`  ${line}`)));
  const node24 = tools.nodeInfo.node;
  const temp = mkdtempSync(join(tmpdir(), 'newsdump-e2e-'));
  let codeServer;
  let browser;
  let page;
  let failed = false;
  // Ctrl+C or a CI timeout: code-server runs in its own process group, so it would outlive us.
  // (Playwright closes the Chromium it launched on these signals by itself.)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      log(`${signal}: stopping code-server`);
      if (codeServer?.pid && codeServer.exitCode === null) {
        try {
          process.kill(-codeServer.pid, 'SIGKILL');
        } catch {}
      }
      if (process.env.NEWSDUMP_E2E_KEEP !== '1') rmSync(temp, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    const vsix = join(temp, 'newsdump.vsix');
    await step('package the extension (npm run package)', () => {
      runLogged('npm', ['run', 'package', '--', '--out', vsix], { cwd: root, logFile: join(artifacts, 'package.log') });
    });

    const { titles, breakLines } = expectedOutline();
    const seedText = readFileSync(`${SEED}.txt`, 'utf8');
    await step('the packaged server answers LSP', async () => {
      const unpacked = join(temp, 'unpacked');
      runLogged('unzip', ['-q', vsix, '-d', unpacked], { logFile: join(artifacts, 'unzip.log') });
      await lspSmoke({
        node: node24,
        serverJs: join(unpacked, 'extension', 'dist', 'server.js'),
        uri: pathToFileURL(join(temp, DUMP_NAME)).toString(),
        text: seedText,
        expectedTitles: titles,
        log: (line) => log(`  ${line}`),
      });
    });

    const workspace = join(temp, 'workspace');
    const userDataDir = join(temp, 'user-data');
    const extensionsDir = join(temp, 'extensions');
    mkdirSync(workspace);
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    mkdirSync(extensionsDir);
    copyFileSync(`${SEED}.txt`, join(workspace, DUMP_NAME));
    writeFileSync(join(workspace, BIG_DUMP_NAME), bigDumpText());
    writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
    // --config too: code-server writes a default config file, which would otherwise land in ~/.config.
    const profileArgs = ['--config', join(temp, 'code-server.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    const env = node24Env(tools.nodeInfo);

    await step('install the .vsix into code-server', () => {
      const output = runLogged(node24, [tools.codeServer.entry, ...profileArgs, '--install-extension', vsix], {
        env,
        logFile: join(artifacts, 'install-extension.log'),
      });
      if (!/successfully installed/i.test(output)) throw new Error(`code-server --install-extension said:\n${output}`);
    });

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    await step(`start code-server on ${url}`, async () => {
      const logFd = openSync(join(artifacts, 'code-server.log'), 'w');
      codeServer = spawn(
        node24,
        [
          tools.codeServer.entry,
          '--auth', 'none',
          '--bind-addr', `127.0.0.1:${port}`,
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--ignore-last-opened',
          ...profileArgs,
          workspace,
        ],
        { env, detached: true, stdio: ['ignore', logFd, logFd] },
      );
      closeSync(logFd);
      let exited;
      codeServer.on('exit', (code, signal) => (exited = `code-server exited (${code ?? signal}); see e2e-artifacts/code-server.log`));
      await poll(`${url}/healthz`, async () => {
        if (exited) throw Object.assign(new Error(exited), { fatal: true });
        const response = await fetch(`${url}/healthz`);
        return response.ok;
      }, { timeoutMs: 60000 });
    });

    await step('open the workspace in Chromium', async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      page = await context.newPage();
      page.on('pageerror', (error) => log(`  page error: ${error.message}`));
      await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: DUMP_NAME }).waitFor({ state: 'visible', timeout: 60000 });
    });

    await step(`open ${DUMP_NAME} with Ctrl+P`, async () => {
      await openWithQuickOpen(page, DUMP_NAME);
      await checkEditorOpened(page, seedText);
    });
    await step('Outline view lists the article titles', () => checkOutline(page, titles));
    await step('the language server runs with the node flags and environment the bench measures it with', () => checkServerLaunch(codeServer.pid));
    await step('Problems panel lists the OCR breaks', () => checkProblems(page, breakLines));
    await step('quick fix "Join the two halves"', () => checkQuickFix(page, breakLines, seedText));
    await step('tag an entity with Ctrl+Alt+T, save, the .ann holds it', () => checkEntityTagging(page, join(workspace, DUMP_NAME)));
    await step('Entities view lists the tag', () => checkEntitiesView(page));
    await step(`Problems panel: the window of a dump with more than ${EDITOR_DIAGNOSTICS_LIMIT.toLocaleString('en')} problems follows scrolling`, () =>
      checkProblemsWindow(page, join(workspace, BIG_DUMP_NAME)),
    );
  } catch (error) {
    failed = true;
    log(`✘ ${error instanceof Error ? error.message : String(error)}`);
    if (page) await screenshot(page, 'failure.png').catch(() => {});
  } finally {
    if (browser) await browser.close().catch((error) => log(`  closing Chromium: ${error.message}`));
    if (codeServer && codeServer.exitCode === null) {
      // Its own process group (detached): code-server forks a worker and extension hosts.
      try {
        process.kill(-codeServer.pid, 'SIGTERM');
      } catch {}
      const gone = await Promise.race([
        new Promise((resolve) => codeServer.on('exit', () => resolve(true))),
        new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
      ]);
      if (!gone) {
        try {
          process.kill(-codeServer.pid, 'SIGKILL');
        } catch {}
      }
    }
    if (process.env.NEWSDUMP_E2E_KEEP === '1') log(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
  log(failed ? `FAILED after ${elapsed().trim()} (artifacts in ${artifacts})` : `passed in ${elapsed().trim()} (screenshots in ${artifacts})`);
  // The plain closing line CI reads: one per step, the not-yet-built checks as skipped.
  console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
