// A quick protocol check of the server as packaged, before the browser: start
// extension/dist/server.js from the unpacked .vsix with `lsp --stdio`, initialize, open a dump,
// ask for its document symbols. It catches a broken bundle or a nodejieba that does not load
// from the .vsix layout in seconds, with a clearer message than an empty Outline would give.
import { spawn } from 'node:child_process';

/** Minimal JSON-RPC over stdio with Content-Length framing. */
function connect(child) {
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const notifications = [];
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: *(\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'));
      if (!match) throw new Error(`bad LSP header: ${buffer.subarray(0, headerEnd)}`);
      const length = Number(match[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method === undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (!waiter) throw new Error(`response to an unknown request ${message.id} (two servers on one pipe?)`);
        if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter.resolve(message.result);
      } else if (message.id !== undefined) {
        // A request from the server (configuration, registerCapability …): answer with nothing.
        const result = message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null;
        send({ jsonrpc: '2.0', id: message.id, result });
      } else {
        notifications.push(message);
      }
    }
  });
  function send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
  return {
    notifications,
    request(method, params, timeoutMs = 20000) {
      const id = nextId++;
      send({ jsonrpc: '2.0', id, method, params });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
        pending.set(id, {
          method,
          resolve: (value) => (clearTimeout(timer), resolve(value)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
      });
    },
    notify(method, params) {
      send({ jsonrpc: '2.0', method, params });
    },
  };
}

/**
 * @param {{ node: string, serverJs: string, uri: string, text: string, expectedTitles: string[], log: (line: string) => void }} options
 */
export async function lspSmoke({ node, serverJs, uri, text, expectedTitles, log }) {
  const child = spawn(node, [serverJs, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const rpc = connect(child);
  try {
    const init = await rpc.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    if (!init?.capabilities?.documentSymbolProvider) throw new Error('initialize: no documentSymbolProvider');
    rpc.notify('initialized', {});
    rpc.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'newsdump', version: 1, text } });
    const symbols = await rpc.request('textDocument/documentSymbol', { textDocument: { uri } });
    const names = (symbols ?? []).map((symbol) => symbol.name);
    const missing = expectedTitles.filter((title) => !names.includes(title));
    if (missing.length > 0) throw new Error(`documentSymbol lacks ${JSON.stringify(missing)}; got ${JSON.stringify(names)}`);
    // The server warns once (window/showMessage) when nodejieba cannot load: the .vsix must ship it whole.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const jiebaWarning = rpc.notifications.find((n) => n.method === 'window/showMessage' && /nodejieba/.test(n.params?.message ?? ''));
    if (jiebaWarning) throw new Error(`the packaged server cannot load nodejieba: ${jiebaWarning.params.message}`);
    await rpc.request('shutdown', null);
    rpc.notify('exit', null);
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000))]);
    if (code !== 0) throw new Error(`server did not exit cleanly after shutdown/exit (${code})`);
    log(`lsp: packaged server answered: ${names.length} articles, nodejieba loaded, clean exit`);
  } catch (error) {
    if (stderr.trim()) log(`lsp: server stderr:\n${stderr.trim()}`);
    throw error;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}
