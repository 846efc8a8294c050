// The payments domain, built once by the composition root: Stripe (stripe-mock or the real API),
// the fee policy, issuing from signed contracts, checkout, the webhook's processing, refunds,
// royalties, the test-mode checkout and its event delivery, and the daily reminders.

import type { Server } from 'node:http';
import Stripe from 'stripe';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Effects } from '../events/effects';
import type { DealChanges } from '../deals/deal-changes';
import { createStripeClient, STRIPE_MOCK_KEY } from './stripe';
import type { FeePolicy } from './fees';
import { registerPaymentEffects } from './payment.effects';
import { PaymentIssuing, type SignedContract } from './issuing.service';
import { PaymentCheckout } from './checkout.service';
import { Settlement } from './settlement';
import { WebhookProcessor } from './webhook.service';
import { PaymentRefunds } from './refunds.service';
import { Royalties } from './royalties.service';
import { PaymentReads } from './payments.service';
import { SimulatedDelivery } from './simulated-delivery';
import { TestCheckout } from './test-checkout.service';
import { webhookSecret } from './webhook-secret';

export type PaymentConfig = Pick<Config, 'NODE_ENV' | 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE' | 'STRIPE_WEBHOOK_SECRET' | 'PLATFORM_FEE_BPS' | 'BROKER_COMMISSION_BPS' | 'PUBLIC_URL' | 'WEB_ORIGIN' | 'PORT'>;

export interface PaymentServices {
  /** The Stripe client (null: neither a key nor stripe-mock configured). */
  stripe: Stripe | null;
  /** True without a real STRIPE_SECRET_KEY: stripe-mock, the test checkout page. */
  testMode: boolean;
  /** The webhook's signing secret (null: no webhook route). */
  webhookSecret: string | null;
  fees: FeePolicy;
  issuing: PaymentIssuing;
  checkout: PaymentCheckout;
  webhooks: WebhookProcessor;
  refunds: PaymentRefunds;
  royalties: Royalties;
  reads: PaymentReads;
  testCheckout: TestCheckout;
  delivery: SimulatedDelivery | null;
  /** The contracts domain's hook: both signatures are in, the deal is `contracted`. */
  onContracted: (dealId: string) => Promise<void>;
  /** The HTTP server whose webhook route test-mode events go to (redelivered once it listens). */
  attach: (server: Server) => void;
}

/** Builds the payments domain and registers its events' effects. */
export function createPaymentServices(deps: {
  config: PaymentConfig;
  logger: Logger;
  changes: DealChanges;
  effects: Effects;
  /** The signed contract of a deal (the contracts domain), when it keeps one. */
  contractOf?: (dealId: string) => Promise<SignedContract | null>;
}): PaymentServices {
  const { config, logger, changes } = deps;
  registerPaymentEffects(deps.effects);
  const stripe = createStripeClient(config);
  const testMode = !config.STRIPE_SECRET_KEY;
  const secret = webhookSecret(config);
  const fees: FeePolicy = { platformFeeBps: config.PLATFORM_FEE_BPS, brokerCommissionBps: config.BROKER_COMMISSION_BPS };
  const appUrl = (config.PUBLIC_URL ?? config.WEB_ORIGIN ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const checkout = new PaymentCheckout({ stripe, testMode, appUrl, changes });
  const settlement = new Settlement({ changes });
  const delivery = testMode && secret ? new SimulatedDelivery({ stripe: stripe ?? new Stripe(STRIPE_MOCK_KEY), secret, logger }) : null;
  const testCheckout = new TestCheckout({ stripe, testMode, changes, checkout, delivery });
  const issuing = new PaymentIssuing({ changes, fees, logger, contractOf: deps.contractOf });
  return {
    stripe,
    testMode,
    webhookSecret: secret,
    fees,
    issuing,
    checkout,
    webhooks: new WebhookProcessor({ stripe, liveReads: !testMode, settlement, logger }),
    refunds: new PaymentRefunds({ stripe, testMode, changes, testCheckout }),
    royalties: new Royalties({ changes, fees }),
    reads: new PaymentReads({ changes, testMode }),
    testCheckout,
    delivery,
    onContracted: (dealId) => issuing.onContracted(dealId),
    attach: (server) => delivery?.attach(server),
  };
}
