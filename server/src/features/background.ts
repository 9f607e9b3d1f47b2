// Work the server does of its own accord (suggesting entities, wording messages) runs in
// slices between requests.

/**
 * Runs `work` once the requests that arrive meanwhile have been served. The connection serves
 * each message from a setImmediate queued when it is read; a slice queued the same way by the
 * slice before would run first, and a hover would wait for two slices instead of one.
 */
function afterPendingRequests(work: () => void): void {
  setImmediate(() => setImmediate(work));
}

/**
 * Runs `step` a slice at a time until it returns true (done), each slice once requests have
 * paused (`untilRequestsPause`: milliseconds until they have, 0 when they have): requests in a
 * burst (hovers as the mouse moves, the outline, code actions) go first. A step that throws
 * ends the run with `onError`, since out of any request a throw would end the server.
 */
export function runBetweenRequests(untilRequestsPause: () => number, step: () => boolean, onError: (error: unknown) => void): void {
  const slice = (): void => {
    try {
      const wait = untilRequestsPause();
      if (wait > 0) return void setTimeout(slice, wait);
      if (!step()) afterPendingRequests(slice);
    } catch (error) {
      onError(error);
    }
  };
  afterPendingRequests(slice);
}
