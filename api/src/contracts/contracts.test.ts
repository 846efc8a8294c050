import assert from 'node:assert/strict';
import type { Response } from 'superagent';
import { startTestServer, type TestServer } from '../../test/server';
import { signInAdmin, signUp } from '../../test/factories';
import { openDealFor } from '../../test/deals.factories';
import { agreedDeal, BUYER_CODE, SUPPLIER_CODE } from '../../test/contracts.factories';
import { Contract } from './contract.model';
import { buildContent, contentHash } from './contract.content';
import { contentSources } from './contract.generate';
import { Deal, type DealLean } from '../deals/deal.model';
import { Achievement } from '../achievements/achievement.model';

/** The text of every page of a PDF, extracted back with pdfjs-dist. */
async function pdfPages(bytes: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const text = await (await doc.getPage(i)).getTextContent();
    pages.push(text.items.map((x) => ('str' in x ? x.str : '')).join(''));
  }
  return pages;
}

/** supertest's parser for a binary body (the PDF's bytes). */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('contracts: generation, reads and PDF (GET /api/deals/:id/contract[.pdf])', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  after(() => srv.close());

  it('generates the contract of an agreed deal once, from the agreed offer, with the canonical content and its hash', async () => {
    const d = await agreedDeal(srv.url, 'license');
    const [a, b] = await Promise.all([d.buyer.client.get(`/api/deals/${d.dealId}/contract`), d.supplier.client.get(`/api/deals/${d.dealId}/contract`)]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.equal(a.body.hash, b.body.hash);
    assert.equal(await Contract.countDocuments({ deal: d.dealId }), 1);
    const c = a.body;
    assert.equal(c.status, 'draft');
    assert.equal(c.revision, 1);
    assert.equal(c.content.category.zh, '专利实施许可合同');
    assert.equal(c.content.parties.supplier.creditCode, SUPPLIER_CODE);
    assert.equal(c.content.parties.buyer.creditCode, BUYER_CODE);
    const deal = await Deal.findById(d.dealId).lean<DealLean>();
    const expected = buildContent({ ...(await contentSources(deal!)), particulars: c.particulars });
    assert.deepEqual(c.content, JSON.parse(JSON.stringify(expected)));
    assert.equal(c.hash, contentHash(expected));
    assert.deepEqual(c.viewer, { side: 'buyer', canEdit: true, canSign: true });
  });

  it('generates it from the agreed event too, before anyone reads it', async () => {
    const d = await agreedDeal(srv.url, 'transfer');
    for (let i = 0; i < 100 && !(await Contract.exists({ deal: d.dealId })); i++) await new Promise((r) => setTimeout(r, 20));
    const c = await Contract.findOne({ deal: d.dealId }).lean();
    assert.equal(c?.category, 'patent-transfer');
  });

  it('answers 409 no_contract before agreement, 404 to outsiders, and lets a platform admin read', async () => {
    const open = await openDealFor(srv.url);
    const r = await open.buyer.client.get(`/api/deals/${open.dealId}/contract`).expect(409);
    assert.equal(r.body.error.code, 'no_contract');
    const d = await agreedDeal(srv.url, 'equity');
    const stranger = await signUp(srv.url, { kind: 'enterprise' });
    await stranger.client.get(`/api/deals/${d.dealId}/contract`).expect(404);
    await stranger.client.get(`/api/deals/${d.dealId}/contract.pdf`).expect(404);
    const admin = await signInAdmin(srv.url);
    const seen = await admin.client.get(`/api/deals/${d.dealId}/contract`).expect(200);
    assert.deepEqual(seen.body.viewer, { side: null, canEdit: false, canSign: false });
    const anon = await signUp(srv.url);
    await anon.client.post('/api/auth/logout').expect(204);
    await anon.client.get(`/api/deals/${d.dealId}/contract`).expect(401);
    const bad = await d.buyer.client.get(`/api/deals/${d.dealId}/contract.pdf?lang=fr`).expect(400);
    assert.equal(bad.body.error.field, 'lang');
  });

  it('renders the PDF in Chinese with the title, parties, amounts and the hash on every page, and in English on request', async function () {
    this.timeout(90_000); // two renders and two extractions of a CJK PDF on a shared machine
    const d = await agreedDeal(srv.url, 'license');
    // Enough patents for the contract to run over more than one page (before it is generated on first read).
    await d.buyer.client.get(`/api/deals/${d.dealId}/contract`).expect(200);
    const patents = Array.from({ length: 40 }, (_, i) => ({ number: `ZL2017106018${String(i).padStart(2, '0')}.3`, title: `一种正极材料的制备方法（${i + 1}）`, status: 'granted' }));
    await Achievement.updateOne({ _id: d.achievementId }, { $set: { patents } });
    await Contract.deleteMany({ deal: d.dealId });
    const c = (await d.buyer.client.get(`/api/deals/${d.dealId}/contract`).expect(200)).body;
    assert.equal(c.content.achievement.patents.length, 40);
    const zh = await d.buyer.client.get(`/api/deals/${d.dealId}/contract.pdf`).buffer(true).parse(binary).expect(200);
    assert.equal(zh.headers['content-type'], 'application/pdf');
    const pages = await pdfPages(zh.body as Buffer);
    const all = pages.join('\n');
    assert.ok(all.includes('专利实施许可合同'), 'the Chinese title');
    assert.ok(all.includes(c.content.parties.supplier.name.zh) && all.includes(c.content.parties.buyer.name.zh), 'both parties');
    assert.ok(all.includes(SUPPLIER_CODE) && all.includes(BUYER_CODE), 'the credit codes');
    assert.ok(all.includes('人民币 600,000.00 元'), 'the contract amount (30 万 upfront + 30 万 of milestones)');
    assert.ok(all.includes('人民币 60,000.00 元'), 'the deposit, 10% of the amount');
    assert.ok(all.includes('3.5%'), 'the royalty rate');
    assert.ok(pages.length >= 2, `${pages.length} page(s)`);
    for (const [i, page] of pages.entries()) assert.ok(page.includes(`SHA-256: ${c.hash}`), `the hash on page ${i + 1}`);
    const en = await d.supplier.client.get(`/api/deals/${d.dealId}/contract.pdf?lang=en`).buffer(true).parse(binary).expect(200);
    const enText = (await pdfPages(en.body as Buffer)).join('\n');
    assert.ok(enText.includes('Patent Licence Agreement'));
    assert.ok(enText.includes('CNY 600,000.00'));
    assert.ok(enText.includes(c.hash));
  });
});
