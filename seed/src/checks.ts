/**
 * Consistency rules for demo records, shared by the tests and usable by a loader before it
 * writes anything: terms that fit their modes, and what makes an achievement a genuine
 * counterpart of a demand.
 */
import { FEN_PER_YUAN } from '@techbridge/search/money';
import type { DemoAchievement, DemoDemand, DemoModeTerms } from './types';

const isFen = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n > 0 && n % FEN_PER_YUAN === 0;

/** Why a list of offered modes is inconsistent, or undefined if it is fine. */
export function termsProblem(modes: readonly DemoModeTerms[]): string | undefined {
  if (modes.length === 0) return 'no mode offered';
  if (new Set(modes.map((m) => m.mode)).size !== modes.length) return 'a mode is offered twice';
  for (const m of modes) {
    if (m.askingPrice !== undefined && !isFen(m.askingPrice)) return `${m.mode}: asking price ${m.askingPrice} is not whole yuan in fen`;
    if (m.mode === 'license') {
      if (m.equity) return 'license: carries equity terms';
      if (m.askingPrice === undefined && m.minRoyaltyRate === undefined) return 'license: neither fee nor royalty';
      if (m.minRoyaltyRate !== undefined && !(m.minRoyaltyRate > 0 && m.minRoyaltyRate <= 20)) return `license: royalty ${m.minRoyaltyRate}% out of range`;
    } else if (m.mode === 'transfer') {
      if (m.askingPrice === undefined) return 'transfer: no price';
      if (m.minRoyaltyRate !== undefined || m.equity) return 'transfer: carries royalty or equity terms';
    } else {
      if (!m.equity) return 'equity: no equity terms';
      if (m.askingPrice !== undefined || m.minRoyaltyRate !== undefined) return 'equity: carries a price or royalty';
      if (!isFen(m.equity.valuation)) return `equity: valuation ${m.equity.valuation} is not whole yuan in fen`;
      if (!(m.equity.maxSharePct > 0 && m.equity.maxSharePct < 50)) return `equity: share ${m.equity.maxSharePct}% out of range`;
    }
  }
  const fee = modes.find((m) => m.mode === 'license')?.askingPrice;
  const price = modes.find((m) => m.mode === 'transfer')?.askingPrice;
  const valuation = modes.find((m) => m.mode === 'equity')?.equity?.valuation;
  if (fee !== undefined && price !== undefined && fee >= price) return 'a licence fee at or above the transfer price';
  if (price !== undefined && valuation !== undefined && valuation <= price) return 'an equity valuation at or below the transfer price';
  return undefined;
}

/** The keywords two records share (case-insensitive). */
export function sharedKeywords(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b.map((k) => k.toLowerCase()));
  return a.filter((k) => set.has(k.toLowerCase()));
}

/**
 * Whether `a` could answer `d` on every hard constraint a matcher checks: same field, a shared
 * keyword, a shared deal mode whose price fits the budget, and at least the required TRL.
 */
export function isCounterpart(d: DemoDemand | Omit<DemoDemand, 'key' | 'orgKey'>, a: DemoAchievement, opts: { sameField?: boolean; keyword?: boolean } = {}): boolean {
  if ((opts.sameField ?? true) && a.field !== d.field) return false;
  if ((opts.keyword ?? true) && sharedKeywords(d.keywords, a.keywords).length === 0) return false;
  if (a.trl < d.minTrl) return false;
  return a.modes.some((m) => {
    if (!d.modes.includes(m.mode)) return false;
    if (m.mode === 'equity') return true;
    return m.askingPrice === undefined || m.askingPrice <= d.budgetMax;
  });
}
