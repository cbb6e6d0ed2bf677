// Tokens and webhook URLs must never reach a log line, an error or the outbox. Every resolved
// secret is replaced wherever it appears (also URL-encoded, and a webhook URL's path alone, since
// base_url can change its host); known token shapes are masked even when we never saw the value.
export type Scrub = (text: string) => string;

const REDACTED = '[redacted]';
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\d{5,}:[A-Za-z0-9_-]{30,}/g, REDACTED],
  [/\/api\/webhooks\/[^\s?#"']+/g, `/api/webhooks/${REDACTED}`],
  [/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g, `hooks.slack.com/services/${REDACTED}`],
  [/\b(sha256=)[0-9a-f]{64}\b/g, `$1${REDACTED}`],
];
/** Shorter values are not secrets worth masking, and masking them would mangle ordinary text. */
const MIN_SECRET = 6;

export function createScrubber(secrets: Iterable<string>): Scrub {
  const needles = new Set<string>();
  for (const secret of secrets) {
    for (const form of forms(secret)) if (form.length >= MIN_SECRET) needles.add(form);
  }
  // Longest first, so a URL is masked whole before its path is.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of ordered) out = out.split(needle).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

function forms(secret: string): string[] {
  const found = [secret, encodeURIComponent(secret)];
  try {
    const url = new URL(secret);
    if (url.pathname.length > 1) found.push(url.pathname + url.search);
  } catch {
    // Not a URL: the value itself is enough.
  }
  return found;
}
