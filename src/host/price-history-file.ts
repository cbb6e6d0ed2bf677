// `price_history_file:` — daily closes kept in a CSV beside the config (date,asset,price; a header
// row, any column order), merged into `price_history:`. A bad file fails the config load with
// every bad row named; closes written in the config itself win over the file's.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Config } from '../config.js';
import { ConfigError, type ConfigProblem } from '../config/problems.js';
import { Decimal, parseDecimal } from '../money.js';

export function mergePriceHistoryFile(config: Config, configPath: string | undefined, source: string): Config {
  const file = config.price_history_file;
  if (!file) return config;
  const path = isAbsolute(file) || !configPath ? file : join(dirname(configPath), file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(source, [{ path: ['price_history_file'], message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}` }], 'portfolio_rebalancer');
  }
  const problems: ConfigProblem[] = [];
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const [dateAt, assetAt, priceAt] = [column('date'), column('asset'), column('price')];
  if (dateAt < 0 || assetAt < 0 || priceAt < 0) {
    throw new ConfigError(source, [{ path: ['price_history_file'], message: `${path}: the header must name the columns date, asset and price; found ${JSON.stringify(lines[0] ?? '')}` }], 'portfolio_rebalancer');
  }
  const history: Record<string, Record<string, Decimal>> = {};
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((cell) => cell.trim());
    const [date = '', asset = '', price = ''] = [cells[dateAt], cells[assetAt]?.toUpperCase(), cells[priceAt]];
    const where = `${path} line ${index + 2}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return void problems.push({ path: ['price_history_file'], message: `${where}: date ${JSON.stringify(date)} is not YYYY-MM-DD` });
    if (!/^[A-Z0-9][A-Z0-9._-]{0,23}$/.test(asset)) return void problems.push({ path: ['price_history_file'], message: `${where}: ${JSON.stringify(asset)} is not an asset symbol` });
    let value: Decimal;
    try {
      value = parseDecimal(price);
    } catch {
      return void problems.push({ path: ['price_history_file'], message: `${where}: price ${JSON.stringify(price)} is not a number` });
    }
    if (value.lte(0)) return void problems.push({ path: ['price_history_file'], message: `${where}: price ${price} is not above 0` });
    (history[asset] ??= {})[date] = value;
  });
  if (problems.length > 0) throw new ConfigError(source, problems, 'portfolio_rebalancer');
  const merged: Config['price_history'] = { ...history };
  for (const [asset, closes] of Object.entries(config.price_history)) merged[asset] = { ...(history[asset] ?? {}), ...closes };
  return { ...config, price_history: merged };
}
