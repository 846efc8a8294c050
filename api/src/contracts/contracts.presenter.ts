import type { DealSide } from '../deals/deals.state';
import type { DealStatus } from '../deals/deals.schemas';
import type { ContractLean } from './contract.model';
import type { ContractContent } from './contract.content';

/** Who is looking: their side in the deal (null for a platform admin) and whether they may edit and sign. */
export interface ContractViewer {
  side: DealSide | null;
  dealStatus: DealStatus;
  /** An org admin of the supplier or the buyer while the deal is agreed. */
  mayAct: boolean;
}

/** A signature as the parties see it (the IP address and user agent stay in the record). */
function presentSignature(s: ContractLean['signatures'][number]) {
  return { side: s.side as 'supplier' | 'buyer', userName: s.userName, at: s.at, hash: s.hash, revision: s.revision };
}

/** A deal's contract: its canonical content and hash, the particulars, the signatures, what the viewer may do. */
export function presentContract(c: ContractLean, viewer: ContractViewer) {
  const signed = (side: 'supplier' | 'buyer') => c.signatures.some((s) => s.side === side);
  const mine = viewer.side === 'supplier' || viewer.side === 'buyer' ? viewer.side : null;
  return {
    id: String(c._id),
    dealId: String(c.deal),
    status: c.status as 'draft' | 'signed',
    revision: c.revision,
    hash: c.hash,
    content: c.content as ContractContent,
    particulars: {
      dispute: { method: c.particulars.dispute.method as 'arbitration' | 'court', venue: c.particulars.dispute.venue },
      confidentialityYears: c.particulars.confidentialityYears,
    },
    signatures: c.signatures.map(presentSignature),
    signedAt: c.signedAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    viewer: {
      side: viewer.side,
      canEdit: viewer.mayAct && c.status === 'draft',
      canSign: viewer.mayAct && c.status === 'draft' && !!mine && !signed(mine),
    },
  };
}
export type ContractView = ReturnType<typeof presentContract>;
