import { fenToYuan, formatFenEn, formatFenZh } from '@techbridge/search/money';
import type { OfferTerms } from '../deals/deals.schemas';
import type { ContractContent } from './contract.content';

// The contract's wording in Chinese and English, from its canonical content: what the PDF prints.

export type Lang = 'zh' | 'en';
type Pair = [label: string, value: string];

/** An exact amount: "人民币 300,000.00 元（30 万元）" / "CNY 300,000.00 (¥300k)". */
export function money(fen: number, lang: Lang): string {
  const exact = fenToYuan(fen).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `人民币 ${exact} 元（${formatFenZh(fen)}）` : `CNY ${exact} (${formatFenEn(fen)})`;
}

const EXCLUSIVITY = {
  exclusive: { zh: '独占许可', en: 'exclusive licence' },
  sole: { zh: '排他许可', en: 'sole licence' },
  'non-exclusive': { zh: '普通许可', en: 'non-exclusive licence' },
} as const;

/** Well-known venues' English names (the parties type the venue; these read better in the English text). */
const VENUES_EN: Record<string, string> = {
  中国国际经济贸易仲裁委员会: 'the China International Economic and Trade Arbitration Commission (CIETAC)',
  上海国际仲裁中心: 'the Shanghai International Arbitration Center',
  北京仲裁委员会: 'the Beijing Arbitration Commission',
  深圳国际仲裁院: 'the Shenzhen Court of International Arbitration',
};
const venue = (v: string, lang: Lang) => (lang === 'en' ? (VENUES_EN[v] ?? v) : v);

/** Every agreed term as label/value lines. */
export function termLines(t: OfferTerms, lang: Lang): Pair[] {
  const zh = lang === 'zh';
  switch (t.mode) {
    case 'license':
      return [
        [zh ? '许可方式' : 'Licence type', EXCLUSIVITY[t.exclusivity][lang]],
        [zh ? '许可地域' : 'Territory', t.territory],
        [zh ? '许可使用领域' : 'Field of use', t.fieldOfUse],
        [zh ? '许可期限' : 'Term', zh ? `${t.termYears} 年` : `${t.termYears} years`],
        [zh ? '入门费' : 'Upfront fee', money(t.upfrontFee, lang)],
        [zh ? '提成费率' : 'Royalty rate', zh ? `净销售额的 ${t.royaltyRate}%` : `${t.royaltyRate}% of net sales`],
      ];
    case 'transfer':
      return [[zh ? '转让价款' : 'Price', money(t.price, lang)]];
    case 'equity':
      return [
        [zh ? '技术作价金额' : 'Valuation of the technology', money(t.ipValuation, lang)],
        [zh ? '折合股权比例' : 'Equity share', `${t.equitySharePct}%`],
        [zh ? '目标公司' : 'Company', t.company.name],
        ...(t.company.registeredCapital !== undefined ? [[zh ? '注册资本' : 'Registered capital', money(t.company.registeredCapital, lang)] as Pair] : []),
        ...(t.vesting
          ? [
              [
                zh ? '股权兑现' : 'Vesting',
                zh ? `共 ${t.vesting.totalMonths} 个月，锁定期 ${t.vesting.cliffMonths} 个月` : `${t.vesting.totalMonths} months, ${t.vesting.cliffMonths}-month cliff`,
              ] as Pair,
            ]
          : []),
      ];
  }
}

/** The numbered clauses of the contract, each a heading and its paragraphs. */
export function clauses(c: ContractContent, lang: Lang): { heading: string; lines: string[] }[] {
  const zh = lang === 'zh';
  const sep = zh ? '：' : ': ';
  const a = c.achievement;
  const patents = a.patents.length
    ? a.patents.map((p) => `${p.number}${p.title ? ` ${p.title}` : ''}${p.expiry ? (zh ? `（有效期至 ${p.expiry}）` : ` (valid until ${p.expiry})`) : ''}`)
    : [zh ? '（无专利号）' : '(no patent numbers)'];
  const schedule = c.paymentSchedule.length
    ? c.paymentSchedule.map((p, i) => `${i + 1}. ${p.label[lang]}${sep}${money(p.amount, lang)}${zh ? '，' : ', '}${p.due ?? (zh ? '合同生效时支付' : 'due on signing')}`)
    : [zh ? '本合同不约定现金支付。' : 'This contract schedules no cash payment.'];
  const dispute =
    c.dispute.method === 'arbitration'
      ? zh
        ? `因本合同发生的争议，双方协商解决；协商不成的，提交${c.dispute.venue}按其仲裁规则仲裁，仲裁裁决是终局的。`
        : `Disputes are settled by negotiation, failing which they are submitted to ${venue(c.dispute.venue, lang)} for arbitration under its rules; the award is final.`
      : zh
        ? `因本合同发生的争议，双方协商解决；协商不成的，向${c.dispute.venue}提起诉讼。`
        : `Disputes are settled by negotiation, failing which either party may sue before ${venue(c.dispute.venue, lang)}.`;
  return [
    {
      heading: zh ? '第一条 合同标的' : 'Article 1 Subject matter',
      lines: [
        `${zh ? '技术成果' : 'Technology'}${sep}${a.title[lang] || a.title.zh || a.title.en}`,
        `${zh ? '技术领域' : 'Field'}${sep}${a.field[lang]}${zh ? '；' : '; '}${zh ? '知识产权类型' : 'IP type'}${sep}${a.ipType[lang]}`,
        `${zh ? '专利' : 'Patents'}${sep}${patents.join(zh ? '；' : '; ')}`,
      ],
    },
    { heading: zh ? '第二条 主要条款' : 'Article 2 Terms', lines: termLines(c.terms, lang).map(([k, v]) => `${k}${sep}${v}`) },
    {
      heading: zh ? '第三条 价款及支付' : 'Article 3 Consideration and payment',
      lines: [
        `${zh ? '合同金额' : 'Contract amount'}${sep}${money(c.amount, lang)}`,
        ...schedule,
        ...(c.paymentSchedule.some((p) => p.kind === 'deposit')
          ? [zh ? '定金于合同生效时支付，并抵作首期价款。' : 'The deposit is due on signing and is credited against the first payment.']
          : []),
      ],
    },
    {
      heading: zh ? '第四条 保密' : 'Article 4 Confidentiality',
      lines: [
        zh
          ? `双方对在履行本合同中知悉的对方技术秘密和商业秘密负有保密义务，保密期限为本合同生效之日起 ${c.confidentiality.years} 年。`
          : `Each party keeps the other's technical and business secrets learnt under this contract confidential for ${c.confidentiality.years} years from its effective date.`,
      ],
    },
    { heading: zh ? '第五条 争议解决' : 'Article 5 Dispute resolution', lines: [dispute] },
    {
      heading: zh ? '第六条 生效' : 'Article 6 Effect',
      lines: [
        zh
          ? '本合同经双方授权代表在 TechBridge 平台以电子方式签署后生效；签署的是下列 SHA-256 摘要所标识的合同内容。'
          : "This contract takes effect when both parties' authorised representatives sign it electronically on TechBridge; what they sign is the content identified by the SHA-256 digest below.",
      ],
    },
  ];
}
