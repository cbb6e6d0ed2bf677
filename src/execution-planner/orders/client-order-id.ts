// Client order ids: deterministic from the run and the leg, so re-planning the same run gives the
// same ids (a retry or a resume asks the venue about an id instead of placing a second order), and
// shaped per venue because each exchange accepts a different form. The id is a hash, not the leg
// text, so any run id and leg name fit every venue's alphabet and length.
import { createHash } from 'node:crypto';

export interface ClientIdRule {
  /** What the venue documents, for error messages and tests. */
  field: string;
  pattern: RegExp;
  make(hashHex: string): string;
}

/** A UUID built from the hash (version 5 and RFC 4122 variant bits), the form Coinbase and Kraken take. */
function uuidFrom(hex: string): string {
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const CLIENT_ID_RULES = {
  binance: { field: 'newClientOrderId', pattern: /^[.A-Z:/a-z0-9_-]{1,36}$/, make: (hex) => `kit-${hex.slice(0, 32)}` },
  coinbase: { field: 'client_order_id', pattern: UUID, make: uuidFrom },
  kraken: { field: 'cl_ord_id', pattern: UUID, make: uuidFrom },
  /** Kraken's older numeric reference: a signed 32-bit integer. */
  'kraken-userref': {
    field: 'userref',
    pattern: /^-?\d{1,10}$/,
    make: (hex) => String(parseInt(hex.slice(0, 8), 16) | 0),
  },
  bybit: { field: 'orderLinkId', pattern: /^[A-Za-z0-9_-]{1,36}$/, make: (hex) => `kit-${hex.slice(0, 32)}` },
  okx: { field: 'clOrdId', pattern: /^[A-Za-z][A-Za-z0-9]{0,31}$/, make: (hex) => `kit${hex.slice(0, 29)}` },
  /** MT5 keeps an order's comment, where the id rides, to 31 characters. */
  mt5: { field: 'comment', pattern: /^[A-Za-z0-9]{1,31}$/, make: (hex) => `kit${hex.slice(0, 28)}` },
  /** Paper, IBKR and any venue without a rule of its own: 32 letters and digits. */
  default: { field: 'client order id', pattern: /^[A-Za-z0-9]{1,32}$/, make: (hex) => `kit${hex.slice(0, 29)}` },
} as const satisfies Record<string, ClientIdRule>;

export type ClientIdFormat = keyof typeof CLIENT_ID_RULES;

/** The rule for an exchange name (a ccxt id such as "binance"); every other venue gets the default. */
export function clientIdFormatFor(exchange: string | undefined): ClientIdFormat {
  const name = exchange?.toLowerCase();
  return name && name !== 'kraken-userref' && name !== 'mt5' && name in CLIENT_ID_RULES ? (name as ClientIdFormat) : 'default';
}

/** Each configured venue's id rule: a ccxt venue's exchange's, MT5's comment, else the default. */
export function idFormatsFor(venues: Readonly<Record<string, { adapter: string; exchange?: string | undefined }>>): Map<string, ClientIdFormat> {
  const formats = new Map<string, ClientIdFormat>();
  for (const [id, venue] of Object.entries(venues)) {
    formats.set(id, venue.adapter === 'ccxt' ? clientIdFormatFor(venue.exchange) : venue.adapter === 'mt5' ? 'mt5' : 'default');
  }
  return formats;
}

/** The same run and leg always give the same id; different legs give different ids. */
export function clientOrderId(runId: string, leg: string, format: ClientIdFormat = 'default'): string {
  // The NUL separator keeps ("ab", "c") and ("a", "bc") apart.
  const hex = createHash('sha256').update(`${runId}\u0000${leg}`).digest('hex');
  return CLIENT_ID_RULES[format].make(hex);
}
