// A report's totals: the period's disposals by term, and the taxable amount after the
// jurisdiction's yearly thresholds and allowances (each in the jurisdiction's own currency:
// report.ts refuses a report in another, see currency.ts).
import type { Jurisdiction } from '../config.js';
import { Decimal, ZERO, sum } from '../money.js';
import { deCapitalIncomeFromDisposals, deCryptoNetGain, deCryptoTaxable, deSecuritiesTax, frExempt } from './thresholds.js';
import type { Disposal } from './types.js';

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

/** The gain a disposal contributes after any wash-sale disallowance. */
export function recognised(disposal: Disposal): Decimal {
  return disposal.gain.plus(disposal.washSale?.disallowed ?? ZERO);
}

export function taxTotals(input: { jurisdiction: Jurisdiction; year: number; eu: { yearlyExemption: Decimal } }, disposals: readonly Disposal[]): TaxTotals {
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
      if (disposals.some((d) => d.assetClass === 'security' && d.term === 'exempt')) {
        notes.push('Shares and fund units bought before 2009 (Altbestand) and held more than a year are exempt (Bestandsschutz): reported as exempt, outside the taxable total.');
      }
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
