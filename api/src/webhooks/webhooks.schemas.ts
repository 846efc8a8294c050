import { z } from 'zod';
import { text } from '../common/schemas';

/** The events a partner may subscribe to. */
export const WebhookEventName = z.enum([
  'achievement.published',
  'achievement.updated',
  'achievement.withdrawn',
  'demand.published',
  'demand.updated',
  'demand.withdrawn',
  'match.created',
  'deal.status',
]);

/** An http(s) URL; whether its address is allowed is decided by the service (production refuses private ones). */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'must be an http or https URL');

export const WebhookInput = z.strictObject({
  url: WebhookUrl,
  events: z.array(WebhookEventName).min(1, 'choose at least one event').max(8),
  description: text(200).default(''),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export const WebhookPatch = z.strictObject({
  events: z.array(WebhookEventName).min(1, 'choose at least one event').max(8).optional(),
  active: z.boolean().optional(),
  description: text(200).optional(),
});
export type WebhookPatch = z.infer<typeof WebhookPatch>;

export const WebhookDeliveryQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const WebhookDeliveryParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id'),
  deliveryId: z.string().min(1).max(300),
});
