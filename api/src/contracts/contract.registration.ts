import { fenToYuan } from '@techbridge/search/money';
import { csvText } from '../common/csv';
import type { ContractLean } from './contract.model';
import type { ContractContent } from './contract.content';

// 技术合同登记: what a signed contract is registered with — type, amount, technical field, the
// parties and their unified social credit codes, signing date, region — as JSON rows or a CSV
// Excel opens in Chinese (UTF-8 with a byte-order mark).

/** The signing date in China (UTC+8), `YYYY-MM-DD`. */
const chinaDate = (d: Date | string) => new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** One contract's registration data. */
export function registrationRow(c: ContractLean) {
  const content = c.content as ContractContent;
  const { supplier, buyer } = content.parties;
  return {
    contractNo: `${content.dealId}-${content.offerVersion}`,
    contractId: String(c._id),
    dealId: String(c.deal),
    contractType: content.registrationType,
    category: content.category,
    amountFen: content.amount,
    amountYuan: fenToYuan(content.amount).toFixed(2),
    technicalField: content.achievement.field,
    achievement: content.achievement.title,
    seller: { name: supplier.name, creditCode: supplier.creditCode },
    buyer: { name: buyer.name, creditCode: buyer.creditCode },
    signedOn: c.signedAt ? chinaDate(c.signedAt) : null,
    region: supplier.region,
    hash: c.hash,
  };
}
export type RegistrationRow = ReturnType<typeof registrationRow>;

const HEADERS = [
  '合同编号 Contract no.',
  '合同类型 Type',
  '合同类别 Category',
  '成交金额（元） Amount (CNY)',
  '成交金额（分） Amount (fen)',
  '技术领域 Field',
  '技术名称 Technology',
  '卖方 Seller',
  '卖方统一社会信用代码 Seller credit code',
  '买方 Buyer',
  '买方统一社会信用代码 Buyer credit code',
  '签订日期 Signed on',
  '所在地区 Region',
  '内容摘要 SHA-256',
];

/** The rows as CSV with a UTF-8 BOM and CRLF line ends (what Excel expects). */
export function registrationCsv(rows: readonly RegistrationRow[]): string {
  const lines = rows.map((r) => [
    r.contractNo,
    r.contractType.zh,
    r.category.zh,
    r.amountYuan,
    r.amountFen,
    r.technicalField.zh,
    r.achievement.zh || r.achievement.en,
    r.seller.name.zh || r.seller.name.en,
    r.seller.creditCode,
    r.buyer.name.zh || r.buyer.name.en,
    r.buyer.creditCode,
    r.signedOn,
    r.region.zh,
    r.hash,
  ]);
  return csvText([HEADERS, ...lines]);
}
