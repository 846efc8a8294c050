// `npm run seed` loads the demo data (idempotent: only what is missing is inserted).
// `--if-empty` (used by `npm start` on every start) returns at once when organisations exist.
import mongoose from 'mongoose';
import { connectDatabase, syncIndexes } from '../../api/src/db';
import { buildDemoData } from './demo';
import { hasData, loadDemoData } from './load';

const ifEmpty = process.argv.includes('--if-empty');
const uri = process.env.MONGODB_URI;
if (!uri) {
  console.error('MONGODB_URI is not set (run through `npm run seed`, which starts FerretDB)');
  process.exit(2);
}
const t0 = Date.now();
await connectDatabase(uri);
try {
  if (ifEmpty && (await hasData())) {
    console.log('[seed] data present; demo data not loaded');
  } else {
    await syncIndexes();
    const r = await loadDemoData(buildDemoData());
    const line = (name: string, c: { inserted: number; existing: number }) => `${name} +${c.inserted} (${c.existing} already there)`;
    console.log(
      `[seed] ${[line('orgs', r.orgs), line('users', r.users), line('achievements', r.achievements), line('demands', r.demands), line('portfolios', r.portfolios), line('deals', r.deals)].join(', ')}; ` +
        `${r.deals.matches} matches and ${r.deals.interests} interests they came from, ${r.deals.contracts} contracts, ${r.deals.paymentItems} payment items; ${r.indicators ? `indicators rebuilt (${r.indicators.facts} facts); ` : ''}platform admin ${r.admins.join(', ')}; ${((Date.now() - t0) / 1000).toFixed(1)} s. Logins: seed/README.md`,
    );
  }
} finally {
  await mongoose.disconnect();
}
