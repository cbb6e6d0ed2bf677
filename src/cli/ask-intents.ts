// What `kit ask` understands: common phrasings mapped to one tool each, for hosts with no language
// model in the loop. Deliberately plain patterns, tried in order from the most specific (a target
// with a percentage) to the most general (anything about the portfolio); no match is `help`.
export type Intent =
  | { kind: 'drift' }
  | { kind: 'preview' }
  | { kind: 'execute' }
  | { kind: 'decline' }
  | { kind: 'set-target'; asset: string; percent: string }
  | { kind: 'history' }
  | { kind: 'harvest' }
  | { kind: 'tax'; year?: number }
  | { kind: 'help' };

/** Words that can sit where an asset would ("set the target to 40%") and are not one. */
const NOT_ASSETS = new Set(['the', 'my', 'it', 'its', 'target', 'targets', 'weight', 'allocation', 'to', 'at', 'of', 'for', 'a', 'an', 'set', 'change', 'make', 'put', 'move']);

const TARGET = /\b([a-z][a-z0-9]{1,9})(?:'s)?\s+(?:target\s+|allocation\s+|weight\s+)?(?:to|at|=)\s*(\d{1,3}(?:\.\d+)?)\s*%/g;

const RULES: readonly [RegExp, Intent['kind']][] = [
  [/harvest|tax[- ]?loss|\btlh\b/, 'harvest'],
  [/\btax(?:es)?\b|capital gains?|\bgains? report/, 'tax'],
  [/histor|(?:past|last|previous|earlier) rebalanc|how (?:has|did|have) .*rebalanc|\bperformance\b|rebalancing bonus/, 'history'],
  [/^(?:no|nope|cancel|not now|don'?t)\b/, 'decline'],
  [/^(?:yes|yep|yeah|ok(?:ay)?|sure|do it|go ahead|confirm)\b|rebalance now|\bexecute\b|run (?:the )?rebalanc|do the rebalanc|place (?:the )?(?:trades|orders)|trade now/, 'execute'],
  [/preview|what would|simulat|dry[- ]?run|(?:which|what) trades|\bplan\b|what should i (?:buy|sell)|how (?:do|would|should) i rebalance|\brebalanc/, 'preview'],
  [/drift|status|allocat|balanced|overweight|underweight|\btargets?\b|holdings?|how am i doing|weights?|portfolio/, 'drift'],
];

export function matchIntent(question: string): Intent {
  const text = question.trim().toLowerCase().replace(/[’]/g, "'");
  if (text === '') return { kind: 'help' };
  for (const match of text.matchAll(TARGET)) {
    const [, asset, percent] = match;
    if (asset && percent && !NOT_ASSETS.has(asset)) return { kind: 'set-target', asset: asset.toUpperCase(), percent: `${percent}%` };
  }
  for (const [pattern, kind] of RULES) {
    if (!pattern.test(text)) continue;
    if (kind === 'tax') {
      const year = /\b(1[89]\d\d|2\d{3})\b/.exec(text)?.[1];
      return year ? { kind, year: Number(year) } : { kind };
    }
    return { kind } as Intent;
  }
  return { kind: 'help' };
}

export const CAPABILITIES = [
  'I can answer questions about this portfolio, for example:',
  '- "What\'s my portfolio drift?": the allocation against the targets (portfolio_status)',
  '- "What would a rebalance do?": the trades, without trading (rebalance_preview)',
  '- "Rebalance now": the same preview; placing the trades is `kit rebalance execute`',
  '- "Set BTC to 45%": change one target; the others are rescaled (rebalance_set_target)',
  '- "Show the rebalance history": past rebalances and what they did (rebalance_history)',
  '- "Any losses to harvest?": tax-loss harvesting candidates (rebalance_harvest)',
  '- "Tax report 2025": the capital gains of a year (tax_report)',
].join('\n');
