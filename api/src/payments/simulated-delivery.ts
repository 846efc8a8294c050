// Test mode's stand-in for Stripe's webhook sender (stripe-mock sends none): an event is built with
// the item's real amount, currency and metadata, stored, signed with the SDK's test-header helper
// and POSTed over HTTP to this server's own /api/payments/webhook — the route real Stripe calls —
// then marked delivered. Undelivered events (the API killed in between) go again once the server
// listens after a restart, as Stripe retries.

import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import type { Logger } from '../logger';
import { trusted } from '../db';
import { SimulatedEvent } from './simulated-event.model';

export type SimulatedType = 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'charge.refunded';

/** A Stripe-shaped event around `object`. */
export function buildEvent(type: SimulatedType, object: Record<string, unknown>) {
  return {
    id: `evt_test_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export class SimulatedDelivery {
  private server: Server | null = null;

  constructor(private readonly deps: { stripe: Stripe; secret: string; logger: Logger }) {}

  /** The server whose webhook route receives the events; once it listens, undelivered events go again. */
  attach(server: Server): void {
    this.server = server;
    server.on('listening', () => {
      void this.redeliver().catch((err: unknown) => this.deps.logger.error({ err }, 'redelivering simulated Stripe events failed'));
    });
  }

  /** Stores the event, then delivers it; whether the webhook route took it. */
  async send(type: SimulatedType, object: Record<string, unknown>): Promise<{ eventId: string; delivered: boolean }> {
    const event = buildEvent(type, object);
    const payload = JSON.stringify(event);
    await SimulatedEvent.create({ _id: event.id, type, payload });
    return { eventId: event.id, delivered: await this.deliver(event.id, payload) };
  }

  /** Delivers every stored event not yet delivered; the number delivered. */
  async redeliver(): Promise<number> {
    const waiting = await SimulatedEvent.find({ deliveredAt: null }).sort({ createdAt: 1 }).lean();
    let n = 0;
    for (const e of waiting) if (await this.deliver(e._id, e.payload)) n++;
    if (waiting.length) this.deps.logger.warn({ waiting: waiting.length, delivered: n }, 'simulated Stripe events delivered after a restart');
    return n;
  }

  private url(): string | null {
    const addr = this.server?.address() as AddressInfo | null | undefined;
    if (!addr || typeof addr !== 'object') return null;
    const host = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${host}:${addr.port}/api/payments/webhook`;
  }

  private async deliver(id: string, payload: string): Promise<boolean> {
    const url = this.url();
    if (!url) return false;
    await SimulatedEvent.updateOne({ _id: id }, { $inc: { attempts: 1 } });
    const signature = this.deps.stripe.webhooks.generateTestHeaderString({ payload, secret: this.deps.secret });
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
      if (!res.ok) {
        this.deps.logger.warn({ eventId: id, status: res.status }, 'simulated Stripe event refused by the webhook route');
        return false;
      }
    } catch (err) {
      this.deps.logger.warn({ err, eventId: id }, 'simulated Stripe event not delivered');
      return false;
    }
    await SimulatedEvent.updateOne({ _id: id, deliveredAt: trusted({ $eq: null }) }, { $set: { deliveredAt: new Date() } });
    return true;
  }
}
