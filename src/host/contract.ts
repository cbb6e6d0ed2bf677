// The host contract this plugin is written against: the part of K.I.T.'s PluginAPI it uses
// (registerTool, registerRPC, registerService, getConfig, getStoragePath, log), plus
// registerCommand, which only our standalone `kit` offers. Commands are plain data and a
// function returning text, so the CLI, K.I.T.'s RPC and the tests all run the same code.
import type { Writable } from 'node:stream';

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON schema of the arguments (generated from zod). */
  parameters: Record<string, unknown>;
}

export type ToolHandler = (args: Record<string, unknown>, context?: unknown) => Promise<unknown>;

export interface CommandOption {
  /** commander flags: "--by-venue", "--strategy <name>" */
  flags: string;
  description: string;
}

export interface CommandArgument {
  name: string;
  description: string;
  required: boolean;
}

/** Where a command runs: its environment, options shared by every command, and its streams. */
export interface CommandContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stderr: Writable;
  global: GlobalOptions;
  /** 'read' when the command can run from a ledger it cannot write (see host/state-ledger.ts); default 'write'. */
  ledgerAccess?: 'read' | 'write' | undefined;
}

export interface GlobalOptions {
  config?: string | undefined;
  state?: string | undefined;
  verbose?: boolean | undefined;
  logFile?: string | undefined;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
}

export interface CommandSpec {
  /** Words after `kit`: "portfolio status". */
  name: string;
  description: string;
  arguments?: readonly CommandArgument[];
  options?: readonly CommandOption[];
  run(args: readonly string[], options: Record<string, unknown>, context: CommandContext): Promise<CommandResult>;
}

export interface Service {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
  isRunning(): boolean;
}

/** The subset of K.I.T.'s PluginAPI we call; registerCommand is the standalone host's addition. */
export interface HostApi {
  registerTool(definition: ToolDefinition, handler: ToolHandler): void;
  registerRPC?(method: string, handler: (params: Record<string, unknown>, context?: unknown) => Promise<unknown>): void;
  registerService?(name: string, service: Service): void;
  registerCommand?(spec: CommandSpec): void;
  getConfig?<T = unknown>(key?: string): T;
  getStoragePath?(): string;
  /** The standalone host's addition: where tools run (its --config, --state, environment and folder). */
  commandContext?(): CommandContext;
  log?: { info(message: string): void; warn(message: string): void; error(message: string): void };
}

export interface PluginContext {
  pluginId?: string;
  pluginDir?: string;
  config?: unknown;
  kitVersion?: string;
}
