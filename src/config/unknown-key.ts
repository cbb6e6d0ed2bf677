// "unknown setting": the keys a schema knows at a path, and the near misses to suggest.
import type { z } from 'zod';
import { describeInput } from './problems.js';

export function unknownKeyMessage(key: string, known: string[]): string {
  const near = known.filter((candidate) => editDistance(candidate, key) <= 2);
  return `unknown setting ${describeInput(key)}${near.length > 0 ? `; did you mean ${near.join(' or ')}?` : known.length > 0 ? `; expected one of ${known.join(', ')}` : ''}`;
}

/** The keys of the object schema at `path` inside `schema`, to suggest when a key is unknown. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: ZodNode | undefined = schema as unknown as ZodNode;
  for (const part of path) {
    node = container(node);
    if (!node) return [];
    node = node.def.type === 'record' ? node.def.valueType : node.def.shape?.[String(part)];
  }
  node = container(node);
  return node?.def.shape ? Object.keys(node.def.shape) : [];
}

interface ZodNode {
  def: { type: string; shape?: Record<string, ZodNode>; valueType?: ZodNode; innerType?: ZodNode; in?: ZodNode; options?: ZodNode[] };
}

/** Looks through defaults, optionals, transforms and unions for the object or record inside. */
function container(node: ZodNode | undefined): ZodNode | undefined {
  for (let depth = 0; node && depth < 10; depth++) {
    const { def } = node;
    if (def.type === 'object' || def.type === 'record') return node;
    node = def.type === 'union' ? def.options?.map(container).find(Boolean) : (def.innerType ?? def.in);
  }
  return undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

