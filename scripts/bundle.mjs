#!/usr/bin/env node
// Bundles the extension for shipping (DESIGN.md point 8): one file for the VS Code side,
// one for the language server + CLI. `tsc -b` stays the type check; this only bundles.
//
//   node scripts/bundle.mjs               dist/client.js + dist/server.js, with source maps
//   node scripts/bundle.mjs --production  minified, no source maps (what the .vsix ships)
//   node scripts/bundle.mjs --watch       rebuild on change (F5 development)
//
// Kept external:
//   vscode     provided by the editor at run time.
//   nodejieba  a native N-API addon that reads its dictionaries next to its own index.js
//              (submodules/cppjieba/dict/*.utf8); it is shipped as files in the .vsix under
//              node_modules/nodejieba and found by Node's normal lookup from dist/.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
for (const arg of args) {
  if (!['--production', '--watch'].includes(arg)) {
    console.error(`bundle: unknown option '${arg}' (use --production or --watch)`);
    process.exit(2);
  }
}

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.91 runs extensions on Node 20; the CLI needs Node 20 or later too.
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  // vscode-languageclient/-server ship both CJS and ESM builds; take the CJS `main`.
  mainFields: ['main', 'module'],
  absWorkingDir: root,
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/server.js',
    external: ['nodejieba'],
    // server.ts starts itself when it is Node's main module (`node server.js --stdio`). In the
    // bundle its code shares the bundle's `module`, so that check would be true whenever
    // dist/server.js runs and `lsp --stdio` would start a second server on the same pipes.
    // The bundle's entry is cli.ts, so server.ts is never the main module here.
    define: { 'require.main': 'undefined' },
  },
];

rmSync(join(root, 'dist'), { recursive: true, force: true });
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('bundle: watching client/src and server/src (Ctrl+C to stop)');
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true })));
  for (const [index, result] of results.entries()) {
    const [file, info] = Object.entries(result.metafile.outputs).find(([name]) => name.endsWith('.js'));
    console.log(`bundle: ${file}  ${(info.bytes / 1024).toFixed(0)} KiB  (${builds[index].entryPoints[0]})`);
  }
  console.log(`bundle: done in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
