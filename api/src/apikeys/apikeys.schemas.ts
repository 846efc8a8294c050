import { z } from 'zod';
import { objectId, text } from '../common/schemas';

/**
 * What a key may do: `listings:read` (listings, search, the feed), `listings:write` (its own
 * organisation's listings: create, edit, publish, withdraw), `deals:read` (its organisation's deals).
 */
export const API_KEY_SCOPES = ['listings:read', 'listings:write', 'deals:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const ApiKeyInput = z.strictObject({
  name: text(80).pipe(z.string().min(1, 'must not be empty')),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, 'choose at least one scope')
    .max(API_KEY_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, 'must not repeat a scope'),
});
export type ApiKeyInput = z.infer<typeof ApiKeyInput>;

export const apiKeyParams = z.strictObject({ id: objectId, keyId: objectId });
