// What a jupiter venue's fields must hold, checked when the config is read (and again when the
// venue is built, for callers that skip validation): Solana addresses and mints in base58, and a
// quote: token that is one of tokens:. Jupiter adds no fields of its own: rpc_url, addresses and
// tokens are the solana wallet's, base_url is Jupiter's API host, credentials.api_key its key.

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;
export const WRAPPED_SOL_MINT = 'So11111111111111111111111111111111111111112';

export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

export function jupiterVenueProblems(venue: { tokens: Readonly<Record<string, string>>; quote?: string | undefined; addresses: readonly string[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const symbols = Object.keys(venue.tokens).map((symbol) => symbol.toUpperCase());
  for (const [symbol, mint] of Object.entries(venue.tokens)) {
    if (!BASE58.test(mint)) problems.push({ path: ['tokens', symbol], message: `${JSON.stringify(mint)} is not a Solana mint address; expected 32 to 44 base58 characters (SOL is the wrapped SOL mint ${WRAPPED_SOL_MINT})` });
  }
  venue.addresses.forEach((address, index) => {
    if (!BASE58.test(address)) problems.push({ path: ['addresses', index], message: `${JSON.stringify(address)} is not a Solana address; expected a wallet public key in base58` });
  });
  if (!venue.quote) {
    problems.push({ path: ['quote'], message: `missing: a jupiter venue names the token its prices and swaps are quoted in, one of tokens: (${symbols.join(', ') || 'none yet'}), such as quote: USDC` });
  } else if (!symbols.includes(venue.quote.toUpperCase())) {
    problems.push({ path: ['quote'], message: `${venue.quote} is not in tokens: (${symbols.join(', ') || 'none'}); add its mint, such as USDC: EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v` });
  }
  return problems;
}
