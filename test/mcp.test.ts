// `kit mcp` through the SDK's own client: the built bin spawned over stdio, as Claude Desktop or
// Cursor would start it. And the server alone over the SDK's in-memory transport, for what the
// plugin does not register yet (an execute tool's annotation).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMcpServer } from '../src/host/mcp-server.js';
import { BIN, tempDir } from './helpers/run-kit.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function spawnServer() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    env: { PATH: process.env.PATH ?? '', KIT_HOME: tempDir('kit-home-'), KIT_NOW: '2026-11-23T14:00:00Z' },
    cwd: tempDir('kit-cwd-'),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const errors: Error[] = [];
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  closers.push(() => client.close());
  return { client, errors, stderr: () => stderr };
}

describe('kit mcp over stdio', () => {
  it('lists the tools with their schemas and hints, answers portfolio_status, and survives a bad argument', async () => {
    const { client, errors, stderr } = await spawnServer();
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['portfolio_status', 'rebalance_preview', 'rebalance_set_target', 'rebalance_history', 'rebalance_harvest', 'tax_report']));
    expect(byName.get('portfolio_status')!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('rebalance_preview')!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('rebalance_set_target')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(byName.get('rebalance_set_target')!.inputSchema).toMatchObject({ type: 'object', required: ['asset', 'percent'] });
    expect(JSON.stringify(tools)).not.toContain('$schema');

    const status = await client.callTool({ name: 'portfolio_status', arguments: {} });
    expect(status.isError).toBeFalsy();
    const [markdown, data] = status.content as { type: string; text: string }[];
    expect(markdown!.text).toContain('📊 Portfolio Drift Analysis');
    expect(markdown!.text).toContain('│ BTC     │ 45.2%   │ 40.0%   │ +5.2%   │ ← Overweight');
    expect(JSON.parse(data!.text)).toMatchObject({ breaches: ['BTC'], demo: true });
    expect(status.structuredContent).toMatchObject({ breaches: ['BTC'], total_value: '99820' });

    const bad = await client.callTool({ name: 'tax_report', arguments: { year: 'last year' } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]!.text).toMatch(/year/);
    expect((bad.content as { text: string }[])[0]!.text).not.toMatch(/^\s*\[/);
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool "no_such_tool"/);

    // Still serving after both, and nothing but protocol on stdout.
    expect((await client.callTool({ name: 'rebalance_harvest', arguments: {} })).isError).toBeFalsy();
    expect(errors).toEqual([]);
    expect(stderr()).not.toMatch(/at .+\.js:\d+/);
  });
});

describe('the MCP server over the SDK in-memory transport', () => {
  async function connect(tools: Parameters<typeof createMcpServer>[0]) {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const server = createMcpServer(tools, { name: 'portfolio-rebalancer', version: '0.1.0' });
    const client = new Client({ name: 'test-client', version: '1.0.0' });
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    closers.push(async () => {
      await client.close();
      await server.close();
    });
    return client;
  }

  it('marks rebalance_execute destructive when it is registered', async () => {
    const client = await connect([
      {
        definition: { name: 'rebalance_execute', description: 'Execute the previewed rebalance.', parameters: { type: 'object', properties: { confirm: { type: 'boolean', description: 'must be true' } }, required: ['confirm'] } },
        handler: async () => ({ executed: true, markdown: 'Done.' }),
      },
    ]);
    const { tools } = await client.listTools();
    expect(tools[0]!.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
    const result = await client.callTool({ name: 'rebalance_execute', arguments: { confirm: true } });
    expect(result.content).toEqual([
      { type: 'text', text: 'Done.' },
      { type: 'text', text: JSON.stringify({ executed: true }, null, 2) },
    ]);
    expect(result.structuredContent).toEqual({ executed: true });
  });

  it('a zod failure thrown by a handler becomes a readable error naming the argument', async () => {
    const args = z.strictObject({ limit: z.number().int().positive() });
    const client = await connect([{ definition: { name: 'rebalance_history', description: 'History.', parameters: { type: 'object', properties: {}, required: [] } }, handler: async (raw) => args.parse(raw) }]);
    const result = await client.callTool({ name: 'rebalance_history', arguments: { limit: -3 } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(/^Invalid arguments: limit: /);
  });
});
