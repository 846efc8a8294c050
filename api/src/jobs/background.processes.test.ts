// Two real API processes against one store: the search outbox (indexing with its shared effects)
// and the matcher run in the `search-outbox` lease's holder only, each listing once; the other
// process keeps its embedded index fed from the index feed; when the holder is SIGKILLed the lease
// and the work move to the survivor within the term's expiry plus a bound.
import assert from 'node:assert/strict';
import { startApiProcess, type ApiProcess } from '../../test/processes';
import { TestClient } from '../../test/server';
import { achievementInput, demandInput, signUp } from '../../test/factories';
import { Match } from '../matching/match.model';
import { LeaseTerm, type LeaseTermDoc } from './lease';

const TTL_MS = 3000; // renewals every 1 s, claims retried every 600 ms, 300 ms of clock skew allowed
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LogLine {
  msg?: string;
  pid?: number;
  id?: string;
  upserted?: string[];
}

/** Every JSON log line the process writes (its LOG_LEVEL is debug). */
function logOf(p: ApiProcess): LogLine[] {
  const lines: LogLine[] = [];
  let rest = '';
  p.child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const l of parts) {
      try {
        lines.push(JSON.parse(l) as LogLine);
      } catch {
        /* not a log line */
      }
    }
  });
  return lines;
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The live holder of the outbox lease. */
async function holder(): Promise<LeaseTermDoc | null> {
  const [doc] = await LeaseTerm.find({ name: 'search-outbox' }).sort({ term: -1 }).limit(1).lean<LeaseTermDoc[]>();
  return doc && doc.holder && doc.expiresAt.getTime() > Date.now() ? doc : null;
}

const heldBy = (doc: LeaseTermDoc | null, p: ApiProcess) => !!doc?.holder?.includes(`:${p.child.pid}:`);

/** Ids a process's own index returns for a search (its embedded engine). */
async function searchIds(p: ApiProcess, kind: 'achievements' | 'demands'): Promise<string[]> {
  const res = await new TestClient(p.url).agent.get(`/api/search/${kind}?pageSize=50`).expect(200);
  return (res.body as { hits: { id: string }[] }).hits.map((h) => h.id);
}

/** Times each listing was sent to an engine as searchable (upserted), and matched, per process. */
function counts(logs: Map<ApiProcess, LogLine[]>, id: string) {
  const out = new Map<ApiProcess, { sent: number; matched: number }>();
  for (const [p, lines] of logs) {
    out.set(p, {
      sent: lines.filter((l) => l.msg === 'search outbox: sent' && l.upserted?.includes(id)).length,
      matched: lines.filter((l) => l.msg === 'listing matched' && l.id === id).length,
    });
  }
  return out;
}

describe('background work across two API processes (search-outbox lease)', function () {
  this.timeout(240_000);
  const procs: ApiProcess[] = [];
  after(async () => {
    await Promise.all(procs.map((p) => p.stop()));
  });

  it('indexes and matches each new listing once, in the holder, and moves the lease when the holder is killed', async () => {
    const env = { LEASE_TTL_MS: String(TTL_MS), LOG_LEVEL: 'debug' };
    const [p1, p2] = await Promise.all([startApiProcess({ env }), startApiProcess({ env })]);
    procs.push(p1!, p2!);
    const logs = new Map(procs.map((p) => [p, logOf(p)] as const));

    const first = await until('a holder of the outbox lease', holder);
    const owner = heldBy(first, p1!) ? p1! : p2!;
    const other = owner === p1 ? p2! : p1!;
    assert.ok(heldBy(first, owner) && !heldBy(first, other));

    // Everything is written through the process that does not own the outbox.
    const uni = await signUp(other.url, { kind: 'university', verified: true, region: '310000' });
    const ent = await signUp(other.url, { kind: 'enterprise', verified: true, region: '310000' });
    const a = (await uni.client.post('/api/achievements', achievementInput()).expect(201)).body.id as string;
    await uni.client.post(`/api/achievements/${a}/publish`, {}).expect(200);
    const d = (
      await ent.client
        .post('/api/demands', demandInput({ field: 'energy-storage', keywords: ['锂电池', '正极材料'], budgetMin: 10_000_000, budgetMax: 90_000_000, region: '310000' }))
        .expect(201)
    ).body.id as string;
    await ent.client.post(`/api/demands/${d}/publish`, {}).expect(200);

    await until('the match stored', () => Match.findOne({ demand: d, achievement: a }).lean());
    // Both processes' own indexes have both listings: the owner's by its drain, the other's by the feed.
    for (const p of procs) {
      await until('achievement searchable in each process', async () => (await searchIds(p, 'achievements')).includes(a));
      await until('demand searchable in each process', async () => (await searchIds(p, 'demands')).includes(d));
    }
    await sleep(2 * TTL_MS); // a few renewals and passes more: nothing runs twice later either
    assert.ok(heldBy(await holder(), owner), 'the lease stayed with its holder');
    for (const id of [a, d]) {
      const c = counts(logs, id);
      assert.deepEqual(c.get(owner), { sent: 1, matched: 1 }, `${id}: sent to the engine and matched once, by the holder`);
      assert.deepEqual(c.get(other), { sent: 0, matched: 0 }, `${id}: nothing in the other process`);
    }
    assert.equal(await Match.countDocuments({ demand: d }), 1);

    // The holder dies without a word: the survivor takes over after the term expires.
    const killedAt = Date.now();
    await owner.crash();
    procs.splice(procs.indexOf(owner), 1);
    const next = await until('the survivor holding the lease', async () => {
      const h = await holder();
      return heldBy(h, other) ? h : null;
    });
    const tookMs = Date.now() - killedAt;
    // ≤ a full term (killed right after a renewal) + skew + one retry; + 2 s for a loaded machine.
    assert.ok(tookMs <= TTL_MS + 300 + 600 + 2000, `took over after ${tookMs} ms`);
    assert.ok(next.term > first!.term);
    process.stdout.write(`      lease moved to the survivor ${tookMs} ms after SIGKILL (term ${first!.term} → ${next.term})\n`);

    // The survivor now indexes and matches: a new demand written through it is matched once, by it.
    const d2 = (
      await ent.client
        .post('/api/demands', demandInput({ field: 'energy-storage', keywords: ['锂电池', '正极材料'], budgetMin: 10_000_000, budgetMax: 90_000_000, region: '310000' }))
        .expect(201)
    ).body.id as string;
    await ent.client.post(`/api/demands/${d2}/publish`, {}).expect(200);
    await until('the survivor matched the new demand', () => Match.findOne({ demand: d2, achievement: a }).lean());
    await until('the new demand searchable', async () => (await searchIds(other, 'demands')).includes(d2));
    await sleep(1000);
    assert.deepEqual(counts(logs, d2).get(other), { sent: 1, matched: 1 });
    assert.deepEqual(counts(logs, a).get(other), { sent: 0, matched: 0 }, 'what the dead holder did is not redone');
  });
});
