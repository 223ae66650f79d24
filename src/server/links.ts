import { appLinks, NO_LINKS, type Links } from '../format/index.js';
import { clientOf, type IntercomSource } from '../intercom/source.js';
import type { Me } from '../intercom/types.js';

/** How long an answer waits for the first `GET /me` once Intercom has answered the call itself. */
export const LINK_GRACE_MS = 250;

/** Where resolved links are kept: the resolver's own closure, or (HTTP) the caller's state across requests. */
export interface LinkStore {
  links?: Links | undefined;
}

/**
 * Links into the Intercom web app need the workspace's app id, which only `GET /me` tells. Ask once per
 * process (per caller over HTTP), lazily and alongside the first real request; until it answers (or if it
 * fails) results simply carry no url, and a later call asks again.
 */
export function createLinkResolver(
  intercom: IntercomSource,
  /** The web app's origin; a function when it is known only once the client is (the region stored with the token). */
  appBaseUrl: string | (() => string),
  store: LinkStore = {},
): (signal: AbortSignal) => Promise<Links> {
  return async (signal) => {
    if (store.links) return store.links;
    try {
      const me = await (await clientOf(intercom)).me({ signal });
      const links = linksFromMe(me, typeof appBaseUrl === 'function' ? appBaseUrl() : appBaseUrl);
      if (links) store.links = links;
      return links ?? NO_LINKS;
    } catch {
      return NO_LINKS;
    }
  };
}

/** The links of the workspace `GET /me` describes; undefined when it names no usable app id. */
export function linksFromMe(me: Me, appBaseUrl: string): Links | undefined {
  const appId = me.app?.id_code;
  if (typeof appId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(appId)) return undefined;
  return appLinks(appBaseUrl, appId);
}

/**
 * Awaits a tool's Intercom call, then the links for at most `graceMs` more: a slow `GET /me` (links are a
 * nicety) never holds an answer up; that answer just carries no urls, and the next one will.
 */
export function withLinksWithin(
  links: (signal: AbortSignal) => Promise<Links>,
  signal: AbortSignal,
  graceMs: number = LINK_GRACE_MS,
): <T>(request: Promise<T>) => Promise<[T, Links]> {
  return async (request) => {
    const pending = links(signal);
    const data = await request;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Links>((resolve) => {
      timer = setTimeout(() => resolve(NO_LINKS), graceMs);
    });
    try {
      return [data, await Promise.race([pending, late])];
    } finally {
      clearTimeout(timer);
    }
  };
}
