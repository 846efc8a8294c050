// `npm run services:install` — builds the pinned FerretDB and stripe-mock into .tools/bin once.
import { installFerretDB, installStripeMock } from './services.mjs';

const t0 = Date.now();
installFerretDB();
installStripeMock();
process.stderr.write(`[services] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
