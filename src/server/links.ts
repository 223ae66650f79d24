import type { Links } from '../format/index.js';
import { contactAppUrl, conversationAppUrl } from '../intercom/ids.js';
import type { IntercomSource } from './create-server.js';

const NO_LINKS: Links = { conversation: () => undefined, contact: () => undefined };

/**
 * Links into the Intercom web app need the workspace's app id, which only `GET /me` tells. Ask once per
 * process, lazily and alongside the first real request; until it answers (or if it fails) results simply
 * carry no url, and a later call asks again.
 */
export function createLinkResolver(intercom: IntercomSource, appBaseUrl: string): (signal: AbortSignal) => Promise<Links> {
  let resolved: Links | undefined;
  return async (signal) => {
    if (resolved) return resolved;
    try {
      const client = typeof intercom === 'function' ? await intercom() : intercom;
      const me = await client.me({ signal });
      const appId = me.app?.id_code;
      if (typeof appId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(appId)) return NO_LINKS;
      resolved = {
        conversation: (id) => conversationAppUrl(appBaseUrl, appId, id),
        contact: (id) => contactAppUrl(appBaseUrl, appId, id),
      };
      return resolved;
    } catch {
      return NO_LINKS;
    }
  };
}
