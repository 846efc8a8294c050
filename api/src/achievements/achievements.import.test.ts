import assert from 'node:assert/strict';
import { startTestServer, TestClient, type TestServer } from '../../test/server';
import { signUp, type SignedIn } from '../../test/factories';
import { Achievement } from './achievement.model';
import { IMPORT_COLUMNS } from './achievements.import';
import { parseYuan as yuanToFen } from '../contract/money';

const HEADER = IMPORT_COLUMNS.map((c) => c.key);
const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV with the full header and rows given as column → value. */
function csv(rows: Partial<Record<(typeof HEADER)[number], string>>[], header: readonly string[] = HEADER): string {
  return [header.join(','), ...rows.map((r) => header.map((h) => csvCell((r as Record<string, string>)[h] ?? '')).join(','))].join('\r\n');
}

const good = {
  title_zh: '固态电解质薄膜制备技术',
  title_en: 'Solid electrolyte thin-film preparation',
  summary_zh: '一种高离子电导率的固态电解质薄膜。',
  summary_en: 'A solid electrolyte film with high ionic conductivity.',
  details_zh: '溅射功率 120 W（机密）',
  field: 'energy-storage',
  keywords: '固态电池;电解质, electrolyte',
  trl: '5',
  ip_type: 'invention-patent',
  region: '310000',
  patents: 'ZL201710601862.3|granted|2037-07-20|一种固态电解质的制备方法',
  modes: 'license;transfer',
  license_fee_yuan: '50万',
  license_min_royalty_pct: '3.5',
  license_exclusivity: '独占;普通',
  transfer_price_yuan: '2,000,000',
};

describe('achievement CSV import', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv.close());

  const upload = (who: SignedIn, body: Buffer | string, opts: { qs?: string; filename?: string; field?: string } = {}) =>
    who.client.agent
      .post(`/api/achievements/import${opts.qs ?? ''}`)
      .set('x-csrf-token', who.client.csrf)
      .attach(opts.field ?? 'file', Buffer.isBuffer(body) ? body : Buffer.from(body), { filename: opts.filename ?? 'achievements.csv', contentType: 'text/csv' });

  it('serves a template whose example row imports as a draft', async () => {
    const res = await new TestClient(srv.url).agent.get('/api/achievements/import/template').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    assert.match(res.headers['content-type']!, /text\/csv/);
    assert.match(res.headers['content-disposition']!, /attachment/);
    const body = res.body as Buffer;
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    const text = body.toString('utf8');
    assert.ok(text.includes(HEADER.join(',')));
    assert.ok(text.includes('锂电池正极材料') && text.includes('lithium battery'), 'bilingual example');

    const uni = await signUp(srv.url);
    const imported = await upload(uni, body).expect(200);
    assert.equal(imported.body.created, 1, JSON.stringify(imported.body));
    const stored = await Achievement.findById(imported.body.rows[0].id).lean();
    assert.equal(stored!.status, 'draft');
    assert.equal(stored!.modes.find((m) => m.mode === 'license')!.askingPrice, 50_000_000, '50万 元 in fen');
  });

  it('creates the valid rows as drafts and reports every invalid row with the column and the reason', async () => {
    const uni = await signUp(srv.url);
    const file = csv([
      good,
      { ...good, title_zh: '坏行一', trl: '12', field: 'alchemy', patents: 'ZL201710601862.4|granted' },
      {
        title_en: 'Edge AI inference accelerator',
        summary_en: 'Low-power NPU for cameras.',
        field: '人工智能',
        trl: '7',
        ip_type: '技术秘密',
        region: '广东',
        modes: '许可',
        license_exclusivity: '排他',
      },
      { summary_zh: '没有标题', field: 'ai', trl: '3', ip_type: 'know-how', region: '110000', license_fee_yuan: 'abc' },
      {},
      { ...good, title_zh: '坏行三', ip_type: 'software-copyright', equity_valuation_yuan: '100万' },
    ]);
    const res = await upload(uni, file).expect(200);
    assert.equal(res.body.created, 2);
    assert.equal(res.body.invalid, 3);
    const byRow = new Map(res.body.rows.map((r: { row: number }) => [r.row, r]));
    assert.deepEqual([...byRow.keys()], [2, 3, 4, 5, 7], 'spreadsheet row numbers; the empty row 6 is skipped');

    const fields = (row: number) => ((byRow.get(row) as { errors: { field: string; message: string }[] }).errors ?? []).map((e) => e.field).sort();
    assert.equal((byRow.get(2) as { status: string }).status, 'created');
    assert.deepEqual(fields(3), ['field', 'patents', 'trl']);
    const patentErr = (byRow.get(3) as { errors: { field: string; message: string }[] }).errors.find((e) => e.field === 'patents')!;
    assert.match(patentErr.message, /patent 1.*check digit/);
    assert.equal((byRow.get(4) as { status: string }).status, 'created');
    assert.deepEqual(fields(5), ['license_fee_yuan', 'title_zh']);
    assert.deepEqual(fields(7), ['equity_max_share_pct', 'patents']);

    const stored = await Achievement.find({ org: uni.org!.id }).sort({ _id: 1 }).lean();
    assert.equal(stored.length, 2, 'nothing half-written: invalid rows created nothing');
    assert.ok(stored.every((a) => a.status === 'draft' && a.indexDirty));
    const [first, edge] = stored;
    assert.deepEqual(first!.keywords, ['固态电池', '电解质', 'electrolyte']);
    assert.equal(first!.modes.find((m) => m.mode === 'transfer')!.askingPrice, 200_000_000);
    assert.equal(first!.modes.find((m) => m.mode === 'license')!.minRoyaltyRate, 3.5);
    assert.deepEqual(first!.modes.find((m) => m.mode === 'license')!.exclusivity, ['exclusive', 'non-exclusive']);
    assert.equal(first!.details!.zh, '溅射功率 120 W（机密）');
    assert.equal(edge!.field, 'ai');
    assert.equal(edge!.region, '440000');
    assert.equal(edge!.ipType, 'know-how');
    assert.deepEqual(edge!.modes[0]!.exclusivity, ['sole']);
  });

  it('creates nothing with allOrNothing=true when a row is invalid', async () => {
    const uni = await signUp(srv.url);
    const res = await upload(uni, csv([good, { ...good, trl: '0' }]), { qs: '?allOrNothing=true' }).expect(200);
    assert.equal(res.body.created, 0);
    assert.deepEqual(res.body.rows.map((r: { status: string }) => r.status), ['skipped', 'invalid']);
    assert.equal(await Achievement.countDocuments(), 0);
    assert.equal((await upload(uni, csv([good]), { qs: '?allOrNothing=maybe' }).expect(400)).body.error.field, 'allOrNothing');
  });

  it('reads GB18030 (Excel on Chinese Windows) and Chinese column names', async () => {
    const uni = await signUp(srv.url);
    const header = IMPORT_COLUMNS.map((c) => c.zh);
    const text = [header.join(','), IMPORT_COLUMNS.map((c) => csvCell((good as Record<string, string>)[c.key] ?? '')).join(',')].join('\r\n');
    const gbk = Buffer.from(new Uint8Array(encodeGb18030(text)));
    assert.notDeepEqual(gbk, Buffer.from(text), 'really a different encoding');
    const res = await upload(uni, gbk).expect(200);
    assert.equal(res.body.created, 1, JSON.stringify(res.body));
    assert.equal((await Achievement.findOne().lean())!.title!.zh, '固态电解质薄膜制备技术');
  });

  const refused: [string, () => Buffer | string, number, string][] = [
    ['an unknown column', () => csv([good], [...HEADER, 'price']), 400, 'invalid_csv'],
    ['a missing required column', () => csv([good], HEADER.filter((h) => h !== 'trl')), 400, 'invalid_csv'],
    ['a header without rows', () => HEADER.join(','), 400, 'invalid_csv'],
    ['an empty file', () => '', 400, 'invalid_csv'],
    ['broken quoting', () => `${HEADER.join(',')}\r\n"unclosed,${'x,'.repeat(5)}`, 400, 'invalid_csv'],
    ['more than 1000 rows', () => csv(Array.from({ length: 1001 }, () => ({ title_zh: '题', field: 'ai', trl: '3', ip_type: 'know-how', region: '110000' }))), 413, 'too_many_rows'],
    ['a file over 2 MB', () => `${HEADER.join(',')}\r\n${'"' + '字'.repeat(800_000) + '"'}`, 413, 'payload_too_large'],
    ['an XLSX workbook', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), 415, 'unsupported_format'],
  ];
  for (const [what, make, status, code] of refused) {
    it(`answers ${status} ${code} for ${what} and creates nothing`, async () => {
      const uni = await signUp(srv.url);
      const res = await upload(uni, make()).expect(status);
      assert.equal(res.body.error.code, code, res.body.error.message);
      assert.equal(res.body.error.field, 'file');
      assert.equal(await Achievement.countDocuments(), 0);
    });
  }

  it('refuses a request without a file, a file in another field, two files, anonymous callers and a missing CSRF token', async () => {
    const uni = await signUp(srv.url);
    assert.equal((await uni.client.post('/api/achievements/import', {}).expect(400)).body.error.field, 'file');
    assert.equal((await upload(uni, csv([good]), { field: 'upload' }).expect(400)).body.error.code, 'invalid_upload');
    await uni.client.agent
      .post('/api/achievements/import')
      .set('x-csrf-token', uni.client.csrf)
      .attach('file', Buffer.from(csv([good])), 'a.csv')
      .attach('file', Buffer.from(csv([good])), 'b.csv')
      .expect(400);
    const anon = await new TestClient(srv.url).init();
    await anon.agent.post('/api/achievements/import').set('x-csrf-token', anon.csrf).attach('file', Buffer.from(csv([good])), 'a.csv').expect(401);
    await uni.client.agent.post('/api/achievements/import').attach('file', Buffer.from(csv([good])), 'a.csv').expect(403);
    assert.equal(await Achievement.countDocuments(), 0);
  });

  it('converts yuan to fen exactly', () => {
    assert.equal(yuanToFen('1'), 100);
    assert.equal(yuanToFen('0.1'), 10);
    assert.equal(yuanToFen('1,234.56'), 123_456);
    assert.equal(yuanToFen('50万'), 50_000_000);
    assert.equal(yuanToFen('1.5万元'), 1_500_000);
    assert.equal(yuanToFen('0.001'), undefined);
    assert.equal(yuanToFen('-5'), undefined);
    assert.equal(yuanToFen('abc'), undefined);
  });
});

/**
 * A minimal GB18030 encoder for the test (Node can decode GB18030 but not encode it): maps each
 * character through a reverse table built by decoding every two-byte code.
 */
let reverse: Map<string, number[]> | undefined;
function encodeGb18030(text: string): number[] {
  if (!reverse) {
    reverse = new Map();
    const dec = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\uFFFD' && !reverse.has(ch)) reverse.set(ch, [hi, lo]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = reverse.get(ch);
      if (!bytes) throw new Error(`cannot encode ${ch}`);
      out.push(...bytes);
    }
  }
  return out;
}
