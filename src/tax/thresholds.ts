// Yearly rules applied after the engines have produced disposals: the DE §23 Freigrenze, the DE
// Abgeltungsteuer with its share-loss pot, and the FR €305 exemption. Pure functions; amounts are
// exact (round with money.ts's roundHalfEven when reporting). Each rule names its source.
import { Decimal, ZERO } from '../money.js';
import type { Disposal } from './types.js';

// ---- DE: private sales, §23 EStG (crypto and foreign currency) ----

/**
 * §23 Abs.3 S.5 EStG Freigrenze: €600 up to 2023, €1,000 from 2024 (Wachstumschancengesetz of
 * 27.3.2024). Per person: spouses assessed jointly each have their own. Older law is not modelled.
 */
export function deFreigrenze(year: number): Decimal {
  return new Decimal(year >= 2024 ? 1000 : 600);
}

/** The year's net §23 gain: gains and losses of the crypto and forex disposals that are not exempt, by UTC year of the sale. */
export function deCryptoNetGain(disposals: readonly Disposal[], year: number): Decimal {
  return disposals
    .filter((d) => d.assetClass !== 'security' && d.term !== 'exempt' && d.date.getUTCFullYear() === year)
    .reduce((acc, d) => acc.plus(d.gain), ZERO);
}

/**
 * §23 Abs.3 S.5 EStG: a Freigrenze, not an allowance. A net gain below the limit is tax-free; at
 * or above it the whole gain is taxable (DE-CRYPTO-03). A net loss gives 0 here; it can only be
 * offset against §23 gains (§23 Abs.3 EStG with §10d carry-back and -forward), not modelled here.
 */
export function deCryptoTaxable(netGain: Decimal, year: number): Decimal {
  return netGain.lt(deFreigrenze(year)) ? ZERO : netGain;
}

// ---- DE: capital income, §20 EStG with Abgeltungsteuer ----

/** One year's capital income, every amount positive (losses too). */
export interface DeCapitalIncome {
  /** Gains from selling shares (Aktien; not fund units or ETFs). */
  shareGains: Decimal;
  /** Losses from selling shares. */
  shareLosses: Decimal;
  /** Any other capital income: dividends, interest, gains on funds, bonds, derivatives. */
  otherIncome: Decimal;
  /** Capital losses other than from selling shares. */
  otherLosses: Decimal;
  /** Share losses carried forward from earlier years (§20 Abs.6 S.4 with S.2). */
  shareLossesCarried?: Decimal | undefined;
  /** Other losses carried forward from earlier years (§20 Abs.6 S.2). */
  otherLossesCarried?: Decimal | undefined;
  /** The unused Sparer-Pauschbetrag (§20 Abs.9: €1,000 single / €2,000 joint from 2023); 0 when exhausted. */
  allowance?: Decimal | undefined;
}

export interface DeSecuritiesTax {
  /** Income left after loss offsetting and the allowance. */
  taxBase: Decimal;
  /** 25% Abgeltungsteuer (§32d Abs.1 S.1 EStG). */
  kapESt: Decimal;
  /** 5.5% Solidaritätszuschlag on it (§4 SolZG). */
  soli: Decimal;
  /** kapESt + soli: 26.375% of the base, without church tax (DE-SEC-02). */
  total: Decimal;
  /** Share losses that found no share gain: carried forward for shares only. */
  shareLossesLeft: Decimal;
  /** Other losses left after offsetting all income. */
  otherLossesLeft: Decimal;
}

const KAPEST_RATE = new Decimal('0.25');
const SOLI_RATE = new Decimal('0.055');

/**
 * The §20 loss pots (§20 Abs.6 S.4 EStG): share losses offset only share gains; other losses
 * offset any capital income, share gains included. Then the allowance, then 25% plus 5.5% Soli.
 * Church tax (which lowers the base under the §32d Abs.1 formula) and the BVerfG referral on the share-loss
 * restriction are not modelled.
 */
export function deSecuritiesTax(income: DeCapitalIncome): DeSecuritiesTax {
  const shareNet = income.shareGains.minus(income.shareLosses).minus(income.shareLossesCarried ?? ZERO);
  const shareGains = Decimal.max(shareNet, ZERO);
  const otherNet = income.otherIncome.minus(income.otherLosses).minus(income.otherLossesCarried ?? ZERO);
  const absorbed = otherNet.lt(0) ? Decimal.min(shareGains, otherNet.neg()) : ZERO;
  const beforeAllowance = shareGains.plus(Decimal.max(otherNet, ZERO)).minus(absorbed);
  const taxBase = Decimal.max(beforeAllowance.minus(income.allowance ?? ZERO), ZERO);
  const kapESt = taxBase.times(KAPEST_RATE);
  const soli = kapESt.times(SOLI_RATE);
  return {
    taxBase,
    kapESt,
    soli,
    total: kapESt.plus(soli),
    shareLossesLeft: Decimal.max(shareNet.neg(), ZERO),
    otherLossesLeft: otherNet.lt(0) ? otherNet.neg().minus(absorbed) : ZERO,
  };
}

/**
 * The share and other sale gains and losses of a year's security disposals, for deSecuritiesTax.
 * Types cannot tell a share from a fund or bond, so `isShare` decides; add dividends and interest to otherIncome.
 */
export function deCapitalIncomeFromDisposals(disposals: readonly Disposal[], year: number, isShare: (asset: string) => boolean): DeCapitalIncome {
  const income: DeCapitalIncome = { shareGains: ZERO, shareLosses: ZERO, otherIncome: ZERO, otherLosses: ZERO };
  for (const d of disposals) {
    // Altbestand sold after a year (term 'exempt') is outside §20 altogether (Bestandsschutz).
    if (d.assetClass !== 'security' || d.term === 'exempt' || d.date.getUTCFullYear() !== year) continue;
    const share = isShare(d.asset);
    if (d.gain.gte(0)) {
      if (share) income.shareGains = income.shareGains.plus(d.gain);
      else income.otherIncome = income.otherIncome.plus(d.gain);
    } else if (share) income.shareLosses = income.shareLosses.minus(d.gain);
    else income.otherLosses = income.otherLosses.minus(d.gain);
  }
  return income;
}

// ---- FR: digital assets, Art. 150 VH bis CGI ----

/**
 * Art. 150 VH bis CGI: no tax when the year's disposals total at most €305. The total is of sale
 * prices (form 2086 line 213, before fees), not of gains.
 */
export function frExempt(totalDisposalPrices: Decimal): boolean {
  return totalDisposalPrices.lte(305);
}
