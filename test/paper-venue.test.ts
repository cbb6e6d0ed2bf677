// A paper venue's state lives in the ledger: what happens to it shows in the next status.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import { editYaml } from './helpers/config-yaml.js';
import { oneVenueConfig, runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const CONFIG = oneVenueConfig('      lots:\n        - {asset: BTC, quantity: "0.6", unit_cost: "30000", acquired: 2024-01-02}\n');

async function btcWeight(file: string, state: string): Promise<string> {
  const run = await runKit(['--config', file, '--state', state, 'portfolio', 'status', '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).assets[0].weight;
}

describe('paper venue state', () => {
  it('is seeded from the config once, with its tax lots, and then read from the ledger', async () => {
    const file = writeConfig(CONFIG);
    const state = tempDir('kit-state-');
    expect(await btcWeight(file, state)).toBe('0.6');

    const ledger = openLedger(join(state, 'ledger.sqlite'));
    expect(ledger.openLots({ venue: 'ex' }).map((lot) => [lot.asset, lot.quantity.toFixed(), lot.unitCost.toFixed()])).toEqual([['BTC', '0.6', '30000']]);
    // What an executed sell of 0.2 BTC at 100,000 does to the venue.
    ledger.adjustPaperBalances('ex', new Map([['BTC', new Decimal('-0.2')], ['USDC', new Decimal('20000')]]), new Date('2026-11-23T14:00:00Z'));
    ledger.close();

    expect(await btcWeight(file, state)).toBe('0.4');
  });

  it('keeps traded state when the config changes, says so, and `kit paper reset` starts again', async () => {
    const file = writeConfig(CONFIG);
    const state = tempDir('kit-state-');
    await btcWeight(file, state);
    const ledger = openLedger(join(state, 'ledger.sqlite'));
    ledger.adjustPaperBalances('ex', new Map([['BTC', new Decimal('-0.2')], ['USDC', new Decimal('20000')]]), new Date('2026-11-23T14:00:00Z'));
    ledger.close();

    writeFileSync(file, editYaml(readFileSync(file, 'utf8'), (c) => c.set('venues.ex.balances', { BTC: '0.9', USDC: '10000' })));
    const kept = await runKit(['--config', file, '--state', state, 'portfolio', 'status', '--json']);
    expect(JSON.parse(kept.stdout).assets[0].weight).toBe('0.4');
    expect(kept.stderr).toContain('warning: paper venue "ex": the config\'s balances changed since it was seeded on 2026-11-23, but trades have been applied since; keeping the ledger\'s balances. Run "kit paper reset ex" to start again from the config.');

    const reset = await runKit(['--config', file, '--state', state, 'paper', 'reset', 'ex']);
    expect(reset).toMatchObject({ code: 0, stdout: 'Reset paper venue ex to the config: 0.9 BTC, 10000 USDC; 1 tax lot.\n' });
    expect(await btcWeight(file, state)).toBe('0.9');
  });

  it('follows a config change silently when nothing was traded since seeding', async () => {
    const file = writeConfig(CONFIG);
    const state = tempDir('kit-state-');
    await btcWeight(file, state);
    writeFileSync(file, editYaml(readFileSync(file, 'utf8'), (c) => c.set('venues.ex.balances', { BTC: '0.3', USDC: '70000' })));
    const run = await runKit(['--config', file, '--state', state, 'portfolio', 'status', '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).assets[0].weight).toBe('0.3');
  });

  it('refuses to reset a venue that is not in the config or not paper', async () => {
    const file = writeConfig(editYaml(CONFIG, (c) => c.add('venues.cold', { kind: 'wallet', adapter: 'manual', balances: { BTC: '1' } }, { before: 'ex' })));
    expect(await runKit(['--config', file, 'paper', 'reset', 'nope'])).toMatchObject({ code: 2, stderr: 'error: No venue named "nope"; the config has cold, ex.\n' });
    expect(await runKit(['--config', file, 'paper', 'reset', 'cold'])).toMatchObject({ code: 2, stderr: 'error: Venue "cold" uses adapter manual; only paper venues can be reset.\n' });
  });
});
