// An agency's commission statement as CSV: UTF-8 with a BOM and CRLF line ends (what Excel
// expects), every cell safe against formula injection.

import { fenToYuan } from '@techbridge/search/money';
import { csvCell } from '../common/csv';
import type { IndicatorsService } from './indicators.service';

type Statement = Awaited<ReturnType<IndicatorsService['statement']>>;

const yuan = (fen: number) => fenToYuan(fen).toFixed(2);

const HEADERS = [
  '收款日期 Paid on',
  '交易编号 Deal',
  '款项编号 Item',
  '成果 Achievement',
  '卖方 Supplier',
  '买方 Buyer',
  '款项 Payment',
  '金额（元） Amount (CNY)',
  '已退款（元） Refunded (CNY)',
  '净额（元） Net (CNY)',
  '佣金比例（%） Commission rate (%)',
  '佣金（元） Commission (CNY)',
  '佣金（分） Commission (fen)',
];

/** The statement as CSV: a header, a row per payment received, a totals row. */
export function statementCsv(s: Statement): string {
  const lines = s.rows.map((r) =>
    [
      r.paidOn,
      r.dealId,
      r.itemId,
      r.achievement.zh || r.achievement.en,
      r.supplier.zh || r.supplier.en,
      r.buyer.zh || r.buyer.en,
      r.item.zh || r.item.en,
      yuan(r.amount),
      yuan(r.refunded),
      yuan(r.net),
      (r.commissionBps / 100).toFixed(2),
      yuan(r.commission),
      r.commission,
    ]
      .map(csvCell)
      .join(','),
  );
  const total = ['合计 Total', '', '', '', '', '', '', yuan(s.totals.amount), yuan(s.totals.refunded), yuan(s.totals.net), '', yuan(s.totals.commission), s.totals.commission].map(csvCell).join(',');
  return `\uFEFF${[HEADERS.map(csvCell).join(','), ...lines, total].join('\r\n')}\r\n`;
}
