import type { ApiKeyScope } from './apikeys.schemas';

interface ApiKeyLike {
  _id: unknown;
  name: string;
  prefix: string;
  scopes?: string[] | null;
  createdBy: unknown;
  createdAt?: Date | null;
  lastUsedAt?: Date | null;
  revokedAt?: Date | null;
}

/** What an org admin sees of a key: never its hash, and the secret only in `presentCreatedKey`. */
export function presentApiKey(k: ApiKeyLike) {
  return {
    id: String(k._id),
    name: k.name,
    prefix: k.prefix,
    scopes: [...(k.scopes ?? [])] as ApiKeyScope[],
    createdBy: String(k.createdBy),
    createdAt: k.createdAt ?? null,
    lastUsedAt: k.lastUsedAt ?? null,
    revokedAt: k.revokedAt ?? null,
  };
}
export type PresentedApiKey = ReturnType<typeof presentApiKey>;

/** The answer to a creation: the key's record and, this once, the key itself. */
export const presentCreatedKey = (k: ApiKeyLike, secret: string) => ({ ...presentApiKey(k), key: secret });
export type PresentedCreatedApiKey = ReturnType<typeof presentCreatedKey>;
