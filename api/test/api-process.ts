// Runs the real API entry (src/server.ts) as a child process of a test or benchmark, and ends it
// when that parent is gone, so a crashed test run leaves no API behind.
const parentPid = process.ppid;
setInterval(() => {
  let alive = process.ppid === parentPid;
  try {
    process.kill(parentPid, 0);
  } catch {
    alive = false;
  }
  if (!alive) process.exit(1);
}, 500).unref();

await import('../src/server');

export {};
