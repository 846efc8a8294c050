import assert from 'node:assert/strict';
import { paymentSchedule } from '../contracts/schedule';
import type { OfferTerms } from '../deals/deals.schemas';
import { loadConfig } from '../config';
import { bpsOf, feesFor, percentToBps, royaltyDue, totalFees } from './fees';

/** A seeded PRNG (mulberry32): the same run every time, a failure reproducible from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_FEN = 10_000_000_000_000;

function randomTerms(r: () => number): { terms: OfferTerms; consideration: number } {
  const int = (max: number) => Math.floor(r() * (max + 1));
  // amounts spread over orders of magnitude: 0 fen to 10^13 fen
  const amount = () => (r() < 0.1 ? int(3) : Math.floor(10 ** (r() * 12)) + int(99));
  const payments = (n: number) => Array.from({ length: n }, (_, i) => ({ description: `p${i}`, amount: amount(), due: '2027-06-30' }));
  const mode = ['license', 'transfer', 'equity'][int(2)];
  if (mode === 'license') {
    const milestones = payments(int(5));
    const upfrontFee = amount();
    return {
      terms: { mode, exclusivity: 'exclusive', territory: 'CN', fieldOfUse: 'x', termYears: 5, upfrontFee, royaltyRate: int(2000) / 100, milestones },
      consideration: upfrontFee + milestones.reduce((s, p) => s + p.amount, 0),
    };
  }
  if (mode === 'transfer') {
    const paymentSchedule = payments(1 + int(4));
    const price = paymentSchedule.reduce((s, p) => s + p.amount, 0);
    return { terms: { mode, price, paymentSchedule }, consideration: price };
  }
  const cashPayments = payments(int(4));
  return {
    terms: { mode: 'equity', ipValuation: 1_000_000, equitySharePct: 10, company: { name: 'x' }, cashPayments, vesting: { totalMonths: 0, cliffMonths: 0 } },
    consideration: cashPayments.reduce((s, p) => s + p.amount, 0),
  };
}

describe('fees (the money module for payments)', () => {
  it('takes basis points of an amount rounded half up to the fen, exactly at 10^13 fen', () => {
    assert.equal(bpsOf(150, 100), 2); // 1.5 fen → 2
    assert.equal(bpsOf(149, 100), 1);
    assert.equal(bpsOf(0, 300), 0);
    assert.equal(bpsOf(MAX_FEN, 9_999), 9_999_000_000_000); // past 2^53 in the product: BigInt
    assert.equal(bpsOf(MAX_FEN - 1, 1), 1_000_000_000);
    assert.throws(() => bpsOf(1.5, 100), RangeError);
    assert.throws(() => bpsOf(-1, 100), RangeError);
    assert.throws(() => bpsOf(100, 10_001), RangeError);
  });

  it("deducts the platform fee and, on a brokered deal, the broker's commission from the supplier's share", () => {
    const policy = { platformFeeBps: 100, brokerCommissionBps: 300 };
    assert.deepEqual(feesFor(30_000_000, policy, false), { amount: 30_000_000, platformFeeBps: 100, platformFee: 300_000, brokerCommissionBps: 0, brokerCommission: 0, supplierNet: 29_700_000 });
    assert.deepEqual(feesFor(30_000_000, policy, true), { amount: 30_000_000, platformFeeBps: 100, platformFee: 300_000, brokerCommissionBps: 300, brokerCommission: 900_000, supplierNet: 28_800_000 });
    assert.throws(() => feesFor(100, { platformFeeBps: 6_000, brokerCommissionBps: 5_000 }, true), /exceed/);
  });

  it('reads the fee policy from the environment (1% and 3% by default) and names a bad variable', () => {
    const cfg = loadConfig({ NODE_ENV: 'test' });
    assert.equal(cfg.PLATFORM_FEE_BPS, 100);
    assert.equal(cfg.BROKER_COMMISSION_BPS, 300);
    assert.equal(loadConfig({ NODE_ENV: 'test', PLATFORM_FEE_BPS: '250' }).PLATFORM_FEE_BPS, 250);
    assert.throws(() => loadConfig({ NODE_ENV: 'test', PLATFORM_FEE_BPS: '1.5', BROKER_COMMISSION_BPS: '9000' }), (err: Error) => /PLATFORM_FEE_BPS/.test(err.message) && /BROKER_COMMISSION_BPS/.test(err.message));
  });

  it('computes royalties as sales × the agreed rate, rounded to the fen', () => {
    assert.equal(percentToBps(3.5), 350);
    assert.equal(percentToBps(0.07), 7);
    assert.equal(royaltyDue(1_000_000_00, 3.5), 3_500_000); // 100万元 at 3.5% = 3.5万元
    assert.equal(royaltyDue(333, 3.33), 11); // 11.0889 fen
    assert.equal(royaltyDue(15, 10), 2); // 1.5 fen → 2
    assert.equal(royaltyDue(0, 5), 0);
    assert.throws(() => percentToBps(3.333), RangeError);
  });

  it('never drifts a fen: over random schedules the items add up to the consideration and every split to its item', () => {
    for (let seed = 1; seed <= 2_000; seed++) {
      const r = rng(seed);
      const { terms, consideration } = randomTerms(r);
      const policy = { platformFeeBps: Math.floor(r() * 1_001), brokerCommissionBps: Math.floor(r() * 1_001) };
      const brokered = r() < 0.5;
      const schedule = paymentSchedule(terms);
      const at = `seed ${seed} (${terms.mode})`;
      assert.equal(schedule.reduce((s, p) => s + p.amount, 0), consideration, `${at}: the schedule adds up to the consideration`);
      assert.equal(new Set(schedule.map((p) => p.key)).size, schedule.length, `${at}: keys are unique`);
      const fees = schedule.map((p) => feesFor(p.amount, policy, brokered));
      for (const f of fees) {
        assert.ok(Number.isSafeInteger(f.platformFee) && Number.isSafeInteger(f.brokerCommission) && Number.isSafeInteger(f.supplierNet), `${at}: whole fen`);
        assert.ok(f.platformFee >= 0 && f.brokerCommission >= 0 && f.supplierNet >= 0, `${at}: nothing negative`);
        assert.equal(f.platformFee + f.brokerCommission + f.supplierNet, f.amount, `${at}: fees + supplier's share = amount`);
        if (!brokered) assert.equal(f.brokerCommission, 0);
      }
      const total = totalFees(fees);
      assert.equal(total.amount, consideration);
      assert.equal(total.platformFee + total.brokerCommission + total.supplierNet, consideration, `${at}: totals add up`);
    }
  });
});
