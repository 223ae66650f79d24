import { appUrl, RECORD_KINDS, type RecordKind } from '../intercom/record-kinds.js';
import type { Links } from './types.js';

function linksOf(url: (kind: RecordKind, id: string) => string | undefined): Links {
  return Object.freeze(Object.fromEntries(RECORD_KINDS.map((kind) => [kind, (id: string) => url(kind, id)])) as Links);
}

/** Links when the workspace's app id is unknown (or in tests): nothing points anywhere. */
export const NO_LINKS: Links = linksOf(() => undefined);

/** Links into the web app of `appBaseUrl` (the region's) for the workspace `appId`. */
export function appLinks(appBaseUrl: string, appId: string): Links {
  return linksOf((kind, id) => appUrl(kind, appBaseUrl, appId, id));
}
