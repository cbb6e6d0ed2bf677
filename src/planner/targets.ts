// The targets a plan aims at: the targets in force, then each overlay in turn. The order is fixed:
// drawdown shift -> tactical tilt -> risk limits. Each overlay takes the targets the previous one
// left and returns new ones with its findings. The tactical tilt applies the limits itself before
// it bounds each tilt, so the limits overlay after it finds nothing left to change.
import type { Diagnostic } from '../diagnostics.js';
import type { Decimal } from '../money.js';
import type { PricePoint } from '../ports.js';
import { applyDrawdownShift } from '../risk/drawdown.js';
import { enforceLimits, type ExposureLimits } from '../risk/exposure.js';
import type { PlanSettings, TacticalSettings } from '../settings.js';
import { momentumReturns, tiltTargets } from '../strategies/tactical.js';

export interface TargetStep {
  targets: Map<string, Decimal>;
  diagnostics: Diagnostic[];
}

export type TargetOverlay = (targets: ReadonlyMap<string, Decimal>) => TargetStep;

export function applyOverlays(base: ReadonlyMap<string, Decimal>, overlays: readonly TargetOverlay[]): TargetStep {
  return overlays.reduce<TargetStep>(
    (step, overlay) => {
      const next = overlay(step.targets);
      return { targets: next.targets, diagnostics: [...step.diagnostics, ...next.diagnostics] };
    },
    { targets: new Map(base), diagnostics: [] },
  );
}

/** The limits of the settings, around the cash bucket the targets use. */
export function exposureLimits(settings: Pick<PlanSettings, 'risk' | 'sectors'>, cashKey: string): ExposureLimits {
  return { maxSingleAsset: settings.risk.maxSingleAsset, sectors: settings.sectors, cashKey, minCashReserve: settings.risk.minCashReserve };
}

/** While drawdown protection is active, every risk target gives `shift` of itself to cash. */
export function drawdownOverlay(active: boolean, cashKey: string, shift: Decimal): TargetOverlay {
  return (targets) => ({ targets: active ? applyDrawdownShift(targets, cashKey, shift) : new Map(targets), diagnostics: [] });
}

export function riskLimitsOverlay(limits: ExposureLimits): TargetOverlay {
  return (targets) => (targets.size === 0 ? { targets: new Map(), diagnostics: [] } : enforceLimits(targets, limits));
}

export interface TacticalContext {
  settings: TacticalSettings;
  limits: ExposureLimits;
  now: Date;
  prices: ReadonlyMap<string, Decimal>;
  histories: ReadonlyMap<string, readonly PricePoint[]>;
  isCash: (asset: string) => boolean;
}

/** Momentum (over the lookback, for the targeted risk assets) and sentiment tilt each target up to max_tilt. */
export function tacticalOverlay(context: TacticalContext): TargetOverlay {
  const { settings, now } = context;
  return (targets) => {
    if (targets.size === 0) return { targets: new Map(), diagnostics: [] };
    const riskAssets = new Map([...context.prices].filter(([asset]) => targets.has(asset) && !context.isCash(asset)));
    const momentum = settings.momentum.weight.gt(0) ? momentumReturns(context.histories, riskAssets, now, settings.momentum.lookbackDays) : { returns: new Map<string, Decimal>(), diagnostics: [] };
    const tilted = tiltTargets(targets, {
      cashKey: context.limits.cashKey,
      maxTilt: settings.maxTilt,
      momentum: momentum.returns,
      momentumWeight: settings.momentum.weight,
      fullTiltReturn: settings.momentum.fullTiltReturn,
      sentiment: settings.sentiment.scores,
      sentimentWeight: settings.sentiment.weight,
      limits: context.limits,
    });
    return { targets: tilted.targets, diagnostics: [...momentum.diagnostics, ...tilted.diagnostics] };
  };
}
