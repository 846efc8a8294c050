import { Types } from 'mongoose';
import { conflict } from '../errors';
import type { SessionUser } from '../auth/auth.types';
import type { Logger } from '../logger';
import { AuditEvent } from '../audit/audit.model';
import type { DealChanges } from '../deals/deal-changes';
import type { DealLean } from '../deals/deal.model';
import { Contract, type ContractLean, type SignatureRecord } from './contract.model';

// Signing (the compare-and-set on the contract, guarded by its version) and the deal's side of
// it: each signature's `contract.signed` deal event, then `agreed → contracted` when both sides
// signed the current revision, then the `onContracted` hook. The contract write comes first and
// marks the signature unrecorded; the deal event's id is derived from the signature, so the
// reconciliation (after each signature, on read, at boot) records it once whatever crashed.

const MAX_ATTEMPTS = 8;

/** Told once per deal, after the platform moved it `agreed → contracted` (the payments side issues its items). */
export type OnContracted = (dealId: string) => Promise<void> | void;

export interface SigningDeps {
  changes: DealChanges;
  onContracted: OnContracted;
  logger?: Logger;
}

export interface SignMeta {
  ip: string;
  userAgent: string;
}

const NOT_AGREED = Symbol('not agreed');

/** The deal event id of a signature: one per contract, revision and side. */
export const signatureEventId = (contractId: unknown, revision: number, side: string) => `contract-signed-${String(contractId)}-r${revision}-${side}`;

export class ContractSigning {
  constructor(private readonly deps: SigningDeps) {}

  /** Signs the contract for `side`; 409 `stale_hash` (nothing stored) when `hash` is not the current revision's. */
  async sign(user: SessionUser, side: 'supplier' | 'buyer', deal: DealLean, hash: string, meta: SignMeta): Promise<ContractLean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const c = await Contract.findOne({ deal: deal._id }).lean<ContractLean>();
      if (!c) throw conflict('no_contract', 'The deal has no contract to sign', { status: deal.status });
      if (c.hash !== hash) throw conflict('stale_hash', 'The contract changed since it was shown; read it again before signing', { hash: c.hash, revision: c.revision });
      if (c.signatures.some((s) => s.side === side)) throw conflict('already_signed', 'Your side has already signed this contract', { side });
      const at = new Date();
      const signature: SignatureRecord = {
        side,
        user: new Types.ObjectId(user.id),
        userName: user.name,
        org: new Types.ObjectId(user.orgId!),
        hash,
        revision: c.revision,
        at,
        ip: meta.ip.slice(0, 100),
        userAgent: meta.userAgent.slice(0, 500),
        eventId: signatureEventId(c._id, c.revision, side),
        recorded: false,
      };
      const complete = c.signatures.length + 1 === 2;
      const updated = await Contract.findOneAndUpdate(
        { _id: c._id, version: c.version, hash },
        {
          $push: { signatures: signature },
          $inc: { version: 1 },
          $set: { unrecorded: true, ...(complete ? { status: 'signed', signedAt: at } : {}) },
        },
        { returnDocument: 'after' },
      ).lean<ContractLean>();
      if (!updated) continue;
      return this.reconcile(updated);
    }
    throw conflict('contract_busy', 'The contract kept changing while you signed; read it again and retry');
  }

  /**
   * Brings the deal up to the contract: records the signatures' deal events not yet recorded, and
   * moves the deal to contracted when the contract is signed. Safe to run any number of times.
   */
  async reconcile(contract: ContractLean): Promise<ContractLean> {
    let c = contract;
    const dealId = String(c.deal);
    const missing = c.signatures.filter((s) => !s.recorded);
    for (const s of missing) await this.recordSigned(dealId, c, s);
    if (missing.length) c = await this.markRecorded(c, missing.map((s) => s.eventId));
    if (c.status === 'signed') await this.contract(dealId, c.hash);
    return c;
  }

  private async recordSigned(dealId: string, c: ContractLean, s: SignatureRecord): Promise<void> {
    // Already written (a crash after the deal write, or another reconciler): the audit event is stored per event id.
    if (await AuditEvent.exists({ eventId: s.eventId })) return;
    const data = { action: 'contract.signed', from: null, to: null, side: s.side, signer: s.userName, hash: s.hash, revision: s.revision };
    await this.deps.changes.changeBySystem(dealId, () => ({ set: {}, events: [{ id: s.eventId, kind: 'system', action: 'contract.signed', data }] }));
  }

  private async markRecorded(c: ContractLean, eventIds: string[]): Promise<ContractLean> {
    let cur: ContractLean | null = c;
    for (let attempt = 0; cur && attempt < MAX_ATTEMPTS; attempt++) {
      const signatures = cur.signatures.map((s) => (eventIds.includes(s.eventId) ? { ...s, recorded: true } : s));
      const updated: ContractLean | null = await Contract.findOneAndUpdate(
        { _id: cur._id, version: cur.version },
        { $set: { signatures, unrecorded: signatures.some((s) => !s.recorded) }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      ).lean<ContractLean>();
      if (updated) return updated;
      cur = await Contract.findById(c._id).lean<ContractLean>();
    }
    return cur ?? c; // left unrecorded: the next read or the boot-time reconciliation finishes it
  }

  /** `agreed → contracted` by the platform; the writer that made the move calls `onContracted`. */
  private async contract(dealId: string, hash: string): Promise<void> {
    try {
      await this.deps.changes.changeBySystem(dealId, (deal) => {
        if (deal.status !== 'agreed') throw NOT_AGREED;
        const data = { action: 'deal.transitioned', from: 'agreed', to: 'contracted', hash };
        return { set: { status: 'contracted' }, guard: { status: 'agreed' }, events: [{ kind: 'system', action: 'deal.transitioned', from: 'agreed', to: 'contracted', data }] };
      });
    } catch (err) {
      if (err === NOT_AGREED) return;
      throw err;
    }
    try {
      await this.deps.onContracted(dealId);
    } catch (err) {
      // The deal is contracted; the payments side re-runs its hook for contracted deals at boot.
      this.deps.logger?.error({ err, dealId }, 'onContracted failed');
    }
  }
}
