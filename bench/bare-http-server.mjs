// The baseline for `serve` under load: a bare Streamable HTTP server made with the same SDK version
// (createMcpHandler, stateless, both eras), unbundled, with one tool that makes the same one upstream
// request as `get_contact` (plain fetch, no projection) and returns the body as text. What `serve` costs
// beyond it is ours: the caller's token check and state, six tools per request, the Intercom client, the
// projection. Prints its URL on stderr, as `serve` does.
import { createServer } from 'node:http';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import * as z from 'zod';

const upstream = process.env.INTERCOM_API_BASE_URL;
const token = process.env.INTERCOM_ACCESS_TOKEN;

const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'bare-http', version: '1.0.0' });
  server.registerTool(
    'get_contact',
    { description: 'One contact, as Intercom returns it', inputSchema: z.object({ id: z.string() }) },
    async ({ id }) => {
      const res = await fetch(`${upstream}/contacts/${encodeURIComponent(id)}`, {
        headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.16', Accept: 'application/json' },
      });
      return { content: [{ type: 'text', text: await res.text() }], isError: !res.ok };
    },
  );
  return server;
});
const node = toNodeHandler(handler);
const http = createServer((req, res) => void node(req, res));
http.listen(0, '127.0.0.1', () => process.stderr.write(`serving MCP at http://127.0.0.1:${http.address().port}/mcp\n`));
process.on('SIGTERM', () => http.close(() => process.exit(0)));
