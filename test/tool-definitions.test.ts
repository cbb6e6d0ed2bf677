// Every registered tool against K.I.T.'s ToolDefinition (src/tools/system/tool-registry.ts at
// kayzaa/k.i.t.-bot 60bf648): parameters {type: 'object', properties: {NAME: {type, description,
// enum?, items?, properties?, required?}}, required: string[]}; a description on every property,
// `required` always present, no `$schema`. And each handler uses K.I.T.'s ToolContext.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toToolSchema } from '../src/cli/tool-schema.js';
import type { HostApi, ToolDefinition, ToolHandler } from '../src/host/contract.js';
import { activate } from '../src/skill.js';
import { oneVenueConfig, tempDir } from './helpers/run-kit.js';

const KIT_PROPERTY_KEYS = new Set(['type', 'description', 'enum', 'items', 'properties', 'required']);
/** JSON-schema keywords we also send; K.I.T. passes parameters to the model as they are. */
const EXTRA_PROPERTY_KEYS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'default']);

function kitShapeProblems(definition: ToolDefinition): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${definition.name}: ${what}`);
  if (!/^[a-z][a-z_]*$/.test(definition.name)) say('name is not snake_case');
  if (typeof definition.description !== 'string' || definition.description.length < 20) say('no real description');
  const p = definition.parameters as Record<string, unknown>;
  if (JSON.stringify(p).includes('$schema')) say('has $schema');
  if (p.type !== 'object') say('parameters.type is not "object"');
  if (!Array.isArray(p.required) || !p.required.every((name) => typeof name === 'string')) say('parameters.required is not a string array');
  const properties = p.properties as Record<string, Record<string, unknown>> | undefined;
  if (typeof properties !== 'object' || properties === null) return [...problems, `${definition.name}: no properties object`];
  for (const name of (p.required as string[] | undefined) ?? []) if (!(name in properties)) say(`required "${name}" is not a property`);
  for (const [name, property] of Object.entries(properties)) {
    const type = property.type;
    if (!(typeof type === 'string' || (Array.isArray(type) && type.every((t) => typeof t === 'string')))) say(`${name}.type is not a string or string list`);
    if (typeof property.description !== 'string' || property.description.trim() === '') say(`${name} has no description`);
    if (property.enum !== undefined && !(Array.isArray(property.enum) && property.enum.every((value) => typeof value === 'string'))) say(`${name}.enum is not a string list`);
    for (const key of Object.keys(property)) if (!KIT_PROPERTY_KEYS.has(key) && !EXTRA_PROPERTY_KEYS.has(key)) say(`${name} has unexpected key ${key}`);
  }
  for (const key of Object.keys(p)) if (!['type', 'properties', 'required', 'additionalProperties'].includes(key)) say(`parameters has unexpected key ${key}`);
  return problems;
}

async function registered() {
  const tools = new Map<string, { definition: ToolDefinition; handler: ToolHandler }>();
  const api: HostApi = { registerTool: (definition, handler) => tools.set(definition.name, { definition, handler }), registerRPC: () => undefined };
  await (await activate(api)).registered;
  return tools;
}

describe("tool definitions in K.I.T.'s shape", () => {
  it('every registered tool passes, rebalance_harvest among them', async () => {
    const tools = await registered();
    expect([...tools.keys()]).toEqual(expect.arrayContaining(['portfolio_status', 'rebalance_preview', 'rebalance_set_target', 'tax_report', 'rebalance_history', 'rebalance_harvest']));
    expect([...tools.values()].flatMap((tool) => kitShapeProblems(tool.definition))).toEqual([]);
  });

  it('required is always there: [] for no required argument, the names otherwise', async () => {
    const tools = await registered();
    expect(tools.get('portfolio_status')!.definition.parameters.required).toEqual([]);
    expect(tools.get('rebalance_harvest')!.definition.parameters).toEqual({ type: 'object', properties: {}, required: [], additionalProperties: false });
    expect(tools.get('rebalance_set_target')!.definition.parameters.required).toEqual(['asset', 'percent']);
    expect((tools.get("tax_report")!.definition.parameters.properties as Record<string, { description: string }>).jurisdiction!.description).toMatch(/US, UK, DE, FR or EU/);
  });

  it('toToolSchema refuses an undescribed argument and turns a nullable one into a type list', () => {
    expect(() => toToolSchema(z.object({ venue: z.string() }))).toThrow('Tool argument "venue" has no description');
    expect(toToolSchema(z.object({ venue: z.string() }), { venue: 'the venue' }).properties.venue).toEqual({ type: 'string', description: 'the venue' });
    expect(toToolSchema(z.object({ note: z.string().nullable().describe('a note') })).properties.note).toMatchObject({ type: ['string', 'null'], description: 'a note' });
  });
});

describe("handlers and K.I.T.'s ToolContext", () => {
  it("finds rebalancer.yaml in the context's workspaceDir, else its configDir, and answers with Markdown", async () => {
    const tools = await registered();
    const status = tools.get('portfolio_status')!.handler;
    const workspace = tempDir('kit-workspace-');
    const configDir = tempDir('kit-config-dir-');
    writeFileSync(join(configDir, 'rebalancer.yaml'), oneVenueConfig());
    const env = { KIT_NOW: '2026-11-23T14:00:00Z', KIT_HOME: tempDir('kit-home-') };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    delete process.env.KIT_REBALANCER_CONFIG;
    try {
      const fromConfigDir = (await status({}, { workspaceDir: workspace, configDir, agentId: 'main' })) as Record<string, unknown>;
      expect(fromConfigDir.config_source).toBe(join(configDir, 'rebalancer.yaml'));
      expect(fromConfigDir.demo).toBe(false);
      expect(fromConfigDir.markdown).toContain('│ BTC     │ 60.0%   │ 50.0%   │ +10.0%  │ ← Overweight');
      expect(fromConfigDir.markdown).toContain('⚠️ BTC and USDC exceed 5% drift threshold.');

      mkdirSync(workspace, { recursive: true });
      writeFileSync(join(workspace, 'rebalancer.yaml'), oneVenueConfig().replace('targets: {BTC: 50%, USDC: 50%}', 'targets: {BTC: 60%, USDC: 40%}'));
      const fromWorkspace = (await status({}, { workspaceDir: workspace, configDir, agentId: 'main' })) as Record<string, unknown>;
      expect(fromWorkspace.config_source).toBe(join(workspace, 'rebalancer.yaml'));
      expect(fromWorkspace.markdown).toContain('✅ Every asset is within the 5% drift threshold.');
    } finally {
      process.env = saved;
    }
  });

  it('a refused call answers {error}, not a throw', async () => {
    const tools = await registered();
    const answer = await tools.get('portfolio_status')!.handler({ config: '/nonexistent/rebalancer.yaml' }, { workspaceDir: tempDir('kit-ws-'), configDir: tempDir('kit-cd-') });
    expect(answer).toEqual({ error: expect.stringMatching(/cannot read \/nonexistent\/rebalancer\.yaml: file not found/) });
  });
});
