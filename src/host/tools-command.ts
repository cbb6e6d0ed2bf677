// `kit tools list | call`: the registered tools, as K.I.T.'s language model sees and calls them.
// A call runs with the global --config and --state like any command; its answer, and any error,
// is JSON on stdout.
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import type { ToolDefinition, ToolHandler } from './contract.js';
import { THROW_ERRORS } from './tool-errors.js';

export type Tools = Map<string, { definition: ToolDefinition; handler: ToolHandler }>;

export function addToolsCommand(program: Command, tools: Tools, io: CliIo, setExitCode: (code: number) => void): void {
  const toolsCommand = program.command('tools').description("the tools K.I.T.'s language model can call").exitOverride();
  toolsCommand
    .command('list')
    .description('list the registered tools: their definitions as registered, with JSON schemas')
    .option('--json', 'the same JSON (the list is always JSON)')
    .exitOverride()
    .action(() => {
      io.stdout.write(`${JSON.stringify([...tools.values()].map((tool) => tool.definition), null, 2)}\n`);
    });
  toolsCommand
    .command('call')
    .description('call a tool as the agent would, with JSON arguments; prints its JSON answer')
    .argument('<name>', 'tool name, e.g. portfolio_status')
    .argument('[json]', 'arguments as a JSON object', '{}')
    .exitOverride()
    .action(async (name: string, json: string) => {
      const tool = tools.get(name);
      if (!tool) throw new UsageError(`Unknown tool ${JSON.stringify(name)}; the tools are ${[...tools.keys()].join(', ')} (kit tools list).`);
      const answer = await tool.handler(parseArguments(json), THROW_ERRORS);
      const code = (answer as { exit_code?: unknown } | null)?.exit_code;
      if (typeof code === 'number') setExitCode(code);
      io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    });
}

function parseArguments(json: string): Record<string, unknown> {
  let args: unknown;
  try {
    args = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`Tool arguments must be a JSON object such as '{"year": 2025}'; ${JSON.stringify(json.length > 60 ? `${json.slice(0, 56)}…` : json)} is not JSON (${(error as Error).message}).`);
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new UsageError(`Tool arguments must be a JSON object such as '{"year": 2025}', not ${Array.isArray(args) ? 'a list' : args === null ? 'null' : typeof args === 'string' ? 'a string' : String(args)}.`);
  }
  return args as Record<string, unknown>;
}
