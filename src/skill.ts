// The plugin entry K.I.T. loads (kit.plugin.json "main"). activate() returns at once and
// registers on the next turn of the event loop: K.I.T.'s loader only accepts registrations once
// activate has returned (it files the plugin after awaiting it), and silently drops earlier ones.
// The returned instance lists the registrations too, for hosts that prefer to ask.
import { paperBookCommand } from './cli/commands/paper-book.js';
import { paperResetCommand } from './cli/commands/paper-reset.js';
import { portfolioImportCommand } from './cli/commands/portfolio-import.js';
import { portfolioStatusCommand } from './cli/commands/portfolio-status.js';
import { rebalanceHarvestCommand } from './cli/commands/rebalance-harvest.js';
import { rebalanceExecuteCommand } from './cli/commands/rebalance-execute.js';
import { rebalanceHistoryCommand } from './cli/commands/rebalance-history.js';
import { rebalancePreviewCommand } from './cli/commands/rebalance-preview.js';
import { rebalanceSwapsCommand } from './cli/commands/rebalance-swaps.js';
import { rebalanceWatchCommand } from './cli/commands/rebalance-watch.js';
import { resetDrawdownCommand } from './cli/commands/rebalance-drawdown.js';
import { removeTargetCommand, resetTargetsCommand, setTargetCommand } from './cli/commands/rebalance-targets.js';
import { taxReportCommand } from './cli/commands/tax-report.js';
import { venuesCheckCommand } from './cli/commands/venues-check.js';
import { portfolioStatusTool } from './cli/tools/portfolio-status.js';
import { rebalanceExecuteTool } from './cli/tools/rebalance-execute.js';
import { rebalanceHistoryTool } from './cli/tools/rebalance-history.js';
import { rebalancePreviewTool } from './cli/tools/rebalance-preview.js';
import { setTargetTool } from './cli/tools/rebalance-set-target.js';
import { taxReportTool } from './cli/tools/tax-report.js';
import { rebalanceHarvestTool } from './cli/tools/rebalance-harvest.js';
import { rebalanceSwapsTool } from './cli/tools/rebalance-swaps.js';
import { rebalanceRecordSwapTool } from './cli/tools/rebalance-record-swap.js';
import { askCommand } from './cli/commands/ask.js';
import { mcpCommand } from './cli/commands/mcp.js';
import { withMarkdown } from './cli/markdown/index.js';
import { toolCommandContext } from './host/tool-context.js';
import type { CommandContext, CommandSpec, HostApi, PluginContext, ToolDefinition, ToolHandler } from './host/contract.js';
import type { HostServices } from './host/runtime.js';
import { createKitRouter } from './host/kit-router.js';
import { kitExecutionSlot } from './host/kit-slots.js';
import { alertChannels, heartbeatExecutor } from './host/heartbeat-wiring.js';
import { errorMessage } from './errors.js';
import { pluginHeartbeat, startIfEnabled, type HeartbeatWiring } from './rebalancer/heartbeat/plugin-service.js';
import { HEARTBEAT_SERVICE, type HeartbeatService } from './rebalancer/heartbeat/service.js';
import { toolErrorResult } from './host/tool-errors.js';

export { registerRebalancerCommands, type KitCommandsIo, type RegisteredCommands } from './host/kit-commands.js';

export interface RegisteredTool {
  definition: ToolDefinition;
  handler: ToolHandler;
}

export interface PluginInstance {
  commands: CommandSpec[];
  tools: RegisteredTool[];
  /** Resolves once everything has been registered with the host. */
  registered: Promise<void>;
  /** The heartbeat, registered as a service when the host has services. */
  heartbeat: HeartbeatService;
}

export const RPC_PREFIX = 'rebalancer.';

/** `wiring`: the alert dispatcher and the execute use-case for the heartbeat, when the caller has them. */
export async function activate(api: HostApi, _context: PluginContext = {}, given: HeartbeatWiring = {}): Promise<PluginInstance> {
  const host: HostServices = {
    pluginConfig: api.getConfig ? () => api.getConfig?.() : undefined,
    storagePath: api.getStoragePath ? () => api.getStoragePath?.() : undefined,
    // K.I.T.'s Smart Order Router when the host offers the execution slot (read at each run, since
    // slots may register after us); otherwise execute uses the direct router over the adapters.
    orderRouter: () => {
      const slot = kitExecutionSlot(api);
      return slot ? createKitRouter(slot) : undefined;
    },
  };
  // The heartbeat's alerts go to the config's channels when it has some; auto_execute runs execute.
  const wiring: HeartbeatWiring = { channels: alertChannels(api, process.env), execute: heartbeatExecutor(host), ...given };
  const toolContext = (): CommandContext => api.commandContext?.() ?? { env: process.env, cwd: process.cwd(), stderr: process.stderr, global: {} };
  const commands = rebalancerCommandSpecs(host, wiring);
  const heartbeat = pluginHeartbeat(api, host, toolContext, wiring);
  heartbeats.add(heartbeat);
  const tools = rebalancerTools(host, toolContext);
  // Only a CLI of our own gets these: `kit mcp` takes over the process's stdin and stdout.
  const toolsFor = (context: CommandContext) => rebalancerTools(host, () => context);
  const cliOnly = [askCommand(toolsFor), mcpCommand(toolsFor)];

  const registered = new Promise<void>((resolve, reject) => {
    setImmediate(() => {
      try {
        for (const tool of tools) api.registerTool(tool.definition, tool.handler);
        for (const command of api.registerCommand ? [...commands, ...cliOnly] : commands) {
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

/** Every command of the plugin, as data: the standalone CLI, K.I.T.'s RPC and K.I.T.'s own CLI use it. */
export function rebalancerCommandSpecs(host: HostServices = {}, wiring: HeartbeatWiring = {}): CommandSpec[] {
  return [portfolioStatusCommand(host), portfolioImportCommand(host), rebalancePreviewCommand(host), rebalanceExecuteCommand(host), setTargetCommand(host), removeTargetCommand(host), resetTargetsCommand(host), resetDrawdownCommand(host), rebalanceHarvestCommand(host), taxReportCommand(host), paperResetCommand(host), rebalanceHistoryCommand(host), paperBookCommand(host), rebalanceWatchCommand(host, wiring), venuesCheckCommand(host), rebalanceSwapsCommand(host)];
}

const TOOLS = [portfolioStatusTool, rebalancePreviewTool, rebalanceExecuteTool, setTargetTool, taxReportTool, rebalanceHistoryTool, rebalanceHarvestTool, rebalanceSwapsTool, rebalanceRecordSwapTool];

/**
 * The tools as registered. Each call builds its tool over that call's K.I.T. ToolContext (the
 * config in the agent's workspace or config folder), so concurrent calls never share a context.
 */
export function rebalancerTools(host: HostServices, baseContext: () => CommandContext): RegisteredTool[] {
  return TOOLS.map((make) => {
    const { definition } = make(host, baseContext);
    const run = (args: Record<string, unknown>, context: unknown) => make(host, () => toolCommandContext(baseContext(), context)).handler(args);
    return { definition, handler: asToolHandler(definition.name, run) };
  });
}

/** Tools answer the language model with data and its Markdown, or with the error a user would see. */
function asToolHandler(name: string, run: (args: Record<string, unknown>, context: unknown) => Promise<unknown>): ToolHandler {
  return async (args, context) => {
    try {
      return withMarkdown(name, await run(args ?? {}, context));
    } catch (error) {
      return withMarkdown(name, toolErrorResult(error, context, args));
    }
  };
}

async function runFromRpc(command: CommandSpec, params: Record<string, unknown>, context: CommandContext) {
  const args = Array.isArray(params.args) ? params.args.map(String) : [];
  const options = typeof params.options === 'object' && params.options !== null ? (params.options as Record<string, unknown>) : {};
  // An RPC answers: the long-running watch belongs to the service, so over RPC it is one check.
  return command.run(args, command.name === 'rebalance watch' ? { ...options, once: true } : options, context);
}
