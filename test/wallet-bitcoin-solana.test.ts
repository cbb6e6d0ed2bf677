// adapter: bitcoin against a fake Esplora API and adapter: solana against a fake JSON-RPC node:
// confirmed plus unconfirmed sats, lamports and SPL amounts converted exactly, summed over addresses.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createBitcoinVenue, esploraAddress } from '../src/adapters/bitcoin/create-bitcoin-venue.js';
import { createSolanaVenue } from '../src/adapters/solana/create-solana-venue.js';
import { tokenAccountsAnswer } from '../src/adapters/solana/solana-rpc.js';
import { UsageError, VenueError } from '../src/errors.js';
import { startFakeEsplora } from './fakes/fake-esplora.js';
import { startFakeSolana } from './fakes/fake-solana-rpc.js';
import { holdings, walletVenue } from './fakes/wallet-venue.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const SEGWIT = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh';
const LEGACY = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';

describe('adapter: bitcoin (Esplora)', () => {
  it('funded minus spent, confirmed and in the mempool, summed over addresses in BTC exactly', async () => {
    const fake = await startFakeEsplora({ [SEGWIT]: { funded: 150_000_000, spent: 50_000_000, mempoolFunded: 12_345 }, [LEGACY]: { funded: 1, spent: 0 } }, '/api');
    closers.push(fake.close);
    const venue = walletVenue(createBitcoinVenue, { adapter: 'bitcoin', base_url: `${fake.url}/api`, addresses: [SEGWIT, LEGACY] });
    expect(await holdings(venue)).toEqual([['BTC', '1.00012346', '1.00012346']]);
    expect(fake.requests.map((r) => r.path).sort()).toEqual([`/api/address/${LEGACY}`, `/api/address/${SEGWIT}`]);
  });

  it('the recorded Esplora payload parses', () => {
    expect(esploraAddress.safeParse(JSON.parse(readFileSync('fixtures/wallets/esplora-address.json', 'utf8'))).success).toBe(true);
  });

  it('an API that refuses an address is a venue error naming it; an xpub is refused with what to do', async () => {
    const fake = await startFakeEsplora({}, '');
    closers.push(fake.close);
    const error = await walletVenue(createBitcoinVenue, { adapter: 'bitcoin', base_url: fake.url, addresses: [SEGWIT] }).fetchBalances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueError);
    expect((error as Error).message).toContain(`HTTP 400 for ${SEGWIT}`);
    const xpub = 'xpub6CUGRUonZSQ4TWtTMmzXdrXDtypWKiKrhko4egpiMZbpiaQL2jkwSB1icqYh2cfDfVxdx4df189oLKnC5fSwqPfgyP3hooxujYzAu3fDVmz';
    expect(() => walletVenue(createBitcoinVenue, { adapter: 'bitcoin', addresses: [xpub] })).toThrow(UsageError);
    expect(() => walletVenue(createBitcoinVenue, { adapter: 'bitcoin', addresses: [xpub] })).toThrow(/not a Bitcoin address/);
  });
});

const OWNER = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';
const SECOND = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T';
const USDC_MINT = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const PYUSD_MINT = '2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo';
const UNKNOWN_MINT = 'DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263';

describe('adapter: solana (JSON-RPC)', () => {
  it('SOL from lamports beyond a JS number, SPL tokens of both programs from amount and decimals, unknown mints left out', async () => {
    const fake = await startFakeSolana({
      // 9007199254.740993 SOL: 2^53 + 1 lamports, which a float would turn into ...992.
      [OWNER]: { lamports: 9_007_199_254_740_993n, tokens: [{ mint: USDC_MINT, amount: '2500000001', decimals: 6 }, { mint: UNKNOWN_MINT, amount: '5', decimals: 5 }] },
      [SECOND]: { lamports: 1n, tokens: [{ mint: PYUSD_MINT, amount: '123456789012345678901234567890', decimals: 18, program: 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' }, { mint: USDC_MINT, amount: '1', decimals: 6 }] },
    });
    closers.push(fake.close);
    const venue = walletVenue(createSolanaVenue, { adapter: 'solana', rpc_url: '${SOLANA_RPC}', addresses: [OWNER, SECOND], tokens: { USDC: USDC_MINT, PYUSD: PYUSD_MINT } }, { SOLANA_RPC: fake.url });
    expect(await holdings(venue)).toEqual([
      ['PYUSD', '123456789012.34567890123456789', '123456789012.34567890123456789'],
      ['SOL', '9007199.254740994', '9007199.254740994'],
      ['USDC', '2500.000002', '2500.000002'],
    ]);
  });

  it('the recorded getTokenAccountsByOwner payload parses', () => {
    expect(tokenAccountsAnswer.safeParse(JSON.parse(readFileSync('fixtures/wallets/solana-token-accounts.json', 'utf8'))).success).toBe(true);
  });

  it("a node's JSON-RPC error is a venue error with its message; only SOL is asked when no tokens are named", async () => {
    const fake = await startFakeSolana({ [OWNER]: { lamports: 0n } });
    closers.push(fake.close);
    const error = await walletVenue(createSolanaVenue, { adapter: 'solana', rpc_url: fake.url, addresses: [SECOND] }).fetchBalances().catch((e: unknown) => e);
    expect((error as Error).message).toContain('getBalance: Invalid param');
    expect(await holdings(walletVenue(createSolanaVenue, { adapter: 'solana', rpc_url: fake.url, addresses: [OWNER] }))).toEqual([]);
    expect(fake.methods).toEqual(['getBalance', 'getBalance']);
  });
});
