// The standalone `kit`: a minimal K.I.T.-compatible host. It loads the plugin through the same
// activate() K.I.T. calls, waits for its registrations, and turns each registered command into a
// commander subcommand. Errors become a message on stderr and an exit code, never a stack trace.
import type { Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/problems.js';
import { RebalancerError } from '../errors.js';
import { activate } from '../skill.js';
import type { CommandSpec, GlobalOptions, HostApi, ToolDefinition, ToolHandler } from './contract.js';

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const commands: CommandSpec[] = [];
  const tools: Tools = new Map();
  const api: HostApi = {
    registerCommand: (spec) => commands.push(spec),
    registerTool: (definition, handler) => tools.set(definition.name, { definition, handler }),
  };
  const plugin = await activate(api, { pluginId: 'portfolio-rebalancer' });
  await plugin.registered;

  let exitCode = 0;
  const program = new Command('kit')
    .description('portfolio-rebalancer: keeps a multi-venue portfolio at its target allocation')
    .option('-c, --config <file>', 'config file (else $KIT_REBALANCER_CONFIG, ./rebalancer.yaml, the K.I.T. plugin config, or the demo)')
    .option('--state <dir>', 'folder for the ledger (default $KIT_HOME/plugin-data/portfolio-rebalancer, KIT_HOME=~/.kit)')
    .option('-v, --verbose', 'log debug detail to stderr')
    .option('--log-file <file>', 'write logs as JSON lines to this file instead of stderr')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError('(run kit --help for usage)');

  const groups = new Map<string, Command>();
  for (const spec of commands) {
    const [group, name] = spec.name.split(' ') as [string, string | undefined];
    let parent = name === undefined ? program : groups.get(group);
    if (!parent) {
      parent = program.command(group).description(`${group} commands`).exitOverride();
      groups.set(group, parent);
    }
    // One word ("ask", "mcp") is a command of its own; two are a subcommand of a group.
    const command = parent.command(name ?? group).description(spec.description).exitOverride();
    for (const argument of spec.arguments ?? []) command.argument(argument.required ? `<${argument.name}>` : `[${argument.name}]`, argument.description);
    for (const option of spec.options ?? []) command.option(option.flags, option.description);
    command.action(async (...received: unknown[]) => {
      const cmd = received[received.length - 1] as Command;
      // Variadic arguments arrive as arrays; they are passed on flattened.
      const args = received.slice(0, spec.arguments?.length ?? 0).flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]));
      const global = program.opts<GlobalOptions>();
      const result = await spec.run(args, cmd.opts(), { env: io.env, cwd: io.cwd, stderr: io.stderr, global });
      // Nothing at all for an empty answer: `kit mcp` has used stdout for the protocol.
      if (result.stdout !== '') io.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
      exitCode = result.exitCode;
    });
  }

  addToolsCommand(program, tools, io);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

type Tools = Map<string, { definition: ToolDefinition; handler: ToolHandler }>;

/** `kit tools list | call`: the registered tools, as K.I.T.'s language model sees and calls them. */
function addToolsCommand(program: Command, tools: Tools, io: CliIo): void {
  const toolsCommand = program.command('tools').description('the tools K.I.T.\'s language model can call').exitOverride();
  toolsCommand
    .command('list')
    .description('list the registered tools with their JSON schemas')
    .action(() => {
      io.stdout.write(`${JSON.stringify([...tools.values()].map((tool) => tool.definition), null, 2)}\n`);
    });
  toolsCommand
    .command('call')
    .description('call a tool as the agent would, with JSON arguments')
    .argument('<name>', 'tool name, e.g. portfolio_status')
    .argument('[json]', 'arguments as a JSON object', '{}')
    .action(async (name: string, json: string) => {
      const tool = tools.get(name);
      if (!tool) throw new RebalancerError(`Unknown tool ${JSON.stringify(name)}; registered: ${[...tools.keys()].join(', ')}.`);
      let args: unknown;
      try {
        args = JSON.parse(json);
      } catch {
        throw new RebalancerError(`Tool arguments must be a JSON object; got ${JSON.stringify(json)}.`);
      }
      io.stdout.write(`${JSON.stringify(await tool.handler(args as Record<string, unknown>), null, 2)}\n`);
    });
}

function reportError(error: unknown, stderr: Writable): number {
  if (error instanceof CommanderError) {
    // Help and version are not failures; commander has already printed what it had to say.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' ? 0 : 2;
  }
  if (error instanceof ConfigError) {
    stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof RebalancerError) {
    stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  stderr.write(`error: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
