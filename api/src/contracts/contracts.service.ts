import { conflict, notFound } from '../errors';
import { trusted } from '../db';
import type { SessionUser } from '../auth/auth.types';
import type { Logger } from '../logger';
import type { DealChanges } from '../deals/deal-changes';
import type { DealLean } from '../deals/deal.model';
import { Deal } from '../deals/deal.model';
import { assertCanRead, sideOf } from '../deals/deals.policy';
import { Contract, type ContractLean } from './contract.model';
import { buildContent, contentHash, type ContractContent } from './contract.content';
import { CONTRACT_STATUSES, contentSources, ensureContract } from './contract.generate';
import { ContractSigning, type OnContracted, type SignMeta } from './contract.signing';
import { renderContractPdf } from './contract.pdf';
import { assertCanExportRegistrations, assertSigner } from './contracts.policy';
import { presentContract, type ContractViewer } from './contracts.presenter';
import type { ParticularsInput, RegistrationsQuery } from './contracts.schemas';
import { registrationRow, type RegistrationRow } from './contract.registration';
import type { DealStatus, OfferTerms } from '../deals/deals.schemas';

const MAX_ATTEMPTS = 8;

export interface ContractsDeps {
  changes: DealChanges;
  /** Called once per deal after both signatures moved it to contracted (default: nothing). */
  onContracted?: OnContracted;
  logger?: Logger;
}

/** The contracts domain: generation, reads, particulars, signing, PDF, recovery. */
export class ContractsService {
  readonly signing: ContractSigning;

  constructor(private readonly deps: ContractsDeps) {
    this.signing = new ContractSigning({ changes: deps.changes, onContracted: deps.onContracted ?? (() => {}), logger: deps.logger });
  }

  /** Generates the contract of a deal that was just agreed (the `deal.transitioned` → agreed reaction). */
  async generateFor(dealId: string): Promise<ContractLean | null> {
    const deal = await Deal.findById(dealId).lean<DealLean>();
    return deal ? ensureContract(deal) : null;
  }

  /** The deal's contract for a participant or a platform admin, generated on first read, reconciled with the deal. */
  async get(user: SessionUser, dealId: string) {
    const { deal, contract } = await this.load(user, dealId);
    return presentContract(contract, this.viewer(user, deal));
  }

  /** The contract as a PDF in Chinese or English. */
  async pdf(user: SessionUser, dealId: string, lang: 'zh' | 'en'): Promise<{ pdf: Buffer; hash: string }> {
    const { contract } = await this.load(user, dealId);
    const content = contract.content as Parameters<typeof renderContractPdf>[0];
    return { pdf: await renderContractPdf(content, contract.hash, lang, contract.signatures), hash: contract.hash };
  }

  /** An org admin of either side changes the particulars: a new revision, a new hash, no signatures. */
  async updateParticulars(user: SessionUser, dealId: string, input: ParticularsInput) {
    const deal = await this.deps.changes.load(dealId);
    assertSigner(user, deal);
    this.assertAgreed(deal);
    const sources = await contentSources(deal);
    const content = buildContent({ ...sources, particulars: input });
    const hash = contentHash(content);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let c = await ensureContract(deal);
      if (!c) throw notFound('Contract');
      if (c.unrecorded) c = await this.signing.reconcile(c);
      if (c.status === 'signed') throw conflict('contract_signed', 'Both sides signed this contract; it can no longer change');
      if (c.hash === hash) return presentContract(c, this.viewer(user, deal));
      const updated = await Contract.findOneAndUpdate(
        { _id: c._id, version: c.version, status: 'draft', unrecorded: false },
        { $set: { particulars: input, content, hash, signatures: [], revision: c.revision + 1 }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      ).lean<ContractLean>();
      if (!updated) continue;
      await this.announceRevision(dealId, updated, c.signatures.length);
      return presentContract(updated, this.viewer(user, await Deal.findById(dealId).lean<DealLean>() ?? deal));
    }
    throw conflict('contract_busy', 'The contract kept changing; read it again and retry');
  }

  /** Signs the contract revision whose hash the signer was shown. */
  async sign(user: SessionUser, dealId: string, hash: string, meta: SignMeta) {
    const deal = await this.deps.changes.load(dealId);
    const side = assertSigner(user, deal);
    this.assertAgreed(deal);
    await ensureContract(deal);
    const contract = await this.signing.sign(user, side, deal, hash, meta);
    const now = await Deal.findById(dealId).lean<DealLean>();
    return presentContract(contract, this.viewer(user, now ?? deal));
  }

  /** The registration data of a deal's signed contract (its participants, platform admins). */
  async registration(user: SessionUser, dealId: string): Promise<RegistrationRow> {
    const { contract } = await this.load(user, dealId);
    if (contract.status !== 'signed') throw conflict('contract_not_signed', 'The contract is registered once both sides signed it');
    return registrationRow(contract);
  }

  /** Every signed contract's registration data, signed from `from` to `to` (China dates; platform admins). */
  async registrations(user: SessionUser, q: Omit<RegistrationsQuery, 'format'>): Promise<RegistrationRow[]> {
    assertCanExportRegistrations(user);
    const signedAt: Record<string, Date> = {};
    if (q.from) signedAt.$gte = new Date(`${q.from}T00:00:00+08:00`);
    if (q.to) signedAt.$lt = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 24 * 3600_000);
    const rows = await Contract.find({ status: 'signed', ...(q.from || q.to ? { signedAt: trusted(signedAt) } : {}) }).lean<ContractLean[]>();
    return rows.sort((a, b) => +new Date(a.signedAt!) - +new Date(b.signedAt!)).map(registrationRow);
  }

  /** The deal's signed contract as payments read it (its hash and the terms it states), or null. */
  async signedContractOf(dealId: string): Promise<{ hash: string; terms: OfferTerms; schedule: ContractContent['paymentSchedule'] } | null> {
    const c = await Contract.findOne({ deal: dealId, status: 'signed' }).lean<ContractLean>();
    if (!c) return null;
    const content = c.content as ContractContent;
    return { hash: c.hash, terms: content.terms, schedule: content.paymentSchedule };
  }

  /** Boot-time recovery: contracts for agreed deals that have none, signatures whose deal events are missing, signed contracts of deals still agreed. */
  async recover(): Promise<number> {
    let n = 0;
    // One deal's failure is logged and left for its next read: it must not keep the API from starting.
    const each = async (dealId: unknown, work: () => Promise<boolean>) => {
      try {
        if (await work()) n++;
      } catch (err) {
        this.deps.logger?.error({ err, dealId: String(dealId) }, 'contract recovery failed for a deal');
      }
    };
    for (const d of await Deal.find({ status: 'agreed' }, { _id: 1 }).lean()) {
      await each(d._id, async () => {
        const deal = await Deal.findById(d._id).lean<DealLean>();
        const c = deal && (await ensureContract(deal));
        if (!c || !(c.unrecorded || c.status === 'signed')) return false;
        await this.signing.reconcile(c);
        return true;
      });
    }
    for (const c of await Contract.find({ unrecorded: true }).lean<ContractLean[]>()) {
      await each(c.deal, async () => !!(await this.signing.reconcile(c)));
    }
    return n;
  }

  private async load(user: SessionUser, dealId: string) {
    const deal = await this.deps.changes.load(dealId);
    assertCanRead(user, deal);
    let contract = await ensureContract(deal);
    if (!contract) throw conflict('no_contract', 'The deal has no contract before it is agreed', { status: deal.status });
    if (contract.unrecorded || (contract.status === 'signed' && deal.status === 'agreed')) contract = await this.signing.reconcile(contract);
    const now = contract.status === 'signed' && deal.status === 'agreed' ? ((await Deal.findById(dealId).lean<DealLean>()) ?? deal) : deal;
    return { deal: now, contract };
  }

  private assertAgreed(deal: DealLean): void {
    if (deal.status !== 'agreed') throw conflict('deal_not_agreed', 'The contract can change and be signed only while the deal is agreed', { status: deal.status });
  }

  private viewer(user: SessionUser, deal: DealLean): ContractViewer {
    const side = sideOf(user, deal);
    const principal = side === 'supplier' || side === 'buyer';
    return { side, dealStatus: deal.status as DealStatus, mayAct: principal && user.roles.includes('org-admin') && deal.status === 'agreed' };
  }

  /** The room hears of a new revision (best effort: the contract itself is the record). */
  private async announceRevision(dealId: string, c: ContractLean, cleared: number): Promise<void> {
    const data = { action: 'contract.revised', from: null, to: null, revision: c.revision, hash: c.hash, clearedSignatures: cleared };
    await this.deps.changes
      .changeBySystem(dealId, () => ({ set: {}, events: [{ id: `contract-revised-${String(c._id)}-r${c.revision}`, kind: 'system', action: 'contract.revised', data }] }))
      .catch((err) => this.deps.logger?.warn({ err, dealId }, 'contract revision not announced'));
  }
}

export { CONTRACT_STATUSES };
