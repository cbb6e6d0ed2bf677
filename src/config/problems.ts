// A config problem names where (a path under `portfolio_rebalancer`, and the line when the config
// came from a file) and what was expected. One ConfigError carries every problem of one load.

export interface ConfigProblem {
  path: readonly (string | number)[];
  message: string;
  line?: number | undefined;
}

export function formatPath(root: string, path: readonly (string | number)[]): string {
  let text = root;
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text ? `.${key}` : key;
  return text;
}

export class ConfigError extends Error {
  readonly exitCode = 2;
  readonly problems: readonly ConfigProblem[];
  constructor(
    readonly source: string,
    problems: readonly ConfigProblem[],
    readonly root: string,
  ) {
    const shown = problems.map(shortened);
    super(`Invalid config (${source}): ${shown.length} problem${shown.length === 1 ? '' : 's'}\n${shown.map((problem) => `  - ${formatProblem(root, problem)}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = shown;
  }
}

function shortened(problem: ConfigProblem): ConfigProblem {
  const key = (part: string | number) => (typeof part === 'string' && part.length > MAX_QUOTED ? `${part.slice(0, MAX_QUOTED - 4)}…` : part);
  return { ...problem, path: problem.path.map(key), message: clipQuoted(problem.message) };
}

export function formatProblem(root: string, problem: ConfigProblem): string {
  const where = formatPath(root, problem.path) || '(top level)';
  return `${where}${problem.line ? ` (line ${problem.line})` : ''}: ${problem.message}`;
}

/**
 * A value the user wrote, for a message: text quoted, anything else named by its shape, so that no
 * message says `undefined` or `[object Object]`. `undefined` itself is for callers to say "missing".
 */
export function describeInput(value: unknown): string {
  if (typeof value === 'string') return clip(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'an empty value';
  if (value === undefined) return 'nothing';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

const MAX_QUOTED = 60;

function clip(quoted: string): string {
  return quoted.length > MAX_QUOTED ? `${quoted.slice(0, MAX_QUOTED - 4)}…" (${quoted.length - 2} characters)` : quoted;
}

/** Long quoted values inside a message cut short: a message must not echo a megabyte scalar. */
export function clipQuoted(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.){80,}"/g, (quoted) => clip(quoted));
}

const NOUNS: Record<string, string> = { string: 'text', number: 'a number', object: 'a mapping of settings', array: 'a list', boolean: 'true or false', date: 'a date', record: 'a mapping', tuple: 'a list' };
const SHAPES: Record<string, string> = { undefined: 'nothing', null: 'an empty value', object: 'a mapping', array: 'a list', string: 'text', number: 'a number', boolean: 'true or false' };

/** zod's message for one issue in the config's words (zod's own say "received undefined"). */
export function issueMessage(issue: { code: string; message: string; expected?: unknown }): string {
  // Only zod's own wording is rewritten; a schema's custom message already says what it wants.
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  if (issue.code !== 'invalid_type') return 'this value is not of a kind this setting takes; see Configuration in the README';
  const expected = NOUNS[String(issue.expected)] ?? String(issue.expected);
  const received = /received (\w+)/.exec(issue.message)?.[1];
  if (received === 'undefined') return `missing; expected ${expected}`;
  return `expected ${expected}${received ? `, not ${SHAPES[received] ?? received}` : ''}`;
}
