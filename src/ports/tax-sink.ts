// "Feeds into Tax Calculator": executed disposals are handed to this port, in the shape of the
// K.I.T. Tax Calculator's CapitalGain record.
import type { Decimal } from '../money.js';

export interface DisposalRecord {
  tradeId: string;
  asset: string;
  quantity: Decimal;
  proceeds: Decimal;
  disposalDate: Date;
  costBasis: Decimal;
  gain: Decimal;
  holdingDays: number;
  longTerm: boolean;
  lotId: string;
  /** When the lot was acquired (the Tax Calculator's acquisition_date); absent for a pooled cost. */
  acquisitionDate?: Date | undefined;
}

export interface TaxSink {
  record(disposals: readonly DisposalRecord[]): Promise<void>;
}
