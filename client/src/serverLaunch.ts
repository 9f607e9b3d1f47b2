// How the language server's process is started: read by the client (languageClient.ts) and by
// the bench (bench/lib/lsp.mjs), so the bench measures the server as the editor runs it.

/**
 * A smaller young generation for the server: parsing a large dump makes much short-lived
 * garbage, and V8 keeps the young pages it grew for it. With 4 MB semi-spaces an 11 MB dump
 * leaves about 25 MB less resident memory, at the same speed.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * glibc's malloc serves a block of 128 KB or more from its own mapping, returned to the system
 * when freed; but once such a block is freed it raises that threshold to the block's size. The
 * 11 MB message that opens a dump raises it to 11 MB, and every later buffer below that (publishes,
 * typed arrays) then stays in the heap, resident. Fixed at glibc's own default,
 * an 11 MB dump leaves about 30 MB less resident memory (`npm run bench`). Other C libraries
 * ignore the variable.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
