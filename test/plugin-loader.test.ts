// Loads the built plugin the way K.I.T.'s PluginRegistry does: read kit.plugin.json, import
// `main`, await activate(api, ctx), and only then file the plugin. Like the real loader, the test
// API drops any registration made before the plugin is filed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { statusJsonSchema } from '../src/cli/status-json.js';
import { ROOT, tempDir } from './helpers/run-kit.js';

interface Manifest {
  id: string;
  version: string;
  main: string;
  tools: string[];
  commands: string[];
}

type Handler = (args: Record<string, unknown>, context?: unknown) => Promise<unknown>;

class KitLikeLoader {
  readonly loaded = new Set<string>();
  readonly tools = new Map<string, { definition: { name: string; description: string; parameters: Record<string, unknown> }; handler: Handler }>();
  readonly rpc = new Map<string, Handler>();
  readonly dropped: string[] = [];

  constructor(
    private readonly config: unknown,
    private readonly storage: string,
  ) {}

  async load(dir: string): Promise<{ manifest: Manifest; module: Record<string, unknown> }> {
    const manifest = JSON.parse(readFileSync(join(dir, 'kit.plugin.json'), 'utf8')) as Manifest;
    const module = (await import(pathToFileURL(join(dir, manifest.main)).href)) as Record<string, unknown>;
    const accept = (what: string) => {
      if (this.loaded.has(manifest.id)) return true;
      this.dropped.push(what);
      return false;
    };
    const api = {
      registerTool: (definition: { name: string; description: string; parameters: Record<string, unknown> }, handler: Handler) => {
        if (accept(`tool ${definition.name}`)) this.tools.set(definition.name, { definition, handler });
      },
      registerRPC: (method: string, handler: Handler) => {
        if (accept(`rpc ${method}`)) this.rpc.set(method, handler);
      },
      registerService: (name: string) => void accept(`service ${name}`),
      registerHook: (event: string) => void accept(`hook ${event}`),
      getConfig: () => this.config,
      getStoragePath: () => this.storage,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    await (module.activate as (api: unknown, ctx: unknown) => Promise<unknown>)(api, { pluginId: manifest.id, pluginDir: dir, config: this.config, kitVersion: '2.0.0' });
    this.loaded.add(manifest.id);
    return { manifest, module };
  }
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

const PLUGIN_CONFIG = {
  targets: { BTC: '50%', USDC: '50%' },
  cash_assets: ['USDC'],
  prices: { BTC: '100000', USDC: '1' },
  venues: { ex: { kind: 'cex', adapter: 'paper', quote: 'USDC', markets: { BTC: {} }, balances: { BTC: '0.6', USDC: '40000' } } },
};

describe('loaded as a K.I.T. plugin', () => {
  it('registers the portfolio_status tool and the commands once activate has returned', async () => {
    const storage = tempDir('kit-storage-');
    const loader = new KitLikeLoader(PLUGIN_CONFIG, storage);
    const { manifest, module } = await loader.load(ROOT);
    await nextTick();

    expect(loader.dropped).toEqual([]);
    expect(typeof module.deactivate).toBe('function');
    expect([...loader.tools.keys()]).toEqual(manifest.tools);
    expect([...loader.rpc.keys()]).toEqual(manifest.commands.map((name) => `rebalancer.${name.replace(/ /g, '.')}`));
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);

    const tool = loader.tools.get('portfolio_status')!;
    expect(tool.definition.description).toMatch(/drift/);
    expect(tool.definition.parameters).toMatchObject({ type: 'object', properties: { config: { type: 'string' } }, additionalProperties: false });
  });

  it("answers the tool from the host's plugin config, keeping the ledger in the plugin's storage folder", async () => {
    const storage = tempDir('kit-storage-');
    const loader = new KitLikeLoader(PLUGIN_CONFIG, storage);
    await loader.load(ROOT);
    await nextTick();
    const result = statusJsonSchema.parse(await loader.tools.get('portfolio_status')!.handler({}));
    expect(result).toMatchObject({ config_source: 'K.I.T. plugin config', demo: false, total_value: '100000', breaches: ['BTC', 'USDC'] });
    expect(readFileSync(join(storage, 'ledger.sqlite')).length).toBeGreaterThan(0);

    const rpc = (await loader.rpc.get('rebalancer.portfolio.status')!({ options: { json: false } })) as { exitCode: number; stdout: string };
    expect(rpc.exitCode).toBe(0);
    expect(rpc.stdout).toMatch(/│ BTC +│ 60\.0% +│ 50\.0% +│ \+10\.0% +│ ← Overweight/);
  });

  it('gives the agent a readable error, not a crash, when the plugin config is bad', async () => {
    const loader = new KitLikeLoader({ targets: { BTC: '70%' } }, tempDir('kit-storage-'));
    await loader.load(ROOT);
    await nextTick();
    expect(await loader.tools.get('portfolio_status')!.handler({})).toEqual({
      error: 'Invalid config (K.I.T. plugin config): 1 problem\n  - targets: sums to 70%, must be 100%',
      problems: ['sums to 70%, must be 100%'],
    });
  });

  it('the test loader really drops registrations made inside activate, as K.I.T. does', async () => {
    const loader = new KitLikeLoader({}, tempDir('kit-storage-'));
    const dir = tempDir('kit-plugin-');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'kit.plugin.json'), JSON.stringify({ id: 'eager', version: '1.0.0', main: 'index.mjs', tools: ['x'], commands: [] }));
    writeFileSync(join(dir, 'index.mjs'), 'export async function activate(api) { api.registerTool({ name: "x", description: "", parameters: {} }, async () => 1); }');
    await loader.load(dir);
    expect(loader.dropped).toEqual(['tool x']);
    expect(loader.tools.size).toBe(0);
  });
});
