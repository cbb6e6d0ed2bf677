// An extended public key's addresses: the first N of the receive chain (0) and of the change
// chain (1), where a wallet keeps its coins. xpub gives P2PKH (1..., BIP44), ypub P2SH-P2WPKH
// (3..., BIP49), zpub P2WPKH (bc1q..., BIP84). The key math is viem's (its HDKey and hashes),
// loaded only when a config names an extended key: no dependency of its own.
import { createHash } from 'node:crypto';

const VERSIONS = { xpub: 0x0488b21e, ypub: 0x049d7cb2, zpub: 0x04b24746 } as const;
type Kind = keyof typeof VERSIONS;

export const isExtendedKey = (text: string): boolean => /^[xyz]pub[1-9A-HJ-NP-Za-km-z]{100,112}$/.test(text);

export async function deriveAddresses(extendedKey: string, count: number): Promise<string[]> {
  const kind = extendedKey.slice(0, 4) as Kind;
  const [{ HDKey }, { ripemd160 }] = await Promise.all([import('viem/accounts'), import('viem')]);
  // viem's RIPEMD-160: some OpenSSL 3 builds leave it out of node:crypto's default provider.
  const hash160 = (data: Uint8Array): Uint8Array => ripemd160(sha256(data), 'bytes');
  const root = HDKey.fromExtendedKey(extendedKey, { private: 0, public: VERSIONS[kind] });
  const out: string[] = [];
  for (const chain of [0, 1]) {
    const branch = root.deriveChild(chain);
    for (let index = 0; index < count; index++) {
      const key = branch.deriveChild(index).publicKey;
      if (!key) throw new Error(`cannot derive address ${chain}/${index}`);
      out.push(addressOf(kind, hash160(key), hash160));
    }
  }
  return out;
}

function addressOf(kind: Kind, hash: Uint8Array, hash160: (data: Uint8Array) => Uint8Array): string {
  if (kind === 'xpub') return base58check(Uint8Array.of(0x00, ...hash));
  if (kind === 'ypub') return base58check(Uint8Array.of(0x05, ...hash160(Uint8Array.of(0x00, 0x14, ...hash))));
  return segwitV0('bc', hash);
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58check(payload: Uint8Array): string {
  const bytes = Uint8Array.of(...payload, ...sha256(sha256(payload)).subarray(0, 4));
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = BASE58[Number(value % 58n)] + text;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    text = `1${text}`;
  }
  return text;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function polymod(values: readonly number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!;
  }
  return chk;
}

/** A witness version 0 program as bech32 (BIP173). */
function segwitV0(hrp: string, program: Uint8Array): string {
  const words = [0];
  let acc = 0;
  let bits = 0;
  for (const byte of program) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >>> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const mod = polymod([...expanded, ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((word) => BECH32[word]).join('')}`;
}
