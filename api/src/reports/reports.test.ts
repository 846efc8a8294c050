import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import type { Socket } from 'socket.io-client';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { signInAdmin, signUp, type SignedIn } from '../../test/factories';
import { contractedDeal } from '../../test/payments.factories';
import { agreedDeal, invitedMember } from '../../test/contracts.factories';
import { collect, connect, until } from '../../test/sockets';
import { pdfText } from '../../test/pdf-text';
import { ReportFile, ReportJob } from './report.model';
import { chinaYear } from './reports.schemas';
import type { ReportJobView } from './reports.presenter';
import { formatValue } from './report.document';

/** supertest's parser for a binary body (the PDF's bytes). */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A CSV line's cells (quoted cells unquoted). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

async function waitDone(admin: SignedIn, id: string, timeoutMs = 90_000): Promise<ReportJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.client.get(`/api/reports/${id}`).expect(200);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body as ReportJobView;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${res.body.status} (${res.body.progress}%)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A deal whose contract both parties signed (its amount is the indicators' turnover). */
async function signedDeal(url: string, mode: 'license' | 'transfer' | 'equity') {
  const d = await agreedDeal(url, mode);
  const { hash } = (await d.buyer.client.get(`/api/deals/${d.dealId}/contract`).expect(200)).body;
  await d.buyer.client.post(`/api/deals/${d.dealId}/contract/sign`, { hash }).expect(201);
  await d.supplier.client.post(`/api/deals/${d.dealId}/contract/sign`, { hash }).expect(201);
  return d;
}

describe('annual reports (/api/reports)', function () {
  this.timeout(180_000);
  let srv: TestServer;
  const sockets: Socket[] = [];
  const year = chinaYear();

  beforeEach(async () => {
    srv = await startTestServer({}, {}, { realtime: true });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await srv.close();
  });

  it('is for platform admins: 401 without a session, 403 for an org admin and a member, on every route', async () => {
    const anon = await new TestClient(srv.url).init();
    await anon.post('/api/reports/annual', { year }).expect(401);
    await anon.get('/api/reports').expect(401);
    const orgAdmin = await signUp(srv.url, { verified: true });
    const member = await invitedMember(srv.url, orgAdmin);
    const job = await ReportJob.create({ year, status: 'failed', stage: 'failed' });
    await anon.get(`/api/reports/${String(job._id)}/report.pdf`).expect(401);
    for (const who of [orgAdmin, member]) {
      const post = await who.client.post('/api/reports/annual', { year }).expect(403);
      assert.equal(post.body.error.code, 'not_platform_admin');
      await who.client.get('/api/reports').expect(403);
      await who.client.get(`/api/reports/${String(job._id)}`).expect(403);
      await who.client.get(`/api/reports/${String(job._id)}/report.pdf`).expect(403);
      await who.client.get(`/api/reports/${String(job._id)}/report.csv`).expect(403);
    }
    assert.equal(await ReportJob.countDocuments(), 1, 'no job was queued by the refused requests');
  });

  it('answers 400 naming the field for a bad year or region, 404 for an unknown report, 409 for one not done', async () => {
    const admin = await signInAdmin(srv.url);
    const bad: [unknown, string, RegExp][] = [
      [{}, 'year', /year/],
      [{ year: '2025' }, 'year', /year/],
      [{ year: 2025.5 }, 'year', /whole number/],
      [{ year: 2019 }, 'year', /2020 or later/],
      [{ year: year + 1 }, 'year', /future/],
      [{ year, province: '999999' }, 'province', /province code/],
      [{ year, city: '南京市' }, 'city', /needs a province/],
      [{ year, province: '320000', city: '' }, 'city', /empty/],
      [{ year, region: 'x' }, 'region', /not an accepted field/],
    ];
    for (const [body, field, message] of bad) {
      // worded in English when asked (Chinese is the default)
      const res = await admin.client.agent.post('/api/reports/annual').set('x-csrf-token', admin.client.csrf).set('accept-language', 'en').send(body as object).expect(400);
      assert.equal(res.body.error.field, field, JSON.stringify(body));
      assert.match(res.body.error.message, message);
    }
    assert.equal(await ReportJob.countDocuments(), 0);
    await admin.client.get('/api/reports/0123456789abcdef01234567').expect(404);
    await admin.client.get('/api/reports/not-an-id').expect(400);
    await admin.client.get('/api/reports/0123456789abcdef01234567/report.pdf?lang=fr').expect(400);
    const failed = await ReportJob.create({ year, status: 'failed', stage: 'failed' });
    const res = await admin.client.get(`/api/reports/${String(failed._id)}/report.pdf`).expect(409);
    assert.equal(res.body.error.code, 'report_not_ready');
  });

  it('runs a requested report in the background to done, pushing its progress to the requester’s socket', async () => {
    await contractedDeal(srv, 'license');
    await contractedDeal(srv, 'transfer');
    await srv.services.indicators.idle();
    const admin = await signInAdmin(srv.url);
    const other = await signInAdmin(srv.url);
    const mine = await connect(srv.url, admin.client.cookieHeader());
    const theirs = await connect(srv.url, other.client.cookieHeader());
    sockets.push(mine, theirs);
    const pushed = collect<ReportJobView>(mine, 'report:progress');
    const overheard = collect<ReportJobView>(theirs, 'report:progress');

    const res = await admin.client.post('/api/reports/annual', { year }).expect(202);
    assert.equal(res.body.status, 'queued');
    assert.equal(res.body.year, year);
    assert.equal(res.body.requestedBy, admin.user.id);
    const done = await waitDone(admin, res.body.id);
    assert.equal(done.status, 'done', done.error ?? '');
    assert.equal(done.progress, 100);
    assert.ok(done.files && done.files.pdfZh > 1000 && done.files.pdfEn > 1000 && done.files.csv > 100);
    await until(() => pushed.some((p) => p.status === 'done'), 'the done push');
    const progress = pushed.map((p) => p.progress);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
    const stages = new Set(pushed.map((p) => p.stage));
    for (const s of ['indicators', 'pdf-zh', 'pdf-en', 'csv', 'saving', 'done']) assert.ok(stages.has(s as never), `stage ${s} pushed`);
    assert.ok(pushed.every((p) => p.id === res.body.id));
    assert.equal(overheard.length, 0, 'another admin’s socket hears nothing of it');
    // another admin may still read and download it
    await other.client.get(`/api/reports/${res.body.id}`).expect(200);
    const list = await other.client.get('/api/reports').expect(200);
    assert.equal(list.body.items[0].id, res.body.id);
  });

  it('serves the Chinese PDF (section titles, figures), the English one and a CSV that reconciles with the indicators', async () => {
    await signedDeal(srv.url, 'license');
    await signedDeal(srv.url, 'transfer');
    await srv.services.indicators.idle();
    const admin = await signInAdmin(srv.url);
    const { body: job } = await admin.client.post('/api/reports/annual', { year }).expect(202);
    assert.equal((await waitDone(admin, job.id)).status, 'done');
    const ind = await srv.services.indicators.indicators({ year });
    assert.ok(ind.totals.dealsContracted >= 2 && ind.totals.listings >= 2 && ind.totals.turnover > 0, 'the fixture shows in the indicators');

    const pdf = await admin.client.get(`/api/reports/${job.id}/report.pdf`).buffer(true).parse(binary).expect(200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-disposition'], `attachment; filename="annual-report-${year}-all-zh.pdf"`);
    const pages = await pdfText(pdf.body as Buffer);
    const text = pages.join('\n');
    assert.match(pages[0]!, new RegExp(`全国${year} 年度技术转移转化报告`));
    assert.match(pages[1]!, /目录/);
    for (const title of ['一、总体情况', '二、按月份', '三、按技术领域', '四、按地区', '五、按交易方式', '六、按机构类型', '七、转化漏斗', '八、高校科技成果转化', '九、技术转移机构绩效']) {
      assert.ok(pages[1]!.includes(title), `contents list ${title}`);
      assert.ok(pages.slice(2).some((p) => p.includes(title)), `section ${title}`);
    }
    assert.ok(text.includes(formatValue(ind.totals.turnover, 'fen', 'zh')), `turnover ${formatValue(ind.totals.turnover, 'fen', 'zh')}`);
    assert.ok(text.includes('签订技术合同') && text.includes(String(ind.totals.dealsContracted)));

    const en = await admin.client.get(`/api/reports/${job.id}/report.pdf?lang=en`).buffer(true).parse(binary).expect(200);
    assert.equal(en.headers['content-disposition'], `attachment; filename="annual-report-${year}-all-en.pdf"`);
    assert.match((await pdfText(en.body as Buffer))[1]!, /Contents/);

    const csv = await admin.client.get(`/api/reports/${job.id}/report.csv`).buffer(true).parse(binary).expect(200);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(csv.headers['content-disposition'], `attachment; filename="annual-report-${year}-all.csv"`);
    const body = (csv.body as Buffer).toString('utf8');
    assert.ok(body.startsWith('\uFEFF'));
    const rows = body.slice(1).trimEnd().split('\r\n').slice(1).map(cells);
    const value = (section: string, table: string, item: string, metric: string) => {
      const row = rows.find((r) => r[2] === section && r[3] === table && r[4] === item && r[7] === metric);
      assert.ok(row, `${section}/${table}/${item}/${metric} in the CSV`);
      return row[11] === '' ? null : Number(row[11]);
    };
    for (const m of ['turnover', 'paid', 'dealsContracted', 'listings', 'demands', 'matches', 'dealsOpened', 'dealsAgreed', 'dealsCompleted'] as const) {
      assert.equal(value('overview', 'figures', m, m), ind.totals[m], m);
    }
    for (const f of ind.byField) {
      assert.equal(value('by_field', 'field', f.key, 'turnover'), f.turnover);
      assert.equal(value('by_field', 'field', f.key, 'dealsContracted'), f.dealsContracted);
    }
    for (const m of ind.byMode) assert.equal(value('by_mode', 'mode', m.key, 'dealsAgreed'), m.dealsAgreed);
    for (const mo of ind.byMonth) assert.equal(value('by_month', 'month', mo.key, 'listings'), mo.listings);
    for (const s of ind.funnel) assert.equal(value('funnel', 'funnel', s.step, 'count'), s.count);
    assert.equal(value('overview', 'figures', 'match_to_agreement_median_days', 'match_to_agreement_median_days'), ind.matchToAgreement.medianDays);
    // the sums of the breakdowns are the totals
    const sum = (table: string, metric: string) => rows.filter((r) => r[3] === table && r[7] === metric).reduce((s, r) => s + Number(r[11]), 0);
    assert.equal(sum('field', 'dealsContracted'), ind.totals.dealsContracted);
    assert.equal(sum('month', 'turnover'), ind.totals.turnover);
  });

  it('reports on one province: its cities, its own figures', async () => {
    await contractedDeal(srv, 'license');
    await srv.services.indicators.idle();
    const admin = await signInAdmin(srv.url);
    const { body: job } = await admin.client.post('/api/reports/annual', { year, province: '110000' }).expect(202);
    assert.deepEqual(job.region, { zh: '北京市', en: 'Beijing' });
    assert.equal((await waitDone(admin, job.id)).status, 'done');
    const ind = await srv.services.indicators.indicators({ year, province: '110000' });
    const csv = await admin.client.get(`/api/reports/${job.id}/report.csv`).buffer(true).parse(binary).expect(200);
    const rows = (csv.body as Buffer).toString('utf8').slice(1).trimEnd().split('\r\n').slice(1).map(cells);
    const listings = rows.find((r) => r[2] === 'overview' && r[4] === 'listings');
    assert.equal(Number(listings![11]), ind.totals.listings);
    assert.ok(rows.every((r) => r[1] === '110000'));
    assert.ok(!rows.some((r) => r[2] === 'agencies'), 'the agencies’ ranking is the whole platform’s, left out of a province');
    const pages = await pdfText((await admin.client.get(`/api/reports/${job.id}/report.pdf`).buffer(true).parse(binary).expect(200)).body as Buffer);
    assert.match(pages[0]!, new RegExp(`北京市${year} 年度技术转移转化报告`));
  });

  it('begins again a job a crash left running, and gives one up after repeated crashes', async () => {
    const admin = await signInAdmin(srv.url);
    // As a process killed mid-way leaves them: running, with a stage and attempts already counted.
    const left = await ReportJob.create({ year, status: 'running', stage: 'pdf-zh', progress: 40, attempts: 1, requestedBy: admin.user.id, startedAt: new Date() });
    const doomed = await ReportJob.create({ year, status: 'running', stage: 'pdf-en', progress: 70, attempts: 3, startedAt: new Date() });
    await srv.services.reports.reports.wake();
    const a = await waitDone(admin, String(left._id));
    assert.equal(a.status, 'done');
    assert.equal((await ReportJob.findById(left._id).lean())!.attempts, 2);
    const b = await waitDone(admin, String(doomed._id));
    assert.equal(b.status, 'failed');
    assert.equal(b.error, 'interrupted too many times');
    assert.equal(await ReportFile.countDocuments({ job: doomed._id }), 0);
    assert.equal(await ReportFile.countDocuments({ job: left._id }), 3);
  });
});
