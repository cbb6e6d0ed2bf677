// ccxt's error messages can carry what a request was signed with: a URL with `signature=`, an
// echoed API key, the body the exchange answered. Everything that leaves this adapter goes through
// `scrub`, so no key, secret, passphrase or signature reaches a log, an error or the terminal.

const SIGNED_PARAMS = /\b(signature|sign|apiKey|api_key|api-key|passphrase|password|secret|x-mbx-apikey|ok-access-(?:key|sign|passphrase)|x-bapi-(?:api-key|sign)|api-sign)(["']?\s*[:=]\s*["']?)[^&\s"',}]+/gi;

/** Removes every known secret value and every signed parameter from a text. */
export function createScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  // Longest first, so a secret that contains another is removed whole.
  const values = secrets.filter((value): value is string => typeof value === 'string' && value.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const value of values) out = out.split(value).join('[redacted]');
    return out.replace(SIGNED_PARAMS, (_, name: string, separator: string) => `${name}${separator}[redacted]`);
  };
}

/** Scrubs an error in place (message and stack), so that it can be kept as a `cause`. */
export function scrubError(error: unknown, scrub: (text: string) => string): void {
  if (!(error instanceof Error)) return;
  error.message = scrub(error.message);
  if (error.stack) error.stack = scrub(error.stack);
}
