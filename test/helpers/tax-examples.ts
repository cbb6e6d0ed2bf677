// The worked cases of fixtures/tax-examples.json (a copy of the team's shared examples; see
// fixtures/README.md), for the tax tests. The file ships with the repo, so a missing file or case
// is a failure, never a skipped test: a skip would let a clone pass while testing nothing.
import { readFileSync } from 'node:fs';
import { it } from 'vitest';

export const TAX_EXAMPLES_URL = new URL('../../fixtures/tax-examples.json', import.meta.url);

/** Every case in the file (throws if the file is missing or not a list of cases). */
export function taxExamples<T extends { id: string }>(): T[] {
  const examples = JSON.parse(readFileSync(TAX_EXAMPLES_URL, 'utf8')) as unknown;
  if (!Array.isArray(examples)) throw new Error(`${TAX_EXAMPLES_URL.pathname}: expected a list of cases`);
  return examples as T[];
}

/** The case whose id starts with `prefix` (the whole id works too); throws naming it when absent. */
export function findExample<T extends { id: string }>(examples: readonly T[], prefix: string): T {
  const example = examples.find((e) => e.id.startsWith(prefix));
  if (!example) throw new Error(`tax example ${prefix} is not in fixtures/tax-examples.json`);
  return example;
}

/** An `it` fed by the example whose id starts with `id`; it fails, not skips, when the case is missing. */
export function itExample<T extends { id: string }>(examples: readonly T[], id: string, name: string, body: (example: T) => void): void {
  it(`${id}: ${name}`, () => body(findExample(examples, id)));
}
