// What a tool answers when it fails. K.I.T.'s language model gets the error a user would see, as
// data ({error}, plus the config's problems); the standalone `kit tools call` asks for the error
// itself instead, to report it like any command, with its exit code.
import { z } from 'zod';
import { toolArgsError } from '../cli/tools/tool-args.js';
import { ConfigError } from '../config/problems.js';
import { RebalancerError } from '../errors.js';

/** The handler context the standalone host passes: throw, do not answer with {error}. */
export const THROW_ERRORS = { throwErrors: true } as const;

/** `args` are the arguments the tool was called with, for a message that says what was given. */
export function toolErrorResult(error: unknown, context: unknown, args?: unknown): { error: string; problems?: string[] } {
  const readable = error instanceof z.ZodError ? toolArgsError(undefined, error.issues, args) : error;
  if ((context as { throwErrors?: unknown } | undefined)?.throwErrors === true) throw readable;
  if (readable instanceof ConfigError) return { error: readable.message, problems: readable.problems.map((p) => p.message) };
  if (readable instanceof RebalancerError) return { error: readable.message };
  throw readable;
}
