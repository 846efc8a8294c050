// The hot query shapes, asked for their plan on the store the tests run on: every one must be
// served by an index (FerretDB on PostgreSQL: no Seq Scan in the plan FerretDB embeds in its
// explain; MongoDB: no COLLSCAN). A new hot query goes in HOT below.
import assert from 'node:assert/strict';
import mongoose, { Types, type Model } from 'mongoose';
import pg from 'pg';
import { storeInfo } from './store';
import { analyzeTables, collectionTables } from './pg-companions';
import { scalarFields, toSqlOrder, toSqlWhere } from './pg-read';
import { scalarsOf } from './pg-point-reads';
import { Achievement, NdaAcceptance } from '../achievements/achievement.model';
import { Demand } from '../demands/demand.model';
import { Match, Interest } from '../matching/match.model';
import { Deal } from '../deals/deal.model';
import { Message } from '../deals/message.model';
import { User } from '../auth/user.model';
import { Org } from '../orgs/org.model';
import { Invitation } from '../orgs/invitation.model';
import { Notification } from '../notifications/notification.model';
import { AuditEvent } from '../audit/audit.model';
import { DockingRun, PortfolioLink } from '../brokers/broker.model';
import { DealProposal } from '../deals/deal-proposal.model';

const N = { orgs: 150, users: 600, achievements: 3000, demands: 1200, matches: 3000, deals: 600, messages: 3000, notifications: 3000 };

const pick = <T>(arr: readonly T[], i: number) => arr[i % arr.length]!;

interface Fixture {
  orgs: Types.ObjectId[];
  users: Types.ObjectId[];
  achievements: Types.ObjectId[];
  demands: Types.ObjectId[];
  deals: Types.ObjectId[];
  matches: Types.ObjectId[];
}

/** Realistic spreads: many organisations, few dirty listings, most published. */
async function load(): Promise<Fixture> {
  const raw = (m: Model<never>) => mongoose.connection.db!.collection(m.collection.collectionName);
  const ids = (n: number) => Array.from({ length: n }, () => new Types.ObjectId());
  const f: Fixture = {
    orgs: ids(N.orgs),
    users: ids(N.users),
    achievements: ids(N.achievements),
    demands: ids(N.demands),
    deals: ids(N.deals),
    matches: ids(N.matches),
  };
  const now = Date.now();
  const at = (i: number) => new Date(now - i * 60_000);
  const statuses = ['published', 'published', 'published', 'published', 'draft', 'negotiating', 'withdrawn'];
  await raw(Org as never).insertMany(f.orgs.map((_id, i) => ({ _id, kind: pick(['university', 'enterprise', 'institute', 'agency'], i), name: { zh: `机构${i}`, en: `Org ${i}` }, verified: i % 3 === 0, createdAt: at(i) })));
  await raw(User as never).insertMany(f.users.map((_id, i) => ({ _id, email: `u${i}@example.cn`, org: pick(f.orgs, i), roles: ['member'], createdAt: at(i) })));
  await raw(Achievement as never).insertMany(
    f.achievements.map((_id, i) => ({ _id, org: pick(f.orgs, i), status: pick(statuses, i), field: `f${i % 20}`, version: 1, indexDirty: i % 500 === 0, title: { zh: `成果${i}` }, updatedAt: at(i), createdAt: at(i) })),
  );
  await raw(Demand as never).insertMany(
    f.demands.map((_id, i) => ({ _id, org: pick(f.orgs, i * 7), status: pick(['open', 'open', 'draft', 'closed'], i), version: 1, indexDirty: i % 400 === 0, updatedAt: at(i) })),
  );
  await raw(Match as never).insertMany(
    f.matches.map((_id, i) => ({ _id, demand: pick(f.demands, i), achievement: pick(f.achievements, i * 13), demandOrg: pick(f.orgs, i * 7), supplierOrg: pick(f.orgs, i * 13), score: (i % 100) / 100, status: 'suggested', source: 'auto' })),
  );
  await raw(Deal as never).insertMany(
    f.deals.map((_id, i) => ({ _id, achievement: pick(f.achievements, i), participantOrgs: [pick(f.orgs, i), pick(f.orgs, i + 1)], status: 'negotiating', liveKey: `lk-${i}`, version: 1, updatedAt: at(i) })),
  );
  await raw(Message as never).insertMany(
    Array.from({ length: N.messages }, (_, i) => {
      const deal = pick(f.deals, i);
      const seq = Math.floor(i / N.deals) + 1;
      return { _id: `${String(deal)}:${seq}`, deal, seq, clientMsgId: `c-${i}`, kind: 'text', text: 'hi', createdAt: at(i) };
    }) as never[],
  );
  await raw(Notification as never).insertMany(
    Array.from({ length: N.notifications }, (_, i) => ({ user: pick(f.users, i), kind: 'match.new', readAt: i % 2 ? null : at(i), createdAt: at(i) })),
  );
  await raw(Interest as never).insertMany(
    Array.from({ length: 1000 }, (_, i) => ({ achievement: pick(f.achievements, i), fromOrg: pick(f.orgs, i + 3), supplierOrg: pick(f.orgs, i), status: 'open', createdAt: at(i) })),
  );
  await raw(NdaAcceptance as never).insertMany(
    Array.from({ length: 1000 }, (_, i) => ({ achievement: pick(f.achievements, i), org: pick(f.orgs, i + 5), ndaVersion: 1 })),
  );
  await raw(Invitation as never).insertMany(Array.from({ length: 600 }, (_, i) => ({ org: pick(f.orgs, i), tokenHash: `t${i}`, createdAt: at(i) })));
  await raw(AuditEvent as never).insertMany(
    Array.from({ length: 2000 }, (_, i) => ({ eventId: `e${i}`, entity: 'deal', entityId: pick(f.deals, i), at: at(i) })),
  );
  await raw(DockingRun as never).insertMany(Array.from({ length: 600 }, (_, i) => ({ agency: pick(f.orgs, i), createdAt: at(i) })));
  await mongoose.connection.db!.collection('sessions').insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: `sid-${i}` as never, session: '{}', expires: at(-i) })));
  const { pgUrl } = storeInfo();
  if (pgUrl) await analyzeTables(pgUrl, mongoose.connection.db!.databaseName);
  return f;
}

type Hot = [name: string, model: Model<never> | 'sessions', filter: Record<string, unknown>, sort?: Record<string, 1 | -1>];

/** The filters the services send on hot paths (see each service; `$in` reads go through the store's findByIds/findByField). */
function hot(f: Fixture): Hot[] {
  const org = f.orgs[7]!;
  const M = <T>(m: T) => m as unknown as Model<never>;
  return [
    ['achievement by id', M(Achievement), { _id: f.achievements[42] }],
    ['achievement guarded update', M(Achievement), { _id: f.achievements[42], version: 1 }],
    ["an org's achievements, newest first", M(Achievement), { org }, { updatedAt: -1, _id: -1 }],
    ["an org's achievements by status", M(Achievement), { org, status: 'draft' }, { updatedAt: -1, _id: -1 }],
    ['indexer: dirty achievements', M(Achievement), { indexDirty: true }, { _id: 1 }],
    ['matcher: dirty unpublished achievements', M(Achievement), { indexDirty: true, status: { $ne: 'published' } }],
    ['demand by id', M(Demand), { _id: f.demands[3] }],
    ["an org's demands", M(Demand), { org }, { updatedAt: -1, _id: -1 }],
    ['indexer: dirty demands', M(Demand), { indexDirty: true }, { _id: 1 }],
    ['match by id', M(Match), { _id: f.matches[5] }],
    ["a demand's matches", M(Match), { demand: f.demands[9] }],
    ["buyer org's matches by score", M(Match), { demandOrg: org }, { score: -1, _id: 1 }],
    ["supplier org's matches by score", M(Match), { supplierOrg: org }, { score: -1, _id: 1 }],
    ["an achievement's matches", M(Match), { achievement: f.achievements[13] }],
    ['deal by id', M(Deal), { _id: f.deals[4] }],
    ['deal guarded update', M(Deal), { _id: f.deals[4], version: 1 }],
    ["an org's deals, latest first", M(Deal), { participantOrgs: org }, { updatedAt: -1, _id: -1 }],
    ["an achievement's live deals", M(Deal), { achievement: f.achievements[4], status: { $in: ['open', 'negotiating'] } }],
    ['live deal of a buyer', M(Deal), { liveKey: 'lk-4' }],
    ['boot: deals with unflushed events', M(Deal), { hasPending: true }],
    ['message by id (seq)', M(Message), { _id: `${String(f.deals[1])}:1` }],
    ['message resend by clientMsgId', M(Message), { deal: f.deals[1], clientMsgId: 'c-1' }],
    ['user by email (login)', M(User), { email: 'u5@example.cn' }],
    ['user by id (session)', M(User), { _id: f.users[5] }],
    ["an org's members", M(User), { org }],
    ['org by id', M(Org), { _id: org }],
    ['session by id', 'sessions', { _id: 'sid-5' }],
    ["a user's unread notifications", M(Notification), { user: f.users[3], readAt: null }, { createdAt: -1, _id: -1 }],
    ['interests received', M(Interest), { supplierOrg: org }, { createdAt: -1 }],
    ['interests sent', M(Interest), { fromOrg: org }, { createdAt: -1 }],
    ['interest repeat check', M(Interest), { achievement: f.achievements[2], fromOrg: f.orgs[5] }],
    ['NDA acceptance', M(NdaAcceptance), { achievement: f.achievements[2], org: f.orgs[7], ndaVersion: 1 }],
    ['invitation by token', M(Invitation), { tokenHash: 't9' }],
    ["an org's invitations", M(Invitation), { org }, { createdAt: -1 }],
    ["an entity's audit trail", M(AuditEvent), { entity: 'deal', entityId: f.deals[2] }, { at: 1, _id: 1 }],
    ["an agency's docking runs", M(DockingRun), { agency: org }, { createdAt: -1 }],
    ["a broker's portfolio (scope)", M(PortfolioLink), { agency: org, status: 'active' }],
    ["an org's portfolio links", M(PortfolioLink), { org, status: 'pending' }],
    ['deal proposals to a buyer', M(DealProposal), { buyerOrg: org }, { createdAt: -1 }],
    ["an agency's deal proposals", M(DealProposal), { agency: org }, { createdAt: -1 }],
  ];
}

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
  stage?: string;
  inputStage?: PlanNode;
  inputStages?: PlanNode[];
  [k: string]: unknown;
}

/** Every plan node of a PostgreSQL JSON plan or a MongoDB winning plan. */
function nodes(n: PlanNode | undefined): PlanNode[] {
  if (!n || typeof n !== 'object') return [];
  return [n, ...(n.Plans ?? []).flatMap(nodes), ...nodes(n.inputStage), ...(n.inputStages ?? []).flatMap(nodes)];
}

/** What scans the collection in this query's plan, or null when an index serves it. */
async function scanOf([, model, filter, sort]: Hot): Promise<string | null> {
  const coll = model === 'sessions' ? mongoose.connection.db!.collection('sessions') : mongoose.connection.db!.collection(model.collection.collectionName);
  const cursor = coll.find(filter as never);
  if (sort) cursor.sort(sort);
  const ex = (await cursor.limit(20).explain('queryPlanner')) as { queryPlanner?: { Plan?: PlanNode; winningPlan?: PlanNode }; filterPushdown?: boolean };
  if (storeInfo().kind === 'mongodb') {
    const collscan = nodes(ex.queryPlanner?.winningPlan).find((n) => n.stage === 'COLLSCAN');
    return collscan ? 'COLLSCAN' : null;
  }
  const plan = ex.queryPlanner?.Plan;
  if (!plan) return 'no backend plan (not FerretDB on PostgreSQL?)';
  const seq = nodes(plan).find((n) => n['Node Type'] === 'Seq Scan');
  if (!seq) return null;
  // PostgreSQL rightly prefers a sequential scan of a table of a few pages; what matters is whether
  // an index can serve the SQL FerretDB sent. Ask again with sequential scans priced out.
  const where = typeof seq.Filter === 'string' ? seq.Filter : null;
  if (!where) return `Seq Scan on ${seq['Relation Name']}: nothing pushed down to PostgreSQL`;
  const client = new pg.Client({ connectionString: storeInfo().pgUrl });
  await client.connect();
  try {
    await client.query('SET enable_seqscan = off');
    const table = `"${String(seq.Schema)}"."${String(seq['Relation Name'])}"`;
    const res = await client.query(`EXPLAIN (FORMAT JSON) SELECT _jsonb FROM ${table} WHERE ${where}`);
    const again = (res.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
    return nodes(again).some((n) => n['Node Type'] === 'Seq Scan') ? `Seq Scan on ${seq['Relation Name']}: no index serves ${where}` : null;
  } finally {
    await client.end();
  }
}

/**
 * Sorted pages and counts asked of PostgreSQL (`findPage`/`countWhere`): their WHERE must be
 * index-served too, and where a btree companion matches the sort (`ordered`), the page must come
 * in index order — no Sort of all the matching rows (an organisation with 18,000 listings).
 */
function pages(f: Fixture): [string, Model<never>, Record<string, unknown>, Record<string, 1 | -1>, boolean][] {
  const org = f.orgs[7]!;
  const M = <T>(m: T) => m as unknown as Model<never>;
  return [
    ["an org's achievements page", M(Achievement), { org }, { updatedAt: -1, _id: -1 }, true],
    ["an org's demands page", M(Demand), { org }, { updatedAt: -1, _id: -1 }, true],
    ["an org's demands page by status", M(Demand), { org, status: 'open' }, { updatedAt: -1, _id: -1 }, false],
    ["an org's deals page", M(Deal), { participantOrgs: org }, { updatedAt: -1, _id: -1 }, false],
    ["a user's notifications page", M(Notification), { user: f.users[3] }, { createdAt: -1, _id: -1 }, true],
    ["a user's unread notifications page", M(Notification), { user: f.users[3], readAt: null }, { createdAt: -1, _id: -1 }, false],
    ["an org's matches page", M(Match), { demandOrg: org, status: { $ne: 'dismissed' } }, { score: -1, _id: 1 }, true],
    ["a supplier's matches page", M(Match), { supplierOrg: org, status: { $ne: 'dismissed' } }, { score: -1, _id: 1 }, true],
    [
      "a broker's portfolio matches page",
      M(Match),
      { $or: [{ supplierOrg: { $in: [org, f.orgs[8]] } }, { demandOrg: { $in: [org, f.orgs[8]] }, demand: { $nin: [f.demands[1]] } }], hiddenBy: { $ne: f.orgs[9] } },
      { score: -1, _id: 1 },
      false,
    ],
    ['interests received page', M(Interest), { supplierOrg: org }, { createdAt: -1, _id: -1 }, true],
    ['interests sent page', M(Interest), { fromOrg: org }, { createdAt: -1, _id: -1 }, true],
    ['searchable achievements count', M(Achievement), { status: { $in: ['published', 'negotiating'] } }, { _id: 1 }, false],
    ["an entity's audit trail", M(AuditEvent), { entity: 'deal', entityId: f.deals[2] }, { at: 1, _id: 1 }, true],
  ];
}

/** The SQL `findPage` would send for this filter and sort, explained with sequential scans priced out. */
async function sqlScanOf(model: Model<never>, filter: Record<string, unknown>, sort: Record<string, 1 | -1>, ordered = false): Promise<string | null> {
  const cast = model.find().cast(model as never, { ...filter } as never) as Record<string, unknown>;
  const where = toSqlWhere(cast, scalarFields(model));
  const order = toSqlOrder(sort);
  if (!where || !order) return 'no SQL form';
  const client = new pg.Client({ connectionString: storeInfo().pgUrl });
  await client.connect();
  try {
    const db = mongoose.connection.db!.databaseName;
    const table = (await collectionTables(client, db)).get(model.collection.collectionName)!;
    await client.query('SET enable_seqscan = off');
    // Priced out too, so that a Sort left in the plan means no index can give the order.
    if (ordered) await client.query('SET enable_sort = off');
    const res = await client.query(`EXPLAIN (FORMAT JSON) SELECT _jsonb->>'_id' FROM "${db}"."${table}" WHERE ${where.sql} ORDER BY ${order} LIMIT 20`, where.args);
    const plan = (res.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
    if (nodes(plan).some((n) => n['Node Type'] === 'Seq Scan')) return `Seq Scan: no index serves ${where.sql}`;
    if (ordered && nodes(plan).some((n) => n['Node Type'] === 'Sort')) return `Sort: no index gives ORDER BY ${order} after ${where.sql}`;
    return null;
  } finally {
    await client.end();
  }
}

/** The SQL a point read (`findOne`, `pg-point-reads.ts`) sends for this hot query, explained with sequential scans priced out. */
async function pointSqlScanOf([, model, filter, sort]: Hot): Promise<string | null> {
  const collection = model === 'sessions' ? 'sessions' : model.collection.collectionName;
  const cast = model === 'sessions' ? filter : (model.find().cast(model as never, { ...filter } as never) as Record<string, unknown>);
  const where = toSqlWhere(cast, scalarsOf(collection)!);
  const order = sort ? toSqlOrder(sort) : '';
  if (!where || order === null) return 'no SQL form';
  const client = new pg.Client({ connectionString: storeInfo().pgUrl });
  await client.connect();
  try {
    const db = mongoose.connection.db!.databaseName;
    const table = (await collectionTables(client, db)).get(collection)!;
    await client.query('SET enable_seqscan = off');
    const res = await client.query(`EXPLAIN (FORMAT JSON) SELECT _jsonb FROM "${db}"."${table}" WHERE ${where.sql}${order ? ` ORDER BY ${order}` : ''} LIMIT 1`, where.args);
    const plan = (res.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
    return nodes(plan).some((n) => n['Node Type'] === 'Seq Scan') ? `Seq Scan: no index serves ${where.sql}` : null;
  } finally {
    await client.end();
  }
}

describe('store: hot queries are served by indexes (EXPLAIN)', function () {
  this.timeout(180_000);

  it('runs on FerretDB with its PostgreSQL backend or on MongoDB (the SQLite backend scans for every filter)', () => {
    const { kind, pgUrl } = storeInfo();
    assert.ok(kind === 'mongodb' || pgUrl, 'the tests run on FerretDB without STORE_PG_URL: the PostgreSQL backend is the embedded default');
  });

  it('finds no scan in the plan of any hot query, and does find one for an unindexed field', async () => {
    const f = await load();
    const scans: string[] = [];
    for (const q of hot(f)) {
      const scan = await scanOf(q);
      if (scan) scans.push(`${q[0]}: ${scan}`);
    }
    if (storeInfo().pgUrl) {
      // The same filters as point reads asked of PostgreSQL (`pg-point-reads.ts`).
      for (const q of hot(f)) {
        const scan = await pointSqlScanOf(q);
        if (scan) scans.push(`${q[0]} (SQL point read): ${scan}`);
      }
      for (const [name, model, filter, sort, ordered] of pages(f)) {
        const scan = await sqlScanOf(model, filter, sort, ordered);
        if (scan) scans.push(`${name} (SQL page): ${scan}`);
      }
    }
    assert.deepEqual(scans, [], `hot queries that scan:\n  ${scans.join('\n  ')}`);
    // The checker itself: a filter on a field no index declares must be reported.
    const unindexed = await scanOf(['achievement by title', Achievement as never, { 'title.zh': '成果5' }]);
    assert.ok(unindexed, 'a filter on an unindexed field should show a scan');
    const unserved = await scanOf(['achievements by id $in', Achievement as never, { _id: { $in: f.achievements.slice(0, 5) } }]);
    if (storeInfo().kind === 'ferretdb') assert.ok(unserved, 'FerretDB 1.24 does not push $in down: it must show a scan (the store reads by id instead)');
  });
});
