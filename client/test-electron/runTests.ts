// `npm run test:vscode`: the extension's integration tests inside a real VS Code, started by
// @vscode/test-electron. That script builds first (`tsc -b && npm run bundle`); this file only
// checks the bundle is there, gets a VS Code, and runs ./suite in it.
//
// The VS Code build is downloaded from update.code.visualstudio.com into .vscode-test/ (kept
// for the next run). Where that host cannot be reached, this stops at once with one line that
// says so and points to `npm run e2e`, the same checks in code-server (scripts/e2e/).
//
//   NEWSDUMP_VSCODE_VERSION=1.91.1     test another VS Code ('stable' by default; 'insiders',
//                                      or a release such as the oldest one package.json allows)
//   NEWSDUMP_VSCODE_EXECUTABLE=<path>  use an installed VS Code; nothing is downloaded
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  downloadAndUnzipVSCode,
  ProgressReportStage,
  runTests,
  TestRunFailedError,
  type ProgressReport,
  type ProgressReporter,
} from '@vscode/test-electron';

/** The repository root, which is the extension: this file runs as client/out/test-electron/runTests.js. */
const ROOT = resolve(__dirname, '..', '..', '..');
const CACHE = join(ROOT, '.vscode-test');
/** Idle time-out of each request to the VS Code update service. */
const NETWORK_TIMEOUT_MS = 15_000;
const NAME = 'test:vscode';
const ALTERNATIVE = 'run `npm run e2e` instead (the same checks in code-server and Chromium, see scripts/e2e/)';

/** A failure explained in one line; printed without a stack trace. */
class Stop extends Error {}

async function main(): Promise<void> {
  checkBundle();
  const vscodeExecutablePath = await getVSCode();
  checkDisplay();

  const workspace = makeWorkspace();
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(__dirname, 'suite', 'index'),
      // The first launch argument is the folder VS Code opens. Other installed extensions
      // are disabled; the one under development is loaded all the same.
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: { NEWSDUMP_TEST_WORKSPACE: workspace },
    });
  } catch (error) {
    if (error instanceof TestRunFailedError) {
      const how = error.signal !== undefined ? `was stopped by ${error.signal}` : `exited with code ${error.code}`;
      throw new Stop(`VS Code ${how}; the test report is above`);
    }
    throw error;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`${NAME}: all tests passed in VS Code`);
}

/** The extension VS Code loads is the esbuild bundle named by package.json's `main`. */
function checkBundle(): void {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main?: string };
  for (const file of [manifest.main ?? './dist/client.js', './dist/server.js']) {
    if (!existsSync(join(ROOT, file))) {
      throw new Stop(`${file} is missing: run \`npm run bundle\` first (\`npm run test:vscode\` builds and bundles)`);
    }
  }
}

async function getVSCode(): Promise<string> {
  const installed = process.env.NEWSDUMP_VSCODE_EXECUTABLE;
  if (installed) {
    if (!existsSync(installed)) throw new Stop(`NEWSDUMP_VSCODE_EXECUTABLE=${installed} does not exist`);
    return installed;
  }
  const version = process.env.NEWSDUMP_VSCODE_VERSION || 'stable';
  const reporter = new LineReporter();
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: CACHE, reporter, timeout: NETWORK_TIMEOUT_MS });
  } catch (error) {
    const reason = oneLine(reporter.lastError ?? error);
    throw new Stop(
      `cannot download VS Code ${version} from update.code.visualstudio.com (${reason}); ` +
        `${ALTERNATIVE}, or set NEWSDUMP_VSCODE_EXECUTABLE to an installed VS Code`,
    );
  }
}

/** VS Code is a desktop app: on Linux it needs an X or Wayland display, and a CI box has none. */
function checkDisplay(): void {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return;
  throw new Stop(`no display for VS Code ($DISPLAY is unset): run \`xvfb-run -a npm run ${NAME}\`, or ${ALTERNATIVE}`);
}

/**
 * A fresh folder for VS Code to open. Its settings turn the `newsdump.files` globs off, so the
 * test file becomes a dump only by detection by content.
 */
function makeWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'newsdump-vscode-'));
  mkdirSync(join(folder, '.vscode'));
  const settings = { 'newsdump.files': [], 'newsdump.detectByContent': true };
  writeFileSync(join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return folder;
}

/** Download progress as a few plain lines; errors are kept for the one-line summary. */
class LineReporter implements ProgressReporter {
  lastError: unknown;
  private shownTenths = -1;
  private installed = false;

  report(report: ProgressReport): void {
    switch (report.stage) {
      case ProgressReportStage.ResolvedVersion:
        console.log(`${NAME}: VS Code ${report.version}`);
        break;
      case ProgressReportStage.FoundMatchingInstall:
        console.log(`${NAME}: using ${relative(ROOT, report.downloadedPath)}`);
        break;
      case ProgressReportStage.Downloading: {
        if (report.totalBytes <= 0) break;
        const tenths = Math.floor((report.bytesSoFar / report.totalBytes) * 10);
        if (tenths > this.shownTenths) {
          this.shownTenths = tenths;
          console.log(`${NAME}: downloading VS Code ${tenths * 10}% of ${(report.totalBytes / 2 ** 20).toFixed(0)} MiB`);
        }
        break;
      }
      case ProgressReportStage.Retrying:
        this.shownTenths = -1;
        console.log(`${NAME}: download failed (${oneLine(report.error)}), retrying (${report.attempt}/${report.totalAttempts})`);
        break;
      case ProgressReportStage.NewInstallComplete:
        if (!this.installed) console.log(`${NAME}: VS Code is in ${relative(ROOT, report.downloadedPath)}`);
        this.installed = true;
        break;
      default:
        break;
    }
  }

  error(error: unknown): void {
    this.lastError = error;
  }
}

/** The first line of an error's message, for errors thrown as anything (strings included). */
function oneLine(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return oneLine(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message.split('\n')[0].trim() || code || error.name;
  }
  return String(error).split('\n')[0].trim();
}

main().catch((error: unknown) => {
  console.error(`${NAME}: ${error instanceof Stop ? error.message : `failed: ${oneLine(error)}`}`);
  process.exitCode = 1;
});
