// Which config to use, in order: --config FILE, $KIT_REBALANCER_CONFIG, ./rebalancer.yaml, the
// K.I.T. plugin config (api.getConfig(), or plugins.json in KIT_HOME for the standalone kit), and
// else the embedded demo, which every output then says it is showing.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { configText, parseConfig, parseConfigText, type Config } from '../config.js';
import { stripBom } from '../config/config-text.js';
import { UsageError } from '../errors.js';
import { demoConfigPath, kitHome, PLUGIN_ID } from './paths.js';
import { mergePriceHistoryFile } from './price-history-file.js';

export interface FoundConfig {
  config: Config;
  /** For messages: the file, "K.I.T. plugin config" or "embedded demo". */
  source: string;
  demo: boolean;
}

export interface FindConfigOptions {
  configPath?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The host's plugin config, when running inside K.I.T.; undefined to read plugins.json. */
  pluginConfig?: unknown;
}

export function findConfig(options: FindConfigOptions): FoundConfig {
  const { env, cwd } = options;
  if (options.configPath) return fromFile(resolve(cwd, options.configPath), `--config ${options.configPath}`);
  if (env.KIT_REBALANCER_CONFIG) return fromFile(resolve(cwd, env.KIT_REBALANCER_CONFIG), `KIT_REBALANCER_CONFIG=${env.KIT_REBALANCER_CONFIG}`);
  const local = join(cwd, 'rebalancer.yaml');
  if (existsSync(local)) return fromFile(local, './rebalancer.yaml');

  const plugin = options.pluginConfig !== undefined ? { value: options.pluginConfig, where: 'K.I.T. plugin config' } : readPluginsJson(env);
  if (plugin && isNonEmptyObject(plugin.value)) {
    const value = plugin.value as Record<string, unknown>;
    if (typeof value.config_file === 'string') {
      const file = isAbsolute(value.config_file) ? value.config_file : join(kitHome(env), value.config_file);
      return fromFile(file, `${plugin.where} (config_file)`);
    }
    return { config: mergePriceHistoryFile(parseConfig(value, { name: plugin.where }), undefined, plugin.where), source: plugin.where, demo: false };
  }
  const demo = parseConfigText(readFileSync(demoConfigPath, 'utf8'), 'embedded demo');
  return { config: mergePriceHistoryFile(demo, demoConfigPath, 'embedded demo'), source: 'embedded demo', demo: true };
}

function fromFile(path: string, given: string): FoundConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`Config ${given}: cannot read ${path}: ${readFailure(error)}.`);
  }
  return { config: mergePriceHistoryFile(parseConfigText(configText(bytes, path), path), path, path), source: path, demo: false };
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'it is a folder; give the path of a YAML file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; make the file readable';
  return (error as Error).message;
}

function readPluginsJson(env: Readonly<Record<string, string | undefined>>): { value: unknown; where: string } | undefined {
  const file = join(kitHome(env), 'plugins.json');
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`K.I.T. plugin config ${file}: cannot read it: ${readFailure(error)}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(text));
  } catch (error) {
    throw new UsageError(`K.I.T. plugin config ${file} is not valid JSON: ${(error as Error).message}.`);
  }
  const value = (parsed as { plugins?: Record<string, unknown> } | null)?.plugins?.[PLUGIN_ID];
  return value === undefined ? undefined : { value, where: `${file} (plugins.${PLUGIN_ID})` };
}

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}
