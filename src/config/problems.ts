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
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
    readonly root: string,
  ) {
    const lines = problems.map((problem) => `  - ${formatProblem(root, problem)}`);
    super(`Invalid config (${source}): ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function formatProblem(root: string, problem: ConfigProblem): string {
  const where = formatPath(root, problem.path) || '(top level)';
  return `${where}${problem.line ? ` (line ${problem.line})` : ''}: ${problem.message}`;
}
