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
import { Achievement, NdaAcceptance, type AchievementStatus } from './achievement.model';
import {
  EDITABLE_ACHIEVEMENT_STATUSES,
  assertCanAcceptNda,
  assertCanEdit,
  assertCanView,
  canSeeDetails,
  isOwner,
} from './achievements.policy';
import { presentAchievement } from './achievements.presenter';
import { achievementCrossIssues, type AchievementInput, type AchievementPatch } from './achievements.schemas';
import { parseImport, type RowError } from './achievements.import';
import { ACHIEVEMENT_TRANSITIONS, DEALABLE_ACHIEVEMENT_STATUSES, type AchievementAction } from './achievements.state';

const ORG_FIELDS = 'name kind region verified';

// Organisations attached by id through the store (populate asks with `_id $in`, a scan on FerretDB).
const withOrgs = <R extends object>(rows: R[]) => populateRefs(rows, 'org', Org as never, ORG_FIELDS);
const withOrg = async <R extends object>(row: R | null) => (row ? (await withOrgs([row]))[0]! : null);
type AchievementRow = Parameters<typeof presentAchievement>[0];

export { ACHIEVEMENT_TRANSITIONS, type AchievementAction };

const oid = (id: string) => (Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null);

async function load(id: string) {
  const _id = oid(id);
  const a = _id ? await Achievement.findById(_id).lean().then(withOrg) : null;
  if (!a) throw notFound('Achievement');
  return a;
}

/** The stored fields for a validated input (money already in fen); also used by the demo loader. */
export function toStored(input: Partial<AchievementInput>) {
  const out: Record<string, unknown> = { ...input };
  if (input.modes)
    out.modes = input.modes.map((m) =>
      m.mode === 'license'
        ? { mode: m.mode, askingPrice: m.askingPrice, minRoyaltyRate: m.minRoyaltyRate, exclusivity: m.exclusivity, equity: null }
        : m.mode === 'transfer'
          ? { mode: m.mode, askingPrice: m.askingPrice, minRoyaltyRate: null, equity: null }
          : { mode: m.mode, askingPrice: null, minRoyaltyRate: null, equity: m.equity },
    );
  return out;
}

/** Whether `viewer`'s organisation accepted the listing's current NDA version. */
async function ndaAcceptedBy(viewer: SessionUser | null | undefined, a: { _id: Types.ObjectId; ndaVersion?: number | null }) {
  if (!viewer?.orgId) return false;
  return !!(await NdaAcceptance.exists({ achievement: a._id, org: new Types.ObjectId(viewer.orgId), ndaVersion: a.ndaVersion ?? 1 }));
}

async function view(viewer: SessionUser | null | undefined, a: Awaited<ReturnType<typeof load>>) {
  const owner = isOwner(viewer, a);
  const ndaAccepted = owner ? false : await ndaAcceptedBy(viewer, a);
  return presentAchievement(a, { owner, ndaAccepted, showDetails: canSeeDetails(viewer, a, ndaAccepted) });
}

/**
 * Creates a draft owned by the actor's organisation. With an idempotency key (one per editor
 * session) a retried create answers with the draft the first attempt made (`created: false`).
 */
export async function createAchievement(actor: SessionUser, input: AchievementInput, idempotencyKey?: string) {
  if (!actor.orgId) throw forbidden('You must belong to an organisation to create listings', 'no_organisation');
  const org = actor.orgId;
  const { id, created } = await createOnce(
    'achievement',
    org,
    idempotencyKey,
    async () => (await Achievement.create({ ...toStored(input), org, createdBy: actor.id, status: 'draft', ...MARK_DIRTY }))._id,
    async (lost) => void (await Achievement.deleteOne({ _id: lost, status: 'draft' })),
  );
  if (created) listingWritten('achievement', String(id));
  const a = await load(String(id));
  assertCanView(actor, a);
  return { listing: await view(actor, a), created };
}

/**
 * Deletes a draft of the actor's organisation with what it left behind (attachments, creation
 * keys). Only a draft: a listing that was ever published has been seen, matched or dealt on (409).
 */
export async function deleteAchievement(actor: SessionUser, id: string) {
  const current = await load(id);
  assertCanView(actor, current);
  assertCanEdit(actor, current);
  if (current.status !== 'draft')
    throw conflict('not_deletable', `Only a draft can be deleted; this listing is ${current.status}`, { status: current.status });
  // status-guarded: a publish that got there first keeps the listing
  const { deletedCount } = await Achievement.deleteOne({ _id: current._id, status: 'draft' });
  if (!deletedCount) {
    const now = await Achievement.findById(current._id).select({ status: 1 }).lean();
    if (!now) throw notFound('Achievement');
    throw conflict('not_deletable', `Only a draft can be deleted; this listing is ${now.status}`, { status: now.status });
  }
  await removeDraftLeftovers('achievement', current._id);
  return { id: String(current._id), deleted: true as const };
}

/** Creates many drafts at once (batch import); each document is one atomic insert. */
export async function createAchievementDrafts(actor: SessionUser, inputs: AchievementInput[]) {
  if (!actor.orgId) throw forbidden('You must belong to an organisation to create listings', 'no_organisation');
  if (!inputs.length) return [];
  const docs = await Achievement.insertMany(
    inputs.map((i) => ({ ...toStored(i), org: actor.orgId, createdBy: actor.id, status: 'draft', ...MARK_DIRTY })),
    { ordered: true },
  );
  const ids = docs.map((d) => String(d._id));
  listingWritten('achievement', ids);
  return ids;
}

/** One achievement as the viewer may see it (404 for other orgs' drafts and withdrawn listings). */
export async function getAchievement(viewer: SessionUser | null | undefined, id: string) {
  const a = await load(id);
  assertCanView(viewer, a);
  return view(viewer, a);
}

/**
 * Edits a draft or published listing. The body names the version the editor saw; a stale one is a
 * 409 with the current version. Every edit bumps `version` and marks the listing for the indexer.
 */
export async function updateAchievement(actor: SessionUser, id: string, patch: AchievementPatch) {
  const current = await load(id);
  assertCanView(actor, current);
  assertCanEdit(actor, current);
  if (!(EDITABLE_ACHIEVEMENT_STATUSES as readonly string[]).includes(current.status))
    throw conflict('not_editable', `A ${current.status} listing cannot be edited`, { status: current.status });
  if (patch.version !== current.version)
    throw conflict('version_conflict', 'The listing changed since you loaded it; reload and try again', {
      version: current.version,
      status: current.status,
    });
  const { version, ...fields } = patch;
  const merged = {
    ipType: fields.ipType ?? current.ipType,
    patents: fields.patents ?? current.patents,
    modes: fields.modes ?? current.modes,
  };
  const [issue] = achievementCrossIssues(merged);
  if (issue) throw badRequest('validation_failed', `${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));

  const ndaChanged =
    fields.ndaTerms !== undefined &&
    (fields.ndaTerms.zh !== (current.ndaTerms?.zh ?? '') || fields.ndaTerms.en !== (current.ndaTerms?.en ?? ''));
  const updated = await Achievement.findOneAndUpdate(
    { _id: current._id, version, status: trusted({ $in: EDITABLE_ACHIEVEMENT_STATUSES }) },
    { $set: { ...toStored(fields), ...MARK_DIRTY }, $inc: { version: 1, ...(ndaChanged ? { ndaVersion: 1 } : {}) } },
    { returnDocument: 'after' },
  ).lean().then(withOrg);
  if (!updated) return explainConflict(id, EDITABLE_ACHIEVEMENT_STATUSES, 'edit');
  listingWritten('achievement', String(current._id));
  return view(actor, updated);
}

/** Why a guarded update matched nothing: a status change or a newer version (both 409). */
async function explainConflict(id: string, allowed: readonly string[], action: string): Promise<never> {
  const now = await Achievement.findById(id).lean();
  if (!now) throw notFound('Achievement');
  if (!allowed.includes(now.status))
    throw conflict('illegal_transition', `Cannot ${action} a ${now.status} listing`, { status: now.status, allowedFrom: allowed });
  throw conflict('version_conflict', 'The listing changed since you loaded it; reload and try again', {
    version: now.version,
    status: now.status,
  });
}

/**
 * publish / withdraw, legal transitions only (409 with the current status otherwise). A withdrawal
 * records its event in the same write; `events` runs its effects (who else is told) after it.
 */
export async function transitionAchievement(actor: SessionUser, id: string, action: AchievementAction, expectedVersion: number | undefined, events: ListingEvents) {
  const current = await load(id);
  await events.flush('achievement', current); // an earlier change's event a crash left, before it is replaced
  assertCanView(actor, current);
  assertCanEdit(actor, current);
  const t = ACHIEVEMENT_TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(current.status))
    throw conflict('illegal_transition', `Cannot ${action} a ${current.status} listing`, { status: current.status, allowedFrom: t.from });
  if (action === 'publish') assertCanPublish(actor, await Org.findById(actor.orgId).lean());
  const now = new Date();
  const stamp = t.to === 'published' ? { publishedAt: now, withdrawnAt: null } : { withdrawnAt: now };
  const updated = await Achievement.findOneAndUpdate(
    { _id: current._id, status: trusted({ $in: t.from }), ...(expectedVersion !== undefined ? { version: expectedVersion } : {}) },
    { $set: { status: t.to, ...stamp, ...MARK_DIRTY, ...statusEvent('achievement', current._id, t.to, actor.id) }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  ).lean().then(withOrg);
  if (!updated) return explainConflict(id, t.from, action);
  listingWritten('achievement', String(current._id));
  await events.flush('achievement', updated);
  return view(actor, updated);
}

/** The actor's organisation's achievements, any status, newest first. */
export async function listMyAchievements(actor: SessionUser, q: { status?: AchievementStatus; page: number; pageSize: number }) {
  if (!actor.orgId) throw forbidden('You must belong to an organisation', 'no_organisation');
  const filter = { org: new Types.ObjectId(actor.orgId), ...(q.status ? { status: q.status } : {}) };
  const [items, total] = await Promise.all([
    findPage<AchievementRow>(Achievement as never, filter, { sort: { updatedAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize, projection: { details: 0 } }).then(withOrgs),
    countWhere(Achievement as never, filter),
  ]);
  return {
    items: items.map((a) => presentAchievement(a, { owner: true, ndaAccepted: false, showDetails: false })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Records that the actor's organisation accepts the listing's NDA (who, when, which version).
 * The version must be the current one — a viewer accepts what they read. Accepting twice is a no-op.
 */
export async function acceptNda(actor: SessionUser, id: string, ndaVersion: number) {
  const a = await load(id);
  assertCanView(actor, a);
  assertCanAcceptNda(actor, a);
  if (!(DEALABLE_ACHIEVEMENT_STATUSES as readonly string[]).includes(a.status))
    throw conflict('illegal_transition', `The NDA of a ${a.status} listing cannot be accepted`, { status: a.status });
  const current = a.ndaVersion ?? 1;
  if (ndaVersion !== current)
    throw conflict('nda_version_conflict', 'The NDA changed; read the current version and accept it', { ndaVersion: current });
  const key = { achievement: a._id, org: new Types.ObjectId(actor.orgId!), ndaVersion: current };
  let acceptance = await NdaAcceptance.findOne(key).lean();
  if (!acceptance) {
    try {
      acceptance = (await NdaAcceptance.create({ ...key, user: actor.id, acceptedAt: new Date() })).toObject();
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      acceptance = await NdaAcceptance.findOne(key).lean();
    }
  }
  return {
    acceptance: {
      achievementId: String(a._id),
      orgId: actor.orgId,
      userId: String(acceptance!.user),
      ndaVersion: acceptance!.ndaVersion,
      acceptedAt: acceptance!.acceptedAt,
    },
    achievement: await view(actor, a),
  };
}

export interface ImportReport {
  rows: { row: number; status: 'created' | 'invalid' | 'skipped'; id?: string; errors?: RowError[] }[];
  created: number;
  invalid: number;
}

/**
 * Batch import: every row is validated before anything is written; valid rows become drafts of the
 * actor's organisation (each one atomic insert), invalid rows are reported with column and reason.
 * With `allOrNothing`, one invalid row means no row is created (valid ones are reported `skipped`).
 */
export async function importAchievements(actor: SessionUser, file: Buffer, opts: { allOrNothing?: boolean } = {}): Promise<ImportReport> {
  if (!actor.orgId) throw forbidden('You must belong to an organisation to import listings', 'no_organisation');
  const parsed = parseImport(file);
  const valid = parsed.flatMap((r) => (r.ok ? [r] : []));
  const invalid = parsed.length - valid.length;
  const skip = !!opts.allOrNothing && invalid > 0;
  const ids = skip ? [] : await createAchievementDrafts(actor, valid.map((r) => r.input));
  const idByRow = new Map(valid.map((r, i) => [r.row, ids[i]]));
  return {
    rows: parsed.map((r) =>
      r.ok
        ? skip
          ? { row: r.row, status: 'skipped' as const }
          : { row: r.row, status: 'created' as const, id: idByRow.get(r.row)! }
        : { row: r.row, status: 'invalid' as const, errors: r.errors },
    ),
    created: ids.length,
    invalid,
  };
}
