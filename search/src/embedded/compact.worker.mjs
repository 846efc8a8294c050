// Worker thread entry for the embedded engine's log compaction (see persistence.ts). Plain
// JavaScript so it starts without a TypeScript loader; it registers tsx to load the TS module.
import { parentPort, workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  const { compactFiles } = await import('./persistence.ts');
  parentPort.postMessage({ ok: true, result: await compactFiles(workerData) });
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
}
