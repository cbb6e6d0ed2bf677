// A Logger that says nothing: for steps run where no one asked to hear about them (a tax-state
// replay seeding config lots, a paper book view, a heartbeat's alert channels without a logger).
import type { Logger } from '../ports.js';

export const quietLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
