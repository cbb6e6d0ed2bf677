// K.I.T.'s own CLI (src/cli/kit.ts, commander 12) calls one `registerXCommand(program)` per area.
// This is ours: it hangs the plugin's commands on the program K.I.T. already built, without
// clashing. A group K.I.T. already has (`portfolio`, with show|positions|history|stats|sync) gets
// our subcommands added to it; a group it lacks (`rebalance`, `tax`) is created; a subcommand name
// already taken is left to K.I.T. and reported as skipped. Only the commander API common to
// versions 12 to 14 is used, on the host's own Command objects (nothing is constructed here).
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { ConfigError } from '../config/problems.js';
import { RebalancerError } from '../errors.js';
import { askCommand } from '../cli/commands/ask.js';
import { rebalancerCommandSpecs, rebalancerTools } from '../skill.js';
import type { CommandContext, CommandSpec } from './contract.js';
import type { HostServices } from './runtime.js';

export interface KitCommandsIo {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: Writable;
  setExitCode(code: number): void;
}

export interface RegisteredCommands {
  /** "portfolio status", "rebalance preview", ... */
  added: string[];
  /** Names the program already had, left as they were. */
  skipped: string[];
}

const processIo = (): KitCommandsIo => ({ env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, setExitCode: (code) => (process.exitCode = code) });

export function registerRebalancerCommands(program: Command, options: { host?: HostServices; io?: KitCommandsIo } = {}): RegisteredCommands {
  const host = options.host ?? {};
  const io = options.io ?? processIo();
  const ask = askCommand((context) => rebalancerTools(host, () => context));
  // In K.I.T.'s CLI a top-level `ask` would be ambiguous with its own chat; ours is `rebalance ask`.
  const specs: CommandSpec[] = [...rebalancerCommandSpecs(host), { ...ask, name: 'rebalance ask' }];
  const result: RegisteredCommands = { added: [], skipped: [] };
  for (const spec of specs) {
    const [groupName, name] = spec.name.split(' ') as [string, string];
    const group = findCommand(program, groupName) ?? program.command(groupName).description(`${groupName} commands (portfolio-rebalancer)`);
    if (findCommand(group, name)) {
      result.skipped.push(spec.name);
      continue;
    }
    addCommand(group.command(name), spec, io);
    result.added.push(spec.name);
  }
  return result;
}

function findCommand(parent: Command, name: string): Command | undefined {
  return parent.commands.find((command) => command.name() === name || command.aliases().includes(name));
}

function addCommand(command: Command, spec: CommandSpec, io: KitCommandsIo): void {
  command.description(spec.description);
  for (const argument of spec.arguments ?? []) command.argument(argument.required ? `<${argument.name}>` : `[${argument.name}]`, argument.description);
  for (const option of spec.options ?? []) command.option(option.flags, option.description);
  // K.I.T.'s program has no --config/--state of ours: each command takes them itself.
  command.option('--config <file>', 'rebalancer config (else $KIT_REBALANCER_CONFIG, ./rebalancer.yaml, the K.I.T. plugin config, or the demo)');
  command.option('--state <dir>', 'folder for the ledger (default $KIT_HOME/plugin-data/portfolio-rebalancer)');
  command.action(async (...received: unknown[]) => {
    const cmd = received[received.length - 1] as Command;
    const args = received.slice(0, spec.arguments?.length ?? 0).flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]));
    const { config, state, ...rest } = cmd.opts<Record<string, unknown>>();
    const context: CommandContext = { env: io.env, cwd: io.cwd, stderr: io.stderr, global: { config: config as string | undefined, state: state as string | undefined } };
    try {
      const outcome = await spec.run(args, rest, context);
      if (outcome.stdout !== '') io.stdout.write(outcome.stdout.endsWith('\n') ? outcome.stdout : `${outcome.stdout}\n`);
      io.setExitCode(outcome.exitCode);
    } catch (error) {
      // Our errors are messages for the user; anything else is K.I.T.'s to report.
      if (error instanceof ConfigError) io.stderr.write(`${error.message}\n`);
      else if (error instanceof RebalancerError) io.stderr.write(`error: ${error.message}\n`);
      else throw error;
      io.setExitCode(error.exitCode);
    }
  });
}
