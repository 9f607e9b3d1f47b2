#!/usr/bin/env node
// `npm run eval`: precision and recall of the outline against hand-made expected files.
// Usage: evalOutline <folder of NAME.expected.json> [folder of NAME.txt, default: the same] [--verbose] [--no-segmenter]
import * as fs from 'fs';
import * as path from 'path';
import { parseDump } from '../model/parse';
import { loadJiebaSegmenter } from '../segmentation/jieba';
import { ExpectedOutline, OutlineScore, Tally, precision, recall, scoreOutline, summarizeOutline } from './outlineScore';

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const [expectedDir, textDir = expectedDir] = argv.filter((arg) => !arg.startsWith('--'));
  if (!expectedDir) {
    process.stderr.write('usage: evalOutline <expected-dir> [text-dir] [--verbose]\n');
    return 2;
  }
  // --no-segmenter measures what the outline is worth when nodejieba cannot load.
  const { segmenter, problem } = argv.includes('--no-segmenter') ? { segmenter: undefined, problem: undefined } : loadJiebaSegmenter();
  if (problem) process.stderr.write(`note: ${problem}\n`);
  const totals: Record<keyof Omit<OutlineScore, 'differences'>, Tally> = {
    articles: emptyTally(), titles: emptyTally(), credits: emptyTally(), breaks: emptyTally(), sections: emptyTally(),
  };
  const files = fs.readdirSync(expectedDir).filter((name) => name.endsWith('.expected.json')).sort();
  for (const name of files) {
    const base = name.slice(0, -'.expected.json'.length);
    const expected = JSON.parse(fs.readFileSync(path.join(expectedDir, name), 'utf8')) as ExpectedOutline;
    const text = fs.readFileSync(path.join(textDir, `${base}.txt`), 'utf8').replace(/^\ufeff/, '');
    const score = scoreOutline(expected, summarizeOutline(parseDump(text, { segmenter }), text));
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) add(totals[key], score[key]);
    process.stdout.write(`${base}: ${score.differences.length === 0 ? 'matches' : `${score.differences.length} differences`}\n`);
    if (verbose) for (const difference of score.differences) process.stdout.write(`    ${difference}\n`);
  }
  process.stdout.write(`\n${'what'.padEnd(10)} ${'expected'.padStart(8)} ${'found'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}\n`);
  for (const [key, t] of Object.entries(totals)) {
    process.stdout.write(
      `${key.padEnd(10)} ${String(t.truePositives + t.falseNegatives).padStart(8)} ${String(t.truePositives + t.falsePositives).padStart(6)} ` +
        `${precision(t).toFixed(3).padStart(9)} ${recall(t).toFixed(3).padStart(7)}\n`,
    );
  }
  return 0;
}

function emptyTally(): Tally {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
}

function add(total: Tally, part: Tally): void {
  total.truePositives += part.truePositives;
  total.falsePositives += part.falsePositives;
  total.falseNegatives += part.falseNegatives;
}

process.exitCode = main(process.argv.slice(2));
