// adapter: bitcoin against a fake Esplora API and adapter: solana against a fake JSON-RPC node:
// confirmed plus unconfirmed sats, lamports and SPL amounts converted exactly, summed over addresses.
import { pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createBitcoinVenue, esploraAddress } from '../src/adapters/bitcoin/create-bitcoin-venue.js';
import { deriveAddresses } from '../src/adapters/bitcoin/derive-addresses.js';
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
    expect(() => walletVenue(createBitcoinVenue, { adapter: 'bitcoin', addresses: ['bc1notanaddressatall0000'] })).toThrow(UsageError);
    expect(() => walletVenue(createBitcoinVenue, { adapter: 'bitcoin', addresses: ['bc1notanaddressatall0000'] })).toThrow(/not a Bitcoin address or an xpub/);
  });

  // The "abandon ... about" test mnemonic's account keys and addresses, as BIP44 and BIP84 list them.
  const XPUB = 'xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj';
  const ZPUB = 'zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs';

  it('derives an xpub (P2PKH) and a zpub (P2WPKH) as BIP44 and BIP84 list their addresses', async () => {
    expect((await deriveAddresses(XPUB, 1))[0]).toBe('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA');
    expect(await deriveAddresses(ZPUB, 2)).toEqual(['bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', 'bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g', 'bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el', 'bc1qggnasd834t54yulsep6fta8lpjekv4zj6gv5rf']);
  });

  it('derives a ypub (P2SH-P2WPKH) as BIP49 lists the first address', async () => {
    // The ypub of m/49'/0'/0' is made here from the same mnemonic's BIP39 seed.
    const { HDKey } = await import('viem/accounts');
    const seed = pbkdf2Sync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', 'mnemonic', 2048, 64, 'sha512');
    const ypub = HDKey.fromMasterSeed(seed, { private: 0x049d7878, public: 0x049d7cb2 }).derive("m/49'/0'/0'").publicExtendedKey;
    expect(ypub.startsWith('ypub')).toBe(true);
    expect((await deriveAddresses(ypub, 1))[0]).toBe('37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf');
  });

  it("counts a zpub's receive and change addresses beside a plain address", async () => {
    const fake = await startFakeEsplora({ bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu: { funded: 30_000_000, spent: 0 }, bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el: { funded: 5_000, spent: 0 }, bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g: { funded: 0, spent: 0 }, bc1qggnasd834t54yulsep6fta8lpjekv4zj6gv5rf: { funded: 0, spent: 0 }, [LEGACY]: { funded: 1, spent: 0 } });
    closers.push(fake.close);
    const venue = walletVenue(createBitcoinVenue, { adapter: 'bitcoin', base_url: fake.url, addresses: [ZPUB, LEGACY], derive_addresses: 2 });
    expect(await holdings(venue)).toEqual([['BTC', '0.30005001', '0.30005001']]);
    expect(fake.requests).toHaveLength(5);
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
