// The heartbeat inside K.I.T.: registered as a service, started by the plugin itself when the
// config enables monitoring (K.I.T.'s loader never calls start()), left alone otherwise; and the
// check loop's timing and clean stop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostApi, Service } from '../src/host/contract.js';
import { HEARTBEAT_SERVICE } from '../src/rebalancer/heartbeat/service.js';
import { createWatcher } from '../src/rebalancer/heartbeat/watcher.js';
import { activate, deactivate, type PluginInstance } from '../src/skill.js';
import { tempDir } from './helpers/run-kit.js';

const PLUGIN_CONFIG = {
  targets: { BTC: '50%', USDC: '50%' },
  cash_assets: ['USDC'],
  prices: { BTC: '100000', USDC: '1' },
  venues: { ex: { kind: 'cex', adapter: 'paper', quote: 'USDC', markets: { BTC: {} }, balances: { BTC: '0.6', USDC: '40000' } } },
};

const plugins: PluginInstance[] = [];
afterEach(async () => {
  for (const plugin of plugins.splice(0)) await plugin.heartbeat.stop();
  vi.useRealTimers();
});

async function load(config: unknown) {
  const services = new Map<string, Service>();
  const logs: string[] = [];
  const api: HostApi = {
    registerTool: () => undefined,
    registerRPC: () => undefined,
    registerService: (name, service) => void services.set(name, service),
    getConfig: <T>() => config as T,
    getStoragePath: () => tempDir('kit-storage-'),
    log: { info: (m) => void logs.push(m), warn: (m) => void logs.push(`warn: ${m}`), error: (m) => void logs.push(`error: ${m}`) },
  };
  const plugin = await activate(api, { pluginId: 'portfolio-rebalancer' });
  plugins.push(plugin);
  await plugin.registered;
  return { plugin, services, logs };
}

describe('the heartbeat as a K.I.T. service', () => {
  it('starts itself when monitoring.enabled is true, checks at once, alerts through the log, and stops', async () => {
    const { plugin, services, logs } = await load({ ...PLUGIN_CONFIG, monitoring: { enabled: true } });
    expect(services.get(HEARTBEAT_SERVICE)).toBe(plugin.heartbeat);
    await vi.waitFor(() => expect(logs.find((line) => line.startsWith("⚖️ Portfolio alert: BTC, USDC")), logs.join("\n")).toBeDefined(), { timeout: 5000 });
    expect(logs).toContain('portfolio-rebalancer heartbeat started (monitoring.enabled)');
    expect(plugin.heartbeat.isRunning()).toBe(true);
    await plugin.heartbeat.stop();
    expect(plugin.heartbeat.isRunning()).toBe(false);
  });

  it('deactivate() stops a running heartbeat', async () => {
    const { plugin } = await load({ ...PLUGIN_CONFIG, monitoring: { enabled: true } });
    await vi.waitFor(() => expect(plugin.heartbeat.running()?.checks()).toBe(1));
    await deactivate();
    expect(plugin.heartbeat.isRunning()).toBe(false);
  });

  it('stays stopped when monitoring is not enabled, and the host may still start it', async () => {
    const { plugin, logs } = await load(PLUGIN_CONFIG);
    await new Promise((resolve) => setImmediate(resolve));
    expect(plugin.heartbeat.isRunning()).toBe(false);
    await plugin.heartbeat.start();
    expect(plugin.heartbeat.isRunning()).toBe(true);
    await vi.waitFor(() => expect(plugin.heartbeat.running()?.checks()).toBe(1));
    expect(logs.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it('is never started by the standalone kit, which has no services', async () => {
    const api: HostApi = { registerTool: () => undefined, registerCommand: () => undefined, getConfig: <T>() => ({ ...PLUGIN_CONFIG, monitoring: { enabled: true } }) as T };
    const plugin = await activate(api);
    plugins.push(plugin);
    await plugin.registered;
    await new Promise((resolve) => setImmediate(resolve));
    expect(plugin.heartbeat.isRunning()).toBe(false);
  });
});

describe('the check loop', () => {
  it('checks at start and then every 4 hours after the previous check ended', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T00:00:00Z') });
    const at: string[] = [];
    const watcher = createWatcher({ check: async () => void at.push(new Date().toISOString()), everyMs: 4 * 3_600_000, onError: () => undefined });
    watcher.start();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    await watcher.stop();
    expect(at).toEqual(['00', '04', '08', '12', '16', '20'].map((h) => `2026-11-23T${h}:00:00.000Z`).concat('2026-11-24T00:00:00.000Z'));
  });

  it('stop() waits for the check in flight, and nothing runs after it', async () => {
    let finish: () => void = () => undefined;
    const events: string[] = [];
    const watcher = createWatcher({
      check: () => (events.push('check started'), new Promise<void>((resolve) => (finish = () => (events.push('check finished'), resolve())))),
      everyMs: 10,
      onError: () => undefined,
    });
    watcher.start();
    const stopped = watcher.stop().then(() => void events.push('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual(['check started']);
    finish();
    await stopped;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual(['check started', 'check finished', 'stopped']);
  });

  it('a failed check is reported and the loop goes on', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T00:00:00Z') });
    const errors: unknown[] = [];
    let n = 0;
    const watcher = createWatcher({ check: async () => (n++ === 0 ? Promise.reject(new Error('venue timeout')) : undefined), everyMs: 1000, onError: (e) => void errors.push(e) });
    watcher.start();
    await vi.advanceTimersByTimeAsync(2500);
    await watcher.stop();
    expect(errors.map(String)).toEqual(['Error: venue timeout']);
    expect(watcher.checks()).toBe(3);
  });
});

describe('quiet hours and the loop', () => {
  it('a check that held an alert asks for the next one when quiet hours end, not a full interval later', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T04:00:00Z') }); // 23:00 in New York
    const { quietEnds } = await import('../src/rebalancer/heartbeat/quiet-hours.js');
    const { monitoringSchema } = await import('../src/config/monitoring.js');
    const quiet = monitoringSchema.parse({ quiet_hours: '22:00-07:00' }).quiet_hours;
    const at: string[] = [];
    const watcher = createWatcher({
      check: async () => {
        const now = new Date();
        at.push(now.toISOString());
        return at.length === 1 ? quietEnds(now, quiet, 'America/New_York').getTime() - now.getTime() : undefined;
      },
      everyMs: 12 * 3_600_000,
      onError: () => undefined,
    });
    watcher.start();
    await vi.advanceTimersByTimeAsync(9 * 3_600_000);
    await watcher.stop();
    // 07:00 New York (EST) is 12:00 UTC.
    expect(at).toEqual(['2026-11-23T04:00:00.000Z', '2026-11-23T12:00:00.000Z']);
  });

  it('quiet hours follow the local clock across the DST change', async () => {
    const { isQuiet, quietEnds } = await import('../src/rebalancer/heartbeat/quiet-hours.js');
    const { monitoringSchema } = await import('../src/config/monitoring.js');
    const quiet = monitoringSchema.parse({ quiet_hours: '22:00-07:00' }).quiet_hours;
    // 07:00 in New York is 12:00 UTC in winter and 11:00 UTC in summer.
    expect(quietEnds(new Date('2026-03-07T06:00:00Z'), quiet, 'America/New_York').toISOString()).toBe('2026-03-07T12:00:00.000Z');
    expect(quietEnds(new Date('2026-03-09T06:00:00Z'), quiet, 'America/New_York').toISOString()).toBe('2026-03-09T11:00:00.000Z');
    expect(isQuiet(new Date('2026-03-09T02:30:00Z'), quiet, 'America/New_York')).toBe(true); // 22:30 EDT
    expect(isQuiet(new Date('2026-03-09T01:30:00Z'), quiet, 'America/New_York')).toBe(false); // 21:30 EDT
    expect(() => monitoringSchema.parse({ quiet_hours: '22:00-22:00' })).toThrow(/is not a quiet-hours window; expected HH:MM-HH:MM/);
  });
});
