// How Coinbase Advanced Trade checks a signed request, for the fake server. The key's form decides
// the scheme, as it does in ccxt's coinbase.sign: a CDP key (name "organizations/.../apiKeys/...",
// secret a PEM EC private key) signs a JWT with ES256; a newer CDP key whose secret is 64 bytes in
// base64 signs it with Ed25519; any other secret is a legacy key with CB-ACCESS-* HMAC headers.
// The JWT names the request: "GET api.coinbase.com/api/v3/brokerage/accounts" (no query), valid
// for two minutes. A refused request gets HTTP 401 with the plain text "Unauthorized", as Coinbase
// answers one.
import { createHmac, createPrivateKey, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { FakeAnswer, FakeRequest } from './http-fake.js';

export type CoinbaseKeyScheme = 'jwt-es256' | 'jwt-ed25519' | 'hmac';

export function schemeOf(apiKey: string, secret: string): CoinbaseKeyScheme {
  if (apiKey.includes('organizations/') || secret.startsWith('-----BEGIN')) return 'jwt-es256';
  if (secret.length === 88 || secret.endsWith('=')) return 'jwt-ed25519';
  return 'hmac';
}

const UNAUTHORIZED: FakeAnswer = { status: 401, json: undefined, text: 'Unauthorized\n' };
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function publicKeyOf(scheme: CoinbaseKeyScheme, secret: string): KeyObject | undefined {
  if (scheme === 'jwt-es256') return createPublicKey(createPrivateKey(secret));
  if (scheme === 'jwt-ed25519') {
    const seed = Buffer.from(secret, 'base64').subarray(0, 32);
    return createPublicKey(createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }));
  }
  return undefined;
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function createCoinbaseAuth(options: { apiKey: string; secret: string; nowSeconds?: () => number }) {
  const scheme = schemeOf(options.apiKey, options.secret);
  const key = publicKeyOf(scheme, options.secret);
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  function checkJwt(request: FakeRequest): boolean {
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const parts = token?.split('.');
    if (!parts || parts.length !== 3) return false;
    const [head, body, signature] = parts as [string, string, string];
    const header = decode(head);
    const claims = decode(body);
    const es = scheme === 'jwt-es256';
    if (header['alg'] !== (es ? 'ES256' : 'EdDSA') || header['kid'] !== options.apiKey || typeof header['nonce'] !== 'string') return false;
    if (claims['sub'] !== options.apiKey || claims['iss'] !== (es ? 'coinbase-cloud' : 'cdp')) return false;
    const nbf = Number(claims['nbf']);
    const exp = Number(claims['exp']);
    if (!(nbf <= now() + 5 && exp > now() && exp - nbf <= 120)) return false;
    // ccxt strips only "https://" from the URL it names, so against an http base_url the claim keeps "http://".
    const named = String(es ? claims['uri'] : (claims['uris'] as unknown[] | undefined)?.[0]).replace(/^([A-Z]+ )http:\/\//, '$1');
    if (named !== `${request.method} ${request.headers.host}${request.path}`) return false;
    const data = Buffer.from(`${head}.${body}`);
    const sig = Buffer.from(signature, 'base64url');
    return es ? verify('sha256', data, { key: key!, dsaEncoding: 'ieee-p1363' }, sig) : verify(null, data, key!, sig);
  }

  function checkHmac(request: FakeRequest): boolean {
    const stamp = String(request.headers['cb-access-timestamp'] ?? '');
    if (request.headers['cb-access-key'] !== options.apiKey || Math.abs(Number(stamp) - now()) > 30) return false;
    const expected = createHmac('sha256', options.secret).update(`${stamp}${request.method}${request.path}${request.body}`).digest('hex');
    return same(String(request.headers['cb-access-sign'] ?? ''), expected);
  }

  return {
    scheme,
    /** undefined when the request is signed by the key; else Coinbase's 401. */
    refuse(request: FakeRequest): FakeAnswer | undefined {
      return (scheme === 'hmac' ? checkHmac(request) : checkJwt(request)) ? undefined : UNAUTHORIZED;
    },
  };
}
