import Stripe from 'stripe';
import type { Config } from '../config';
import { AppError } from '../errors';

/** The key stripe-mock accepts (it checks the shape, not the account). */
export const STRIPE_MOCK_KEY = 'sk_test_123';
export const STRIPE_MOCK_WEBHOOK_SECRET = 'whsec_techbridge_local_test_secret';

/**
 * A Stripe client: the real API with STRIPE_SECRET_KEY, otherwise stripe-mock at STRIPE_API_BASE
 * (which `npm start` and the tests start on loopback).
 */
export function createStripeClient(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE'>): Stripe | null {
  if (config.STRIPE_SECRET_KEY && !config.STRIPE_API_BASE) return new Stripe(config.STRIPE_SECRET_KEY, { maxNetworkRetries: 2 });
  if (!config.STRIPE_API_BASE) return null;
  const url = new URL(config.STRIPE_API_BASE);
  return new Stripe(config.STRIPE_SECRET_KEY ?? STRIPE_MOCK_KEY, {
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

/** Verifies a webhook's signature against the raw body; throws Stripe's signature error when it fails. */
export function verifyWebhook(stripe: Stripe, rawBody: Buffer | string, signature: string, secret: string): Stripe.Event {
  return stripe.webhooks.constructEvent(rawBody, signature, secret);
}

/**
 * Runs a Stripe call; Stripe's own refusal (its API or the network to it) becomes a 502 naming
 * Stripe's message, never the status Stripe answered us (a 401 from Stripe is not the user's).
 */
export async function viaStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) throw new AppError(502, 'payment_provider_error', `Stripe: ${err.message}`);
    throw err;
  }
}
