import { Types } from 'mongoose';
import { trusted } from '../db';
import { countWhere, findPage, populateRefs } from '../store/store';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import { Org } from '../orgs/org.model';
import { assertCanPublish } from '../orgs/orgs.policy';
import { MARK_DIRTY, listingWritten } from '../search/outbox';
import { statusEvent, type ListingEvents } from '../listings/listing.events';
import { createOnce } from '../listings/creation-key';
import { removeDraftLeftovers } from '../listings/listing-removal';
import { Demand, type DemandStatus } from './demand.model';
import {
  EDITABLE_DEMAND_STATUSES,
  assertCanEditDemand,
  assertCanViewDemand,
  canSeeDemandOrg,
  isDemandOwner,
} from './demands.policy';
import { presentDemand, type DemandLike } from './demands.presenter';
import type { DemandInput, DemandPatch } from './demands.schemas';
import { DEMAND_TRANSITIONS, type DemandAction } from './demands.state';

const ORG_FIELDS = 'name kind region verified';

// Organisations attached by id through the store (populate asks with `_id $in`, a scan on FerretDB).
const withOrgs = <R extends object>(rows: R[]) => populateRefs(rows, 'org', Org as never, ORG_FIELDS);
const withOrg = async <R extends object>(row: R | null) => (row ? (await withOrgs([row]))[0]! : null);
type DemandRow = Parameters<typeof demandView>[1];

export { DEMAND_TRANSITIONS, type DemandAction };

async function load(id: string) {
  const d = Types.ObjectId.isValid(id) ? await Demand.findById(id).lean().then(withOrg) : null;
  if (!d) throw notFound('Demand');
  return d;
}

/** A demand as `viewer` may see it. */
export function demandView(viewer: SessionUser | null | undefined, d: DemandLike & { status: string }) {
  return presentDemand(d, { owner: isDemandOwner(viewer, d), showOrg: canSeeDemandOrg(viewer, d) });
}

const budgetCheck = (min: number | null | undefined, max: number | null | undefined) => {
  if (min != null && max != null && min > max) throw badRequest('validation_failed', 'budgetMax: must not be below budgetMin', 'budgetMax');
};

/** Creates a draft demand for the actor's organisation. */
export async function createDemand(actor: SessionUser, input: DemandInput, idempotencyKey?: string) {
  if (!actor.orgId) throw forbidden('You must belong to an organisation to post demands', 'no_organisation');
  const org = actor.orgId;
  const { id, created } = await createOnce(
    'demand',
    org,
    idempotencyKey,
    async () => (await Demand.create({ ...input, org, createdBy: actor.id, status: 'draft', ...MARK_DIRTY }))._id,
    async (lost) => void (await Demand.deleteOne({ _id: lost, status: 'draft' })),
  );
  if (created) listingWritten('demand', String(id));
  const d = await load(String(id));
  assertCanViewDemand(actor, d);
  return { listing: demandView(actor, d), created };
}

/**
 * Deletes a draft demand of the actor's organisation with what it left behind (attachments,
 * creation keys). Only a draft: a demand that was ever open has been seen or matched (409).
 */
export async function deleteDemand(actor: SessionUser, id: string) {
  const current = await load(id);
  assertCanViewDemand(actor, current);
  assertCanEditDemand(actor, current);
  if (current.status !== 'draft')
    throw conflict('not_deletable', `Only a draft can be deleted; this demand is ${current.status}`, { status: current.status });
  const { deletedCount } = await Demand.deleteOne({ _id: current._id, status: 'draft' });
  if (!deletedCount) {
    const now = await Demand.findById(current._id).select({ status: 1 }).lean();
    if (!now) throw notFound('Demand');
    throw conflict('not_deletable', `Only a draft can be deleted; this demand is ${now.status}`, { status: now.status });
  }
  await removeDraftLeftovers('demand', current._id);
  return { id: String(current._id), deleted: true as const };
}

/** One demand (404 for other organisations' drafts and withdrawn demands). */
export async function getDemand(viewer: SessionUser | null | undefined, id: string) {
  const d = await load(id);
  assertCanViewDemand(viewer, d);
  return demandView(viewer, d);
}

async function explainConflict(id: string, allowed: readonly string[], action: string): Promise<never> {
  const now = await Demand.findById(id).lean();
  if (!now) throw notFound('Demand');
  if (!allowed.includes(now.status))
    throw conflict('illegal_transition', `Cannot ${action} a ${now.status} demand`, { status: now.status, allowedFrom: allowed });
  throw conflict('version_conflict', 'The demand changed since you loaded it; reload and try again', { version: now.version, status: now.status });
}

/** Edits a draft or open demand, guarded by the version the editor saw. */
export async function updateDemand(actor: SessionUser, id: string, patch: DemandPatch) {
  const current = await load(id);
  assertCanViewDemand(actor, current);
  assertCanEditDemand(actor, current);
  if (!(EDITABLE_DEMAND_STATUSES as readonly string[]).includes(current.status))
    throw conflict('not_editable', `A ${current.status} demand cannot be edited`, { status: current.status });
  if (patch.version !== current.version)
    throw conflict('version_conflict', 'The demand changed since you loaded it; reload and try again', { version: current.version, status: current.status });
  const { version, ...fields } = patch;
  budgetCheck(fields.budgetMin !== undefined ? fields.budgetMin : current.budgetMin, fields.budgetMax !== undefined ? fields.budgetMax : current.budgetMax);
  const updated = await Demand.findOneAndUpdate(
    { _id: current._id, version, status: trusted({ $in: EDITABLE_DEMAND_STATUSES }) },
    { $set: { ...fields, ...MARK_DIRTY }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  ).lean().then(withOrg);
  if (!updated) return explainConflict(id, EDITABLE_DEMAND_STATUSES, 'edit');
  listingWritten('demand', String(current._id));
  return demandView(actor, updated);
}

/**
 * publish / withdraw / close — legal transitions only (409 with the current status otherwise). A
 * withdrawal or closing records its event in the same write; `events` runs its effects after it.
 */
export async function transitionDemand(actor: SessionUser, id: string, action: DemandAction, expectedVersion: number | undefined, events: ListingEvents) {
  const current = await load(id);
  await events.flush('demand', current); // an earlier change's event a crash left, before it is replaced
  assertCanViewDemand(actor, current);
  assertCanEditDemand(actor, current);
  const t = DEMAND_TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(current.status))
    throw conflict('illegal_transition', `Cannot ${action} a ${current.status} demand`, { status: current.status, allowedFrom: t.from });
  if (action === 'publish') assertCanPublish(actor, await Org.findById(actor.orgId).lean());
  const now = new Date();
  const stamp = t.to === 'open' ? { publishedAt: now, withdrawnAt: null } : t.to === 'closed' ? { closedAt: now } : { withdrawnAt: now };
  const updated = await Demand.findOneAndUpdate(
    { _id: current._id, status: trusted({ $in: t.from }), ...(expectedVersion !== undefined ? { version: expectedVersion } : {}) },
    { $set: { status: t.to, ...stamp, ...MARK_DIRTY, ...statusEvent('demand', current._id, t.to, actor.id) }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  ).lean().then(withOrg);
  if (!updated) return explainConflict(id, t.from, action);
  listingWritten('demand', String(current._id));
  await events.flush('demand', updated);
  return demandView(actor, updated);
}

/**
 * The anonymous enterprise reveals its name to one counterpart organisation. The index holds no
 * organisation identity of anonymous demands, so this touches neither version nor index.
 */
export async function revealDemand(actor: SessionUser, id: string, orgId: string) {
  const current = await load(id);
  assertCanViewDemand(actor, current);
  assertCanEditDemand(actor, current);
  if (!current.anonymous) throw conflict('not_anonymous', 'This demand is not anonymous; its organisation is already shown', { anonymous: false });
  if (orgId === actor.orgId) throw badRequest('validation_failed', 'orgId: is your own organisation', 'orgId');
  if (!(await Org.exists({ _id: orgId }))) throw notFound('Organisation');
  const updated = await Demand.findOneAndUpdate(
    { _id: current._id },
    { $addToSet: { revealedTo: new Types.ObjectId(orgId) } },
    { returnDocument: 'after' },
  ).lean().then(withOrg);
  if (!updated) throw notFound('Demand');
  return demandView(actor, updated);
}

/** The actor's organisation's demands, any status, newest first. */
export async function listMyDemands(actor: SessionUser, q: { status?: DemandStatus; page: number; pageSize: number }) {
  if (!actor.orgId) throw forbidden('You must belong to an organisation', 'no_organisation');
  const filter = { org: new Types.ObjectId(actor.orgId), ...(q.status ? { status: q.status } : {}) };
  const [items, total] = await Promise.all([
    findPage<DemandRow>(Demand as never, filter, { sort: { updatedAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize }).then(withOrgs),
    countWhere(Demand as never, filter),
  ]);
  return { items: items.map((d) => demandView(actor, d)), total, page: q.page, pageSize: q.pageSize };
}
