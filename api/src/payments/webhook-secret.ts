import type { Config } from '../config';
import { STRIPE_MOCK_WEBHOOK_SECRET } from './stripe';

/** The webhook's signing secret: the configured one; the local test secret only in development and test. */
export function webhookSecret(config: Pick<Config, 'NODE_ENV' | 'STRIPE_WEBHOOK_SECRET'>): string | null {
  if (config.STRIPE_WEBHOOK_SECRET) return config.STRIPE_WEBHOOK_SECRET;
  return config.NODE_ENV === 'production' ? null : STRIPE_MOCK_WEBHOOK_SECRET;
}
