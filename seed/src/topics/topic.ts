/**
 * A topic bank entry: one realistic technology within a field, with everything the composer in
 * demo.ts needs to write titles, abstracts, confidential details and demands about it.
 *
 * Texts may hold number slots `{lo~hi}` (e.g. `{24.8~26.1}`); the composer fills each slot with a
 * seeded value carrying as many decimals as `lo`, and gives each English slot the value of the
 * Chinese slot with the same range — so both languages always state the same figures whatever
 * their word order. The two texts of a pair must therefore hold the same set of slots.
 */
import type { FieldCode, IpType } from '../../../search/src/taxonomy';

/** [zh, en] */
export type Pair = readonly [string, string];

/** [title zh, title en, headline claim zh, headline claim en] — one achievement each. */
export type Variant = readonly [string, string, string, string];

export interface Topic {
  /** Unique, stable: achievement keys are `ach-<id>-<1..3>`. */
  id: string;
  field: FieldCode;
  zh: string;
  en: string;
  /** Search words a user would type, Chinese and English. */
  kw: readonly string[];
  /** Exactly three hand-written achievement variants (title + headline claim). */
  v: readonly [Variant, Variant, Variant];
  /** The industry problem, phrased neutrally (used by achievements and demands alike). */
  gap: Pair;
  /** Where it is applied. */
  use: Pair;
  /** Confidential process parameters / know-how. */
  secret: Pair;
  /** Preferred IP types, most likely first (defaults to the field profile). */
  ip?: readonly IpType[];
}
