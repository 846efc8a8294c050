// Converting between the achievement/demand editors' form values and the API's input shapes
// (money: 万元 in forms, fen on the wire; dates: dayjs in forms, YYYY-MM-DD on the wire).
import dayjs, { type Dayjs } from 'dayjs';
import type { Achievement, Demand, DealModeCode, LicenseExclusivity, Patent } from '../api/types';
import { fenToWan, wanToFen } from '@techbridge/api/contract';
import type { Path } from './form';

export const MODE_ORDER: DealModeCode[] = ['license', 'transfer', 'equity'];

type Bi = { zh?: string; en?: string };
const bi = (v: Bi | undefined) => ({ zh: (v?.zh ?? '').trim(), en: (v?.en ?? '').trim() });
const money = (wan: unknown) => (typeof wan === 'number' && Number.isFinite(wan) ? wanToFen(wan) : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const day = (d: unknown) => (dayjs.isDayjs(d) ? (d as Dayjs).format('YYYY-MM-DD') : null);

export interface AchievementFormValues {
  title?: Bi;
  summary?: Bi;
  field?: string;
  keywords?: string[];
  trl?: number;
  ipType?: string;
  region?: string;
  patents?: { number?: string; title?: string; status?: Patent['status']; expiry?: Dayjs | null }[];
  modeList?: DealModeCode[];
  terms?: {
    license?: { askingPrice?: number | null; minRoyaltyRate?: number | null; exclusivity?: LicenseExclusivity[] };
    transfer?: { askingPrice?: number | null };
    equity?: { valuation?: number | null; maxSharePct?: number | null };
  };
  details?: Bi;
  ndaTerms?: Bi;
}

const enabledModes = (v: AchievementFormValues) => MODE_ORDER.filter((m) => v.modeList?.includes(m));

/** Form values → the body of POST /api/achievements (and of PATCH, with the version added). */
export function achievementPayload(v: AchievementFormValues) {
  const terms = v.terms ?? {};
  return {
    title: bi(v.title),
    summary: bi(v.summary),
    details: bi(v.details),
    ndaTerms: bi(v.ndaTerms),
    field: v.field,
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    trl: v.trl,
    ipType: v.ipType,
    region: v.region,
    patents: (v.patents ?? []).map((p) => ({
      number: (p.number ?? '').trim(),
      title: (p.title ?? '').trim(),
      status: p.status,
      expiry: day(p.expiry),
    })),
    modes: enabledModes(v).map((mode) => {
      if (mode === 'license')
        return {
          mode,
          askingPrice: money(terms.license?.askingPrice),
          minRoyaltyRate: num(terms.license?.minRoyaltyRate),
          exclusivity: terms.license?.exclusivity?.length ? terms.license.exclusivity : ['non-exclusive'],
        };
      if (mode === 'transfer') return { mode, askingPrice: money(terms.transfer?.askingPrice) };
      const valuation = money(terms.equity?.valuation);
      const share = num(terms.equity?.maxSharePct);
      return { mode, equity: valuation === null && share === null ? null : { valuation: valuation ?? 0, maxSharePct: share ?? 0 } };
    }),
  };
}

/** A schema path of the achievement input → the editor's field. */
export function achievementFieldPath(v: AchievementFormValues) {
  return (p: Path): Path | null => {
    const [head, i, ...rest] = p;
    if (head === 'title' || head === 'summary' || head === 'details' || head === 'ndaTerms') return p.length === 1 ? [head, 'zh'] : p;
    if (head === 'modes') {
      if (typeof i !== 'number') return ['modeList'];
      const mode = enabledModes(v)[i];
      if (!mode) return ['modeList'];
      const [field, sub] = rest;
      if (!field || field === 'mode') return ['modeList'];
      if (field === 'equity') return ['terms', 'equity', sub === 'maxSharePct' ? 'maxSharePct' : 'valuation'];
      return ['terms', mode, field];
    }
    if (head === 'patents' && typeof i === 'number') return ['patents', i, rest[0] ?? 'number'];
    return p;
  };
}

/** Which editor step holds a field. */
export function achievementStepOf(p: Path): number {
  const head = String(p[0]);
  if (head === 'patents') return 1;
  if (head === 'modes' || head === 'modeList' || head === 'terms') return 2;
  if (head === 'details' || head === 'ndaTerms') return 3;
  return 0;
}

/** A stored achievement → editor values. */
export function achievementFormValues(a: Achievement): AchievementFormValues {
  const terms: AchievementFormValues['terms'] = {};
  for (const m of a.modes) {
    if (m.mode === 'license')
      terms.license = { askingPrice: m.askingPrice != null ? fenToWan(m.askingPrice) : null, minRoyaltyRate: m.minRoyaltyRate, exclusivity: m.exclusivity };
    else if (m.mode === 'transfer') terms.transfer = { askingPrice: m.askingPrice != null ? fenToWan(m.askingPrice) : null };
    else terms.equity = { valuation: m.equity ? fenToWan(m.equity.valuation) : null, maxSharePct: m.equity?.maxSharePct ?? null };
  }
  return {
    title: a.title as Bi,
    summary: a.summary as Bi,
    details: (a.details ?? { zh: '', en: '' }) as Bi,
    ndaTerms: a.nda.terms as Bi,
    field: a.field,
    keywords: a.keywords,
    trl: a.trl,
    ipType: a.ipType,
    region: a.region,
    patents: a.patents.map((p) => ({ number: p.number, title: p.title, status: p.status, expiry: p.expiry ? dayjs(p.expiry) : null })),
    modeList: a.modes.map((m) => m.mode),
    terms,
  };
}

export interface DemandFormValues {
  title?: Bi;
  description?: Bi;
  field?: string;
  keywords?: string[];
  budgetMin?: number | null;
  budgetMax?: number | null;
  deadline?: Dayjs | null;
  modes?: DealModeCode[];
  minTrl?: number | null;
  region?: string;
  anonymous?: boolean;
}

/** Form values → the body of POST /api/demands. */
export function demandPayload(v: DemandFormValues) {
  return {
    title: bi(v.title),
    description: bi(v.description),
    field: v.field,
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    budgetMin: money(v.budgetMin),
    budgetMax: money(v.budgetMax),
    deadline: day(v.deadline),
    modes: MODE_ORDER.filter((m) => v.modes?.includes(m)),
    minTrl: num(v.minTrl),
    region: v.region,
    anonymous: !!v.anonymous,
  };
}

export const demandFieldPath = (p: Path): Path | null => {
  const head = p[0];
  if ((head === 'title' || head === 'description') && p.length === 1) return [head, 'zh'];
  if (head === 'modes') return ['modes'];
  return p;
};

/** A stored demand → editor values. */
export function demandFormValues(d: Demand): DemandFormValues {
  return {
    title: d.title as Bi,
    description: d.description as Bi,
    field: d.field,
    keywords: d.keywords,
    budgetMin: d.budgetMin != null ? fenToWan(d.budgetMin) : null,
    budgetMax: d.budgetMax != null ? fenToWan(d.budgetMax) : null,
    deadline: d.deadline ? dayjs(d.deadline) : null,
    modes: d.modes,
    minTrl: d.minTrl,
    region: d.region,
    anonymous: d.anonymous,
  };
}
