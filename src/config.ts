// Loads the `portfolio_rebalancer:` config (the seed's YAML block, plus venues) into typed values.
// Each section parses on its own and cross-field checks run on what parsed, so a bad file gets
// every problem listed at once, with its path and line. A failed load throws ConfigError and has
// no side effects: nothing is written and nothing is traded.
import type { z } from 'zod';
import { checkCredentials, CHECKS, isSecretKey } from './config/checks.js';
import { isAssetSymbol, percent, quantity } from './config/fields.js';
import { stripBom } from './config/config-text.js';
import { parseYaml } from './config/parse-yaml.js';
import { knownKeys, unknownKeyMessage } from './config/unknown-key.js';
import { readPlainYaml } from './config/plain-yaml.js';
import { ConfigError, describeInput, issueMessage, type ConfigProblem } from './config/problems.js';
import { sections, venueSchema, type Config } from './config/schema.js';

export { ConfigError, formatProblem, type ConfigProblem } from './config/problems.js';
export { configText } from './config/config-text.js';
export { isCash, CASH_ALIAS } from './config/checks.js';
export * from './config/schema.js';

export const ROOT_KEY = 'portfolio_rebalancer';

export interface ConfigSource {
  /** Where the config came from, for messages: a file path, "K.I.T. plugin config", "embedded demo". */
  name: string;
  /** The 1-based line of a path in the source text, when there is one. */
  lineOf?: (path: readonly (string | number)[]) => number | undefined;
  /** Problems already found in the text (duplicate keys), with paths from the document root. */
  problems?: readonly ConfigProblem[];
}

/** Parses YAML text; throws ConfigError listing every problem. */
export function parseConfigText(text: string, sourceName: string): Config {
  text = stripBom(text);
  // Most files are plain YAML and valid: read them fast, without the syntax tree that gives lines.
  // A file that is not plain, or not valid, is read again by `yaml`, for problems with their lines.
  const plain = readPlainQuietly(text);
  if (plain) {
    try {
      return parseConfig(plain.value, { name: sourceName });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  const yaml = parseYaml(text);
  if (yaml.value === undefined && yaml.problems.length > 0) throw new ConfigError(sourceName, yaml.problems, '');
  try {
    return parseConfig(yaml.value, { name: sourceName, lineOf: yaml.lineOf, problems: yaml.problems });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ConfigError(sourceName, [{ path: [], message: 'the file is nested too deeply to check; a config is a few levels deep' }], '');
  }
}

/** The fast reader's value; anything it trips on (a nesting too deep for it) is left to `yaml`. */
function readPlainQuietly(text: string): { value: unknown } | undefined {
  try {
    return readPlainYaml(text);
  } catch {
    return undefined;
  }
}

/** Validates an already-parsed object (YAML or the host's JSON plugin config). */
export function parseConfig(raw: unknown, source: ConfigSource): Config {
  const wrapped = isRecord(raw) && ROOT_KEY in raw;
  const root = wrapped ? ROOT_KEY : '';
  const section = wrapped ? (raw as Record<string, unknown>)[ROOT_KEY] : raw;
  const at = (path: readonly (string | number)[]) => ({ path, line: source.lineOf?.(wrapped ? [ROOT_KEY, ...path] : path) });
  const problems: ConfigProblem[] = [];

  if (section !== null && section !== undefined && !isRecord(section)) {
    throw new ConfigError(source.name, [{ ...at([]), message: 'expected a mapping of settings (targets:, venues:, ...)' }], root);
  }
  const input: Record<string, unknown> = section ?? {};

  for (const key of Object.keys(input)) {
    if (!(key in sections)) problems.push({ ...at([key]), message: unknownKeyMessage(key, Object.keys(sections)) });
  }
  const secretProblems: ConfigProblem[] = [];
  checkCredentials(input.venues, secretProblems);
  problems.push(...secretProblems.map((problem) => ({ ...problem, ...at(problem.path) })));

  const parsed: Record<string, unknown> = {};
  const incomplete = new Set<keyof Config>();
  for (const problem of source.problems ?? []) {
    // A duplicate key makes its section ambiguous: report it, and skip the checks that need it.
    const path = wrapped ? problem.path.slice(1) : problem.path;
    problems.push({ ...problem, path });
    if (typeof path[0] === 'string' && path[0] in sections) incomplete.add(path[0] as keyof Config);
  }
  const flag = (key: keyof Config) => (path: (string | number)[], message: string) => {
    problems.push({ ...at(path), message });
    incomplete.add(key);
  };
  const report: ReportIssues = (key, issues, prefix, schema) => {
    for (const issue of issues) {
      const inner = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
      const path = [key, ...prefix, ...inner];
      if (secretProblems.some((secret) => startsWith(path, secret.path))) continue;
      if (issue.code === 'unrecognized_keys') {
        for (const unknown of issue.keys.filter((name) => !isSecretKey(name))) {
          problems.push({ ...at([...path, unknown]), message: unknownKeyMessage(unknown, knownKeys(schema, inner)) });
        }
      } else {
        problems.push({ ...at(path), message: issueMessage(issue) });
      }
    }
  };
  for (const [key, schema] of Object.entries(sections) as [keyof Config, z.ZodType][]) {
    const value = key === 'venues' ? withoutStraySecrets(input[key]) : input[key];
    parseSection({ key, schema, value, parsed, incomplete, report, flag: flag(key) });
  }

  for (const check of CHECKS) {
    const found: ConfigProblem[] = [];
    check(parsed as Partial<Config>, found, incomplete);
    problems.push(...found.map((problem) => ({ ...problem, ...at(problem.path) })));
  }
  if (problems.length > 0) throw new ConfigError(source.name, problems, root);
  return parsed as Config;
}

type ReportIssues = (key: keyof Config, issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[], schema: z.ZodType) => void;

interface SectionParse {
  key: keyof Config;
  schema: z.ZodType;
  value: unknown;
  parsed: Record<string, unknown>;
  incomplete: Set<keyof Config>;
  report: ReportIssues;
  flag: (path: (string | number)[], message: string) => void;
}

/** Parses one section into `parsed`; a failed one is reported and marked incomplete instead. */
function parseSection({ key, schema, value, parsed, incomplete, report, flag }: SectionParse): void {
  const entries = RECORD_SECTIONS[key as keyof typeof RECORD_SECTIONS];
  if (entries && isRecord(value)) {
    // Entry by entry, so that one bad target or venue does not hide the checks on the others.
    const good: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const result = entries.safeParse(item);
      if (result.success) good[name] = result.data;
      else {
        incomplete.add(key);
        report(key, result.error.issues, [name], entries);
      }
    }
    parsed[key] = normaliseAssetKeys(key, good, flag);
    return;
  }
  const result = schema.safeParse(value);
  if (result.success) parsed[key] = normaliseAssetKeys(key, result.data, flag);
  else {
    incomplete.add(key);
    report(key, result.error.issues, [], schema);
    const salvaged = salvage(schema, value, result.error.issues);
    if (salvaged !== undefined) parsed[key] = normaliseAssetKeys(key, salvaged, () => undefined);
  }
}

/**
 * The section without its failing fields (they take their defaults), for the cross-field checks:
 * a bad schedule.day is still reported when schedule.time is bad too. The section stays incomplete.
 */
function salvage(schema: z.ZodType, value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  if (!isRecord(value)) return undefined;
  const failing = new Set(issues.flatMap((issue) => (issue.path.length > 0 ? [String(issue.path[0])] : issue.code === 'unrecognized_keys' ? issue.keys : [])));
  if (failing.size === 0) return undefined;
  const result = schema.safeParse(Object.fromEntries(Object.entries(value).filter(([field]) => !failing.has(field))));
  return result.success ? result.data : undefined;
}

const RECORD_SECTIONS = { targets: percent(), venues: venueSchema, prices: quantity({ positive: true, what: 'price' }) } as const;

/** Keys such as api_key outside credentials: reported by checkCredentials, left out of the parse. */
function withoutStraySecrets(venues: unknown): unknown {
  if (!isRecord(venues)) return venues;
  return Object.fromEntries(
    Object.entries(venues).map(([name, venue]) => [name, isRecord(venue) ? Object.fromEntries(Object.entries(venue).filter(([key]) => !isSecretKey(key))) : venue]),
  );
}

/** Upper-cases the asset keys of asset maps; "btc" and "BTC" in one map is a duplicate. */
function normaliseAssetKeys(key: keyof Config, value: unknown, report: (path: (string | number)[], message: string) => void): unknown {
  const normalise = (map: Record<string, unknown>, path: (string | number)[]) => {
    const out: Record<string, unknown> = {};
    for (const [asset, item] of Object.entries(map)) {
      const symbol = asset.trim().toUpperCase();
      if (!isAssetSymbol(asset)) report([...path, asset], `${describeInput(asset)} is not an asset symbol; expected letters and digits such as BTC or SPY`);
      else if (symbol in out) report([...path, asset], `duplicate asset ${symbol}; each asset may appear once`);
      else out[symbol] = item;
    }
    return out;
  };
  if (key === 'targets' || key === 'prices' || key === 'price_history' || key === 'bands') return normalise(value as Record<string, unknown>, [key]);
  if (key === 'tactical') {
    const tactical = value as Config['tactical'];
    tactical.sentiment.scores = normalise(tactical.sentiment.scores, ['tactical', 'sentiment', 'scores']) as typeof tactical.sentiment.scores;
  }
  if (key === 'venues') {
    const venues = value as Config['venues'];
    for (const [name, venue] of Object.entries(venues)) {
      venue.markets = normalise(venue.markets, ['venues', name, 'markets']) as typeof venue.markets;
      venue.balances = normalise(venue.balances, ['venues', name, 'balances']) as typeof venue.balances;
      if (venue.prices) venue.prices = normalise(venue.prices, ['venues', name, 'prices']) as typeof venue.prices;
      venue.price_history = normalise(venue.price_history, ['venues', name, 'price_history']) as typeof venue.price_history;
    }
  }
  if (key === 'cash_assets') {
    const assets = value as string[];
    const duplicate = assets.find((asset, index) => assets.indexOf(asset) !== index);
    if (duplicate) report(['cash_assets'], `duplicate asset ${duplicate}; each asset may appear once`);
  }
  return value;
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.every((part, index) => String(path[index]) === String(part));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
