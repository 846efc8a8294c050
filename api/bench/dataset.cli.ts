// `npm run bench:dataset`: builds (first run) or restores the bench data set and its search
// snapshot, prints how long it took, and stops. The benches do the same on their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchStore, load1, searchDataDir, DATASET_TAG, SIZES } from './dataset';

const store = await benchStore();
const t = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'tb-bench-search-'));
await searchDataDir(dir);
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ figure: `dataset_${store.origin.how}_s`, value: store.origin.seconds, unit: 's', cpu_s: store.origin.cpuSeconds, load_avg_1m: load1(), tag: DATASET_TAG, sizes: SIZES, dumpBytes: store.origin.dumpBytes, buildTimes: store.origin.buildTimes, searchSnapshotS: Math.round((performance.now() - t) / 100) / 10 }));
await store.stop();
process.exit(0);
