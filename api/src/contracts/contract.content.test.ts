import assert from 'node:assert/strict';
import { buildContent, canonicalJson, contentHash, DEFAULT_PARTICULARS, type ContentInput } from './contract.content';
import { contractCategory } from './contract.category';
import type { OfferTerms } from '../deals/deals.schemas';

// The canonical content per mode, pinned as whole objects: a change to what a contract states
// shows up here (not in PDF bytes).

const base = (terms: OfferTerms, ipType = 'invention-patent'): ContentInput => ({
  dealId: 'd1',
  mode: terms.mode,
  offerVersion: 2,
  terms,
  supplier: { id: 's1', name: { zh: '申江理工大学', en: 'Shenjiang University' }, region: '310000', creditCode: '12310000425010153U' },
  buyer: { id: 'b1', name: { zh: '上海锂新材料有限公司', en: 'Shanghai Lixin Materials' }, region: '320000', creditCode: null },
  broker: null,
  achievement: {
    id: 'a1',
    title: { zh: '正极材料低温烧结工艺', en: 'Low-temperature sintering' },
    field: 'energy-storage',
    ipType,
    patents: [{ number: 'ZL201710601862.3', title: '一种正极材料的制备方法', status: 'granted', expiry: new Date('2037-07-20T00:00:00Z') }],
  },
  particulars: DEFAULT_PARTICULARS,
});

const common = (roles: [object, object]) => ({
  dealId: 'd1',
  offerVersion: 2,
  parties: {
    supplier: { orgId: 's1', role: roles[0], name: { zh: '申江理工大学', en: 'Shenjiang University' }, region: { code: '310000', zh: '上海市', en: 'Shanghai' }, creditCode: '12310000425010153U' },
    buyer: { orgId: 'b1', role: roles[1], name: { zh: '上海锂新材料有限公司', en: 'Shanghai Lixin Materials' }, region: { code: '320000', zh: '江苏省', en: 'Jiangsu' }, creditCode: null },
    broker: null,
  },
  achievement: {
    id: 'a1',
    title: { zh: '正极材料低温烧结工艺', en: 'Low-temperature sintering' },
    field: { code: 'energy-storage', zh: '储能与电池', en: 'Energy storage & batteries' },
    ipType: { code: 'invention-patent', zh: '发明专利', en: 'Invention patent' },
    patents: [{ number: 'ZL201710601862.3', title: '一种正极材料的制备方法', status: 'granted', expiry: '2037-07-20' }],
  },
  confidentiality: { years: 5 },
  dispute: { method: 'arbitration', venue: '中国国际经济贸易仲裁委员会' },
});

describe('contract content (canonical, per mode)', () => {
  it('states a licence: 专利实施许可合同, every term, upfront less the deposit, then the milestones', () => {
    const terms: OfferTerms = {
      mode: 'license', exclusivity: 'exclusive', territory: '中国大陆', fieldOfUse: '动力电池', termYears: 5, upfrontFee: 30_000_000, royaltyRate: 3.5,
      milestones: [{ description: '技术交底', amount: 10_000_000, due: '2027-03-31' }],
    };
    assert.deepEqual(buildContent(base(terms)), {
      category: { code: 'patent-license', zh: '专利实施许可合同', en: 'Patent Licence Agreement' },
      registrationType: { code: 'license', zh: '技术许可', en: 'Technology licensing' },
      mode: 'license',
      ...common([{ zh: '许可方', en: 'Licensor' }, { zh: '被许可方', en: 'Licensee' }]),
      terms,
      amount: 40_000_000,
      paymentSchedule: [
        { key: 'deposit', kind: 'deposit', label: { zh: '定金', en: 'Deposit' }, amount: 4_000_000, due: null },
        { key: 'upfront', kind: 'upfront', label: { zh: '入门费', en: 'Upfront fee' }, amount: 26_000_000, due: null },
        { key: 'milestone-1', kind: 'milestone', label: { zh: '里程碑付款 1：技术交底', en: 'Milestone 1: 技术交底' }, amount: 10_000_000, due: '2027-03-31' },
      ],
    });
  });

  it('states a transfer: 专利权转让合同 with the price paid in its instalments', () => {
    const terms: OfferTerms = { mode: 'transfer', price: 200_000_000, paymentSchedule: [{ description: '签约后', amount: 200_000_000, due: '2027-01-31' }] };
    assert.deepEqual(buildContent(base(terms)), {
      category: { code: 'patent-transfer', zh: '专利权转让合同', en: 'Patent Assignment Agreement' },
      registrationType: { code: 'transfer', zh: '技术转让', en: 'Technology transfer' },
      mode: 'transfer',
      ...common([{ zh: '让与方', en: 'Assignor' }, { zh: '受让方', en: 'Assignee' }]),
      terms,
      amount: 200_000_000,
      paymentSchedule: [
        { key: 'deposit', kind: 'deposit', label: { zh: '定金', en: 'Deposit' }, amount: 20_000_000, due: null },
        { key: 'installment-1', kind: 'installment', label: { zh: '第 1 期付款：签约后', en: 'Instalment 1: 签约后' }, amount: 180_000_000, due: '2027-01-31' },
      ],
    });
  });

  it('states an equity contribution: 技术作价入股协议, the valuation as its amount and no cash schedule', () => {
    const terms: OfferTerms = {
      mode: 'equity', ipValuation: 300_000_000, equitySharePct: 15, company: { name: '上海锂新材料科技有限公司', registeredCapital: 2_000_000_000 },
      cashPayments: [], vesting: { totalMonths: 36, cliffMonths: 12 },
    };
    assert.deepEqual(buildContent(base(terms)), {
      category: { code: 'equity-contribution', zh: '技术作价入股协议', en: 'Technology Capital Contribution Agreement' },
      registrationType: { code: 'transfer', zh: '技术转让', en: 'Technology transfer' },
      mode: 'equity',
      ...common([{ zh: '技术出资方', en: 'Technology contributor' }, { zh: '合作方', en: 'Co-investor' }]),
      terms,
      amount: 300_000_000,
      paymentSchedule: [],
    });
  });

  it('names the category by IP type: know-how and software', () => {
    assert.equal(contractCategory('license', 'know-how'), 'know-how-license');
    assert.equal(contractCategory('transfer', 'know-how'), 'know-how-transfer');
    assert.equal(contractCategory('transfer', 'software-copyright'), 'software-copyright-transfer');
    assert.equal(contractCategory('transfer', 'utility-model'), 'patent-transfer');
  });

  it('hashes canonical JSON: key order does not matter, every value does', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }), '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    assert.equal(contentHash({ a: 1, b: 2 }), contentHash({ b: 2, a: 1 }));
    assert.notEqual(contentHash({ a: 1, b: 2 }), contentHash({ a: 1, b: 3 }));
    const terms: OfferTerms = { mode: 'transfer', price: 100, paymentSchedule: [{ description: 'x', amount: 100, due: '2027-01-01' }] };
    const one = contentHash(buildContent(base(terms)));
    assert.match(one, /^[0-9a-f]{64}$/);
    assert.equal(contentHash(buildContent(base(terms))), one, 'a pure function of its inputs');
    assert.notEqual(contentHash(buildContent({ ...base(terms), particulars: { ...DEFAULT_PARTICULARS, confidentialityYears: 6 } })), one);
  });
});
