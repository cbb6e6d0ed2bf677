// The standalone `kit`: a minimal K.I.T.-compatible host. It loads the plugin through the same
// activate() K.I.T. calls, waits for its registrations, and turns each registered command into a
// commander subcommand. Errors become a message on stderr and an exit code, never a stack trace.
import { Command } from 'commander';
import { activate } from '../skill.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext, CommandSpec, GlobalOptions, HostApi } from './contract.js';
import { reportError } from './errors-out.js';
import { addToolsCommand, type Tools } from './tools-command.js';
import { packageVersion } from './version.js';

export type { CliIo } from './cli-io.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  // With --json, an error is JSON on stdout too, and commander's own messages are not printed.
  const json = wantsJson(argv);
  const program = new Command('kit')
    .description('portfolio-rebalancer: keeps a multi-venue portfolio at its target allocation')
    .option('-c, --config <file>', 'config file (else $KIT_REBALANCER_CONFIG, ./rebalancer.yaml, the K.I.T. plugin config, or the demo)')
    .option('--state <dir>', 'folder for the ledger (default $KIT_HOME/plugin-data/portfolio-rebalancer, KIT_HOME=~/.kit)')
    .option('-v, --verbose', 'log debug detail to stderr')
    .option('--log-file <file>', 'write logs as JSON lines to this file instead of stderr')
    .version(packageVersion(), '-V, --version', 'print the version')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => (json ? undefined : io.stderr.write(text)) })
    .exitOverride()
    .showHelpAfterError('(run kit --help for usage)');
  const context = (): CommandContext => ({ env: io.env, cwd: io.cwd, stderr: io.stderr, global: program.opts<GlobalOptions>() });

  const commands: CommandSpec[] = [];
  const tools: Tools = new Map();
  const api: HostApi = {
    registerCommand: (spec) => commands.push(spec),
    registerTool: (definition, handler) => tools.set(definition.name, { definition, handler }),
    // Tools run where the commands do: with this run's --config, --state, environment and folder.
    commandContext: context,
  };
  const plugin = await activate(api, { pluginId: 'portfolio-rebalancer' });
  await plugin.registered;

  addCommands(program, commands, io, context, (code) => {
    exitCode = code;
  });
  addToolsCommand(program, tools, io, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    const verbose = program.opts<GlobalOptions>().verbose === true;
    return reportError(error, { json: json || isToolCall(argv), verbose, stdout: io.stdout, stderr: io.stderr });
  }
}

/** Each registered command as a commander subcommand ("portfolio status"), or a command of its own ("ask"). */
function addCommands(program: Command, commands: readonly CommandSpec[], io: CliIo, context: () => CommandContext, setExitCode: (code: number) => void): void {
  const groups = new Map<string, Command>();
  for (const spec of commands) {
    const [group, name] = spec.name.split(' ') as [string, string | undefined];
    let parent = name === undefined ? program : groups.get(group);
    if (!parent) {
      parent = program.command(group).description(`${group} commands`).exitOverride();
      groups.set(group, parent);
    }
    const command = parent.command(name ?? group).description(spec.description).exitOverride();
    for (const argument of spec.arguments ?? []) command.argument(argument.required ? `<${argument.name}>` : `[${argument.name}]`, argument.description);
    for (const option of spec.options ?? []) command.option(option.flags, option.description);
    command.action(async (...received: unknown[]) => {
      const cmd = received[received.length - 1] as Command;
      // Variadic arguments arrive as arrays; they are passed on flattened.
      const args = received.slice(0, spec.arguments?.length ?? 0).flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]));
      const result = await spec.run(args, cmd.opts(), context());
      // Nothing at all for an empty answer: `kit mcp` has used stdout for the protocol.
      if (result.stdout !== '') io.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
      setExitCode(result.exitCode);
    });
  }
}

/** --json anywhere before a `--`. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** `kit tools call` always answers in JSON, errors included. */
function isToolCall(argv: readonly string[]): boolean {
  return argv.some((word, index) => word === 'tools' && argv[index + 1] === 'call');
}
