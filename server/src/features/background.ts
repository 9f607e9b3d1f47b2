// Work the server does of its own accord (suggesting entities, wording messages) runs in
// slices between requests.

/**
 * Runs `work` once the requests that arrive meanwhile have been served. The connection serves
 * each message from a setImmediate queued when it is read; a slice queued the same way by the
 * slice before would run first, and a hover would wait for two slices instead of one.
 */
export function afterPendingRequests(work: () => void): void {
  setImmediate(() => setImmediate(work));
}
