// Checks that span fields: targets against each other and the risk limits, the cash bucket,
// sectors, the schedule, venues. Each takes only the sections it needs, already parsed, and is
// skipped when one of them failed, so a malformed field is reported once and not again as a
// confusing follow-on ("sums to NaN%").
import { Decimal, sum } from '../money.js';
import { ADAPTERS, CCXT_EXCHANGES, PLANNED_ADAPTERS, WEEKDAYS, type Config } from './schema.js';
import { describeInput, type ConfigProblem } from './problems.js';
import { jupiterVenueProblems } from './jupiter-fields.js';
import { oneInchVenues } from './oneinch-checks.js';

type Parsed = Partial<Config>;
/** `incomplete` names the sections where some entry failed to parse. */
type Check = (config: Parsed, problems: ConfigProblem[], incomplete: ReadonlySet<keyof Config>) => void;

const pct = (value: Decimal) => `${value.times(100).toFixed()}%`;
const ENV_REF = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
export const CASH_ALIAS = 'CASH';

export function isCash(asset: string, cashAssets: readonly string[]): boolean {
  return asset === CASH_ALIAS || cashAssets.includes(asset);
}

const targetsSum: Check = ({ targets }, problems, incomplete) => {
  if (!targets || incomplete.has('targets') || Object.keys(targets).length === 0) return;
  const total = sum(Object.values(targets));
  if (!total.eq(1)) problems.push({ path: ['targets'], message: `sums to ${pct(total)}, must be 100%` });
};

const oneCashTarget: Check = ({ targets, cash_assets }, problems) => {
  if (!targets || !cash_assets) return;
  const cashTargets = Object.keys(targets).filter((asset) => isCash(asset, cash_assets));
  if (cashTargets.length > 1) {
    problems.push({
      path: ['targets'],
      message: `${cashTargets.join(' and ')} are all cash (cash_assets: ${cash_assets.join(', ')}), which is one bucket; give it one target, on ${cashTargets[0]} or CASH`,
    });
  }
};

const singleAssetLimit: Check = ({ targets, risk, cash_assets }, problems) => {
  if (!targets || !risk || !cash_assets) return;
  for (const [asset, target] of Object.entries(targets)) {
    if (!isCash(asset, cash_assets) && target.gt(risk.max_single_asset)) {
      problems.push({ path: ['targets', asset], message: `${pct(target)} is above risk.max_single_asset ${pct(risk.max_single_asset)}` });
    }
  }
};

const cashReserve: Check = ({ targets, risk, cash_assets }, problems, incomplete) => {
  if (!targets || incomplete.has('targets') || !risk || !cash_assets || risk.min_cash_reserve.eq(0) || Object.keys(targets).length === 0) return;
  const cash = sum(Object.entries(targets).filter(([asset]) => isCash(asset, cash_assets)).map(([, target]) => target));
  if (cash.lt(risk.min_cash_reserve)) {
    problems.push({
      path: ['risk', 'min_cash_reserve'],
      message: `${pct(risk.min_cash_reserve)} is above the cash target ${pct(cash)}; the reserve could never be kept. Raise the cash target or lower the reserve`,
    });
  }
};

const sectorLimits: Check = ({ sectors, targets }, problems, incomplete) => {
  if (!sectors) return;
  const owner = new Map<string, string>();
  for (const [name, sector] of Object.entries(sectors)) {
    for (const asset of sector.assets) {
      const other = owner.get(asset);
      if (other) problems.push({ path: ['sectors', name], message: `${asset} is already in sector ${other}; an asset belongs to one sector` });
      owner.set(asset, name);
    }
    if (sector.max && targets && !incomplete.has('targets')) {
      const total = sum(sector.assets.map((asset) => targets[asset] ?? new Decimal(0)));
      if (total.gt(sector.max)) {
        problems.push({ path: ['sectors', name, 'max'], message: `the targets of ${sector.assets.join(', ')} add up to ${pct(total)}, above this sector's limit ${pct(sector.max)}` });
      }
    }
  }
};

const scheduleDay: Check = ({ schedule }, problems) => {
  if (!schedule) return;
  const day = schedule.day === undefined ? undefined : String(schedule.day).trim().toLowerCase();
  if (schedule.type === 'weekly' && day !== undefined && !(WEEKDAYS as readonly string[]).includes(day)) {
    problems.push({ path: ['schedule', 'day'], message: `${describeInput(schedule.day)} is not a weekday; expected one of ${WEEKDAYS.join(', ')}` });
  }
  if (schedule.type === 'monthly' && day !== undefined && day !== 'last' && !(/^\d{1,2}$/.test(day) && Number(day) >= 1 && Number(day) <= 31)) {
    problems.push({ path: ['schedule', 'day'], message: `${describeInput(schedule.day)} is not a day of the month; expected 1 to 31 or last` });
  }
  if (schedule.type === 'daily' && day !== undefined) {
    problems.push({ path: ['schedule', 'day'], message: 'a daily schedule takes no day; remove it or use type: weekly or monthly' });
  }
};

const venues: Check = ({ venues, cash_assets }, problems) => {
  if (!venues) return;
  for (const [name, venue] of Object.entries(venues)) {
    const at = (...path: string[]) => ['venues', name, ...path];
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(name)) {
      problems.push({ path: ['venues', name], message: 'a venue name is letters, digits, - and _ (at most 40)' });
    }
    if ((PLANNED_ADAPTERS as readonly string[]).includes(venue.adapter)) {
      problems.push({ path: at('adapter'), message: `adapter ${describeInput(venue.adapter)} is planned but not in this version; use ${ADAPTERS.join(' or ')}` });
    } else if (!(ADAPTERS as readonly string[]).includes(venue.adapter)) {
      problems.push({ path: at('adapter'), message: `unknown adapter ${describeInput(venue.adapter)}; expected one of ${ADAPTERS.join(', ')}` });
    }
    const markets = Object.keys(venue.markets);
    if (venue.adapter === 'manual' && markets.length > 0) {
      problems.push({ path: at('markets'), message: 'a manual venue is read-only and has no markets; remove them or use adapter: paper' });
    }
    if (venue.adapter === 'paper' && markets.length > 0 && !venue.quote) {
      problems.push({ path: at('quote'), message: 'missing: a venue with markets needs the cash asset they are quoted in, such as quote: USDC' });
    }
    if (venue.adapter === 'ccxt' && !venue.exchange) {
      problems.push({ path: at('exchange'), message: `missing: a ccxt venue names its exchange, one of ${CCXT_EXCHANGES.join(', ')}` });
    }
    if (venue.adapter === 'jupiter') {
      for (const problem of jupiterVenueProblems(venue)) problems.push({ path: ['venues', name, ...problem.path], message: problem.message });
    }
    if (venue.quote && cash_assets && !cash_assets.includes(venue.quote)) {
      problems.push({ path: at('quote'), message: `${venue.quote} is not a cash asset; expected one of cash_assets (${cash_assets.join(', ')})` });
    }
    if (venue.quote && venue.markets[venue.quote]) {
      problems.push({ path: at('markets', venue.quote), message: `${venue.quote} is this venue's quote asset and cannot also be a market` });
    }
    venue.lots.forEach((lot, index) => {
      if (!(lot.asset in venue.balances)) {
        problems.push({ path: ['venues', name, 'lots', index, 'asset'], message: `${lot.asset} has no balance on this venue; lots belong to assets the venue holds` });
      }
    });
  }
};

/** Credentials only as ${ENV_VAR}; checked on the raw section so that no secret value is ever echoed. */
export function checkCredentials(rawVenues: unknown, problems: ConfigProblem[]): void {
  if (!rawVenues || typeof rawVenues !== 'object') return;
  for (const [name, venue] of Object.entries(rawVenues as Record<string, unknown>)) {
    walkSecrets(venue, ['venues', name], false, problems);
  }
}

const SECRET_KEY = /^(api_?key|api_?secret|secret|password|passphrase|private_?key|token|access_?token|mnemonic|seed_?phrase|uid)$/i;
export const isSecretKey = (key: string) => SECRET_KEY.test(key);

function walkSecrets(node: unknown, path: string[], inCredentials: boolean, problems: ConfigProblem[]): void {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  // One path, pushed and popped, copied only into a problem: a venue has thousands of keys.
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const isSecret = inCredentials || SECRET_KEY.test(key);
    if (isSecret && (typeof value !== 'string' || !ENV_REF.test(value.trim()))) {
      problems.push({
        path: [...path, key],
        message: `credential written inline; write it as \${ENV_VAR} (for example \${${envName(path[1] ?? 'VENUE', key)}}) and set that variable in the environment`,
      });
    } else if (isSecret && !inCredentials) {
      problems.push({ path: [...path, key], message: `credentials go under credentials:, as ${key}: \${ENV_VAR}` });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      path.push(key);
      walkSecrets(value, path, inCredentials || key === 'credentials', problems);
      path.pop();
    }
  }
}

function envName(venue: string, key: string): string {
  return `${venue}_${key}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

const bandsContainTargets: Check = ({ bands, targets }, problems, incomplete) => {
  if (!bands || !targets || incomplete.has('targets')) return;
  for (const [asset, band] of Object.entries(bands)) {
    const target = targets[asset];
    if (target === undefined) {
      problems.push({ path: ['bands', asset], message: `${asset} has no target; a band needs one` });
    } else if (band.kind === 'range' && (target.lt(band.low) || target.gt(band.high))) {
      problems.push({ path: ['bands', asset], message: `the band ${pct(band.low)}-${pct(band.high)} does not contain the target ${pct(target)}` });
    }
  }
};

export const CHECKS: readonly Check[] = [bandsContainTargets, targetsSum, oneCashTarget, singleAssetLimit, cashReserve, sectorLimits, scheduleDay, venues, oneInchVenues];
