// The drawdown high-water mark as a user meets it: taken only from complete, fresh snapshots, never
// raised by a jump one typo'd price explains, shown, and cleared with reset-drawdown.
import { describe, expect, it } from 'vitest';
import { createVenues } from '../src/adapters/index.js';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { Ledger } from '../src/ports.js';
import { createSession, planPass, resetDrawdownIn } from '../src/rebalancer.js';
import { priceJump } from '../src/risk/drawdown.js';

const d = (value: string | number) => new Decimal(value);
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const DAY1 = new Date('2026-11-23T14:00:00Z');
const DAY2 = new Date('2026-11-24T14:00:00Z');
const DAY3 = new Date('2026-11-25T14:00:00Z');

/** 0.5 BTC and 50,000 USDC against 50/50 targets: in balance at $100,000 a BTC. */
const portfolio = (btcPrice: string, extra = '') => `portfolio_rebalancer:
  targets: {BTC: 50%, USDC: 50%}
  cash_assets: [USDC]
  prices: {BTC: "${btcPrice}", USDC: "1"}
${extra}  risk:
    drawdown_reduce_at: 20%
  venues:
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.5", USDC: "50000"}
`;

async function sessionOn(yaml: string, ledger: Ledger, now: Date) {
  const config = parseConfigText(yaml, 'test');
  const clock = fixedClock(now);
  const venues = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
  return createSession({ config, venues, ledger, clock });
}

describe('the high-water mark and a typo', () => {
  it('a $1,000,000 BTC typo does not poison the mark, and no sell is planned from it', async () => {
    const ledger = openLedger(':memory:');
    await (await sessionOn(portfolio('100000'), ledger, DAY1)).status();
    expect(ledger.highWater()?.value.toFixed()).toBe('100000');

    const typo = await (await sessionOn(portfolio('1000000'), ledger, DAY2)).status();
    expect(typo.diagnostics.find((x) => x.code === 'risk.high_water_jump')).toEqual({
      severity: 'warning',
      code: 'risk.high_water_jump',
      asset: 'BTC',
      message:
        "The high-water mark was not raised to $550,000.00: that is 450.0% above the mark $100,000.00 of 2026-11-23, and BTC's price alone explains it " +
        '($1,000,000.00 now, $100,000.00 at the mark; at that price the total would be $100,000.00). ' +
        "Check BTC's price; if it is right, run kit rebalance reset-drawdown so the next status takes a new mark.",
    });
    expect(ledger.highWater()).toMatchObject({ value: d('100000'), at: DAY1 });
    expect(typo.drawdownProtection?.highWater?.value.toFixed()).toBe('100000');

    // The price is fixed: the portfolio is at its mark, so drawdown protection stays off and nothing is sold.
    const { plan, status } = await planPass(await sessionOn(portfolio('100000'), ledger, DAY3));
    expect(status.drawdown).toMatchObject({ active: false });
    expect(status.drawdown?.value.toFixed()).toBe('0');
    expect(plan?.trades).toEqual([]);
    ledger.close();
  });

  it('what the guard prevents: against a mark of $550,000 the same portfolio sells half its BTC', async () => {
    const ledger = openLedger(':memory:');
    ledger.saveHighWater({ value: d('550000'), at: DAY2 });
    const { plan, status } = await planPass(await sessionOn(portfolio('100000'), ledger, DAY3));
    expect(status.drawdown?.active).toBe(true);
    expect(plan?.trades.map((trade) => `${trade.side} ${trade.asset}`)).toEqual(['sell BTC']);
    ledger.close();
  });

  it('reset-drawdown clears the mark with its reason and time; the next status takes a new one', async () => {
    const ledger = openLedger(':memory:');
    await (await sessionOn(portfolio('100000'), ledger, DAY1)).status();
    // A real doubling of BTC, refused as a jump until the user says it is real.
    await (await sessionOn(portfolio('250000'), ledger, DAY2)).status();
    expect(ledger.highWater()?.value.toFixed()).toBe('100000');
    const cleared = resetDrawdownIn(await sessionOn(portfolio('250000'), ledger, DAY2), 'reset-drawdown: BTC did rally');
    expect(cleared?.value.toFixed()).toBe('100000');
    expect(ledger.highWaterResets(5)).toEqual([{ at: DAY2, reason: 'reset-drawdown: BTC did rally', cleared: { value: d('100000'), at: DAY1 } }]);
    expect(ledger.highWater()).toBeUndefined();
    await (await sessionOn(portfolio('250000'), ledger, DAY3)).status();
    expect(ledger.highWater()).toMatchObject({ value: d('175000'), at: DAY3 });
    ledger.close();
  });
});

describe('the mark moves only on complete, fresh snapshots', () => {
  it('a stale price does not raise it, and says so', async () => {
    const ledger = openLedger(':memory:');
    ledger.saveHighWater({ value: d('90000'), at: DAY1 });
    const status = await (await sessionOn(portfolio('100000', '  prices_at: "2026-11-24T10:00:00Z"\n'), ledger, DAY2)).status();
    expect(status.fresh).toBe(false);
    expect(ledger.highWater()?.value.toFixed()).toBe('90000');
    expect(status.diagnostics.find((x) => x.code === 'risk.high_water_stale')?.message).toBe(
      'The high-water mark was not raised to $100,000.00: a price is stale, and the mark moves only on fresh prices.',
    );
    ledger.close();
  });

  it('a venue that does not answer leaves no mark', async () => {
    const ledger = openLedger(':memory:');
    const failing = portfolio('100000') + '    cold:\n      kind: wallet\n      adapter: paper\n      balances: {BTC: "0.1"}\n      faults: {fetch_balances: 1}\n';
    const status = await (await sessionOn(failing, ledger, DAY1)).status();
    expect(status.complete).toBe(false);
    expect(ledger.highWater()).toBeUndefined();
    expect(status.drawdownProtection).toEqual({ reduceAt: d('0.2'), highWater: undefined });
    ledger.close();
  });
});

describe('priceJump: which rises one price alone explains', () => {
  const mark = { value: d('100000'), at: DAY1, prices: new Map([['BTC', d('100000')], ['ETH', d('2500')], ['USDC', d('1')]]) };
  const held = new Map([['BTC', d('0.5')], ['ETH', d('8')], ['USDC', d('30000')]]);
  const prices = (btc: string, eth: string) => new Map([['BTC', d(btc)], ['ETH', d(eth)], ['USDC', d('1')]]);

  it('names the asset whose price alone takes the total more than 50% above the mark', () => {
    expect(priceJump(mark, d('530000'), held, prices('1000000', '2500'))).toEqual({ asset: 'BTC', price: d('1000000'), markPrice: d('100000'), withoutIt: d('80000') });
  });

  it('lets a rise within 50% through, however it came', () => {
    expect(priceJump(mark, d('130000'), held, prices('200000', '2500'))).toBeUndefined();
  });

  it('lets a broad rally through: more than one price rose past the bound', () => {
    // BTC and ETH both up 2.5x: 125,000 + 50,000 + 30,000 = 205,000. BTC alone would explain the
    // rise (130,000 without it), but ETH rising 150% with it says the market moved.
    expect(priceJump(mark, d('205000'), held, prices('250000', '6250'))).toBeUndefined();
    // The same BTC price with ETH flat is a jump of one price.
    expect(priceJump(mark, d('175000'), held, prices('250000', '2500'))?.asset).toBe('BTC');
  });

  it('lets a deposit through: the quantity grew, not a price', () => {
    expect(priceJump(mark, d('250000'), new Map([...held, ['USDC', d('180000')]]), prices('100000', '2500'))).toBeUndefined();
  });

  it('cannot judge a mark saved without prices (before this version), so lets it through', () => {
    expect(priceJump({ value: d('100000'), at: DAY1 }, d('530000'), held, prices('1000000', '2500'))).toBeUndefined();
  });
});
