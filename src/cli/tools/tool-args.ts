// A tool's arguments, checked against its (strict) zod schema, with a message a user or the
// language model can act on: which argument, what it got, what it takes. Never a raw ZodError.
import type { z } from 'zod';
import { describeInput } from '../../config/problems.js';
import { UsageError } from '../../errors.js';

type Issue = z.core.$ZodIssue;

export function parseToolArgs<T extends z.ZodType>(tool: string, schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw toolArgsError(tool, result.error.issues, raw, knownArgs(schema));
}

export function toolArgsError(tool: string | undefined, issues: readonly Issue[], raw: unknown, known: readonly string[] = []): UsageError {
  const problems = issues.map((issue) => issueText(issue, raw, known));
  return new UsageError(`Invalid arguments${tool ? ` for ${tool}` : ''}: ${problems.join('; ')}.`);
}

function issueText(issue: Issue, raw: unknown, known: readonly string[]): string {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => describeInput(key)).join(', ');
    return `unknown argument${issue.keys.length === 1 ? '' : 's'} ${names}; ${known.length > 0 ? `the arguments are ${known.join(', ')}` : 'this tool takes no other arguments'}`;
  }
  if (issue.path.length === 0) return `the arguments must be a JSON object, not ${describeInput(raw)}`;
  const name = issue.path.map(String).join('.');
  const value = valueAt(raw, issue.path);
  const got = value === undefined ? 'nothing' : describeInput(value);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `argument "${name}" is missing; expected ${TYPE_NOUN[issue.expected] ?? issue.expected}` : `argument "${name}": expected ${TYPE_NOUN[issue.expected] ?? issue.expected}, got ${got}`;
    case 'invalid_value':
      return `argument "${name}": ${got} is not one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return `argument "${name}": ${got} is too small; the least is ${String(issue.minimum)}`;
    case 'too_big':
      return `argument "${name}": ${got} is too large; the most is ${String(issue.maximum)}`;
    default:
      return `argument "${name}": ${got} is not valid (${issue.message})`;
  }
}

const TYPE_NOUN: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object', array: 'a list' };

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node = raw;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

function knownArgs(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { def?: { shape?: Record<string, unknown> } }).def?.shape;
  return shape ? Object.keys(shape) : [];
}
