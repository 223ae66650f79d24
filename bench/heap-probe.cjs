// Preloaded by `npm run bench` into one server process (with --expose-gc), never by users: on SIGUSR2 it
// runs a full garbage collection and reports the live heap on stderr. Resident memory alone cannot tell a
// leak from V8 keeping the heap it grew; the live heap after a full GC can.
'use strict';
process.on('SIGUSR2', () => {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.stderr.write(`HEAP_PROBE ${heapUsed} ${rss}\n`);
});
