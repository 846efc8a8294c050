import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as searchMoney from '@techbridge/search/money';
import * as contract from './index';
import type { AchievementStatus as IndexedAchievementStatus, DemandStatus as IndexedDemandStatus, OrgKind as IndexedOrgKind } from '@techbridge/search/indexes';
import type { AchievementStatus, DemandStatus, OrgKind } from './index';

const here = dirname(fileURLToPath(import.meta.url));
const api = resolve(here, '..', '..');
const workspaces: Record<string, string> = { '@techbridge/api': api, '@techbridge/search': resolve(api, '..', 'search') };

/** The modules a file needs at run time: `import type` / `export type` lines are erased by the bundler. */
function runtimeImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s+(type\s)?[^'";]*?from\s+['"]([^'"]+)['"]/gms)) if (!m[1]) specs.push(m[2]!);
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  return specs;
}

/** A specifier as a file of this repository, or null for a package from node_modules. */
function resolveLocal(from: string, spec: string): string | null {
  if (spec.startsWith('.')) return resolve(dirname(from), spec) + '.ts';
  const ws = Object.keys(workspaces).find((w) => spec === w || spec.startsWith(`${w}/`));
  if (!ws) return null;
  const rest = spec.slice(ws.length + 1);
  return resolve(workspaces[ws]!, 'src', `${rest || 'index'}.ts`);
}

/** Every module the contract pulls into a bundle, and the packages they need. */
function runtimeClosure(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      const local = resolveLocal(file, spec);
      if (local) todo.push(local);
      else packages.add(spec);
    }
  }
  return { files: [...files].map((f) => f.slice(resolve(api, '..').length + 1)).sort(), packages: [...packages].sort() };
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('the contract with the browser', () => {
  it('needs no server module at run time: no mongoose, no node built-ins, no models or services', () => {
    const { files, packages } = runtimeClosure(resolve(here, 'index.ts'));
    assert.deepEqual(packages, ['zod'], `packages the contract bundles: ${packages.join(', ')}`);
    const serverish = files.filter((f) => /\.(model|service|routes|socket|policy|presenter)\.ts$|\/(db|config|logger|app|server)\.ts$|\/store\//.test(f));
    assert.deepEqual(serverish, [], `server modules reached: ${serverish.join(', ')}`);
    assert.ok(files.includes('search/src/money.ts'), 'the money helper comes from @techbridge/search');
  });

  it('hands out the one money helper (the same functions search and seed use)', () => {
    for (const name of ['yuanToFen', 'wanToFen', 'fenToYuan', 'fenToWan', 'parseYuan', 'formatWan', 'formatBudget'] as const) {
      assert.equal(contract[name], searchMoney[name], name);
    }
  });

  it('keeps the state tables consistent: every action and transition names known statuses', () => {
    for (const kind of ['achievement', 'demand'] as const) {
      const statuses: readonly string[] = contract.LISTING_STATUSES[kind];
      for (const [action, t] of Object.entries(contract.LISTING_TRANSITIONS[kind])) {
        assert.ok(statuses.includes(t.to), `${kind} ${action} → ${t.to}`);
        for (const from of t.from) assert.ok(statuses.includes(from), `${kind} ${action} from ${from}`);
        assert.ok(!t.from.includes(t.to as never), `${kind} ${action} is not a no-op`);
      }
      for (const s of contract.LISTING_EDITABLE_STATUSES[kind]) assert.ok(statuses.includes(s));
      for (const s of statuses) assert.ok(contract.LISTING_STATUS_COLORS[s as contract.ListingStatus], `${kind} ${s} has a colour`);
    }
    assert.ok(contract.canTakeAction('achievement', 'withdraw', 'negotiating'));
    assert.ok(!contract.canTakeAction('achievement', 'close', 'published'), 'achievements are not closed');
    assert.ok(!contract.canTakeAction('demand', 'withdraw', 'in-negotiation'));
    assert.ok(contract.isEditable('demand', 'open') && !contract.isEditable('demand', 'closed'));
    assert.deepEqual(contract.DEAL_FLOW, contract.DEAL_STATUSES.filter((s) => s !== 'cancelled'));
    for (const s of contract.DEAL_STATUSES) assert.ok(contract.DEAL_STATUS_COLORS[s], `deal ${s} has a colour`);
    for (const from of contract.DEAL_FLOW) for (const to of contract.nextStatuses(from)) assert.ok(contract.DEAL_STATUSES.includes(to));
  });

  it('uses the statuses and organisation kinds the search index stores (search may not import the api)', () => {
    const same: [Equal<AchievementStatus, IndexedAchievementStatus>, Equal<DemandStatus, IndexedDemandStatus>, Equal<OrgKind, IndexedOrgKind>] = [true, true, true];
    assert.deepEqual(same, [true, true, true]);
  });
});
