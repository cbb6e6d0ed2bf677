// A tool's arguments as K.I.T.'s ToolDefinition wants them (src/tools/system/tool-registry.ts):
// `{type: 'object', properties: {NAME: {type, description, ...}}, required: string[]}`, with a
// description on every property and `required` always present. zod's JSON schema carries `$schema`
// and leaves `required` out when nothing is; some models and hosts trip on either. A property
// without a description is a programming error, caught when the definition is built (and by test).
import { z } from 'zod';

export interface ToolProperty {
  type: string | string[];
  description: string;
  [keyword: string]: unknown;
}

export type ToolParameters = {
  type: 'object';
  properties: Record<string, ToolProperty>;
  required: string[];
  additionalProperties?: boolean;
};

/**
 * `descriptions` fills in a property whose zod schema has none (a shared enum, say), so the one
 * `parameters:` line of a tool stays the only place that changes.
 */
export function toToolSchema(schema: z.ZodType, descriptions: Readonly<Record<string, string>> = {}): ToolParameters {
  const json = z.toJSONSchema(schema) as Record<string, unknown>;
  if (json.type !== 'object') throw new Error(`A tool's arguments must be an object schema; got ${JSON.stringify(json.type)}.`);
  const properties: Record<string, ToolProperty> = {};
  for (const [name, raw] of Object.entries((json.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    properties[name] = toolProperty(name, raw, descriptions[name]);
  }
  const required = Array.isArray(json.required) ? json.required.map(String) : [];
  return {
    type: 'object',
    properties,
    required,
    ...(json.additionalProperties === false ? { additionalProperties: false } : {}),
  };
}

function toolProperty(name: string, raw: Record<string, unknown>, fallback: string | undefined): ToolProperty {
  const { $schema: _drop, anyOf, ...rest } = raw;
  // A nullable field comes as anyOf [{type: X}, {type: 'null'}]: K.I.T. wants one `type`, which may be a list.
  const merged = Array.isArray(anyOf) ? { ...rest, ...mergeTypes(name, anyOf as Record<string, unknown>[]) } : rest;
  const description = typeof merged.description === 'string' && merged.description.trim() !== '' ? merged.description : fallback;
  if (!description) throw new Error(`Tool argument "${name}" has no description; K.I.T. shows every argument's description to the model.`);
  if (merged.type === undefined) throw new Error(`Tool argument "${name}" has no JSON type.`);
  return { ...merged, type: merged.type as string | string[], description };
}

function mergeTypes(name: string, options: Record<string, unknown>[]): Record<string, unknown> {
  const types = options.map((option) => option.type);
  if (!types.every((type): type is string => typeof type === 'string')) throw new Error(`Tool argument "${name}" is a union K.I.T.'s schema cannot express.`);
  const rest = Object.assign({}, ...options.map(({ type: _type, ...keywords }) => keywords)) as Record<string, unknown>;
  return { ...rest, type: types };
}
