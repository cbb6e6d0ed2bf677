// Every failure of a `kit` run as what the user sees: one message (the config's problems listed
// under it) and an exit code; with --json, the same as one JSON object on stdout and nothing
// else. Never a stack trace, unless --verbose asks for one on an unexpected failure.
import type { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { z } from 'zod';
import { toolArgsError } from '../cli/tools/tool-args.js';
import { ConfigError, formatProblem } from '../config/problems.js';
import { RebalancerError } from '../errors.js';

export interface ErrorReport {
  /** One line. */
  error: string;
  /** The config's problems, or the lines of an error's details (an import's bad rows). */
  problems: string[];
  exitCode: number;
}

export interface ReportOptions {
  json: boolean;
  verbose: boolean;
  stdout: Writable;
  stderr: Writable;
}

/** Writes the report of `error` and returns the exit code. */
export function reportError(error: unknown, options: ReportOptions): number {
  if (error instanceof CommanderError && isNotAFailure(error)) return 0;
  const report = errorReport(error, options.verbose);
  if (options.json) {
    options.stdout.write(`${JSON.stringify({ error: report.error, problems: report.problems, exit_code: report.exitCode }, null, 2)}\n`);
  } else if (!(error instanceof CommanderError)) {
    // commander has already printed its own message (and the hint to --help) on stderr.
    options.stderr.write(errorText(error, report));
  }
  return report.exitCode;
}

function isNotAFailure(error: CommanderError): boolean {
  return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version';
}

export function errorReport(error: unknown, verbose = false): ErrorReport {
  if (error instanceof CommanderError) return { error: error.message.replace(/^error: /, ''), problems: [], exitCode: 2 };
  if (error instanceof ConfigError) {
    return { error: `Invalid config (${error.source}): ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}`, problems: error.problems.map((p) => formatProblem(error.root, p)), exitCode: error.exitCode };
  }
  if (error instanceof z.ZodError) return errorReport(toolArgsError(undefined, error.issues, undefined));
  if (error instanceof RebalancerError) {
    return { error: error.shortMessage, problems: (error.details ?? '').split('\n').map((line) => line.trim()).filter(Boolean), exitCode: error.exitCode };
  }
  const message = error instanceof Error ? error.message.split('\n')[0] || error.name : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // A file-system failure nothing above translated: Node's message names the path and the reason.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { error: message, problems: [], exitCode: 1 };
  const stack = verbose && error instanceof Error && error.stack ? error.stack.split('\n').slice(1).map((line) => line.trim()) : [];
  return { error: `unexpected failure: ${message}${verbose ? '' : ' (run with --verbose for where it happened)'}`, problems: stack, exitCode: 1 };
}

function errorText(error: unknown, report: ErrorReport): string {
  // The config error keeps its established layout: the summary, then one "  - " line a problem.
  if (error instanceof ConfigError) return `${error.message}\n`;
  if (error instanceof RebalancerError) return `error: ${error.message}\n`;
  const details = report.problems.map((line) => `  ${line}\n`).join('');
  return `error: ${report.error}\n${details}`;
}
