// The one wiring from settings to servers: config + a credential source → an Intercom source and the links
// resolver → createServer. stdio uses it today; `serve`, `call` and the demo are to use it too, so every
// transport runs the same tools over the same client.
import type { McpServer } from '@modelcontextprotocol/server';
import { withStoredRegion, type Config } from '../config.js';
import { loginCommand } from '../credentials/profile.js';
import { CredentialError, type Credential } from '../credentials/resolve.js';
import type { IntercomClient } from '../intercom/client.js';
import { MissingTokenError, tokenHelp } from '../intercom/errors.js';
import { createIntercomSource, type SourceOptions } from '../intercom/source.js';
import { createServer } from './create-server.js';
import { createLinkResolver } from './links.js';

/** The token (and the region stored with it), asked on the first call and again after Intercom rejects it. */
export type CredentialLookup = () => Promise<Pick<Credential, 'token' | 'region'> | undefined> | Pick<Credential, 'token' | 'region'> | undefined;

export interface ServerFactoryOptions {
  readonly config: Config;
  readonly credentials: CredentialLookup;
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
 *
 * The client is made once a token is found, for the region stored with it (unless --region or
 * INTERCOM_REGION says otherwise). Without a token every call answers how to get one, and asks again next
 * time, so a `login` in a terminal works without a restart.
 */
export function createServerFactory(options: ServerFactoryOptions): () => McpServer {
  const { config, credentials, log, shutdown, client, demo } = options;
  const help = tokenHelp(loginCommand(config.profile));

  const credential = async (): Promise<Pick<Credential, 'token' | 'region'>> => {
    let found;
    try {
      found = await credentials();
    } catch (error) {
      if (error instanceof CredentialError) throw new MissingTokenError({ reason: error.message, help: '', cause: error });
      throw error;
    }
    if (!found?.token.trim()) {
      const profile = config.profile === 'default' ? '' : ` for profile "${config.profile}"`;
      throw new MissingTokenError({ reason: `No Intercom access token is configured${profile}.`, help });
    }
    return found;
  };

  let effective: Config = config;
  let loaded: Promise<IntercomClient> | undefined;
  const intercom = (): Promise<IntercomClient> =>
    (loaded ??= (async () => {
      const first = await credential();
      effective = withStoredRegion(config, first.region);
      let pending: string | undefined = first.token;
      const getToken = async (): Promise<string> => {
        const token = pending ?? (await credential()).token;
        pending = undefined;
        return token;
      };
      return createIntercomSource({ config: effective, getToken, ...(client ? { client } : {}) })();
    })().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
  const links = createLinkResolver(intercom, () => effective.appBaseUrl);
  return () => createServer({ intercom, links, log, toolsets: config.toolsets, ...(shutdown ? { shutdown } : {}), ...(demo ? { demo } : {}) });
}
