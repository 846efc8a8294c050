import type { WebhookDeliveryRecord, WebhookSubscriptionRecord } from './webhook.model';

/** A subscription as its organisation's admins see it: never its secret. */
export const presentWebhook = (s: WebhookSubscriptionRecord) => ({
  id: String(s._id),
  url: s.url,
  description: s.description ?? '',
  events: [...(s.events ?? [])],
  active: !!s.active,
  createdAt: s.createdAt,
});

/** A delivery with its attempts (the delivery log); `body` is what was sent. */
export const presentDelivery = (d: WebhookDeliveryRecord & { _id: string }) => ({
  id: d._id,
  event: d.event,
  eventId: d.eventId,
  status: d.status,
  body: d.body,
  createdAt: d.createdAt,
  nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt ?? null) : null,
  attempts: (d.attempts ?? []).map((a) => ({
    n: a.n,
    at: a.at,
    statusCode: a.statusCode ?? null,
    responseBody: a.responseBody ?? '',
    error: a.error ?? null,
    durationMs: a.durationMs,
    redelivery: !!a.redelivery,
  })),
});
