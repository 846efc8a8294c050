/** The URL of an agency's commission statement (CSV) for the dates given (either may be empty). */
export function statementHref(orgId: string, from?: string, to?: string): string {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const s = q.toString();
  return `/api/indicators/agencies/${encodeURIComponent(orgId)}/commission.csv${s ? `?${s}` : ''}`;
}

/** A period of months (YYYY-MM, inclusive) as the first and last day (YYYY-MM-DD). */
export function periodDates(period: { from: string; to: string }): { from: string; to: string } {
  const [y, m] = period.to.split('-').map(Number) as [number, number];
  // day 0 of the next month is the last day of this one (UTC, so no time zone shifts it)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period.from}-01`, to: `${period.to}-${String(last).padStart(2, '0')}` };
}
