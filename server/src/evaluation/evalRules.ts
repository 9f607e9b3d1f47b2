#!/usr/bin/env node
// Precision and recall of the ocr-break and missing-byline rules against hand-made outlines
// (test-fixtures/README.md format). An ocr-break problem is right when its first and last
// lines are an expected break [first, second]; a missing-byline problem is right when it sits
// on the title line of an expected article with no credits.
// Usage: evalRules <folder of NAME.expected.json> [folder of NAME.txt, default: the same] [--verbose] [--no-segmenter]
import * as fs from 'fs';
import * as path from 'path';
import { parseDump } from '../model/parse';
import { WordSegmenter } from '../model/types';
import { loadJiebaSegmenter } from '../segmentation/jieba';
import { LineIndex } from '../text/positions';
import { runRules } from '../rules/runRules';
import { ocrBreakRule } from '../rules/ocrBreak';
import { missingBylineRule } from '../rules/missingByline';
import { ExpectedOutline, Tally, precision, recall } from './outlineScore';

const RULE_IDS = [ocrBreakRule.id, missingBylineRule.id] as const;
type RuleId = (typeof RULE_IDS)[number];

interface Findings {
  tally: Tally;
  falsePositives: string[];
  falseNegatives: string[];
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const [expectedDir, textDir = expectedDir] = argv.filter((arg) => !arg.startsWith('--'));
  if (!expectedDir) {
    process.stderr.write('usage: evalRules <expected-dir> [text-dir] [--verbose] [--no-segmenter]\n');
    return 2;
  }
  const { segmenter, problem } = argv.includes('--no-segmenter') ? { segmenter: undefined, problem: undefined } : loadJiebaSegmenter();
  if (problem) process.stderr.write(`note: ${problem}\n`);

  const totals: Record<RuleId, Tally> = {
    'ocr-break': { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
    'missing-byline': { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
  };
  const files = fs.readdirSync(expectedDir).filter((name) => name.endsWith('.expected.json')).sort();
  for (const name of files) {
    const base = name.slice(0, -'.expected.json'.length);
    const expected = JSON.parse(fs.readFileSync(path.join(expectedDir, name), 'utf8')) as ExpectedOutline;
    const text = fs.readFileSync(path.join(textDir, `${base}.txt`), 'utf8').replace(/^\ufeff/, '');
    const found = scoreFile(expected, text, segmenter);
    const summary = RULE_IDS.map((id) => `${id} ${found[id].tally.truePositives}/${found[id].tally.truePositives + found[id].tally.falseNegatives}`);
    process.stdout.write(`${base}: ${summary.join(', ')}\n`);
    for (const id of RULE_IDS) {
      const { tally, falsePositives, falseNegatives } = found[id];
      totals[id].truePositives += tally.truePositives;
      totals[id].falsePositives += tally.falsePositives;
      totals[id].falseNegatives += tally.falseNegatives;
      if (!verbose) continue;
      for (const item of falsePositives) process.stdout.write(`    false positive ${id}: ${item}\n`);
      for (const item of falseNegatives) process.stdout.write(`    false negative ${id}: ${item}\n`);
    }
  }

  process.stdout.write(`\n${'rule'.padEnd(15)} ${'expected'.padStart(8)} ${'found'.padStart(6)} ${'right'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}\n`);
  for (const id of RULE_IDS) {
    const t = totals[id];
    process.stdout.write(
      `${id.padEnd(15)} ${String(t.truePositives + t.falseNegatives).padStart(8)} ${String(t.truePositives + t.falsePositives).padStart(6)} ` +
        `${String(t.truePositives).padStart(6)} ${precision(t).toFixed(3).padStart(9)} ${recall(t).toFixed(3).padStart(7)}\n`,
    );
  }
  return 0;
}

function scoreFile(expected: ExpectedOutline, text: string, segmenter: WordSegmenter | undefined): Record<RuleId, Findings> {
  const lines = new LineIndex(text);
  const lineText = (line: number) => text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1));
  const problems = runRules({ text, model: parseDump(text, { segmenter }), segmenter }, {}, [ocrBreakRule, missingBylineRule]);
  const lineOf = (offset: number) => lines.lineOf(offset) + 1;

  // ocr-break: by [last line of the first half, first line of the second].
  const breakKey = (first: number, second: number) => `L${first}→L${second}`;
  const wantBreaks = new Map<string, string>();
  for (const article of expected.articles) {
    for (const [first, second] of article.breaks) wantBreaks.set(breakKey(first, second), `${breakKey(first, second)} ${cut(lineText(first), lineText(second))}`);
  }
  const gotBreaks = new Map<string, string>();
  for (const problem of problems.filter((p) => p.ruleId === ocrBreakRule.id)) {
    const first = lineOf(problem.span.start);
    const second = lineOf(problem.span.end);
    gotBreaks.set(breakKey(first, second), `${breakKey(first, second)} ${cut(lineText(first), lineText(second))}`);
  }

  // missing-byline: by the title line of an article the editor left without credits.
  const wantUncredited = new Map<string, string>();
  for (const article of expected.articles) {
    if (article.credits.length === 0) wantUncredited.set(`L${article.titleLine}`, `L${article.titleLine} ${article.title ?? '(untitled)'}`);
  }
  const gotUncredited = new Map<string, string>();
  for (const problem of problems.filter((p) => p.ruleId === missingBylineRule.id)) {
    const line = lineOf(problem.span.start);
    gotUncredited.set(`L${line}`, `L${line} ${lineText(line).trim()}`);
  }

  return {
    'ocr-break': compare(wantBreaks, gotBreaks),
    'missing-byline': compare(wantUncredited, gotUncredited),
  };
}

function compare(want: Map<string, string>, got: Map<string, string>): Findings {
  const falsePositives = [...got.keys()].filter((key) => !want.has(key)).map((key) => got.get(key)!);
  const falseNegatives = [...want.keys()].filter((key) => !got.has(key)).map((key) => want.get(key)!);
  const truePositives = got.size - falsePositives.length;
  return { tally: { truePositives, falsePositives: falsePositives.length, falseNegatives: falseNegatives.length }, falsePositives, falseNegatives };
}

/** `…长期从` | `事一线…`: the two sides of a cut, for the verbose listing. */
function cut(first: string, second: string): string {
  const end = Array.from(first.trim()).slice(-8).join('');
  const start = Array.from(second.trim()).slice(0, 8).join('');
  return `…${end} | ${start}…`;
}

process.exitCode = main(process.argv.slice(2));
