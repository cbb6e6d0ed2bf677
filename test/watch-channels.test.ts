// `kit rebalance watch --once` with a `notifications:` section: the alert leaves through the
// configured channel (a JSON webhook on 127.0.0.1, spoken to with real fetch), not only stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfig } from './helpers/config-yaml.js';
import { runInProcess } from './helpers/run-cli.js';
import { writeConfig } from './helpers/run-kit.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function webhook(): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(body));
      response.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rebalancer`, bodies };
}

describe('heartbeat alerts on the configured channels', () => {
  it('posts the drift alert to the webhook and says where it went', async () => {
    const hook = await webhook();
    const config = writeConfig(demoConfig((c) => c.delete('price_history_file').add('notifications', { channels: [{ kind: 'webhook', url: hook.url }] })));
    const run = await runInProcess(['--config', config, 'rebalance', 'watch', '--once']);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(hook.bodies).toHaveLength(1);
    expect(JSON.stringify(hook.bodies[0])).toContain('BTC');
    expect(run.stdout).toContain('(sent to the configured alert channels)');
  });
});
