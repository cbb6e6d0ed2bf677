// How the plugin finds K.I.T.'s `execution` slot. K.I.T. keeps slots in a registry
// (src/core/plugin-slots.ts: `getPluginSlots().get('execution')`, null when nothing is registered,
// and the shortcut `getExecutionSlot()`); its PluginAPI does not expose that registry yet, so we read
// either form from the object the host hands us. No slot: undefined, and the runtime uses the
// direct router. A slot without the methods K.I.T. requires is refused, as K.I.T.'s own
// registry refuses to register it: orders must not silently bypass the host's router.
import { VenueError } from '../errors.js';
import type { KitCancelParams, KitExecutionPlan, KitOrderParams, KitOrderQuery } from './kit-router-shapes.js';

/** The execution slot as we call it. Answers are `unknown`: they are parsed at the edge. */
export interface KitExecutionSlot {
  placeOrder(params: KitOrderParams): unknown;
  cancelOrder(params: KitCancelParams): unknown;
  getOpenOrders(query: KitOrderQuery): unknown;
  getExecutions?(query: KitOrderQuery): unknown;
  smartRoute?(plan: KitExecutionPlan): unknown;
}

/** K.I.T.'s SLOT_DEFINITIONS.execution (modifyOrder is optional there and unused here). */
export const EXECUTION_REQUIRED = ['placeOrder', 'cancelOrder', 'getOpenOrders'] as const;
export const EXECUTION_OPTIONAL = ['getExecutions', 'smartRoute'] as const;

/** The name our errors use for the slot itself (as opposed to a venue behind it). */
export const KIT_SOR = 'kit-sor';

/**
 * The host's execution slot, or undefined when it offers none. Reads `api.slots.get('execution')`
 * (K.I.T.'s registry) or `api.getExecutionSlot()`.
 */
export function kitExecutionSlot(api: object | undefined): KitExecutionSlot | undefined {
  const instance = readSlot(api);
  if (instance === null || instance === undefined) return undefined;
  return checkExecutionSlot(instance);
}

/** The slot, if it has every required method and its optional ones are methods too; else a refusal. */
export function checkExecutionSlot(instance: unknown): KitExecutionSlot {
  if (typeof instance !== 'object' || instance === null) {
    throw slotRefusal(`K.I.T.'s execution slot is a ${instance === null ? 'null' : typeof instance}, not an object with methods`);
  }
  const record = instance as Record<string, unknown>;
  const missing = EXECUTION_REQUIRED.filter((method) => typeof record[method] !== 'function');
  if (missing.length > 0) {
    throw slotRefusal(`K.I.T.'s execution slot has no ${missing.join(', ')} (it must offer ${EXECUTION_REQUIRED.join(', ')})`);
  }
  const broken = EXECUTION_OPTIONAL.filter((method) => record[method] !== undefined && typeof record[method] !== 'function');
  if (broken.length > 0) throw slotRefusal(`K.I.T.'s execution slot has ${broken.join(', ')} that ${broken.length > 1 ? 'are not methods' : 'is not a method'}`);
  return instance as KitExecutionSlot;
}

function slotRefusal(why: string): VenueError {
  return new VenueError(KIT_SOR, 'take orders', why, false, {
    details: "No order was sent. Fix or remove the host plugin that registers the 'execution' slot.",
  });
}

function readSlot(api: object | undefined): unknown {
  if (!api) return undefined;
  const { slots, getExecutionSlot } = api as { slots?: unknown; getExecutionSlot?: unknown };
  if (slots && typeof (slots as { get?: unknown }).get === 'function') {
    const found = (slots as { get(name: string): unknown }).get('execution');
    if (found !== null && found !== undefined) return found;
  }
  if (typeof getExecutionSlot === 'function') return (getExecutionSlot as () => unknown).call(api);
  return undefined;
}
