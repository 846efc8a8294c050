/**
 * The matcher's scoring core (供需对接), pure functions: a demand and a candidate achievement, plus
 * the engine's text score, become a 0–1 score with its reasons — as data for storage and as
 * sentences in Chinese and English for people. The api stores the best candidates as Matches.
 */
import type { Filter, SearchQuery } from './engine';
import { BUDGET_CEILING, PRICE_FLOOR, TRL_FLOOR, type AchievementDoc, type DemandDoc } from './indexes';
import { expandSynonyms } from './synonyms';
import { fieldLabel, modeLabel, type Label } from './taxonomy';
import { formatBudget, formatFenEn, formatFenZh } from './money';
import { latinWords, tokenize } from './tokenizer';

export type ReasonKind = 'keywords' | 'field' | 'mode' | 'budget' | 'trl' | 'region';

export interface MatchReason {
  kind: ReasonKind;
  /** This component's contribution to the score (its weight × its 0–1 credit). */
  weight: number;
  detail: Record<string, unknown>;
}

export interface MatchScore {
  /** 0–1, rounded to 4 decimals. */
  score: number;
  /** Credit per component, 0–1, before weighting. */
  components: Record<ReasonKind, number>;
  /** Components that contributed, in a fixed order (keywords, field, mode, budget, trl, region). */
  reasons: MatchReason[];
  /** The reasons as one sentence per language, parts joined by "；" / "; ". */
  explanation: Label;
}

/**
 * How much each component counts; they add up to 1. What the listings are about comes first: the
 * terms fit the match is for, so a listing with the right field, price and TRL but the wrong subject
 * cannot outrank one on the subject (measured with `npm run bench:match`, search/README.md).
 */
export const MATCH_WEIGHTS: Readonly<Record<ReasonKind, number>> = {
  keywords: 0.6,
  field: 0.1,
  mode: 0.1,
  budget: 0.09,
  trl: 0.07,
  region: 0.04,
};

/** Share of the text credit taken from the engine's relevance when keyword coverage is known. */
export const ENGINE_TEXT_SHARE = 0.6;

/** A matched keyword, shown in each language (a synonym pair shows both sides). */
export type MatchedTerm = Label;

export interface TextEvidence {
  /** The engine's normalised relevance of the achievement for the demand's query, 0–1. */
  score: number;
  /**
   * Share of the demand's keywords found in the candidate (see `findTerms`), 0–1, when the demand
   * has keywords: the text credit is then ENGINE_TEXT_SHARE × score + the rest × coverage.
   */
  coverage?: number;
  /**
   * Share of the vocabulary's concepts a demand without keywords mentions that the candidate also
   * mentions, 0–1: it can only raise the text credit (to the blend above), never lower it — a
   * listing that answers in words the vocabulary lacks keeps the engine's relevance.
   */
  conceptCoverage?: number;
  /** Matched keywords (see `matchedTerms`); plain strings are shown as they are in both languages. */
  terms?: readonly (MatchedTerm | string)[];
}

/** The listing a demand is matched against: only these attributes are used. */
/** `region` may be a province or a city code (GB/T 2260); regions match on the province. */
export type MatchDemand = Pick<DemandDoc, 'field' | 'modes'> & { region: string } & Partial<Pick<DemandDoc, 'budgetMin' | 'budgetMax' | 'minTrl' | 'keywords' | 'title'>>;
export type MatchAchievement = Pick<AchievementDoc, 'field' | 'modes' | 'trl'> & { region: string } & Partial<Pick<AchievementDoc, 'askingPrice' | 'keywords' | 'title' | 'summary' | 'gloss'>>;

// ---------------------------------------------------------------------------------------------
// Money text in reasons: the platform's one money module (see ./money).

export { fenToWanText, formatBudget, formatFenEn, formatFenZh } from './money';

// ---------------------------------------------------------------------------------------------
// Components, each 0–1.

/** Asking prices above the budget lose all credit at this multiple of the maximum. */
const OVER_BUDGET_ZERO_AT = 1.5;
/** Credit for a price or budget that is not stated (negotiable): neither fit nor misfit. */
const UNKNOWN_CREDIT = 0.5;

export type BudgetFit = 'within' | 'above' | 'below' | 'unknown';

/** How an asking price fits a budget: full credit inside, partial credit near it. */
export function budgetFit(askingPrice: number | undefined, min: number | undefined, max: number | undefined): { credit: number; fit: BudgetFit } {
  if (askingPrice === undefined || (min === undefined && max === undefined)) return { credit: UNKNOWN_CREDIT, fit: 'unknown' };
  if (max !== undefined && askingPrice > max) {
    const over = (askingPrice - max) / (max * (OVER_BUDGET_ZERO_AT - 1) || 1);
    return { credit: Math.max(0, 1 - over), fit: 'above' };
  }
  if (min !== undefined && askingPrice < min) {
    // Cheaper than expected still fits the buyer's wallet, but may be a smaller piece of work.
    return { credit: 1 - 0.5 * ((min - askingPrice) / min), fit: 'below' };
  }
  return { credit: 1, fit: 'within' };
}

/** TRL credit: full when the achievement is at least as mature as required, −⅓ per missing level. */
export function trlFit(trl: number, minTrl: number | undefined): number {
  if (minTrl === undefined) return 1;
  if (trl >= minTrl) return 1;
  return Math.max(0, 1 - (minTrl - trl) / 3);
}

/** Share of the demand's desired modes the achievement offers (all modes fit a demand with none). */
export function modeOverlap(wanted: readonly string[], offered: readonly string[]): { credit: number; common: string[] } {
  const common = wanted.filter((m) => offered.includes(m));
  if (wanted.length === 0) return { credit: 1, common: [...offered] };
  return { credit: common.length / wanted.length, common };
}

/** Same province: the first two digits of the GB/T 2260 code agree. */
export function sameProvince(a: string, b: string): boolean {
  return a.length >= 2 && a.slice(0, 2) === b.slice(0, 2);
}

// ---------------------------------------------------------------------------------------------
// Keywords.

const termLabel = (t: MatchedTerm | string): Label => (typeof t === 'string' ? { zh: t, en: t } : t);

/**
 * Which of `phrases` (a demand's keywords) occur in `text` (the candidate's title, summary and
 * keywords), across languages via the synonym list. Each is returned in both languages when the
 * synonym list knows it ("锂电池" ↔ "lithium battery").
 */
export function matchedTerms(phrases: readonly string[], text: string): MatchedTerm[] {
  return findTerms(prepareTerms(phrases), text);
}

/** Keyword phrases tokenised and expanded once, to be looked for in many candidates' texts. */
export interface PreparedTerms {
  phrases: { label: MatchedTerm; groups: Need[][] }[];
  /** Distinct phrases (by label): the denominator of a keyword coverage. */
  size: number;
}

/** One way to satisfy a concept: Chinese runs that must appear as written, Latin words anywhere. */
interface Need {
  cjk: string[];
  latin: string[];
}

const CJK_TERM = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function needOf(alt: readonly string[]): Need {
  const need: Need = { cjk: [], latin: [] };
  let run = '';
  for (const t of alt) {
    if (CJK_TERM.test(t)) run += t;
    else {
      if (run) need.cjk.push(run);
      run = '';
      need.latin.push(t);
    }
  }
  if (run) need.cjk.push(run);
  return need;
}

/**
 * Tokenises and expands `phrases` once. Chinese words the segmenter split apart (压实密度 →
 * 压|实|密度, 储能电芯 → 储|能|电|芯) are looked for as one run, not as characters anywhere.
 */
export function prepareTerms(phrases: readonly string[]): PreparedTerms {
  const out: PreparedTerms['phrases'] = [];
  const labels = new Set<string>();
  for (const phrase of phrases) {
    const groups = expandSynonyms(tokenize(phrase));
    if (groups.length === 0) continue;
    const label = groups.length === 1 ? labelOf(phrase, groups[0]?.alternatives ?? []) : { zh: phrase, en: phrase };
    const needs: Need[][] = [];
    let plainRun = false;
    for (const g of groups) {
      const plain = g.alternatives.length === 1 && (g.alternatives[0] ?? []).every((t) => CJK_TERM.test(t));
      const last = needs[needs.length - 1];
      if (plain && plainRun && last?.[0]) last[0] = { cjk: [last[0].cjk.join('') + (g.alternatives[0] ?? []).join('')], latin: [] };
      else needs.push(g.alternatives.map(needOf));
      plainRun = plain;
    }
    out.push({ label, groups: needs });
    labels.add(`${label.zh}|${label.en}`);
  }
  return { phrases: out, size: labels.size };
}

/**
 * A text to look for many prepared phrase lists in: Chinese runs are found in it as written (NFKC
 * leaves Chinese characters as they are, so the text is not normalised as a whole — that was most
 * of the cost of re-scoring), its Latin words are normalised one by one, once, when first needed.
 */
export interface PreparedText {
  text: string;
  words?: Set<string>;
}

export const prepareText = (text: string): PreparedText => ({ text });

/** The prepared phrases found in `text`, labelled in both languages, each once. */
export function findTerms(prepared: PreparedTerms, text: string | PreparedText): MatchedTerm[] {
  const view = typeof text === 'string' ? prepareText(text) : text;
  const raw = view.text;
  const hasWord = (w: string) => (view.words ??= latinWords(raw)).has(w);
  const satisfied = (n: Need) => n.cjk.every((c) => raw.includes(c)) && n.latin.every(hasWord);
  const out: MatchedTerm[] = [];
  const seen = new Set<string>();
  for (const p of prepared.phrases) {
    if (!p.groups.every((alts) => alts.some(satisfied))) continue;
    const key = `${p.label.zh}|${p.label.en}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p.label);
    }
  }
  return out;
}

const HAN = /\p{Script=Han}/u;

function labelOf(phrase: string, alternatives: string[][]): MatchedTerm {
  // Alternatives are token lists: Chinese joins without spaces, English with.
  const zhAlt = alternatives.find((a) => a.some((t) => HAN.test(t)));
  const enAlt = alternatives.find((a) => a.every((t) => !HAN.test(t)) && a.join(' ').length > 2) ?? alternatives.find((a) => a.every((t) => !HAN.test(t)));
  return {
    zh: HAN.test(phrase) ? phrase : (zhAlt?.join('') ?? phrase),
    en: !HAN.test(phrase) ? phrase : (enAlt?.join(' ') ?? phrase),
  };
}

/**
 * The vocabulary concepts (src/synonyms.ts) a text mentions, each as the phrase the text uses:
 * the terms a demand without keywords is about ("储能电站", "主动均衡"), so its matches can still
 * name what they share instead of only "related text".
 */
export function conceptPhrases(text: string): string[] {
  const out = new Set<string>();
  for (const g of expandSynonyms(tokenize(text))) {
    if (g.alternatives.length < 2) continue; // not a concept: a word of its own
    out.add(g.source.every((t) => CJK_TERM.test(t)) ? g.source.join('') : g.source.join(' '));
  }
  return [...out];
}

/** Searchable text of an achievement for `matchedTerms`. */
export function achievementText(a: MatchAchievement): string {
  return [a.title?.zh, a.title?.en, a.summary?.zh, a.summary?.en, ...(a.keywords ?? []), a.gloss].filter(Boolean).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Score.

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Scores a candidate achievement for a demand: the weighted sum of text relevance, field equality,
 * mode overlap, budget fit, TRL fit and same-province region, each 0–1.
 */
export function scoreMatch(demand: MatchDemand, achievement: MatchAchievement, text: TextEvidence, weights: Readonly<Record<ReasonKind, number>> = MATCH_WEIGHTS): MatchScore {
  const terms = (text.terms ?? []).map(termLabel);
  const clamp = (n: number | undefined) => Math.min(1, Math.max(0, n !== undefined && Number.isFinite(n) ? n : 0));
  const blend = (coverage: number) => ENGINE_TEXT_SHARE * clamp(text.score) + (1 - ENGINE_TEXT_SHARE) * clamp(coverage);
  const keywordCredit =
    text.coverage !== undefined ? blend(text.coverage) : text.conceptCoverage !== undefined ? Math.max(clamp(text.score), blend(text.conceptCoverage)) : clamp(text.score);
  const mode = modeOverlap(demand.modes, achievement.modes);
  const budget = budgetFit(achievement.askingPrice, demand.budgetMin, demand.budgetMax);
  const components: Record<ReasonKind, number> = {
    keywords: keywordCredit,
    field: demand.field === achievement.field ? 1 : 0,
    mode: mode.credit,
    budget: budget.credit,
    trl: trlFit(achievement.trl, demand.minTrl),
    region: sameProvince(demand.region, achievement.region) ? 1 : 0,
  };
  const total = (Object.keys(weights) as ReasonKind[]).reduce((s, k) => s + weights[k], 0) || 1;
  let score = 0;
  for (const k of Object.keys(components) as ReasonKind[]) score += (weights[k] * components[k]) / total;

  const reasons: MatchReason[] = [];
  const add = (kind: ReasonKind, detail: Record<string, unknown>) => {
    const weight = round4((weights[kind] * components[kind]) / total);
    if (weight > 0) reasons.push({ kind, weight, detail });
  };
  add('keywords', { terms, textScore: round4(keywordCredit) });
  add('field', { field: achievement.field });
  add('mode', { wanted: [...demand.modes], offered: [...achievement.modes], common: mode.common });
  add('budget', { askingPrice: achievement.askingPrice ?? null, budgetMin: demand.budgetMin ?? null, budgetMax: demand.budgetMax ?? null, fit: budget.fit });
  add('trl', { trl: achievement.trl, minTrl: demand.minTrl ?? null });
  add('region', { region: achievement.region, demandRegion: demand.region });

  return { score: round4(Math.min(1, Math.max(0, score))), components, reasons, explanation: explain(reasons) };
}

/** One sentence per language for a list of reasons (stored reasons can be re-explained later). */
export function explain(reasons: readonly MatchReason[]): Label {
  const zh: string[] = [];
  const en: string[] = [];
  for (const r of reasons) {
    const d = r.detail;
    switch (r.kind) {
      case 'keywords': {
        const terms = (d.terms as Label[] | undefined) ?? [];
        if (terms.length) {
          zh.push(`关键词命中：${terms.map((t) => t.zh).join('、')}`);
          en.push(`Keywords: ${terms.map((t) => t.en).join(', ')}`);
        } else {
          zh.push('文本相关');
          en.push('Related text');
        }
        break;
      }
      case 'field': {
        const label = fieldLabel(String(d.field)) ?? { zh: String(d.field), en: String(d.field) };
        zh.push(`领域一致：${label.zh}`);
        en.push(`same field: ${label.en}`);
        break;
      }
      case 'mode': {
        const common = ((d.common as string[] | undefined) ?? []).map((m) => modeLabel(m) ?? { zh: m, en: m });
        zh.push(`交易方式：${common.map((m) => m.zh).join('、')}`);
        en.push(`deal mode: ${common.map((m) => m.en.toLowerCase()).join(', ')}`);
        break;
      }
      case 'budget': {
        const price = d.askingPrice as number | null;
        const range = formatBudget((d.budgetMin as number | null) ?? undefined, (d.budgetMax as number | null) ?? undefined);
        if (price === null) {
          zh.push('报价面议');
          en.push('price negotiable');
        } else if (d.fit === 'unknown') {
          zh.push(`报价 ${formatFenZh(price)}，需求未设预算`);
          en.push(`asking ${formatFenEn(price)}, no budget set`);
        } else if (d.fit === 'within') {
          zh.push(`报价 ${formatFenZh(price)}在预算 ${range.zh}内`);
          en.push(`asking ${formatFenEn(price)} within budget ${range.en}`);
        } else if (d.fit === 'above') {
          zh.push(`报价 ${formatFenZh(price)}略高于预算 ${range.zh}`);
          en.push(`asking ${formatFenEn(price)} slightly above budget ${range.en}`);
        } else {
          zh.push(`报价 ${formatFenZh(price)}低于预算 ${range.zh}`);
          en.push(`asking ${formatFenEn(price)} below budget ${range.en}`);
        }
        break;
      }
      case 'trl': {
        const min = d.minTrl as number | null;
        if (min === null) {
          zh.push(`TRL ${d.trl}`);
          en.push(`TRL ${d.trl}`);
        } else if ((d.trl as number) >= min) {
          zh.push(`TRL ${d.trl} ≥ 需求 ${min}`);
          en.push(`TRL ${d.trl} ≥ required ${min}`);
        } else {
          zh.push(`TRL ${d.trl} 略低于需求 ${min}`);
          en.push(`TRL ${d.trl} just below required ${min}`);
        }
        break;
      }
      case 'region':
        zh.push('同省');
        en.push('same province');
        break;
    }
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

// ---------------------------------------------------------------------------------------------
// Queries.

/** Candidates fetched per listing before re-scoring. */
export const MATCH_CANDIDATES = 50;
const MAX_QUERY_TERMS = 32;

/** English gloss words added to a Chinese-only listing's query, after its own words. */
const MAX_GLOSS_TERMS = 24;

function queryText(parts: readonly (string | undefined)[], gloss?: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  const take = (text: string | undefined, max: number) => {
    if (!text) return;
    for (const t of tokenize(text)) {
      if (out.length >= max) return;
      if (seen.has(t)) continue;
      seen.add(t);
      out.push(t);
    }
  };
  for (const p of parts) take(p, MAX_QUERY_TERMS);
  take(gloss, out.length + MAX_GLOSS_TERMS);
  return out.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Hard constraints.

/**
 * A demand's hard constraints: an achievement below its minimum TRL, offering none of its deal
 * modes, or whose lowest asking price is above its maximum budget is not a match, however close its
 * subject (a negotiable price, a demand without a minimum, budget or modes, constrains nothing).
 */
export type Constraint = 'trl' | 'mode' | 'budget';
export const CONSTRAINTS: readonly Constraint[] = ['trl', 'mode', 'budget'];

export type ConstraintDemand = Pick<DemandDoc, 'modes'> & Partial<Pick<DemandDoc, 'minTrl' | 'budgetMax'>>;
export type ConstraintAchievement = Pick<AchievementDoc, 'modes' | 'trl'> & Partial<Pick<AchievementDoc, 'askingPrice'>>;

/** The constraints of `demand` that `achievement` breaks, in CONSTRAINTS order ([] for a match). */
export function constraintBreaks(demand: ConstraintDemand, achievement: ConstraintAchievement): Constraint[] {
  const out: Constraint[] = [];
  if (demand.minTrl != null && achievement.trl < demand.minTrl) out.push('trl');
  if (demand.modes.length > 0 && !demand.modes.some((m) => achievement.modes.includes(m))) out.push('mode');
  if (demand.budgetMax != null && achievement.askingPrice != null && achievement.askingPrice > demand.budgetMax) out.push('budget');
  return out;
}

/** A broken constraint said in both languages: what the demand asks and what the listing offers. */
export interface ConstraintBreak {
  constraint: Constraint;
  zh: string;
  en: string;
}

/** The constraints `achievement` breaks, each with its sentence ("TRL 4，低于需求的最低 6"). */
export function explainBreaks(
  demand: ConstraintDemand,
  achievement: ConstraintAchievement,
): ConstraintBreak[] {
  return constraintBreaks(demand, achievement).map((constraint) => {
    switch (constraint) {
      case 'trl':
        return { constraint, zh: `TRL ${achievement.trl}，低于需求的最低 ${demand.minTrl}`, en: `TRL ${achievement.trl}, below the required minimum ${demand.minTrl}` };
      case 'mode': {
        const wanted = demand.modes.map((m) => modeLabel(m) ?? { zh: m, en: m });
        const offered = achievement.modes.map((m) => modeLabel(m) ?? { zh: m, en: m });
        return {
          constraint,
          zh: `无共同交易方式：需求 ${wanted.map((m) => m.zh).join('、')}，成果 ${offered.map((m) => m.zh).join('、')}`,
          en: `no common deal mode: wanted ${wanted.map((m) => m.en.toLowerCase()).join(', ')}, offered ${offered.map((m) => m.en.toLowerCase()).join(', ')}`,
        };
      }
      case 'budget':
        return {
          constraint,
          zh: `最低报价 ${formatFenZh(achievement.askingPrice!)}，高于预算上限 ${formatFenZh(demand.budgetMax!)}`,
          en: `lowest price ${formatFenEn(achievement.askingPrice!)}, above the budget's maximum ${formatFenEn(demand.budgetMax!)}`,
        };
    }
  });
}

/** The engine filters that keep a demand's candidates within its constraints. */
function achievementConstraintFilters(demand: ConstraintDemand): Filter[] {
  return [
    ...(demand.modes.length ? [{ field: 'modes', op: 'in' as const, values: [...demand.modes] }] : []),
    ...(demand.minTrl != null ? [{ field: 'trl', op: 'range' as const, min: demand.minTrl }] : []),
    ...(demand.budgetMax != null ? [{ field: PRICE_FLOOR, op: 'range' as const, max: demand.budgetMax }] : []),
  ];
}

/** The engine filters that keep an achievement's candidate demands to those it can satisfy. */
function demandConstraintFilters(achievement: ConstraintAchievement): Filter[] {
  return [
    ...(achievement.modes.length ? [{ field: 'modes', op: 'in' as const, values: [...achievement.modes] }] : []),
    { field: TRL_FLOOR, op: 'range' as const, max: achievement.trl },
    // A demand without a maximum budget has no ceiling to compare with; one with a ceiling must reach the price.
    ...(achievement.askingPrice != null ? [{ field: BUDGET_CEILING, op: 'range' as const, min: achievement.askingPrice }] : []),
  ];
}

export interface QueryOptions {
  /**
   * Leave the hard constraints out of the engine's filters (near misses: the caller sorts the
   * candidates with `constraintBreaks`). Published status is always required.
   */
  unconstrained?: boolean;
}

/**
 * The achievements query for a demand: its keywords, title and then description as any-word text
 * (at most MAX_QUERY_TERMS words, so a demand with a vague title still finds candidates by what it
 * describes), and the hard filters — published, and within the demand's constraints (a common deal
 * mode, its minimum TRL, a lowest price within its maximum budget). Field and region are scored,
 * not filtered.
 */
export function buildDemandQuery(
  demand: Pick<DemandDoc, 'title' | 'keywords' | 'modes'> & Partial<Pick<DemandDoc, 'description' | 'minTrl' | 'budgetMax' | 'gloss'>>,
  options: QueryOptions = {},
): SearchQuery {
  return {
    text: queryText([...demand.keywords, demand.title.zh, demand.title.en, demand.description?.zh, demand.description?.en], demand.gloss),
    matching: 'any',
    filters: [{ field: 'status', op: 'eq', value: 'published' }, ...(options.unconstrained ? [] : achievementConstraintFilters(demand))],
    pageSize: MATCH_CANDIDATES,
  };
}

/**
 * The English side of a Chinese-only demand's query: its glosses alone. Run beside the demand's own
 * query, it lets an English-only listing compete on its own language's words instead of against
 * bilingual listings that match twice (see `achievementCandidates` in the api's ranking).
 */
export function buildGlossQuery(
  demand: Pick<DemandDoc, 'modes'> & Partial<Pick<DemandDoc, 'minTrl' | 'budgetMax' | 'gloss'>>,
  options: QueryOptions = {},
): SearchQuery | undefined {
  if (!demand.gloss) return undefined;
  return {
    text: queryText([demand.gloss]),
    matching: 'any',
    filters: [{ field: 'status', op: 'eq', value: 'published' }, ...(options.unconstrained ? [] : achievementConstraintFilters(demand))],
    pageSize: MATCH_CANDIDATES,
  };
}

/** The demands query for an achievement: open demands whose constraints it meets, by its keywords and title. */
export function buildAchievementQuery(achievement: Pick<AchievementDoc, 'title' | 'keywords' | 'modes' | 'trl'> & Partial<Pick<AchievementDoc, 'askingPrice' | 'gloss'>>): SearchQuery {
  return {
    text: queryText([...achievement.keywords, achievement.title.zh, achievement.title.en], achievement.gloss),
    matching: 'any',
    filters: [{ field: 'status', op: 'eq', value: 'open' }, ...demandConstraintFilters(achievement)],
    pageSize: MATCH_CANDIDATES,
  };
}
