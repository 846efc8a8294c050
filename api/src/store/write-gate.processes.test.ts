// Several processes updating the same documents at once: on FerretDB's PostgreSQL backend the write
// gate's advisory locks serialise them across processes, as MongoDB's atomicity does natively.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { storeInfo } from './store';
import { lockKey } from './write-gate';

const WRITER = join(import.meta.dirname, '..', '..', 'test', 'store-writer.ts');

function writer(startAt: number): Promise<{ won: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
      env: { ...process.env, START_AT: String(startAt) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer exited ${code}: ${err.slice(-2000)}`))));
  });
}

describe('store: updates from several processes', function () {
  this.timeout(120_000);

  it('spreads lock keys over 64 bits and keeps them stable', () => {
    assert.equal(lockKey('db.deals:1'), lockKey('db.deals:1'));
    assert.notEqual(lockKey('db.deals:1'), lockKey('db.deals:2'));
    assert.match(lockKey('x'), /^-?\d+$/);
  });

  it('loses no $inc and lets one compare-and-set win across three processes', async () => {
    const { kind, pgUrl } = storeInfo();
    assert.ok(kind === 'mongodb' || pgUrl, 'FerretDB without its PostgreSQL backend serialises updates in one process only');
    const c = mongoose.connection.db!.collection('multiwriter');
    await c.insertMany([{ _id: 'n' as never, n: 0 }, { _id: 'cas' as never, version: 0 }]);
    const startAt = Date.now() + 4000; // after all three have connected
    const results = await Promise.all([writer(startAt), writer(startAt), writer(startAt)]);
    assert.equal((await c.findOne({ _id: 'n' as never }))!.n, 96, 'every acknowledged $inc applied once');
    assert.equal(results.reduce((a, r) => a + r.won, 0), 1, 'exactly one compare-and-set won');
    assert.equal((await c.findOne({ _id: 'cas' as never }))!.version, 1);
  });
});
