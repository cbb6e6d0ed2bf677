// Tokens and webhook URLs never reach an error, a log line or the outbox.
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../src/notify/scrub.js';
import { asNotifyError } from '../src/notify/retry.js';
import { TOKEN } from './helpers/notify-setup.js';

describe('scrubbing secrets', () => {
  const hook = 'https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx';
  const scrub = createScrubber([TOKEN, hook, 'short']);

  it('masks a known secret in every form it can appear in: whole, URL-encoded, or a webhook path on another host', () => {
    expect(scrub(`GET https://api.telegram.org/bot${TOKEN}/sendMessage`)).toBe('GET https://api.telegram.org/bot[redacted]/sendMessage');
    expect(scrub(`token=${encodeURIComponent(TOKEN)}`)).toBe('token=[redacted]');
    expect(scrub(`Failed to parse URL from ${hook}`)).toBe('Failed to parse URL from [redacted]');
    expect(scrub('POST http://127.0.0.1:9/services/T0001/B0002/abcdefghijklmnopqrstuvwx failed')).toBe('POST http://127.0.0.1:9[redacted] failed');
  });

  it('masks token shapes it was never told about, and leaves ordinary text alone', () => {
    const blind = createScrubber([]);
    expect(blind('https://discord.com/api/webhooks/123/abc-DEF_ghi')).toBe('https://discord.com/api/webhooks/[redacted]');
    expect(blind('see hooks.slack.com/services/T1/B2/xyz')).toBe('see hooks.slack.com/services/[redacted]');
    expect(blind(`chat said bot${TOKEN} is wrong`)).toBe('chat said bot[redacted] is wrong');
    expect(scrub('BTC short 5% at 12:30:00, shortfall on the bottom line')).toBe('BTC short 5% at 12:30:00, shortfall on the bottom line');
  });

  it('scrubs whatever a channel throws, NotifyError or not', () => {
    expect(asNotifyError('slack', new TypeError(`Failed to parse URL from ${hook}`), scrub).message).toBe('Alert channel "slack" could not deliver: Failed to parse URL from [redacted]');
  });
});
