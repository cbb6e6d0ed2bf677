// What `kit` says when something is wrong: with --json, one JSON object on stdout and nothing
// else; `kit tools call` with the global --config/--state and readable argument errors; the
// deposit options; --version. And one central check over every message here: no stack trace,
// no `undefined`, `NaN` or `[object Object]`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../src/skill.js';
import type { ToolDefinition, ToolHandler } from '../src/host/contract.js';
import { LEAKS, runInProcess } from './helpers/run-cli.js';
import { oneVenueConfig, ROOT, runKit, tempDir, writeConfig, type KitRun } from './helpers/run-kit.js';

const seen: KitRun[] = [];
async function kit(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const run = await runInProcess(args, options);
  seen.push(run);
  return run;
}

const CONFIG = writeConfig(oneVenueConfig(`    cold:
      kind: wallet
      adapter: manual
      balances: {BTC: "0.1"}
`));

afterAll(() => {
  // The central check: whatever went wrong in this file, the user saw a message, not a leak.
  for (const run of seen) {
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(LEAKS);
    if (run.code !== 0) expect(`${run.stdout}${run.stderr}`.trim()).not.toBe('');
  }
});

describe('--json errors', () => {
  it('a config error, a usage error and a commander error are one JSON object on stdout, nothing on stderr', async () => {
    const bad = writeConfig('portfolio_rebalancer:\n  venues:\n    x: {adapter: paper}\n  schedule: {day: funday, time: "25:00", timezone: Mars/Base}\n');
    const config = await kit(['--config', bad, 'portfolio', 'status', '--json']);
    expect(config).toMatchObject({ code: 2, stderr: '' });
    expect(JSON.parse(config.stdout)).toEqual({
      error: `Invalid config (${bad}): 4 problems`,
      problems: [
        `portfolio_rebalancer.schedule.time (line 4): "25:00" is not a time; expected HH:MM on a 24-hour clock, such as "09:00"`,
        'portfolio_rebalancer.schedule.timezone (line 4): unknown timezone "Mars/Base"; expected an IANA name such as America/New_York or UTC',
        'portfolio_rebalancer.venues.x.kind (line 3): missing: give a venue kind, one of cex, dex, mt5, ibkr, wallet, paper',
        'portfolio_rebalancer.schedule.day (line 4): "funday" is not a weekday; expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday',
      ],
      exit_code: 2,
    });
    const usage = await kit(['--config', CONFIG, 'rebalance', 'preview', '--json', '--strategy', 'yolo']);
    expect(usage).toMatchObject({ code: 2, stderr: '' });
    expect(JSON.parse(usage.stdout)).toEqual({ error: '--strategy: unknown strategy "yolo"; expected one of threshold, calendar, cash-flow, band, tactical.', problems: [], exit_code: 2 });
    const unknown = await kit(['portfolio', 'status', '--json', '--frob']);
    expect(unknown).toMatchObject({ code: 2, stderr: '' });
    expect(JSON.parse(unknown.stdout)).toEqual({ error: "unknown option '--frob'", problems: [], exit_code: 2 });
  });
});

describe('--deposit-venue', () => {
  it('without --deposit, or naming a read-only wallet, is refused with exit 2', async () => {
    const alone = await kit(['--config', CONFIG, 'rebalance', 'preview', '--deposit-venue', 'ex']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe('error: --deposit-venue ex names where a deposit arrives, and there is no --deposit; add one, such as --deposit 5000 USDC --deposit-venue ex, or leave --deposit-venue out.\n');
    const wallet = await kit(['--config', CONFIG, 'rebalance', 'preview', '--deposit', '5000', 'USDC', '--deposit-venue', 'cold']);
    expect(wallet.code).toBe(2);
    expect(wallet.stderr).toBe('error: --deposit-venue: "cold" is read-only (no markets), so a deposit there cannot fund a buy; name a venue that trades: ex.\n');
    expect((await kit(['--config', CONFIG, 'rebalance', 'preview', '--deposit', '5000', 'USDC', '--deposit-venue', 'ex'])).code).toBe(0);
  });
});

describe('kit tools call', () => {
  it('honours the global --config and --state: reads that config, writes that ledger', async () => {
    const state = tempDir('kit-tools-state-');
    const status = await kit(['--config', CONFIG, '--state', state, 'tools', 'call', 'portfolio_status']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ config_source: CONFIG, demo: false, total_value: '110000' });
    const set = await kit(['--config', CONFIG, '--state', state, 'tools', 'call', 'rebalance_set_target', '{"asset": "BTC", "percent": "45%"}']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).after.BTC).toBe('0.45');
    expect(readFileSync(join(state, 'ledger.sqlite')).length).toBeGreaterThan(0);
    // The same ledger answers the next command: the target set through the tool is in force.
    const after = await kit(['--config', CONFIG, '--state', state, 'portfolio', 'status', '--json']);
    expect(JSON.stringify(JSON.parse(after.stdout))).toContain('"target":"0.45"');
  });

  it('bad JSON, wrongly typed and unknown arguments exit 2 with a message naming the argument', async () => {
    const badJson = await kit(['tools', 'call', 'tax_report', '{year:']);
    expect(badJson.code).toBe(2);
    expect(JSON.parse(badJson.stdout).error).toMatch(/^Tool arguments must be a JSON object such as '\{"year": 2025\}'; "\{year:" is not JSON/);
    const notObject = await kit(['tools', 'call', 'tax_report', '[2025]']);
    expect(JSON.parse(notObject.stdout)).toEqual({ error: `Tool arguments must be a JSON object such as '{"year": 2025}', not a list.`, problems: [], exit_code: 2 });
    const typed = await kit(['tools', 'call', 'tax_report', '{"year": "2025", "colour": "red"}']);
    expect(typed.code).toBe(2);
    expect(JSON.parse(typed.stdout).error).toBe('Invalid arguments for tax_report: argument "year": expected a number, got "2025"; unknown argument "colour"; the arguments are year, jurisdiction, method.');
    const preview = await kit(['tools', 'call', 'rebalance_preview', '{"strategy": "yolo"}']);
    expect(JSON.parse(preview.stdout).error).toBe('Invalid arguments for rebalance_preview: argument "strategy": "yolo" is not one of threshold, calendar, cash-flow, band, tactical.');
    const set = await kit(['tools', 'call', 'rebalance_set_target', '{"asset": 5, "percent": "45%", "x": 1}']);
    expect(set.code).toBe(2);
    expect(JSON.parse(set.stdout).error).toBe('Invalid arguments: argument "asset": expected text, got 5; unknown argument "x"; this tool takes no other arguments.');
    const unknownTool = await kit(['tools', 'call', 'nope']);
    expect(JSON.parse(unknownTool.stdout).error).toMatch(/^Unknown tool "nope"; the tools are portfolio_status, rebalance_preview(, [a-z_]+)* \(kit tools list\)\.$/);
  });

  it('kit tools list --json prints the definitions exactly as registered, each schema strict', async () => {
    const registered: ToolDefinition[] = [];
    const plugin = await activate({ registerTool: (definition) => registered.push(definition), registerCommand: () => undefined });
    await plugin.registered;
    const list = await kit(['tools', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual(JSON.parse(JSON.stringify(registered)));
    for (const definition of registered) expect(definition.parameters).toMatchObject({ type: 'object', additionalProperties: false });
  });
});

describe('the handlers K.I.T. calls', () => {
  it('answer wrongly typed or unknown arguments with {error} naming the argument, never a ZodError', async () => {
    const handlers = new Map<string, ToolHandler>();
    const plugin = await activate({ registerTool: (definition, handler) => handlers.set(definition.name, handler) });
    await plugin.registered;
    expect(await handlers.get('tax_report')!({ year: 'last' })).toEqual({ error: 'Invalid arguments for tax_report: argument "year": expected a number, got "last".' });
    expect(await handlers.get('portfolio_status')!({ verbose: true })).toEqual({ error: 'Invalid arguments for portfolio_status: unknown argument "verbose"; the arguments are config.' });
    expect(await handlers.get('rebalance_set_target')!({ asset: 'BTC' })).toEqual({ error: 'Invalid arguments: argument "percent" is missing; expected text.' });
  });
});

describe('kit --version', () => {
  it('prints the package version, from the built bin too', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await kit(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await runKit(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('an unexpected failure', () => {
  it('is one line without a stack trace, and --verbose shows where', async () => {
    const { errorReport } = await import('../src/host/errors-out.js');
    const error = new TypeError('boom');
    expect(errorReport(error)).toEqual({ error: 'unexpected failure: boom (run with --verbose for where it happened)', problems: [], exitCode: 1 });
    expect(errorReport(error, true).problems[0]).toMatch(/^at /);
  });
});
