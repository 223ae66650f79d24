// How the server gets its Intercom client: a loader, so the HTTP stack is loaded by the first tool call
// and not on the start path. Every transport (stdio now; HTTP, the demo and `call` later) builds its
// client here, from the config and a token source.
import type { Config } from '../config.js';
import type { IntercomClient, IntercomClientOptions } from './client.js';

/** The client, or a loader for it. */
export type IntercomSource = IntercomClient | (() => Promise<IntercomClient>);

export const USER_AGENT = `intercom-mcp/${__VERSION__} (+https://www.npmjs.com/package/intercom-mcp)`;

export interface SourceOptions {
  readonly config: Config;
  /** Where the token comes from (credentials/); asked on the first call, again after a 401. */
  readonly getToken: IntercomClientOptions['getToken'];
  /** Client settings beyond the config: the wire, retry pacing (tests, the demo). */
  readonly client?: Partial<Omit<IntercomClientOptions, 'baseUrl' | 'apiVersion' | 'timeoutMs' | 'getToken'>>;
}

/** One client per source, created on first use; concurrent first calls share it. */
export function createIntercomSource({ config, getToken, client }: SourceOptions): () => Promise<IntercomClient> {
  let loaded: Promise<IntercomClient> | undefined;
  return () =>
    (loaded ??= import('./client.js').then(
      ({ IntercomClient }) =>
        new IntercomClient({
          userAgent: USER_AGENT,
          ...client,
          baseUrl: config.baseUrl,
          apiVersion: config.apiVersion,
          timeoutMs: config.timeoutMs,
          getToken,
        }),
    ));
}

export async function clientOf(source: IntercomSource): Promise<IntercomClient> {
  return typeof source === 'function' ? source() : source;
}
