// The worked cases of ../shared/tax-examples.json, for the tax tests. A test fed by a case is
// skipped, saying why, when the file or the case is missing (a clone without ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { it } from 'vitest';

const EXAMPLES_URL = new URL('../../../shared/tax-examples.json', import.meta.url);

export function taxExamples<T extends { id: string }>(): T[] {
  return existsSync(EXAMPLES_URL) ? (JSON.parse(readFileSync(EXAMPLES_URL, 'utf8')) as T[]) : [];
}

/** An `it` fed by the example whose id starts with `id`. */
export function itExample<T extends { id: string }>(examples: readonly T[], id: string, name: string, body: (example: T) => void): void {
  const example = examples.find((e) => e.id.startsWith(id));
  if (example) it(`${id}: ${name}`, () => body(example));
  else it.skip(`${id}: ${name} (skipped: ${id} not found in ../shared/tax-examples.json)`, () => {});
}
