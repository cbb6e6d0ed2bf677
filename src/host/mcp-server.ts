// The plugin's tools over the Model Context Protocol, with the official SDK's low-level Server:
// the same definitions and handlers K.I.T. gets (the JSON schemas are already built, so McpServer's
// zod shapes would only be a second copy). Each answer is the Markdown for the user plus the data
// as JSON, and the data again as structuredContent. A bad argument or a failing call is an error
// result the client shows, never a crash of the server.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition, ToolHandler } from './contract.js';

export interface McpTool {
  definition: ToolDefinition;
  handler: ToolHandler;
}

/** Tools that only read: a client may call them without asking the user. */
const READ_ONLY = new Set(['portfolio_status', 'rebalance_preview', 'rebalance_history', 'rebalance_harvest', 'tax_report']);

export function toolAnnotations(name: string): ToolAnnotations {
  if (READ_ONLY.has(name)) return { readOnlyHint: true, openWorldHint: true };
  // Places real orders on real venues: a client must confirm with the user first.
  if (name === 'rebalance_execute') return { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
  // Changing a target rewrites saved state, but the same call twice gives the same targets, and reset-targets undoes it.
  return { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };
}

export function createMcpServer(tools: readonly McpTool[], info: { name: string; version: string }): Server {
  const byName = new Map(tools.map((tool) => [tool.definition.name, tool]));
  const server = new Server(info, {
    capabilities: { tools: {} },
    instructions: 'Portfolio rebalancer: portfolio_status answers "what is my drift?"; rebalance_preview shows the trades without trading. Show the user the Markdown each tool returns.',
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map(({ definition }) => ({
      name: definition.name,
      description: definition.description,
      inputSchema: definition.parameters as { type: 'object'; [key: string]: unknown },
      annotations: toolAnnotations(definition.name),
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${JSON.stringify(request.params.name)}; this server has ${[...byName.keys()].join(', ')}.`);
    try {
      return callResult(await tool.handler(request.params.arguments ?? {}));
    } catch (error) {
      return { isError: true, content: [{ type: 'text', text: readableError(error) }] };
    }
  });
  return server;
}

function callResult(result: unknown): CallToolResult {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return { content: [{ type: 'text', text: JSON.stringify(result) }] };
  const { markdown, ...data } = result as Record<string, unknown>;
  const text = typeof markdown === 'string' ? markdown : undefined;
  if (typeof data.error === 'string') return { isError: true, content: [{ type: 'text', text: text ?? data.error }] };
  return {
    content: [...(text ? [{ type: 'text' as const, text }] : []), { type: 'text', text: JSON.stringify(data, null, 2) }],
    structuredContent: data,
  };
}

/** A zod failure names the argument and what was wrong with it, not the raw issue dump. */
export function readableError(error: unknown): string {
  const issues = (error as { name?: string; issues?: { path?: PropertyKey[]; message?: string }[] } | null)?.issues;
  if (error instanceof Error && error.name === 'ZodError' && Array.isArray(issues)) {
    return `Invalid arguments: ${issues.map((issue) => `${issue.path && issue.path.length > 0 ? issue.path.map(String).join('.') : 'arguments'}: ${issue.message ?? 'invalid'}`).join('; ')}.`;
  }
  return error instanceof Error ? error.message : String(error);
}
