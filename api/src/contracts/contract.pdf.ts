import { cjkDocument } from '../common/cjk-pdf';
import type { ContractContent } from './contract.content';
import { clauses, type Lang } from './contract.text';

// The contract as a PDF (pdfkit): Noto Sans CJK embedded and subset (common/cjk-pdf.ts), Chinese or
// English, the content's sha-256 on every page.

export interface PdfSignature {
  side: string;
  userName: string;
  at: Date | string;
}

/** Renders the contract; resolves to the PDF's bytes. */
export function renderContractPdf(c: ContractContent, hash: string, lang: Lang, signatures: readonly PdfSignature[] = []): Promise<Buffer> {
  const zh = lang === 'zh';
  let started;
  try {
    started = cjkDocument({ size: 'A4', margins: { top: 60, bottom: 70, left: 60, right: 60 }, bufferPages: true, info: { Title: c.category[lang], Subject: hash } }, 'contract PDFs');
  } catch (err) {
    return Promise.reject(err);
  }
  const { doc, bytes: done } = started;

  doc.fontSize(20).text(c.category[lang], { align: 'center' });
  doc.moveDown(0.3).fontSize(9).fillColor('#555').text(`${zh ? '合同编号' : 'Contract no.'} ${c.dealId}-${c.offerVersion}`, { align: 'center' });
  doc.fillColor('#000').moveDown(1);

  const sep = zh ? '：' : ': ';
  const parties = [c.parties.supplier, c.parties.buyer, ...(c.parties.broker ? [c.parties.broker] : [])];
  for (const p of parties) {
    doc.fontSize(11).text(`${p.role[lang]}${sep}${p.name[lang] || p.name.zh || p.name.en}`);
    const code = p.creditCode ?? (zh ? '未提供' : 'not provided');
    doc.fontSize(9).fillColor('#333').text(`${zh ? '统一社会信用代码' : 'Unified social credit code'}${sep}${code}    ${zh ? '所在地区' : 'Region'}${sep}${p.region[lang]}`);
    doc.fillColor('#000').moveDown(0.5);
  }
  doc.moveDown(0.5);

  for (const clause of clauses(c, lang)) {
    doc.fontSize(12).text(clause.heading);
    doc.moveDown(0.2).fontSize(10);
    for (const line of clause.lines) doc.text(line, { indent: 14, lineGap: 2 });
    doc.moveDown(0.6);
  }

  doc.moveDown(0.5).fontSize(12).text(zh ? '签署' : 'Signatures');
  doc.moveDown(0.2).fontSize(10);
  for (const side of ['supplier', 'buyer'] as const) {
    const s = signatures.find((x) => x.side === side);
    const who = c.parties[side];
    const signed = s ? `${s.userName}${zh ? '，' : ', '}${new Date(s.at).toISOString().replace('T', ' ').slice(0, 19)} UTC` : zh ? '（待签署）' : '(not signed yet)';
    doc.text(`${who.role[lang]}${sep}${who.name[lang] || who.name.zh}    ${zh ? '授权代表' : 'Signed by'}${sep}${signed}`, { indent: 14 });
  }

  // The footer on every page: the digest that identifies what was signed.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const page = zh ? `第 ${i + 1} / ${range.count} 页` : `Page ${i + 1} of ${range.count}`;
    doc.fontSize(7).fillColor('#555').text(`SHA-256: ${hash}    ${page}`, 60, doc.page.height - 40, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
