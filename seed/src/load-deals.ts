/**
 * Writes the demo's deals (deals.ts) through the api's models as the api would have left them:
 * the deal with its offer and acceptances, its audit trail (`deal.transitioned` events with their
 * past dates — what the indicators read), the signed contract (content, hash and signatures from
 * the contracts domain's own `contentSources`/`buildContent`), and the payment items of its
 * schedule with the fee split `feesFor` computes. Idempotent like the rest of the seed: ids and
 * event ids derive from the deal's key, and only what is missing is inserted. Timestamps are the
 * deal's own dates, never the clock.
 */
import type { Types } from 'mongoose';
import { Deal, type DealLean } from '../../api/src/deals/deal.model';
import { OfferTerms } from '../../api/src/deals/deals.schemas';
import { Contract } from '../../api/src/contracts/contract.model';
import { DEFAULT_PARTICULARS, buildContent, contentHash } from '../../api/src/contracts/contract.content';
import { contentSources } from '../../api/src/contracts/contract.generate';
import { contractCategory } from '../../api/src/contracts/contract.category';
import { paymentSchedule } from '../../api/src/contracts/schedule';
import { PaymentItem } from '../../api/src/payments/payment-item.model';
import { Interest, Match } from '../../api/src/matching/match.model';
import { feesFor, type FeePolicy } from '../../api/src/payments/fees';
import { recordAudit } from '../../api/src/audit/audit.service';
import { trusted } from '../../api/src/db';
import type { DemoDeal } from './deals';
import type { DemoData } from './types';

export interface DealLoadCounts {
  inserted: number;
  existing: number;
  /** The matches and interests the deals came from (written with their deals). */
  matches: number;
  interests: number;
  contracts: number;
  paymentItems: number;
}

type IdOf = (key: string) => Types.ObjectId;

const HOUR = 3_600_000;
const at = (isoText: string, shiftMs = 0) => new Date(new Date(isoText).getTime() + shiftMs);

/** The deal's status changes, in order: `[from, to, at, actor side]`. */
function transitions(d: DemoDeal): { from: string; to: string; at: Date; side: 'buyer' | 'supplier' | 'broker' | null }[] {
  const out: { from: string; to: string; at: Date; side: 'buyer' | 'supplier' | 'broker' | null }[] = [];
  const opener = d.brokerUserKey ? 'broker' : 'buyer';
  if (d.offeredAt) out.push({ from: 'open', to: 'negotiating', at: at(d.offeredAt), side: opener });
  if (d.agreedAt) out.push({ from: 'negotiating', to: 'agreed', at: at(d.agreedAt), side: 'buyer' });
  if (d.signedAt) {
    out.push({ from: 'agreed', to: 'contracted', at: at(d.signedAt), side: null });
    out.push({ from: 'contracted', to: 'paying', at: at(d.signedAt, 1000), side: null });
  }
  if (d.stage === 'completed') out.push({ from: 'paying', to: 'completed', at: at(d.paidAt[d.paidAt.length - 1]!, 1000), side: null });
  if (d.cancelledAt) out.push({ from: 'agreed', to: 'cancelled', at: at(d.cancelledAt), side: 'buyer' });
  return out;
}

/**
 * What the deal came from: the match of its demand and achievement (source `broker` when a broker
 * brought the deal, `converted` since a deal was opened on it) and the buyer's interest, at their
 * dates. A pair the api's matcher stored meanwhile (a seed run after the API started) is kept and
 * dated back; an interest the buyer already showed is left as it is. Returns the match's id.
 */
async function ensureOrigin(
  d: DemoDeal,
  idOf: IdOf,
  who: { supplier: Types.ObjectId; buyer: Types.ObjectId; buyerAdmin: Types.ObjectId; broker: { org: Types.ObjectId; user: Types.ObjectId } | null },
  counts: DealLoadCounts,
): Promise<Types.ObjectId | null> {
  const achievement = idOf(d.achievementKey);
  let matchId: Types.ObjectId | null = null;
  if (d.demandKey && d.matchedAt) {
    const demand = idOf(d.demandKey);
    const matchedAt = at(d.matchedAt);
    const stored = await Match.findOne({ demand, achievement }, { _id: 1, createdAt: 1 }).lean();
    if (stored) {
      matchId = stored._id;
      if (!stored.createdAt || stored.createdAt > matchedAt) await Match.updateOne({ _id: stored._id }, { $set: { createdAt: matchedAt, status: 'converted' } }, { timestamps: false });
    } else {
      matchId = idOf(`${d.key}:match`);
      const n = Number(d.key.slice(-3));
      await Match.insertMany(
        [
          {
            _id: matchId,
            demand,
            achievement,
            demandOrg: who.buyer,
            supplierOrg: who.supplier,
            score: 0.55 + ((n * 13) % 40) / 100,
            reasons: [],
            summary: { zh: '需求与成果同属一个技术领域，预算与报价相符', en: 'Same technical field; the budget covers the asking price' },
            source: who.broker ? 'broker' : 'auto',
            brokerOrg: who.broker?.org ?? null,
            brokerUser: who.broker?.user ?? null,
            status: 'converted',
            computedAt: matchedAt,
            createdAt: matchedAt,
            updatedAt: at(d.openedAt),
          },
        ],
        { timestamps: false } as never,
      );
      counts.matches += 1;
    }
  }
  if (!(await Interest.exists({ achievement, fromOrg: who.buyer }))) {
    const interestAt = at(d.interestAt);
    await Interest.insertMany(
      [
        {
          _id: idOf(`${d.key}:interest`),
          achievement,
          supplierOrg: who.supplier,
          fromOrg: who.buyer,
          fromUser: who.buyerAdmin,
          demand: d.demandKey ? idOf(d.demandKey) : null,
          match: matchId,
          message: '我方对该成果很感兴趣，希望进一步沟通合作方式。',
          status: 'answered',
          answer: '欢迎洽谈，已为贵方开启洽谈室。',
          answeredAt: at(d.openedAt),
          createdAt: interestAt,
          updatedAt: at(d.openedAt),
        },
      ],
      { timestamps: false } as never,
    );
    counts.interests += 1;
  }
  return matchId;
}

/** The deal's last change (its `updatedAt`). */
const lastChange = (d: DemoDeal) => new Date(Math.max(new Date(d.openedAt).getTime(), ...transitions(d).map((t) => t.at.getTime()), ...d.paidAt.filter(Boolean).map((p) => new Date(p!).getTime())));

/**
 * Loads the demo deals. `fees` is the platform's fee policy (the api's config: PLATFORM_FEE_BPS,
 * BROKER_COMMISSION_BPS). Throws before writing when a deal's terms break the api's offer rules.
 */
export async function loadDemoDeals(data: DemoData, idOf: IdOf, fees: FeePolicy): Promise<DealLoadCounts> {
  const problems = data.deals.flatMap((d) => {
    const r = OfferTerms.safeParse(d.terms);
    return r.success ? [] : r.error.issues.map((i) => `deal ${d.key}: terms.${i.path.map(String).join('.')}: ${i.message}`);
  });
  if (problems.length) throw new Error(`demo deals break the API's rules:\n  ${problems.slice(0, 20).join('\n  ')}`);

  const orgs = new Map(data.orgs.map((o) => [o.key, o]));
  const achievements = new Map(data.achievements.map((a) => [a.key, a]));
  const users = data.users;
  const adminOf = (orgKey: string) => users.find((u) => u.orgKey === orgKey && u.roles.includes('org-admin'))!;
  const userOrg = new Map(users.map((u) => [u.key, u.orgKey]));
  const counts: DealLoadCounts = { inserted: 0, existing: 0, matches: 0, interests: 0, contracts: 0, paymentItems: 0 };

  const ids = data.deals.map((d) => idOf(d.key));
  const have = new Set((await Deal.find({ _id: trusted({ $in: ids }) }).select('_id').lean()).map((d) => String(d._id)));
  for (const d of data.deals) {
    const _id = idOf(d.key);
    if (have.has(String(_id))) {
      counts.existing += 1;
      continue;
    }
    const ach = achievements.get(d.achievementKey)!;
    const supplier = orgs.get(ach.orgKey)!;
    const buyer = orgs.get(d.buyerOrgKey)!;
    const brokerOrgKey = d.brokerUserKey ? userOrg.get(d.brokerUserKey)! : null;
    const broker = brokerOrgKey ? orgs.get(brokerOrgKey)! : null;
    const buyerAdmin = adminOf(buyer.key);
    const supplierAdmin = adminOf(supplier.key);
    const opener = d.brokerUserKey ? users.find((u) => u.key === d.brokerUserKey)! : buyerAdmin;
    const agreed = !!d.agreedAt;
    const closed = d.stage === 'completed' || d.stage === 'cancelled';
    const updatedAt = lastChange(d);
    const origin = await ensureOrigin(d, idOf, { supplier: idOf(supplier.key), buyer: idOf(buyer.key), buyerAdmin: idOf(buyerAdmin.key), broker: broker ? { org: idOf(broker.key), user: idOf(opener.key) } : null }, counts);
    const deal = {
      _id,
      achievement: idOf(ach.key),
      achievementTitle: ach.title,
      demand: d.demandKey ? idOf(d.demandKey) : null,
      match: origin,
      supplierOrg: idOf(supplier.key),
      supplierName: supplier.name,
      buyerOrg: idOf(buyer.key),
      buyerName: buyer.name,
      brokerOrg: broker ? idOf(broker.key) : null,
      brokerName: broker ? broker.name : { zh: '', en: '' },
      participantOrgs: [idOf(supplier.key), idOf(buyer.key), ...(broker ? [idOf(broker.key)] : [])],
      mode: d.mode,
      status: d.stage,
      openedBy: idOf(opener.key),
      cancelReason: d.stage === 'cancelled' ? '买方内部预算调整，暂缓实施' : '',
      liveKey: closed ? `closed:${String(_id)}` : `${String(idOf(ach.key))}:${String(idOf(buyer.key))}:${d.mode}`,
      offers: d.offeredAt
        ? [
            {
              version: 1,
              replacesVersion: 0,
              mode: d.mode,
              terms: d.terms,
              note: '',
              side: d.brokerUserKey ? 'broker' : 'buyer',
              author: idOf(opener.key),
              authorName: opener.name,
              createdAt: at(d.offeredAt),
              status: agreed ? 'accepted' : 'open',
              closedBy: null,
              closedAt: null,
              closeReason: '',
              acceptances: agreed
                ? [
                    { side: 'supplier', user: idOf(supplierAdmin.key), userName: supplierAdmin.name, at: at(d.agreedAt!, -2 * HOUR) },
                    { side: 'buyer', user: idOf(buyerAdmin.key), userName: buyerAdmin.name, at: at(d.agreedAt!) },
                  ]
                : [],
            },
          ]
        : [],
      currentOfferVersion: d.offeredAt ? 1 : 0,
      agreedOfferVersion: agreed ? 1 : null,
      pending: [],
      hasPending: false,
      version: 1 + transitions(d).length + (d.offeredAt ? 1 : 0) + (agreed ? 2 : 0),
      createdAt: at(d.openedAt),
      updatedAt,
    };
    await Deal.insertMany([deal], { timestamps: false } as never);
    counts.inserted += 1;

    for (const t of transitions(d)) {
      const actor = t.side === 'supplier' ? supplierAdmin : t.side === 'buyer' ? buyerAdmin : t.side === 'broker' ? opener : null;
      await recordAudit({
        eventId: `demo:${d.key}:${t.to}`,
        actor: actor ? idOf(actor.key) : null,
        action: 'deal.transitioned',
        entity: 'deal',
        entityId: _id,
        from: t.from,
        to: t.to,
        at: t.at,
        meta: { side: t.side, action: 'deal.transitioned', from: t.from, to: t.to, ...(t.to === 'cancelled' ? { reason: deal.cancelReason } : {}) },
      });
    }

    if (!d.signedAt) continue;
    // The contract, from the stored deal by the contracts domain's own functions.
    const stored = (await Deal.findById(_id).lean<DealLean>())!;
    const content = buildContent({ ...(await contentSources(stored)), particulars: DEFAULT_PARTICULARS });
    const hash = contentHash(content);
    const signedAt = at(d.signedAt);
    const signature = (side: 'supplier' | 'buyer', u: (typeof users)[number], orgKey: string, when: Date) => ({
      side,
      user: idOf(u.key),
      userName: u.name,
      org: idOf(orgKey),
      hash,
      revision: 1,
      at: when,
      ip: '',
      userAgent: 'demo seed',
      eventId: `demo:${d.key}:signed:${side}`,
      recorded: true,
    });
    await Contract.insertMany(
      [
        {
          _id: idOf(`${d.key}:contract`),
          deal: _id,
          mode: d.mode,
          category: contractCategory(d.mode, ach.ipType),
          offerVersion: 1,
          revision: 1,
          particulars: DEFAULT_PARTICULARS,
          content,
          hash,
          signatures: [signature('supplier', supplierAdmin, supplier.key, at(d.signedAt, -3 * HOUR)), signature('buyer', buyerAdmin, buyer.key, signedAt)],
          status: 'signed',
          signedAt,
          unrecorded: false,
          version: 3,
          createdAt: at(d.agreedAt!, 60_000),
          updatedAt: signedAt,
        },
      ],
      { timestamps: false } as never,
    );
    counts.contracts += 1;

    // The schedule's items, as `PaymentIssuing.onContracted` issues them, with what was received.
    const schedule = paymentSchedule(d.terms);
    const items = schedule.map((p, k) => {
      const paidAt = d.paidAt[k] ? at(d.paidAt[k]!) : null;
      return {
        _id: idOf(`${d.key}:item:${p.key}`),
        deal: _id,
        contractHash: hash,
        key: p.key,
        kind: p.kind,
        label: p.label,
        amount: p.amount,
        currency: 'cny',
        due: p.due,
        fees: feesFor(p.amount, fees, !!broker),
        status: paidAt ? 'paid' : 'pending',
        attempt: paidAt ? 1 : 0,
        method: paidAt ? (k % 2 ? 'alipay' : 'card') : null,
        paidAt,
        version: paidAt ? 3 : 1,
        createdAt: signedAt,
        updatedAt: paidAt ?? signedAt,
      };
    });
    await PaymentItem.insertMany(items, { timestamps: false } as never);
    counts.paymentItems += items.length;
  }
  return counts;
}
