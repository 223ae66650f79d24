// The baseline for the cold-start budget: a bare MCP server made with the same SDK version as
// intercom-mcp, unbundled (straight from node_modules), one trivial tool, stdio.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import * as z from 'zod';

const server = new McpServer({ name: 'bare', version: '1.0.0' });
server.registerTool(
  'echo',
  { description: 'Echoes the text back', inputSchema: z.object({ text: z.string() }) },
  async ({ text }) => ({ content: [{ type: 'text', text }] }),
);
await server.connect(new StdioServerTransport());
