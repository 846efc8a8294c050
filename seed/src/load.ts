/**
 * Loads `buildDemoData()` into the database through the api's models.
 *
 * Idempotent: every record gets an ObjectId derived from its stable key, and only records whose
 * id is not there yet are inserted — a second run inserts nothing and never overwrites what a user
 * changed in the demo. Listings go through the api's zod input schemas first, so demo data obeys
 * the same rules as the REST API (patent numbers, terms, text lengths). Deals (`load-deals.ts`)
 * follow, with their contracts and payments, and the indicators' rollup is rebuilt after them. Listings are inserted with
 * `indexDirty: true`; the API's indexer (or `npm run reindex`) puts them into search.
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { trusted } from '../../api/src/db';
import { Org } from '../../api/src/orgs/org.model';
import { User } from '../../api/src/auth/user.model';
import { Achievement } from '../../api/src/achievements/achievement.model';
import { Demand } from '../../api/src/demands/demand.model';
import { PortfolioLink } from '../../api/src/brokers/broker.model';
import { hashPassword } from '../../api/src/auth/password';
import { ensurePlatformAdmin } from '../../api/src/auth/auth.service';
import { AchievementInput } from '../../api/src/achievements/achievements.schemas';
import { DemandInput } from '../../api/src/demands/demands.schemas';
import { toStored } from '../../api/src/achievements/achievements.service';
import { loadConfig } from '../../api/src/config';
import type { FeePolicy } from '../../api/src/payments/fees';
import { IndicatorsService } from '../../api/src/indicators/indicators.service';
import { REFERENCE_DATE } from './compose';
import { loadDemoDeals, type DealLoadCounts } from './load-deals';
import { achievementBody, demandBody } from './inputs';
import type { DemoData } from './types';

/** The ObjectId of a demo record: the same key gives the same id on every run and machine. */
export const demoId = (key: string) => new Types.ObjectId(createHash('sha1').update(`techbridge-demo:${key}`).digest('hex').slice(0, 24));

export interface LoadCounts {
  inserted: number;
  existing: number;
}
export interface LoadResult {
  orgs: LoadCounts;
  users: LoadCounts;
  achievements: LoadCounts;
  demands: LoadCounts;
  portfolios: LoadCounts;
  deals: DealLoadCounts;
  /** The indicators' rollup, rebuilt from the raw data when deals were inserted (null: not rebuilt). */
  indicators: { facts: number; zoneCells: number; agencyCells: number } | null;
  admins: string[];
}

/** The platform's fee policy as the api's config sets it (PLATFORM_FEE_BPS, BROKER_COMMISSION_BPS). */
export function configuredFees(): FeePolicy {
  const config = loadConfig();
  return { platformFeeBps: config.PLATFORM_FEE_BPS, brokerCommissionBps: config.BROKER_COMMISSION_BPS };
}

/** True when the database already holds organisations (the `--if-empty` check: one cheap count). */
export async function hasData(): Promise<boolean> {
  return (await Org.estimatedDocumentCount()) > 0;
}

const REFERENCE = new Date(`${REFERENCE_DATE}T00:00:00Z`).getTime();
const HOUR = 3600_000;

/** Inserts the records whose ids are missing, in chunks; returns how many were new. */
async function insertMissing<T extends { _id: Types.ObjectId }>(
  model: { find(f: object): { select(s: string): { lean(): Promise<{ _id: unknown }[]> } }; insertMany(docs: T[], o: object): Promise<unknown> },
  docs: T[],
): Promise<LoadCounts> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += 200) {
    const chunk = docs.slice(i, i + 200);
    const have = new Set(
      (await model.find({ _id: trusted({ $in: chunk.map((d) => d._id) }) }).select('_id').lean()).map((d) => String(d._id)),
    );
    const missing = chunk.filter((d) => !have.has(String(d._id)));
    if (missing.length) await model.insertMany(missing, { ordered: true });
    inserted += missing.length;
  }
  return { inserted, existing: docs.length - inserted };
}

/** Problems of demo listings the REST API would refuse, as readable lines. */
function issuesOf(kind: string, key: string, error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => `${kind} ${key}: ${i.path.map(String).join('.')}: ${i.message}`);
}

/**
 * Loads the demo data. Throws (before writing anything) when a listing breaks the API's input
 * rules, naming the record and the field.
 */
export async function loadDemoData(data: DemoData, fees: FeePolicy = configuredFees()): Promise<LoadResult> {
  // Validate every listing before the first write.
  const problems: string[] = [];
  const achievementInputs = data.achievements.map((a) => {
    const r = AchievementInput.safeParse(achievementBody(a));
    if (!r.success) problems.push(...issuesOf('achievement', a.key, r.error));
    return r.data;
  });
  const demandInputs = data.demands.map((d) => {
    const r = DemandInput.safeParse(demandBody(d));
    if (!r.success) problems.push(...issuesOf('demand', d.key, r.error));
    return r.data;
  });
  if (problems.length) throw new Error(`demo data breaks the API's rules:\n  ${problems.slice(0, 20).join('\n  ')}`);

  const orgIds = new Map(data.orgs.map((o) => [o.key, demoId(o.key)]));
  const orgId = (key: string) => {
    const id = orgIds.get(key);
    if (!id) throw new Error(`unknown organisation key ${key}`);
    return id;
  };

  const orgs = await insertMissing(
    Org,
    data.orgs.map((o) => ({
      _id: orgId(o.key),
      kind: o.kind,
      name: o.name,
      region: o.region,
      city: o.city ?? { zh: '', en: '' },
      verified: o.verified,
      verifiedAt: o.verified ? new Date(REFERENCE - 30 * 24 * HOUR) : null,
      description: o.description ?? { zh: '', en: '' },
      creditCode: o.creditCode ?? null,
    })),
  );

  // argon2 is slow on purpose: hash each distinct password once.
  const members = data.users.filter((u) => !u.roles.includes('platform-admin'));
  const hashes = new Map<string, string>();
  for (const pw of new Set(members.map((u) => u.password))) hashes.set(pw, await hashPassword(pw));
  const users = await insertMissing(
    User,
    members.map((u) => ({
      _id: demoId(u.key),
      email: u.email.toLowerCase(),
      name: u.name,
      passwordHash: hashes.get(u.password)!,
      org: u.orgKey ? orgId(u.orgKey) : null,
      roles: u.roles,
      locale: u.locale,
    })),
  );
  const admins: string[] = [];
  for (const u of data.users.filter((x) => x.roles.includes('platform-admin'))) {
    await ensurePlatformAdmin(u.email, u.password, u.name);
    admins.push(u.email);
  }

  // An org-admin (else any member) of each organisation is the author of its listings.
  const authorOf = new Map<string, Types.ObjectId>();
  for (const u of members) if (u.orgKey && u.roles.includes('org-admin') && !authorOf.has(u.orgKey)) authorOf.set(u.orgKey, demoId(u.key));
  for (const u of members) if (u.orgKey && !authorOf.has(u.orgKey)) authorOf.set(u.orgKey, demoId(u.key));
  const author = (orgKey: string) => authorOf.get(orgKey) ?? demoId(`${orgKey}:author`);

  // Publication times spread back from the reference date, so "newest first" has an order.
  const achievements = await insertMissing(
    Achievement,
    data.achievements.map((a, i) => ({
      _id: demoId(a.key),
      ...toStored(achievementInputs[i]!),
      org: orgId(a.orgKey),
      createdBy: author(a.orgKey),
      status: a.status,
      publishedAt: a.status === 'published' ? new Date(REFERENCE - (i + 1) * 7 * HOUR) : null,
      version: 1,
      indexDirty: true,
      indexedVersion: 0,
    })),
  );
  const demands = await insertMissing(
    Demand,
    data.demands.map((d, i) => ({
      _id: demoId(d.key),
      ...demandInputs[i]!,
      org: orgId(d.orgKey),
      createdBy: author(d.orgKey),
      status: d.status,
      publishedAt: d.status === 'open' ? new Date(REFERENCE - (i + 1) * 11 * HOUR) : null,
      version: 1,
      indexDirty: true,
      indexedVersion: 0,
    })),
  );

  // Brokers' portfolios: the api keeps one consented link per (agency, client org) — the union of
  // its brokers' clients. The demo clients have accepted their agency (issue 14: by consent).
  const byAgency = new Map<string, Set<string>>();
  const userOrg = new Map(data.users.map((u) => [u.key, u.orgKey]));
  for (const p of data.portfolios) {
    const agency = userOrg.get(p.brokerUserKey);
    if (!agency) continue;
    const set = byAgency.get(agency) ?? new Set<string>();
    p.orgKeys.forEach((k) => set.add(k));
    byAgency.set(agency, set);
  }
  const portfolios: LoadCounts = { inserted: 0, existing: 0 };
  for (const [agency, orgKeys] of byAgency) {
    if (await PortfolioLink.exists({ agency: orgId(agency) })) portfolios.existing += 1;
    else {
      const at = new Date(REFERENCE - 30 * 24 * HOUR);
      await PortfolioLink.insertMany(
        [...orgKeys].map((k) => ({ _id: demoId(`portfolio:${agency}:${k}`), agency: orgId(agency), org: orgId(k), status: 'active', invitedAt: at, answeredAt: at })),
      );
      portfolios.inserted += 1;
    }
  }
  // Deals at every stage across 2025–2026, then the indicators' rollup rebuilt from the raw data
  // (running API processes notice the new build on their next read).
  const deals = await loadDemoDeals(data, demoId, fees);
  const indicators = deals.inserted ? await new IndicatorsService().rebuild() : null;
  return { orgs, users, achievements, demands, portfolios, deals, indicators, admins };
}
