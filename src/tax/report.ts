// `kit tax report`: the jurisdiction's engine over every trade, then the period's disposals, the
// open lots (or pools) at its end, and the totals after the yearly thresholds. Pure.
// Disposals come from a run over all trades, so a December loss washed by a January purchase is
// seen; open lots come from a run over the trades up to the period's end.
import type { Jurisdiction } from '../config.js';
import { Decimal, ZERO, sum } from '../money.js';
import type { PricePoint } from '../ports.js';
import { computeDe } from './de.js';
import { computeEu } from './eu.js';
import { computeFr } from './fr.js';
import { deCapitalIncomeFromDisposals, deCryptoNetGain, deCryptoTaxable, deSecuritiesTax, frExempt } from './thresholds.js';
import type { Disposal, LotMethod, OpenLot, Pool, TaxResult, TaxTrade } from './types.js';
import { computeUk } from './uk.js';
import { computeUs } from './us.js';

export interface TaxReportInput {
  trades: readonly TaxTrade[];
  jurisdiction: Jurisdiction;
  method: LotMethod;
  year: number;
  washSaleDays: number;
  washSaleScope: 'securities' | 'all';
  /** US: lots are matched per venue (wallet, account). */
  perVenue: boolean;
  eu: { exemptAfterYears?: number | undefined; yearlyExemption: Decimal };
  /** Daily closes, for the FR whole-portfolio value at each sale. */
  histories: ReadonlyMap<string, readonly PricePoint[]>;
}

export interface TaxPeriod {
  label: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface TaxTotals {
  short: Decimal;
  long: Decimal;
  exempt: Decimal;
  /** Wash-sale losses disallowed (US), a positive amount. */
  disallowed: Decimal;
  /** After the jurisdiction's yearly thresholds and allowances; see `notes` for how. */
  taxable: Decimal;
  notes: string[];
}

export interface TaxReport {
  jurisdiction: Jurisdiction;
  method: LotMethod;
  period: TaxPeriod;
  disposals: Disposal[];
  /** Every disposal of the history, not only the period's (wash-sale windows cross years). */
  allDisposals: Disposal[];
  openLots: OpenLot[];
  pools: Pool[];
  totals: TaxTotals;
  problems: TaxResult['problems'];
}

/** UK: the tax year that starts on 6 April of `year`; everywhere else the calendar year. */
export function taxPeriod(jurisdiction: Jurisdiction, year: number): TaxPeriod {
  if (jurisdiction === 'UK') {
    return { label: `UK tax year ${year}/${String(year + 1).slice(2)} (6 April ${year} to 5 April ${year + 1})`, from: new Date(Date.UTC(year, 3, 6)), to: new Date(Date.UTC(year + 1, 3, 6)) };
  }
  return { label: `calendar year ${year}`, from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
}

export function buildTaxReport(input: TaxReportInput): TaxReport {
  const period = taxPeriod(input.jurisdiction, input.year);
  // One replay gives the disposals (seeing purchases after the period, for wash sales and the UK
  // 30-day rule) and, where the engine records it, the holdings at the period's end; otherwise a
  // second replay of the trades up to the end gives those.
  const full = run(input, input.trades, period.to);
  const later = input.trades.some((trade) => trade.date >= period.to);
  const upToEnd = !later ? full : (full.snapshot ?? run(input, input.trades.filter((trade) => trade.date < period.to)));
  const disposals = full.disposals.filter((d) => d.date >= period.from && d.date < period.to);
  return {
    jurisdiction: input.jurisdiction,
    method: input.method,
    period,
    disposals,
    allDisposals: full.disposals,
    openLots: upToEnd.openLots,
    pools: upToEnd.pools,
    totals: totals(input, disposals),
    problems: full.problems,
  };
}

function run(input: TaxReportInput, trades: readonly TaxTrade[], snapshotAt?: Date): TaxResult {
  const options = { method: input.method, washSaleDays: input.washSaleDays, washSaleScope: input.washSaleScope, snapshotAt };
  switch (input.jurisdiction) {
    case 'US':
      return computeUs(trades, { ...options, perVenue: input.perVenue });
    case 'UK':
      return computeUk(trades, options);
    case 'DE':
      return computeDe(trades, options);
    case 'FR':
      return computeFr(trades, { ...options, portfolioValues: portfolioValues(trades, input.histories) });
    case 'EU':
      return computeEu(trades, { ...options, exemptAfterYears: input.eu.exemptAfterYears });
  }
}

/** The gain a disposal contributes after any wash-sale disallowance. */
export function recognised(disposal: Disposal): Decimal {
  return disposal.gain.plus(disposal.washSale?.disallowed ?? ZERO);
}

function totals(input: TaxReportInput, disposals: readonly Disposal[]): TaxTotals {
  const byTerm = (term: Disposal['term']) => sum(disposals.filter((d) => d.term === term).map(recognised));
  const short = byTerm('short');
  const long = byTerm('long');
  const exempt = byTerm('exempt');
  const disallowed = sum(disposals.map((d) => d.washSale?.disallowed ?? ZERO));
  const net = short.plus(long);
  const notes: string[] = [];
  let taxable = Decimal.max(ZERO, net);
  switch (input.jurisdiction) {
    case 'US':
      notes.push('Net short- and long-term gains; a net loss is deductible up to $3,000 a year (not applied here).');
      break;
    case 'UK': {
      const allowance = new Decimal(input.year >= 2024 ? 3000 : input.year === 2023 ? 6000 : 12300);
      taxable = Decimal.max(ZERO, net.minus(allowance));
      notes.push(`Net gains less the annual exempt amount of ${allowance.toFixed()} (£; TCGA 1992 s.1K).`);
      break;
    }
    case 'DE': {
      const crypto = deCryptoNetGain(disposals, input.year);
      const cryptoTaxable = deCryptoTaxable(crypto, input.year);
      const securities = deSecuritiesTax(deCapitalIncomeFromDisposals(disposals, input.year, () => true));
      taxable = cryptoTaxable.plus(securities.taxBase);
      notes.push(
        `§23 EStG private sales (crypto): net ${crypto.toFixed(2)}, ${cryptoTaxable.isZero() ? 'below' : 'at or above'} the Freigrenze of €${input.year >= 2024 ? '1,000' : '600'}: ${cryptoTaxable.toFixed(2)} taxable.`,
        `§20 EStG securities: ${securities.taxBase.toFixed(2)} taxable at 26.375% (share losses offset only share gains).`,
      );
      break;
    }
    case 'FR': {
      const prices = sum(disposals.map((d) => d.proceeds));
      if (frExempt(prices)) {
        taxable = ZERO;
        notes.push(`Total disposal prices €${prices.toFixed(2)} are at most €305: exempt (Art. 150 VH bis CGI).`);
      } else notes.push('Net gain of the year; losses offset only same-year crypto gains.');
      break;
    }
    case 'EU':
      taxable = Decimal.max(ZERO, net.minus(input.eu.yearlyExemption));
      notes.push(`Net non-exempt gains less the profile's yearly exemption of ${input.eu.yearlyExemption.toFixed()}.`);
      break;
  }
  return { short, long, exempt, disallowed, taxable, notes };
}

/**
 * FR: the global value of the crypto held just before each sale, from the quantities the trades
 * leave and the last close at or before the sale. A sale without a close for something held gets
 * no value, and the engine reports it.
 */
function portfolioValues(trades: readonly TaxTrade[], histories: ReadonlyMap<string, readonly PricePoint[]>): Map<string, Decimal> {
  const values = new Map<string, Decimal>();
  const held = new Map<string, Decimal>();
  for (const trade of [...trades].filter((t) => t.assetClass === 'crypto').sort((a, b) => a.date.getTime() - b.date.getTime())) {
    if (trade.side === 'sell') {
      let total = ZERO;
      let known = true;
      for (const [asset, quantity] of held) {
        if (quantity.lte(0)) continue;
        const close = [...(histories.get(asset) ?? [])].filter((p) => p.at <= trade.date).at(-1);
        if (asset === trade.asset && !close) total = total.plus(trade.total.div(trade.quantity).times(quantity));
        else if (close) total = total.plus(close.price.times(quantity));
        else known = false;
      }
      if (known) values.set(trade.id, total);
    }
    const change = trade.side === 'buy' ? trade.quantity : trade.quantity.neg();
    held.set(trade.asset, (held.get(trade.asset) ?? ZERO).plus(change));
  }
  return values;
}
