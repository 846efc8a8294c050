/**
 * The demo's deals (issue 15): 48 deals over 2025–2026 so the zone indicators, agency performance
 * and the annual report have data — some only opened or negotiating, some agreed, some signed and
 * paying, some completed, two cancelled after their agreement; licences, transfers and equity
 * contributions; two in five brokered by an agency's broker. Each deal follows the buyer's interest,
 * and a deal that answers a demand follows the matcher's match of the two. Plain data, deterministic (a fixed seed,
 * fixed dates — never the clock); `load-deals.ts` writes them through the api's models the way the
 * api itself would have left them.
 */
import { fieldLabel } from '../../search/src/taxonomy';
import type { OfferTerms } from '../../api/src/deals/deals.schemas';
import { paymentSchedule } from '../../api/src/contracts/schedule';
import { createRng, type Rng } from './prng';
import type { DealMode, DemoAchievement, DemoBrokerPortfolio, DemoDemand, DemoOrg, DemoUser } from './types';

export const DEAL_COUNT = 48;

/** Where a demo deal got to. `paying` with nothing paid yet is a freshly signed contract. */
export type DemoDealStage = 'open' | 'negotiating' | 'agreed' | 'paying' | 'completed' | 'cancelled';

export interface DemoDeal {
  key: string;
  achievementKey: string;
  buyerOrgKey: string;
  /** The buyer's demand the deal answers, when it has one in the achievement's field. */
  demandKey: string | null;
  /** The agency's broker who opened the deal for the buyer; null: the buyer opened it. */
  brokerUserKey: string | null;
  mode: DealMode;
  /** The offer both sides negotiate (and, from `agreed` on, agreed). */
  terms: OfferTerms;
  stage: DemoDealStage;
  /**
   * ISO instants. `matchedAt`: when the matcher paired the deal's demand with the achievement (null:
   * no demand, the buyer found it directly); `interestAt`: when the buyer showed interest — both
   * before the deal opened, so the indicators have a time from first match to agreement.
   */
  matchedAt: string | null;
  interestAt: string;
  openedAt: string;
  offeredAt: string | null;
  agreedAt: string | null;
  signedAt: string | null;
  cancelledAt: string | null;
  /** When each item of the contract's payment schedule (`paymentSchedule(terms)`) was received; null: not yet. */
  paidAt: (string | null)[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The first deal opens on this day, the last one 590 days later; every date lies before 2026-11-20. */
const FIRST_OPENING = Date.UTC(2025, 0, 6, 2, 0, 0);
const OPENING_SPAN_DAYS = 575;
/** Unpaid items fall due after the demo's last payment (a fixed date, not the clock). */
const LATER_DUE = Date.UTC(2027, 2, 31);

/** Stages in a cycle of twelve; deals 10 and 34 are cancelled after their agreement instead. */
const CYCLE: DemoDealStage[] = ['completed', 'paying', 'paying', 'completed', 'agreed', 'paying', 'open', 'completed', 'negotiating', 'paying', 'completed', 'completed'];
const CANCELLED = new Set([10, 34]);
const MODES: DealMode[] = ['license', 'transfer', 'equity'];

const iso = (t: number) => new Date(t).toISOString();
const day = (t: number) => iso(t).slice(0, 10);
/** A sum in fen rounded to whole 万元 (1 万元 = 1,000,000 fen). */
const wan = (n: number) => n * 1_000_000;

function termsFor(mode: DealMode, a: DemoAchievement, buyer: DemoOrg, rng: Rng, dueAt: (i: number) => string): OfferTerms {
  const asked = a.modes.find((m) => m.mode === mode);
  switch (mode) {
    case 'license': {
      const upfront = asked?.askingPrice ? Math.max(wan(10), Math.round(asked.askingPrice / wan(1)) * wan(1)) : wan(rng.int(20, 150));
      const milestones = rng.chance(0.6) ? [{ description: '完成中试验证', amount: wan(rng.int(10, 60)), due: dueAt(1) }] : [];
      return {
        mode,
        exclusivity: rng.pick(['exclusive', 'sole', 'non-exclusive'] as const),
        territory: '中国大陆',
        fieldOfUse: fieldLabel(a.field)?.zh ?? a.field,
        termYears: rng.int(5, 10),
        upfrontFee: upfront,
        royaltyRate: asked?.minRoyaltyRate ?? rng.int(2, 5),
        milestones,
      };
    }
    case 'transfer': {
      const price = asked?.askingPrice ? Math.max(wan(20), Math.round(asked.askingPrice / wan(1)) * wan(1)) : wan(rng.int(50, 400));
      const first = Math.round((price * 0.6) / 100) * 100;
      return {
        mode,
        price,
        paymentSchedule: [
          { description: '合同生效后支付', amount: first, due: dueAt(0) },
          { description: '专利权转移登记完成后支付', amount: price - first, due: dueAt(1) },
        ],
      };
    }
    case 'equity': {
      const valuation = asked?.equity?.valuation ? Math.max(wan(100), Math.round(asked.equity.valuation / wan(1)) * wan(1)) : wan(rng.int(300, 2000));
      return {
        mode,
        ipValuation: valuation,
        equitySharePct: asked?.equity?.maxSharePct ? Math.min(asked.equity.maxSharePct, rng.int(5, 30)) : rng.int(5, 30),
        company: { name: `${buyer.name.zh.replace(/(股份)?有限公司$/, '')}产业化子公司` },
        cashPayments: [{ description: '现金对价', amount: wan(rng.int(20, 120)), due: dueAt(0) }],
        vesting: { totalMonths: 36, cliffMonths: 12 },
      };
    }
  }
}

/** The demo's deals. Deterministic: every call with the same catalogue returns deep-equal data. */
export function buildDeals(orgs: DemoOrg[], users: DemoUser[], achievements: DemoAchievement[], demands: DemoDemand[], portfolios: DemoBrokerPortfolio[]): DemoDeal[] {
  const rng = createRng('demo:deals');
  const orgByKey = new Map(orgs.map((o) => [o.key, o]));
  const enterprises = orgs.filter((o) => o.kind === 'enterprise');
  const pool = rng.shuffle(achievements.filter((a) => a.status === 'published'));
  const used = new Set<string>();
  const brokerOf = new Map(users.filter((u) => u.roles.includes('broker')).map((u) => [u.key, u]));
  const deals: DemoDeal[] = [];
  for (let i = 0; i < DEAL_COUNT; i += 1) {
    const mode = MODES[i % 3]!;
    const a = pool.find((x) => !used.has(x.key) && x.modes.some((m) => m.mode === mode)) ?? pool.find((x) => !used.has(x.key))!;
    used.add(a.key);
    // Two in five are brokered: a broker opens the deal for an enterprise of their portfolio.
    let brokerUserKey: string | null = null;
    let buyer: DemoOrg | undefined;
    if (i % 5 === 1 || i % 5 === 3) {
      const portfolio = portfolios[i % portfolios.length]!;
      const clients = portfolio.orgKeys.map((k) => orgByKey.get(k)!).filter((o) => o.kind === 'enterprise' && o.key !== a.orgKey);
      if (clients.length && brokerOf.has(portfolio.brokerUserKey)) {
        // A client with an open demand in the achievement's field first: the broker matched the two.
        const asking = clients.filter((o) => demands.some((d) => d.status === 'open' && d.field === a.field && d.orgKey === o.key));
        buyer = rng.pick(asking.length ? asking : clients);
        brokerUserKey = portfolio.brokerUserKey;
      }
    }
    const fieldDemand = demands.find((d) => d.status === 'open' && d.field === a.field && d.orgKey !== a.orgKey && (!buyer || d.orgKey === buyer.key));
    buyer ??= fieldDemand ? orgByKey.get(fieldDemand.orgKey)! : rng.pick(enterprises.filter((o) => o.key !== a.orgKey));
    const demandKey = fieldDemand && fieldDemand.orgKey === buyer.key ? fieldDemand.key : null;

    const stage: DemoDealStage = CANCELLED.has(i) ? 'cancelled' : CYCLE[i % CYCLE.length]!;
    const opened = FIRST_OPENING + Math.round((i * OPENING_SPAN_DAYS * 24 * 60) / (DEAL_COUNT - 1)) * 60_000 + rng.int(0, 8) * HOUR;
    const offered = opened + rng.int(1, 4) * DAY;
    const agreed = offered + rng.int(5, 25) * DAY;
    const signed = agreed + rng.int(2, 10) * DAY + rng.int(1, 6) * HOUR;
    const cancelled = agreed + rng.int(5, 20) * DAY;
    const payTimes: number[] = [];
    for (let k = 0, t = signed; k < 4; k += 1) payTimes.push((t += rng.int(3, 15) * DAY + rng.int(1, 8) * HOUR));
    const reachesPayment = stage === 'paying' || stage === 'completed';
    // Paid items are due on their payment day; the rest after the demo's last date.
    const terms = termsFor(mode, a, buyer, rng, (k) => (stage === 'completed' ? day(payTimes[k + 1]!) : day(LATER_DUE + k * 30 * DAY)));
    const schedule = paymentSchedule(terms);
    // Paying deals: half have the deposit in (the rest falls due later), half were just signed.
    const paidCount = stage === 'completed' ? schedule.length : stage === 'paying' && (i % 12 === 1 || i % 12 === 2) ? 1 : 0;
    deals.push({
      key: `deal-${String(i + 1).padStart(3, '0')}`,
      achievementKey: a.key,
      buyerOrgKey: buyer.key,
      demandKey,
      brokerUserKey,
      mode,
      terms,
      stage,
      // Arithmetic on the index, not the generator, so the other figures stay what they were.
      matchedAt: demandKey ? iso(opened - (3 + ((i * 7) % 18)) * DAY - ((i % 5) + 1) * HOUR) : null,
      interestAt: iso(opened - ((i % 2) + 1) * DAY - ((i % 3) + 1) * HOUR),
      openedAt: iso(opened),
      offeredAt: stage === 'open' ? null : iso(offered),
      agreedAt: ['open', 'negotiating'].includes(stage) ? null : iso(agreed),
      signedAt: reachesPayment ? iso(signed) : null,
      cancelledAt: stage === 'cancelled' ? iso(cancelled) : null,
      paidAt: reachesPayment ? schedule.map((_, k) => (k < paidCount ? iso(payTimes[k]!) : null)) : [],
    });
  }
  return deals;
}
