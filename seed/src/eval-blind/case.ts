/**
 * The shape of the blind evaluation set's cases (issue 18): an EvalCase (seed/src/eval.ts) plus
 * the kind of difficulty it tests and, for a constraint trap, the on-subject listings that break
 * the demand's hard constraints. Demands are written in ONE language: the other is ''.
 */
import { wanToFen } from '@techbridge/search/money';
import type { EvalCase } from '../eval';
import type { DealMode, FieldCode, RegionCode, Trl } from '../types';

export const BLIND_KINDS = ['cross-language', 'colloquial', 'vague', 'constraint-trap', 'easy'] as const;
/**
 * - cross-language: every relevant listing exists only in the other language;
 * - colloquial: shop-floor words, no technical terms (起层、没粘牢、小锤敲);
 * - vague: business language (降本增效, "add value to our by-product"), the need inferred;
 * - constraint-trap: a listing on exactly the subject breaks a hard constraint (TRL, deal mode,
 *   budget) and is NOT relevant; the relevant one meets them;
 * - easy: the demand names the technology.
 */
export type BlindKind = (typeof BLIND_KINDS)[number];

export interface BlindCase extends EvalCase {
  kind: BlindKind;
  /** constraint-trap only: the on-subject listings that break the demand's constraints. */
  trap?: string[];
}

export interface BlindTerms {
  /** 万元 */
  budget: [number, number];
  modes: DealMode[];
  minTrl: Trl;
  region: RegionCode;
  deadline?: string;
  anonymous?: boolean;
}

/** A demand written in one language (`lang`); the other language's texts stay empty. */
export function blind(
  id: string,
  kind: BlindKind,
  field: FieldCode,
  lang: 'zh' | 'en',
  title: string,
  description: string,
  keywords: string[],
  t: BlindTerms,
  relevant: string[],
  trap?: string[],
): BlindCase {
  const one = (s: string) => (lang === 'zh' ? { zh: s, en: '' } : { zh: '', en: s });
  return {
    id,
    kind,
    demand: {
      title: one(title),
      description: one(description),
      field,
      keywords,
      budgetMin: wanToFen(t.budget[0]),
      budgetMax: wanToFen(t.budget[1]),
      deadline: t.deadline ?? '2027-12-31',
      modes: t.modes,
      minTrl: t.minTrl,
      region: t.region,
      anonymous: t.anonymous ?? false,
      status: 'open',
    },
    relevant,
    ...(trap ? { trap } : {}),
  };
}
