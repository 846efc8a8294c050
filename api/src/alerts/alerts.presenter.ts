import type { AlertRecord } from './alert.model';

/** An alert as its owner sees it. */
export const presentAlert = (a: AlertRecord) => ({
  id: String(a._id),
  kind: a.kind as 'search' | 'follow',
  name: a.name ?? '',
  target: a.target as 'achievements' | 'demands',
  q: a.q ?? '',
  field: [...(a.field ?? [])],
  region: [...(a.region ?? [])],
  mode: [...(a.mode ?? [])],
  ipType: [...(a.ipType ?? [])],
  trlMin: a.trlMin ?? null,
  trlMax: a.trlMax ?? null,
  priceMin: a.priceMin ?? null,
  priceMax: a.priceMax ?? null,
  createdAt: a.createdAt,
});
