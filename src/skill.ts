// The plugin entry K.I.T. loads (kit.plugin.json "main"). activate() returns at once and
// registers on the next turn of the event loop: K.I.T.'s loader only accepts registrations once
// activate has returned (it files the plugin after awaiting it), and silently drops earlier ones.
// The returned instance lists the registrations too, for hosts that prefer to ask.
import { paperBookCommand } from './cli/commands/paper-book.js';
import { paperResetCommand } from './cli/commands/paper-reset.js';
import { portfolioImportCommand } from './cli/commands/portfolio-import.js';
import { portfolioStatusCommand } from './cli/commands/portfolio-status.js';
import { rebalanceHarvestCommand } from './cli/commands/rebalance-harvest.js';
import { rebalanceHistoryCommand } from './cli/commands/rebalance-history.js';
import { rebalancePreviewCommand } from './cli/commands/rebalance-preview.js';
import { rebalanceWatchCommand } from './cli/commands/rebalance-watch.js';
import { resetDrawdownCommand } from './cli/commands/rebalance-drawdown.js';
import { removeTargetCommand, resetTargetsCommand, setTargetCommand } from './cli/commands/rebalance-targets.js';
import { taxReportCommand } from './cli/commands/tax-report.js';
import { portfolioStatusTool } from './cli/tools/portfolio-status.js';
import { rebalanceHistoryTool } from './cli/tools/rebalance-history.js';
import { rebalancePreviewTool } from './cli/tools/rebalance-preview.js';
import { setTargetTool } from './cli/tools/rebalance-set-target.js';
import { taxReportTool } from './cli/tools/tax-report.js';
import type { CommandContext, CommandSpec, HostApi, PluginContext, ToolDefinition, ToolHandler } from './host/contract.js';
import type { HostServices } from './host/runtime.js';
import { errorMessage, RebalancerError } from './errors.js';
import { ConfigError } from './config/problems.js';
import { pluginHeartbeat, startIfEnabled, type HeartbeatWiring } from './rebalancer/heartbeat/plugin-service.js';
import { HEARTBEAT_SERVICE, type HeartbeatService } from './rebalancer/heartbeat/service.js';

export interface PluginInstance {
  commands: CommandSpec[];
  tools: { definition: ToolDefinition; handler: ToolHandler }[];
  /** Resolves once everything has been registered with the host. */
  registered: Promise<void>;
  /** The heartbeat, registered as a service when the host has services. */
  heartbeat: HeartbeatService;
}

export const RPC_PREFIX = 'rebalancer.';

/** `wiring`: the alert dispatcher and the execute use-case for the heartbeat, when the caller has them. */
export async function activate(api: HostApi, _context: PluginContext = {}, wiring: HeartbeatWiring = {}): Promise<PluginInstance> {
  const host: HostServices = {
    pluginConfig: api.getConfig ? () => api.getConfig?.() : undefined,
    storagePath: api.getStoragePath ? () => api.getStoragePath?.() : undefined,
  };
  const toolContext = (): CommandContext => ({ env: process.env, cwd: process.cwd(), stderr: process.stderr, global: {} });
  const commands = [portfolioStatusCommand(host), portfolioImportCommand(host), rebalancePreviewCommand(host), setTargetCommand(host), removeTargetCommand(host), resetTargetsCommand(host), resetDrawdownCommand(host), rebalanceHarvestCommand(host), taxReportCommand(host), paperResetCommand(host), rebalanceHistoryCommand(host), paperBookCommand(host), rebalanceWatchCommand(host, wiring)];
  const heartbeat = pluginHeartbeat(api, host, toolContext, wiring);
  heartbeats.add(heartbeat);
  const tools = [portfolioStatusTool(host, toolContext), rebalancePreviewTool(host, toolContext), setTargetTool(host, toolContext), taxReportTool(host, toolContext), rebalanceHistoryTool(host, toolContext)].map((tool) => ({ definition: tool.definition, handler: asToolHandler(tool.handler) }));

  const registered = new Promise<void>((resolve, reject) => {
    setImmediate(() => {
      try {
        for (const tool of tools) api.registerTool(tool.definition, tool.handler);
        for (const command of commands) {
          if (api.registerCommand) api.registerCommand(command);
          else api.registerRPC?.(`${RPC_PREFIX}${command.name.replace(/ /g, '.')}`, (params) => runFromRpc(command, params, toolContext()));
        }
        if (api.registerService) {
          api.registerService(HEARTBEAT_SERVICE, heartbeat);
          // K.I.T.'s loader never calls start(): the service starts itself when the config asks.
          void startIfEnabled(heartbeat, api, host, toolContext());
        }
        resolve();
      } catch (error) {
        api.log?.error(`portfolio-rebalancer: registration failed: ${errorMessage(error)}`);
        reject(error);
      }
    });
  });
  registered.catch(() => undefined);
  return { commands, tools, registered, heartbeat };
}

// The heartbeats this module started, so deactivate() can stop them: a plugin unloaded by its
// host must not leave a timer checking the portfolio behind.
const heartbeats = new Set<HeartbeatService>();

export async function deactivate(): Promise<void> {
  // Nothing else is kept open between commands: each one opens and closes the ledger itself.
  await Promise.all([...heartbeats].map((heartbeat) => heartbeat.stop()));
  heartbeats.clear();
}

/** Tools answer the language model with data, or with the error a user would see. */
function asToolHandler(run: (args: Record<string, unknown>) => Promise<unknown>): ToolHandler {
  return async (args) => {
    try {
      return await run(args ?? {});
    } catch (error) {
      if (error instanceof ConfigError) return { error: error.message, problems: error.problems.map((p) => p.message) };
      if (error instanceof RebalancerError) return { error: error.message };
      throw error;
    }
  };
}

async function runFromRpc(command: CommandSpec, params: Record<string, unknown>, context: CommandContext) {
  const args = Array.isArray(params.args) ? params.args.map(String) : [];
  const options = typeof params.options === 'object' && params.options !== null ? (params.options as Record<string, unknown>) : {};
  // An RPC answers: the long-running watch belongs to the service, so over RPC it is one check.
  return command.run(args, command.name === 'rebalance watch' ? { ...options, once: true } : options, context);
}
