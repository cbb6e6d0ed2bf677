// Fault soak: 1,000 seeded in-process executes on paper venues that reject, time out after
// accepting, drop connections, rate-limit and fill partly; an execute that leaves orders unknown is
// followed by another (the resume). Counts legs by outcome and every broken invariant: an order
// lost (unfinished or not matching the venue) or doubled, a negative balance, lots != balances.
// Run: npx tsc -p tsconfig.bench.json && node build-bench/bench/soak.js [runs=1000]
import { checkBooks, executeRunIds } from '../test/execute-helpers/books.js';
import { NOW, openHarness } from '../test/execute-helpers/harness.js';
import { scenarioYaml } from '../test/execute-helpers/scenario.js';

const runs = Number(process.argv[2] ?? 1000);
const faults = { reject: '3%', timeout_after_accept: '10%', network_error: '5%', rate_limit: '10%' };
const tally = new Map<string, number>();
const add = (key: string, n = 1) => tally.set(key, (tally.get(key) ?? 0) + n);
const broken: string[] = [];
const started = Date.now();

for (let seed = 1; seed <= runs; seed++) {
  const h = await openHarness(scenarioYaml(seed, { partialFills: '30%', faults }));
  let result = await h.execute();
  for (let again = 0; again < 3 && h.ledger.unfinishedOrders().length > 0; again++) {
    add('resume runs');
    result = await h.execute();
  }
  for (const run of executeRunIds(h.ledger)) {
    const manifest = h.ledger.rebalanceHistory(100).find((r) => r.id === run)?.plan as { outcome?: { orders: { status: string }[] } };
    for (const leg of manifest.outcome?.orders ?? []) add(`legs ${leg.status}`);
  }
  add('retry waits', h.waits.length);
  const check = checkBooks(h.ledger, h.config, NOW, executeRunIds(h.ledger));
  add('orders journaled', check.orders);
  add('orders at venues', check.venueOrders);
  if (check.problems.length > 0) broken.push(`seed ${seed}: ${check.problems.join('; ')}`);
  if (result.kind === 'refused') add(`refused ${result.refusals.map((r) => r.code).join(',')}`);
  h.ledger.close();
}

console.log(`fault soak: ${runs} runs in ${((Date.now() - started) / 1000).toFixed(0)} s (faults per request: ${Object.entries(faults).map(([k, v]) => `${k} ${v}`).join(', ')}; partial_fills 30%)`);
for (const [key, value] of [...tally].sort()) console.log(`  ${key}: ${value}`);
console.log(`  runs with a broken invariant: ${broken.length}`);
for (const line of broken.slice(0, 20)) console.log(`    ${line}`);
process.exitCode = broken.length > 0 ? 1 : 0;
