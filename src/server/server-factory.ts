// The one wiring from settings to servers: config + a token source → an Intercom source and the links
// resolver → createServer. stdio uses it today; `serve`, `call` and the demo are to use it too, so every
// transport runs the same tools over the same client.
import type { McpServer } from '@modelcontextprotocol/server';
import type { Config } from '../config.js';
import { createIntercomSource, type SourceOptions } from '../intercom/source.js';
import { createServer } from './create-server.js';
import { createLinkResolver } from './links.js';

export interface ServerFactoryOptions {
  readonly config: Config;
  readonly getToken: SourceOptions['getToken'];
  readonly log: (line: string) => void;
  /** Aborted on shutdown, so in-flight HTTP calls stop with the process. */
  readonly shutdown?: AbortSignal;
  /** Client settings beyond the config (the wire, retry pacing). */
  readonly client?: SourceOptions['client'];
  /** Demo mode (the wire in `client.fetch` is then the emulator's): the servers say so. */
  readonly demo?: boolean;
}

/**
 * A factory of server instances sharing one Intercom client (loaded on the first call) and one
 * `GET /me` for links: a transport may build a server per connection without a client each.
 */
export function createServerFactory(options: ServerFactoryOptions): () => McpServer {
  const { config, getToken, log, shutdown, client, demo } = options;
  const intercom = createIntercomSource({ config, getToken, ...(client ? { client } : {}) });
  const links = createLinkResolver(intercom, config.appBaseUrl);
  return () => createServer({ intercom, links, log, ...(shutdown ? { shutdown } : {}), ...(demo ? { demo } : {}) });
}
