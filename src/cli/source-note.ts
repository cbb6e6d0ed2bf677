// Where the figures come from: the line under every human heading, and the fields every JSON
// answer carries.
import type { Runtime } from '../host/runtime.js';

export function sourceNote(runtime: Pick<Runtime, 'demo' | 'configSource'>): string {
  return runtime.demo
    ? 'Showing the embedded demo portfolio: no config found (--config FILE, KIT_REBALANCER_CONFIG, ./rebalancer.yaml or the K.I.T. plugin config).'
    : `Config: ${runtime.configSource}`;
}

export function jsonSource(runtime: Pick<Runtime, 'demo' | 'configSource' | 'config'>): { source: string; demo: boolean; currency: string } {
  return { source: runtime.configSource, demo: runtime.demo, currency: runtime.config.currency };
}
