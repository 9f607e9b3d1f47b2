// One AutoCorrect lint of one file, in a process of its own, printed as JSON on stdout:
//   node bench/lib/autocorrect-lint.cjs <file> <autocorrect-node dir>  →  {"ms":…, "problems":…, "error":""}
// A fresh process each time because autocorrect-node 2.14's text parser (pest) counts its
// calls across lints in one process: after any earlier lintFor, even of one short line, a
// lint of a 1 MB text fails with "call limit reached". The warm-up is therefore a format()
// (the same rules, no parser), so the time below is the lint itself, not loading the rules.
const { readFileSync } = require('node:fs');

let autocorrect;
try {
  autocorrect = require(process.argv[3] ?? 'autocorrect-node');
} catch (error) {
  process.stdout.write(JSON.stringify({ ms: null, problems: null, error: `autocorrect-node cannot load: ${error.message}` }));
  process.exit(0);
}
const text = readFileSync(process.argv[2], 'utf8');
autocorrect.format('预热warm up一下,好的。');
const started = performance.now();
const result = autocorrect.lintFor(text, 'dump.txt');
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, problems: result.lines.length, error: result.error.split('\n').slice(-2).join(' ').trim() }));
