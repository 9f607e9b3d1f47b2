// Faults for the server under test, loaded into its process with `node --require` (see
// LspSession's `faults` option), so the product needs no test seam and the failure goes
// through the real code path. Read once at start from NEWSDUMP_TEST_FAULTS (comma-separated):
// - `no-nodejieba`: require('nodejieba') fails, as on a machine where the addon was never built;
// - `disk-full=<marker path>`: while the marker file exists, writing the temp file of an .ann
//   save fails with ENOSPC after the file was created, as a full disk makes it. Root ignores
//   chmod, so a read-only folder cannot stand in for this.
import fs from 'node:fs';
import Module from 'node:module';

const faults = (process.env.NEWSDUMP_TEST_FAULTS ?? '').split(',').filter(Boolean);

if (faults.includes('no-nodejieba')) {
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
    if (request === 'nodejieba') throw Object.assign(new Error("Cannot find module 'nodejieba'"), { code: 'MODULE_NOT_FOUND' });
    return resolve.call(this, request, ...rest);
  };
}

const diskFull = faults.find((fault) => fault.startsWith('disk-full='))?.slice('disk-full='.length);
if (diskFull) {
  // annStorage writes `.NAME.ann.<pid>.<random>.tmp` next to the .ann, then renames it.
  const annTemp = /\.ann\.\d+\.[0-9a-f]+\.tmp$/;
  const open = fs.promises.open;
  fs.promises.open = async function (...args: Parameters<typeof open>) {
    const handle = await open(...args);
    if (annTemp.test(String(args[0])) && fs.existsSync(diskFull)) {
      handle.writeFile = async () => {
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      };
    }
    return handle;
  } as typeof open;
}
