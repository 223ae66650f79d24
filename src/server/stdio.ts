import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Config } from '../config.js';
import { createTokenSource } from '../credentials/resolve.js';
import type { IntercomClient } from '../intercom/client.js';
import { createServer } from './create-server.js';
import { createLinkResolver } from './links.js';

export const USER_AGENT = `intercom-mcp/${__VERSION__} (+https://www.npmjs.com/package/intercom-mcp)`;

function log(line: string): void {
  process.stderr.write(`[intercom-mcp] ${line}\n`);
}

/**
 * Serves the tools on stdin/stdout for as long as the client keeps stdin open. Nothing here touches the
 * network or the keychain: the token and `GET /me` are looked up on the first tool call.
 */
export function runStdioServer(config: Config): void {
  const shutdown = new AbortController();
  // The HTTP client is only needed by a tool call: loaded then, not on the start path.
  let client: Promise<IntercomClient> | undefined;
  const intercom = () =>
    (client ??= import('../intercom/client.js').then(
      ({ IntercomClient }) =>
        new IntercomClient({
          baseUrl: config.baseUrl,
          apiVersion: config.apiVersion,
          timeoutMs: config.timeoutMs,
          userAgent: USER_AGENT,
          getToken: createTokenSource(process.env),
        }),
    ));
  const links = createLinkResolver(intercom, config.appBaseUrl);

  const handle = serveStdio(() => createServer({ intercom, links, shutdown: shutdown.signal, log }), {
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
