import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';
import type { SessionUser } from '../auth/auth.types';
import { notFound } from '../errors';
import { assertCanManageOrg } from '../orgs/orgs.policy';
import { ApiKey } from './apikey.model';
import { presentApiKey, presentCreatedKey } from './apikeys.presenter';
import type { ApiKeyInput, ApiKeyScope } from './apikeys.schemas';

/** `tbk_` + 12 hex characters of lookup id + `_` + 43 characters of secret (256 bits). */
const KEY_SHAPE = /^tbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key for the organisation (its admins only); the key is in this answer and nowhere else. */
export async function createApiKey(actor: SessionUser, orgId: string, input: ApiKeyInput) {
  assertCanManageOrg(actor, orgId);
  const prefix = randomBytes(6).toString('hex');
  const key = `tbk_${prefix}_${randomBytes(32).toString('base64url')}`;
  const doc = await ApiKey.create({ org: orgId, createdBy: actor.id, name: input.name, prefix, hash: hashKey(key), scopes: input.scopes });
  return presentCreatedKey(doc.toObject(), key);
}

/** The organisation's keys, newest first, revoked ones included (its admins only). */
export async function listApiKeys(actor: SessionUser, orgId: string) {
  assertCanManageOrg(actor, orgId);
  const rows = await ApiKey.find({ org: new Types.ObjectId(orgId) }).sort({ createdAt: -1 }).limit(200).lean();
  return { items: rows.map(presentApiKey) };
}

/** Revokes a key: from the next request on it is refused (401). Revoking a revoked key changes nothing. */
export async function revokeApiKey(actor: SessionUser, orgId: string, keyId: string) {
  assertCanManageOrg(actor, orgId);
  const doc = await ApiKey.findOne({ _id: new Types.ObjectId(keyId), org: new Types.ObjectId(orgId) }).lean();
  if (!doc) throw notFound('API key');
  if (doc.revokedAt) return presentApiKey(doc);
  const revokedAt = new Date();
  await ApiKey.updateOne({ _id: doc._id }, { $set: { revokedAt, revokedBy: new Types.ObjectId(actor.id) } });
  return presentApiKey({ ...doc, revokedAt });
}

/** A verified key: who it acts for and what it may do. */
export interface KeyPrincipal {
  id: string;
  prefix: string;
  orgId: string;
  createdBy: string;
  name: string;
  scopes: ApiKeyScope[];
  lastUsedAt: Date | null;
}

/** The key's record when `key` is a live key, else null (unknown, wrong secret, or revoked). */
export async function verifyApiKey(key: string): Promise<KeyPrincipal | null> {
  const m = KEY_SHAPE.exec(key);
  if (!m) return null;
  const doc = await ApiKey.findOne({ prefix: m[1] }).lean();
  if (!doc || doc.revokedAt) return null;
  const given = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(doc.hash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  return {
    id: String(doc._id),
    prefix: doc.prefix,
    orgId: String(doc.org),
    createdBy: String(doc.createdBy),
    name: doc.name,
    scopes: (doc.scopes ?? []) as ApiKeyScope[],
    lastUsedAt: doc.lastUsedAt ?? null,
  };
}

/** Records that the key was used (called at most once a minute per key). */
export async function touchApiKey(id: string, at: Date): Promise<void> {
  await ApiKey.updateOne({ _id: new Types.ObjectId(id) }, { $set: { lastUsedAt: at } }, { timestamps: false });
}
