// Alerts: saved searches and followed fields/regions. New listings the search outbox sends (the
// same `onSent` hook as the outgoing webhooks, in the background owner) are checked against every
// alert of their kind; a match is stored once per user and listing (`alert_hits`) and notified
// in-app (keyed, so a re-run notifies nobody twice). Once a day each user with new hits gets one
// digest email: the unique insert of `<user>@<day>` in `alert_digests` decides the one sender.

import { Types } from 'mongoose';
import type { SessionUser } from '../auth/auth.types';
import type { Logger } from '../logger';
import { conflict, notFound } from '../errors';
import { findByIds, findPage, insertUnordered, updateByIds, countWhere } from '../store/store';
import { User } from '../auth/user.model';
import { notifyUsers } from '../notifications/notifications.service';
import { sendMail } from '../mail/mail.service';
import { alertDigest } from '../mail/mail.templates';
import { PROCESS_HOLDER } from '../jobs/lease';
import { listingChange, type ListingKind, type SentListing } from '../webhooks/webhook.sources';
import { Alert, AlertDigest, AlertHit, type AlertRecord } from './alert.model';
import type { AlertInput } from './alerts.schemas';
import { presentAlert } from './alerts.presenter';
import { matchesAlert } from './alerts.match';

export const MAX_ALERTS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Digest days are China Standard Time days (UTC+8). */
const CST_MS = 8 * 60 * 60 * 1000;
const CACHE_MS = 2000;

/** The digest day of an instant, `YYYY-MM-DD` in China Standard Time. */
export const digestDay = (ms: number) => new Date(ms + CST_MS).toISOString().slice(0, 10);

export interface AlertsOptions {
  logger: Logger;
  /** Where email links point. */
  appUrl: string;
  now?: () => number;
}

type HitRow = { _id: string; user: Types.ObjectId; kind: ListingKind; listing: Types.ObjectId; title: { zh: string; en: string }; at: Date };

export class AlertsService {
  private cache: { at: number; alerts: AlertRecord[] } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: AlertsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Saves an alert for the user. */
  async create(user: SessionUser, input: AlertInput) {
    if ((await countWhere(Alert as never, { user: new Types.ObjectId(user.id) })) >= MAX_ALERTS)
      throw conflict('too_many_alerts', `You may have at most ${MAX_ALERTS} alerts; delete one first`);
    const doc = await Alert.create({ ...input, user: user.id, org: user.orgId });
    this.cache = null;
    return { alert: presentAlert(doc.toObject() as AlertRecord) };
  }

  /** The user's alerts, newest first. */
  async list(user: SessionUser) {
    const rows = await findPage<AlertRecord>(Alert as never, { user: new Types.ObjectId(user.id) }, { sort: { createdAt: -1, _id: -1 }, limit: MAX_ALERTS * 2 });
    return { items: rows.map(presentAlert) };
  }

  /** Deletes one of the user's alerts (another user's is not found). */
  async remove(user: SessionUser, id: string) {
    const doc = await Alert.findById(id, { user: 1 }).lean<{ user: Types.ObjectId }>();
    if (!doc || String(doc.user) !== user.id) throw notFound('Alert');
    await Alert.deleteOne({ _id: id });
    this.cache = null;
  }

  private async alerts(): Promise<AlertRecord[]> {
    const now = this.now();
    if (this.cache && now - this.cache.at < CACHE_MS && now >= this.cache.at) return this.cache.alerts;
    const alerts = await Alert.find({}).lean<AlertRecord[]>();
    this.cache = { at: now, alerts };
    return alerts;
  }

  /** Whether any alert exists (the outbox hook reads nothing otherwise). */
  async any(): Promise<boolean> {
    return (await this.alerts()).length > 0;
  }

  /**
   * The outbox hook: each sent listing just published is matched against the alerts of its kind
   * made before its publication; each (user, listing) stored once and notified in-app. Returns the
   * users notified per listing (tests).
   */
  async onListingsSent(kind: ListingKind, rows: readonly (SentListing & Record<string, unknown>)[]): Promise<number> {
    const fresh = rows.filter((r) => listingChange(kind, r) === 'published');
    if (!fresh.length) return 0;
    const target = kind === 'achievement' ? 'achievements' : 'demands';
    const alerts = (await this.alerts()).filter((a) => a.target === target);
    if (!alerts.length) return 0;
    let told = 0;
    for (const l of fresh) {
      const publishedAt = new Date(l.publishedAt ?? l.updatedAt ?? this.now()).getTime();
      const byUser = new Map<string, Types.ObjectId[]>();
      for (const a of alerts) {
        if (a.createdAt && new Date(a.createdAt).getTime() > publishedAt) continue;
        if (a.org && String(a.org) === String(l.org)) continue; // never told of its own organisation's listing
        if (!matchesAlert(a as never, l as never)) continue;
        byUser.set(String(a.user), [...(byUser.get(String(a.user)) ?? []), a._id]);
      }
      if (!byUser.size) continue;
      const id = String(l._id);
      const title = { zh: l.title?.zh || l.title?.en || '', en: l.title?.en || l.title?.zh || '' };
      const results = await insertUnordered(
        AlertHit as never,
        [...byUser].map(([user, ids]) => ({ _id: `${user}:${kind}:${id}`, user: new Types.ObjectId(user), alerts: ids, kind, listing: l._id, title, digested: false, digest: null, at: new Date(this.now()) })),
      );
      const failed = results.find((r) => r instanceof Error);
      if (failed) throw failed;
      // Every matched user, not only the new rows: a re-run after a crash between the two writes
      // notifies whom the first run did not (the notification is keyed by the listing).
      await notifyUsers([...byUser.keys()], {
        kind: 'alert.match',
        title: kind === 'achievement' ? { zh: `订阅提醒：新成果「${title.zh}」`, en: `Alert: new achievement "${title.en}"` } : { zh: `订阅提醒：新需求「${title.zh}」`, en: `Alert: new demand "${title.en}"` },
        body: { zh: '一条新发布的信息符合您的订阅条件。', en: 'A newly published listing matches one of your alerts.' },
        link: `/${kind}s/${id}`,
        data: { [`${kind}Id`]: id },
      }, { key: `alert:${kind}:${id}` });
      told += byUser.size;
    }
    return told;
  }

  /**
   * Sends today's digests (China Standard Time): every user with hits not yet in a digest gets one
   * email, once per day — the unique insert of `<user>@<day>` decides — and the hits are marked
   * with it. Hits found after a user's digest of the day wait for the next day's. Returns the
   * number of emails sent.
   */
  async runDigest(): Promise<number> {
    const now = this.now();
    const day = digestDay(now);
    const hits = await findPage<HitRow>(AlertHit as never, { digested: false }, { sort: { at: 1, _id: 1 }, limit: 5000 });
    const byUser = new Map<string, HitRow[]>();
    for (const h of hits) byUser.set(String(h.user), [...(byUser.get(String(h.user)) ?? []), h]);
    if (!byUser.size) return 0;
    const users = await findByIds<{ _id: Types.ObjectId; email: string }>(User as never, [...byUser.keys()].map((u) => new Types.ObjectId(u)), { projection: { email: 1 } });
    const emails = new Map(users.map((u) => [String(u._id), u.email]));
    let sent = 0;
    for (const [user, rows] of byUser) {
      const digestId = `${user}@${day}`;
      try {
        await AlertDigest.collection.insertOne({ _id: digestId, user: new Types.ObjectId(user), day, items: rows.length, holder: PROCESS_HOLDER, at: new Date(now) } as never);
      } catch (err) {
        if ((err as { code?: number }).code === 11000) continue; // today's digest went out already
        throw err;
      }
      const email = emails.get(user);
      if (email) {
        const appUrl = this.options.appUrl;
        await sendMail(email, alertDigest(rows.map((r) => ({ kind: r.kind, title: r.title, link: `/${r.kind}s/${String(r.listing)}` })), appUrl, `${appUrl}/alerts`));
        sent++;
      }
      await updateByIds(AlertHit as never, rows.map((r) => r._id), { digested: false }, { $set: { digested: true, digest: digestId } });
    }
    return sent;
  }

  /** A user's recent hits (the alerts page shows what was found). */
  async hits(user: SessionUser, limit = 20) {
    const rows = await findPage<HitRow & { digested: boolean }>(AlertHit as never, { user: new Types.ObjectId(user.id) }, { sort: { at: -1, _id: -1 }, limit });
    return {
      items: rows.map((r) => ({ kind: r.kind, listingId: String(r.listing), title: r.title, at: r.at, digested: !!r.digested })),
    };
  }
}

export { DAY_MS };
