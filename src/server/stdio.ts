import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Config } from '../config.js';
import { createServerFactory } from './server-factory.js';
import { wiring } from './wiring.js';

// What `intercom-mcp call` and `tools` build their in-memory server from, exported here so that they load
// the server code through this module (the SDK core they share with it is one chunk of its own).
export { DEMO_NOTICE } from './create-server.js';
export { createServerFactory };
export { wiring };

function log(line: string): void {
  process.stderr.write(`[intercom-mcp] ${line}\n`);
}

/**
 * One line on stderr when a person starts the server in a terminal, where it would otherwise sit silent:
 * what it is, the config that runs it (npx, or node and this file when run from a clone), and --help.
 */
export function terminalHint(script: string | undefined): string {
  const fromClone = script !== undefined && !/[\\/](node_modules|_npx)[\\/]/.test(script);
  const run = fromClone
    ? { command: 'node', args: [script], cli: `node ${script}` }
    : { command: 'npx', args: ['-y', 'intercom-mcp'], cli: 'npx intercom-mcp' };
  const config = JSON.stringify({ mcpServers: { intercom: { command: run.command, args: run.args } } });
  return `intercom-mcp is an MCP server waiting for an MCP client on stdin (JSON-RPC), not a terminal program: put ${config} in your client's config; store a token once with ${run.cli} login; options: ${run.cli} --help; Ctrl+C stops it.\n`;
}

/**
 * Serves the tools on stdin/stdout for as long as the client keeps stdin open. Nothing here touches the
 * network or the keychain: the token and `GET /me` are looked up on the first tool call.
 */
export async function runStdioServer(config: Config, options: { demo?: boolean } = {}): Promise<void> {
  const shutdown = new AbortController();
  const wired = await wiring({ demo: options.demo === true, profile: config.profile });
  const factory = createServerFactory({ config, ...wired, log, shutdown: shutdown.signal });
  if (wired.demo) log('demo mode: every tool answers from the built-in sample workspace; no token, no network');
  if (process.stdin.isTTY) process.stderr.write(terminalHint(process.argv[1]));

  const handle = serveStdio(factory, {
    onerror: (error) => log(`transport error: ${error.message}`),
  });

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    shutdown.abort(new Error(why));
    // Exit promptly even if a socket or timer lingers; close() gets a moment to flush what it can.
    setTimeout(() => process.exit(0), 500).unref();
    handle.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.on('close', () => stop('stdin closed'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
