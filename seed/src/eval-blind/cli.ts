/**
 * `npm run eval:match [-- --half dev|heldout]`: the production matcher on the blind evaluation set
 * (issue 18). The dev half (default) prints every case — id, kind, relevant keys, the ranked top 10
 * with scores and broken constraints, the first relevant rank — then its figures; this is the half
 * to tune against. `--half heldout` prints ONLY the held-out aggregate figures, never a case.
 * `--json` prints the figures as JSON lines (the bench's format) instead of a table.
 */
import { BLIND_CATALOGUE, BLIND_HALVES, BLIND_KINDS, blindEngine, blindFigureLines, runBlindCases, blindFigures, type BlindFigures, type BlindHalf } from './score';

const out = (s = '') => process.stdout.write(`${s}\n`);

function parseArgs(argv: string[]): { half: BlindHalf; json: boolean } {
  let half: BlindHalf = 'dev';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--half' || a.startsWith('--half=')) {
      const v = a === '--half' ? argv[++i] : a.slice('--half='.length);
      if (v !== 'dev' && v !== 'heldout') throw new Error(`--half must be dev or heldout, not ${v}`);
      half = v;
    } else if (a === '--help' || a === '-h') {
      out('usage: npm run eval:match [-- --half dev|heldout] [--json]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return { half, json };
}

const f3 = (x: number) => x.toFixed(3);

function printFigures(half: BlindHalf, f: BlindFigures, json: boolean) {
  if (json) {
    for (const l of blindFigureLines(half, f)) out(JSON.stringify({ figure: l.figure, value: Math.round(l.value * 1000) / 1000, unit: l.unit, ...l.extra }));
    return;
  }
  out(`${half}: ${f.cases} cases — ${BLIND_HALVES[half].split}`);
  out(`  hit@5 ${f3(f.hitAt5)}  MRR ${f3(f.mrr)}  recall@10 ${f3(f.recallAt10)}`);
  out(`  cross-language (${f.crosslang.cases}): hit@5 ${f3(f.crosslang.hitAt5)}  MRR ${f3(f.crosslang.mrr)}`);
  out(`  constraint breaks in the top 5: ${f.breaksTop5} of ${f.slotsTop5} slots`);
  for (const k of BLIND_KINDS) {
    const s = f.byKind[k];
    out(`  ${k.padEnd(16)} ${String(s.cases).padStart(2)} cases  hit@5 ${f3(s.hitAt5)}  MRR ${f3(s.mrr)}  recall@10 ${f3(s.recallAt10)}  breaks ${s.breaksTop5}/${s.slotsTop5}`);
  }
}

async function main() {
  const { half, json } = parseArgs(process.argv.slice(2));
  const ctx = await blindEngine();
  try {
    const cases = BLIND_HALVES[half].cases;
    const results = await runBlindCases(ctx, cases);
    if (half === 'dev' && !json) {
      out(`blind set, dev half: ${cases.length} demands against ${ctx.docOf.size} published listings (${BLIND_CATALOGUE.length} of them blind)`);
      for (const r of results) {
        out();
        out(`${r.id} [${r.kind}] relevant: ${r.relevant.join(', ')} — first relevant at ${r.firstRelevant ?? 'none in the top 10'}; top-5 breaks ${r.breaksTop5}`);
        r.ranked.forEach((x, i) => {
          const mark = r.relevant.includes(x.key) ? '*' : ' ';
          out(`  ${String(i + 1).padStart(2)}${mark} ${x.key.padEnd(32)} ${x.score.toFixed(3)}${x.breaks.length ? `  breaks ${x.breaks.join(',')}` : ''}`);
        });
        if (r.ranked.length === 0) out('   (no match kept)');
      }
      out();
    }
    printFigures(half, blindFigures(results), json);
  } finally {
    await ctx.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
