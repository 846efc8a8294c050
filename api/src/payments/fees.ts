// The platform's fee policy on a payment, in integer fen: the platform's fee and, when the deal has
// a broker, the broker's commission, both in basis points of the amount and both deducted from what
// the supplier receives. Pure, so the buyer sees before paying exactly what the item stores.

/** Basis points in a whole (10,000 bps = 100%). */
export const BPS = 10_000;

export interface FeePolicy {
  /** The platform's fee, in basis points of each payment (config PLATFORM_FEE_BPS). */
  platformFeeBps: number;
  /** The broker's commission, in basis points of each payment of a brokered deal (config BROKER_COMMISSION_BPS). */
  brokerCommissionBps: number;
}

/** What a payment of `amount` fen splits into: fees + supplierNet = amount, exactly. */
export interface Fees {
  amount: number;
  platformFeeBps: number;
  platformFee: number;
  /** 0 when the deal has no broker. */
  brokerCommissionBps: number;
  brokerCommission: number;
  supplierNet: number;
}

const assertFen = (fen: number, what: string) => {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`${what} must be a non-negative whole number of fen: ${fen}`);
};
const assertBps = (bps: number, what: string) => {
  if (!Number.isInteger(bps) || bps < 0 || bps > BPS) throw new RangeError(`${what} must be 0–${BPS} basis points: ${bps}`);
};

/**
 * `bps` basis points of `fen`, rounded half up to the fen. In BigInt: 10^13 fen × 10^4 bps is past
 * what a double holds exactly.
 */
export function bpsOf(fen: number, bps: number): number {
  assertFen(fen, 'amount');
  assertBps(bps, 'rate');
  const scaled = BigInt(fen) * BigInt(bps);
  return Number((scaled * 2n + BigInt(BPS)) / (2n * BigInt(BPS)));
}

/** The fees on a payment of `amount` fen, and what the supplier receives. */
export function feesFor(amount: number, policy: FeePolicy, brokered: boolean): Fees {
  assertFen(amount, 'amount');
  assertBps(policy.platformFeeBps, 'platformFeeBps');
  assertBps(policy.brokerCommissionBps, 'brokerCommissionBps');
  if (policy.platformFeeBps + policy.brokerCommissionBps > BPS) throw new RangeError('fees cannot exceed the amount');
  const brokerCommissionBps = brokered ? policy.brokerCommissionBps : 0;
  const platformFee = bpsOf(amount, policy.platformFeeBps);
  const brokerCommission = bpsOf(amount, brokerCommissionBps);
  return { amount, platformFeeBps: policy.platformFeeBps, platformFee, brokerCommissionBps, brokerCommission, supplierNet: amount - platformFee - brokerCommission };
}

/** The sum of several items' splits (the panel's totals). */
export function totalFees(list: readonly Pick<Fees, 'amount' | 'platformFee' | 'brokerCommission' | 'supplierNet'>[]) {
  const t = { amount: 0, platformFee: 0, brokerCommission: 0, supplierNet: 0 };
  for (const f of list) {
    t.amount += f.amount;
    t.platformFee += f.platformFee;
    t.brokerCommission += f.brokerCommission;
    t.supplierNet += f.supplierNet;
  }
  return t;
}

/** A percentage with at most two decimals (an agreed royalty rate, 3.5 = 3.5%) as basis points. */
export function percentToBps(pct: number): number {
  const bps = Math.round(pct * 100);
  if (!Number.isFinite(pct) || Math.abs(bps - pct * 100) > 1e-6) throw new RangeError(`not a percentage with at most two decimals: ${pct}`);
  assertBps(bps, 'percentage');
  return bps;
}

/** The royalty due on `sales` fen at the agreed `ratePct` percent, rounded half up to the fen. */
export const royaltyDue = (sales: number, ratePct: number): number => bpsOf(sales, percentToBps(ratePct));
