// Where a tool call runs. K.I.T. calls a tool handler with its ToolContext {workspaceDir,
// configDir, agentId}; the process's own cwd means nothing to the agent. A rebalancer.yaml in the
// agent's workspace, else in K.I.T.'s config folder (~/.kit), is the config; relative paths in the
// arguments resolve in the workspace. $KIT_REBALANCER_CONFIG and a `config` argument still win,
// and with neither file the plugin config and then the demo apply, as for the CLI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from './contract.js';

export interface KitToolContext {
  workspaceDir?: string;
  configDir?: string;
  agentId?: string;
}

export function toolCommandContext(base: CommandContext, raw: unknown): CommandContext {
  const host = asToolContext(raw);
  if (!host) return base;
  const cwd = host.workspaceDir ?? base.cwd;
  if (base.global.config || base.env.KIT_REBALANCER_CONFIG) return { ...base, cwd };
  const found = [host.workspaceDir, host.configDir].filter((dir): dir is string => Boolean(dir)).map((dir) => join(dir, 'rebalancer.yaml')).find((file) => existsSync(file));
  return { ...base, cwd, global: { ...base.global, ...(found ? { config: found } : {}) } };
}

function asToolContext(raw: unknown): KitToolContext | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === 'string' && value[key] !== '' ? (value[key] as string) : undefined);
  const context = { workspaceDir: text('workspaceDir'), configDir: text('configDir'), agentId: text('agentId') };
  return context.workspaceDir || context.configDir ? context : undefined;
}
