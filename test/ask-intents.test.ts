// `kit ask` phrasings: each common way of asking lands on the tool that answers it.
import { describe, expect, it } from 'vitest';
import { matchIntent } from '../src/cli/ask-intents.js';

describe('matchIntent', () => {
  it.each([
    ["What's my portfolio drift?", { kind: 'drift' }],
    ['portfolio status', { kind: 'drift' }],
    ['Am I overweight anywhere?', { kind: 'drift' }],
    ['What would a rebalance do?', { kind: 'preview' }],
    ['Preview', { kind: 'preview' }],
    ['rebalance my portfolio', { kind: 'preview' }],
    ['Rebalance now', { kind: 'execute' }],
    ['Yes', { kind: 'execute' }],
    ['execute the rebalance', { kind: 'execute' }],
    ['No', { kind: 'decline' }],
    ['Set BTC to 45%', { kind: 'set-target', asset: 'BTC', percent: '45%' }],
    ['change the ETH target to 27.5 %', { kind: 'set-target', asset: 'ETH', percent: '27.5%' }],
    ['make sol 12%', { kind: 'help' }],
    ['make SOL at 12%', { kind: 'set-target', asset: 'SOL', percent: '12%' }],
    ['show the rebalance history', { kind: 'history' }],
    ['how has rebalancing done?', { kind: 'history' }],
    ['any losses to harvest?', { kind: 'harvest' }],
    ['tax-loss harvesting candidates', { kind: 'harvest' }],
    ['tax report', { kind: 'tax' }],
    ['Tax report 2025', { kind: 'tax', year: 2025 }],
    ['capital gains for 2024', { kind: 'tax', year: 2024 }],
    ["what's the weather?", { kind: 'help' }],
    ['', { kind: 'help' }],
  ])('%j', (question, intent) => {
    expect(matchIntent(question)).toEqual(intent);
  });

  it('"set the target to 40%" names no asset, so it is not a target change', () => {
    expect(matchIntent('set the target to 40%').kind).not.toBe('set-target');
  });
});
