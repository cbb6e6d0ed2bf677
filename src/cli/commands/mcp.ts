// `kit mcp`: the tools over MCP on stdin/stdout, for Claude Desktop, Cursor and any MCP client.
// The SDK is loaded only here (a separate chunk of the bundle), so other commands do not pay for
// it. It serves until the client closes stdin, or SIGINT/SIGTERM; stdout carries only protocol.
import type { CommandSpec } from '../../host/contract.js';
import type { ToolsFor } from './ask.js';

export const MCP_SERVER_INFO = { name: 'portfolio-rebalancer', version: '0.1.0' };

export function mcpCommand(toolsFor: ToolsFor): CommandSpec {
  return {
    name: 'mcp',
    description: 'serve the tools over the Model Context Protocol on stdio (Claude Desktop, Cursor, other MCP clients)',
    async run(_args, _options, context) {
      const [{ createMcpServer }, { StdioServerTransport }] = await Promise.all([import('../../host/mcp-server.js'), import('@modelcontextprotocol/sdk/server/stdio.js')]);
      const server = createMcpServer(toolsFor(context), MCP_SERVER_INFO);
      const transport = new StdioServerTransport(process.stdin, process.stdout);
      const closed = new Promise<void>((resolve) => {
        const stop = () => void server.close().finally(resolve);
        process.stdin.once('end', stop);
        process.stdin.once('close', stop);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        server.onclose = () => resolve();
      });
      await server.connect(transport);
      context.stderr.write('portfolio-rebalancer MCP server on stdio; waiting for a client.\n');
      await closed;
      return { exitCode: 0, stdout: '' };
    },
  };
}
