import type { DealMode } from '../deals/deals.schemas';

// The contract's category by deal mode and IP type, after the kinds of Chinese technology contracts
// (民法典 技术转让合同和技术许可合同; 作价入股 for equity), and the type it is registered under
// (技术合同登记: 技术转让 or 技术许可). Pure.

export const CATEGORIES = {
  'patent-license': { zh: '专利实施许可合同', en: 'Patent Licence Agreement' },
  'know-how-license': { zh: '技术秘密使用许可合同', en: 'Know-how Licence Agreement' },
  'patent-transfer': { zh: '专利权转让合同', en: 'Patent Assignment Agreement' },
  'know-how-transfer': { zh: '技术秘密转让合同', en: 'Know-how Transfer Agreement' },
  'software-copyright-transfer': { zh: '计算机软件著作权转让合同', en: 'Software Copyright Assignment Agreement' },
  'equity-contribution': { zh: '技术作价入股协议', en: 'Technology Capital Contribution Agreement' },
} as const;
export type ContractCategory = keyof typeof CATEGORIES;

export const REGISTRATION_TYPES = {
  transfer: { zh: '技术转让', en: 'Technology transfer' },
  license: { zh: '技术许可', en: 'Technology licensing' },
} as const;
export type RegistrationType = keyof typeof REGISTRATION_TYPES;

/** The category of a deal's contract. */
export function contractCategory(mode: DealMode, ipType: string): ContractCategory {
  if (mode === 'equity') return 'equity-contribution';
  if (mode === 'license') return ipType === 'know-how' ? 'know-how-license' : 'patent-license';
  if (ipType === 'know-how') return 'know-how-transfer';
  if (ipType === 'software-copyright') return 'software-copyright-transfer';
  return 'patent-transfer';
}

/** What the contract is registered as: a licence is 技术许可, a transfer or a contribution in kind 技术转让. */
export const registrationType = (mode: DealMode): RegistrationType => (mode === 'license' ? 'license' : 'transfer');

/** The names of the two sides in a contract of this mode. */
export function sideRoles(mode: DealMode) {
  switch (mode) {
    case 'license':
      return { supplier: { zh: '许可方', en: 'Licensor' }, buyer: { zh: '被许可方', en: 'Licensee' } };
    case 'transfer':
      return { supplier: { zh: '让与方', en: 'Assignor' }, buyer: { zh: '受让方', en: 'Assignee' } };
    case 'equity':
      return { supplier: { zh: '技术出资方', en: 'Technology contributor' }, buyer: { zh: '合作方', en: 'Co-investor' } };
  }
}
