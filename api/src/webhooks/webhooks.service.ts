// Outgoing webhooks: an organisation's admins subscribe endpoints to events; what each event owes
// each subscription is recorded as a `webhook_deliveries` row (idempotent by event id) and sent by
// the dispatcher (`webhook.dispatcher.ts`) in the background owner. See README "Outgoing webhooks".

import { Types } from 'mongoose';
import { badRequest, conflict, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { Logger } from '../logger';
import { countWhere, findPage, insertUnordered } from '../store/store';
import { WebhookDelivery, WebhookSubscription, type WebhookDeliveryRecord, type WebhookEvent, type WebhookSubscriptionRecord } from './webhook.model';
import { assertCanManageWebhooks } from './webhooks.policy';
import { presentDelivery, presentWebhook } from './webhooks.presenter';
import type { WebhookInput, WebhookPatch } from './webhooks.schemas';
import { newSecret } from './webhook.signature';
import { urlProblem } from './webhook.ssrf';

/** Subscriptions an organisation may have. */
export const MAX_SUBSCRIPTIONS = 10;
/** How long another process's new subscription may go unseen by the recorder (its cache). */
const CACHE_MS = 2000;

interface CachedSub {
  id: Types.ObjectId;
  org: string;
  events: Set<string>;
}

/** Who an event is for: every subscriber of the event, or the subscribers among some organisations. */
export type Audience = 'all' | readonly string[];

export interface WebhooksOptions {
  logger: Logger;
  /** Allow endpoints on private and loopback addresses (outside production). */
  allowPrivate: boolean;
  /** The clock (tests). */
  now?: () => number;
}

type DeliveryRow = WebhookDeliveryRecord & { _id: string };

export class WebhooksService {
  private cache: { at: number; subs: CachedSub[] } | null = null;
  private readonly recordedListeners = new Set<() => void>();
  readonly allowPrivate: boolean;
  private readonly now: () => number;

  constructor(private readonly options: WebhooksOptions) {
    this.allowPrivate = options.allowPrivate;
    this.now = options.now ?? Date.now;
  }

  /** Calls `fn` whenever deliveries were recorded or redelivery asked (the dispatcher starts at once). */
  onRecorded(fn: () => void): () => void {
    this.recordedListeners.add(fn);
    return () => this.recordedListeners.delete(fn);
  }

  private kick(): void {
    for (const fn of this.recordedListeners) fn();
  }

  private checkUrl(url: string): void {
    const problem = urlProblem(url, this.allowPrivate);
    if (problem) throw badRequest('invalid_webhook_url', `url: ${problem}`, 'url');
  }

  /** Subscribes an endpoint for the admin's organisation; the secret is in this answer only. */
  async create(user: SessionUser, input: WebhookInput) {
    const org = assertCanManageWebhooks(user);
    this.checkUrl(input.url);
    if ((await countWhere(WebhookSubscription as never, { org: new Types.ObjectId(org) })) >= MAX_SUBSCRIPTIONS)
      throw conflict('too_many_webhooks', `An organisation may have at most ${MAX_SUBSCRIPTIONS} webhooks; delete one first`);
    const secret = newSecret();
    const doc = await WebhookSubscription.create({
      org,
      createdBy: user.id,
      url: input.url,
      description: input.description,
      events: [...new Set(input.events)],
      secret,
    });
    this.cache = null;
    return { webhook: presentWebhook(doc.toObject() as WebhookSubscriptionRecord), secret };
  }

  /** The admin's organisation's webhooks. */
  async list(user: SessionUser) {
    const org = assertCanManageWebhooks(user);
    const rows = await findPage<WebhookSubscriptionRecord>(WebhookSubscription as never, { org: new Types.ObjectId(org) }, { sort: { createdAt: -1, _id: -1 }, limit: MAX_SUBSCRIPTIONS * 2 });
    return { items: rows.map(presentWebhook) };
  }

  /** One of the organisation's webhooks; another organisation's is not found. */
  private async own(user: SessionUser, id: string): Promise<WebhookSubscriptionRecord> {
    const org = assertCanManageWebhooks(user);
    const doc = await WebhookSubscription.findById(id).lean<WebhookSubscriptionRecord>();
    if (!doc || String(doc.org) !== org) throw notFound('Webhook');
    return doc;
  }

  async update(user: SessionUser, id: string, patch: WebhookPatch) {
    await this.own(user, id);
    const $set: Record<string, unknown> = {};
    if (patch.events) $set.events = [...new Set(patch.events)];
    if (patch.active !== undefined) $set.active = patch.active;
    if (patch.description !== undefined) $set.description = patch.description;
    const doc = await WebhookSubscription.findByIdAndUpdate(id, { $set }, { returnDocument: 'after' }).lean<WebhookSubscriptionRecord>();
    this.cache = null;
    if (!doc) throw notFound('Webhook');
    return { webhook: presentWebhook(doc) };
  }

  /** Deletes a webhook and its delivery log; nothing more is sent to it. */
  async remove(user: SessionUser, id: string) {
    await this.own(user, id);
    await WebhookSubscription.deleteOne({ _id: id });
    await WebhookDelivery.deleteMany({ subscription: new Types.ObjectId(id) });
    this.cache = null;
  }

  /** A page of a webhook's deliveries, newest first, each with its attempts. */
  async deliveries(user: SessionUser, id: string, q: { status?: string | undefined; page: number; pageSize: number }) {
    await this.own(user, id);
    const filter: Record<string, unknown> = { subscription: new Types.ObjectId(id) };
    if (q.status) filter.status = q.status;
    const [rows, total] = await Promise.all([
      findPage<DeliveryRow>(WebhookDelivery as never, filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }),
      countWhere(WebhookDelivery as never, filter),
    ]);
    return { items: rows.map(presentDelivery), total, page: q.page, pageSize: q.pageSize };
  }

  /** Sends a delivery again now, with a fresh retry window (after a failure, or to resend a delivered one). */
  async redeliver(user: SessionUser, id: string, deliveryId: string) {
    await this.own(user, id);
    const row = await WebhookDelivery.findById(deliveryId).lean<DeliveryRow>();
    if (!row || String(row.subscription) !== id) throw notFound('Delivery');
    const at = new Date(this.now());
    const doc = await WebhookDelivery.findByIdAndUpdate(
      deliveryId,
      { $set: { status: 'pending', windowStart: at, nextAttemptAt: at, redeliver: true } },
      { returnDocument: 'after' },
    ).lean<DeliveryRow>();
    this.kick();
    return { delivery: presentDelivery(doc ?? row) };
  }

  /** The active subscriptions, cached for a moment (`CACHE_MS`; this process's changes clear it). */
  private async subscriptions(): Promise<CachedSub[]> {
    const now = this.now();
    if (this.cache && now - this.cache.at < CACHE_MS && now >= this.cache.at) return this.cache.subs;
    const rows = await WebhookSubscription.find({ active: true }, { org: 1, events: 1 }).lean<{ _id: Types.ObjectId; org: Types.ObjectId; events: string[] }[]>();
    const subs = rows.map((r) => ({ id: r._id, org: String(r.org), events: new Set(r.events) }));
    this.cache = { at: now, subs };
    return subs;
  }

  /** Whether anyone subscribed to any of `events` (a cheap check before reading what an event needs). */
  async wanted(events: readonly WebhookEvent[]): Promise<boolean> {
    const subs = await this.subscriptions();
    return subs.some((s) => events.some((e) => s.events.has(e)));
  }

  /**
   * Records what one event owes its subscribers: a delivery per subscription of `audience` that
   * takes `event`, `_id` `<subscription>:<eventId>` (a repeat stores nothing). The body is
   * `{ id, type, createdAt, data }`. Returns how many rows were new.
   */
  async record(event: WebhookEvent, eventId: string, audience: Audience, data: Record<string, unknown>, at = new Date(this.now())): Promise<number> {
    const subs = (await this.subscriptions()).filter((s) => s.events.has(event) && (audience === 'all' || audience.includes(s.org)));
    if (!subs.length) return 0;
    const body = JSON.stringify({ id: eventId, type: event, createdAt: at.toISOString(), data });
    const now = new Date(this.now());
    const rows = subs.map((s) => ({
      _id: `${String(s.id)}:${eventId}`,
      subscription: s.id,
      org: new Types.ObjectId(s.org),
      event,
      eventId,
      body,
      status: 'pending',
      windowStart: now,
      nextAttemptAt: now,
      attempts: [],
      createdAt: now,
    }));
    const results = await insertUnordered(WebhookDelivery as never, rows);
    const failed = results.find((r) => r instanceof Error);
    if (failed) throw failed;
    const stored = results.filter((r) => r === 'stored').length;
    if (stored) this.kick();
    return stored;
  }

  /** The subscription's secret and URL, for the dispatcher (null once deleted or paused). */
  async endpoint(subscription: Types.ObjectId | string): Promise<{ url: string; secret: string } | null> {
    const doc = await WebhookSubscription.findById(subscription, { url: 1, secret: 1, active: 1 }).lean<{ url: string; secret: string; active: boolean }>();
    return doc && doc.active ? { url: doc.url, secret: doc.secret } : null;
  }
}

export type PresentedDelivery = ReturnType<typeof presentDelivery>;
