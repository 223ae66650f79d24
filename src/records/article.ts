// Help Center articles: the client calls the article tools make, and the names that make their answers
// readable (authors, collections and sections, help centers). Not yet an entry of RECORDS: articles join
// `search`/`fetch` once the registry takes kinds without a POST search (see format/article.ts for the summary
// and fetch document, intercom/article-ids.ts for the id rule).
import type { ArticleNames } from '../format/article.js';
import type { ArticleListParams, ArticleSearchParams, IntercomClient } from '../intercom/client.js';
import type { AdminList, Article, ArticleList, ArticleSearchResponse, CollectionList, HelpCenterList } from '../intercom/types.js';
import type { ReadContext } from './define-record-kind.js';

export const ARTICLE_TOOLS = { search: 'search_articles', list: 'list_articles', get: 'get_article' } as const;

/** How long the names are trusted before they are asked for again (a renamed collection shows within this). */
export const NAMES_TTL_MS = 5 * 60_000;
/** A lookup that failed (a missing permission, say) is not retried on every call, only after this. */
const FAILED_TTL_MS = 60_000;
/** How long an answer waits for the names once Intercom has answered the call itself: they are a nicety. */
export const NAMES_GRACE_MS = 1_000;
/** Collections are listed 20 a page; a Help Center with more than this many pages keeps the rest as ids. */
const MAX_COLLECTION_PAGES = 5;

interface NameTables {
  admins: Map<string, string>;
  collections: Map<string, { name?: string; parentId?: string; helpCenterId?: string }>;
  helpCenters: Map<string, { name?: string; url?: string }>;
}

interface Cached<T> {
  value: Promise<T>;
  until: number;
}

/** Per cache scope (a process over stdio, a caller over HTTP: one workspace and token), one entry per list. */
const caches = new WeakMap<object, { [K in keyof NameTables]?: Cached<NameTables[K]> }>();

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const idText = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const LOADERS: { [K in keyof NameTables]: (client: IntercomClient) => Promise<NameTables[K]> } = {
  async admins(client) {
    const list: AdminList = await client.listAdmins();
    const out = new Map<string, string>();
    for (const a of Array.isArray(list.admins) ? list.admins : []) {
      const id = idText(a?.id);
      const name = text(a?.name) ?? text(a?.email);
      if (id && name) out.set(id, name);
    }
    return out;
  },
  async collections(client) {
    const out: NameTables['collections'] = new Map();
    for (let page = 1; page <= MAX_COLLECTION_PAGES; page++) {
      const list: CollectionList = await client.listCollections(page);
      for (const c of Array.isArray(list.data) ? list.data : []) {
        const id = idText(c?.id);
        if (!id) continue;
        const name = text(c.name);
        const parentId = idText(c.parent_id);
        const helpCenterId = idText(c.help_center_id);
        out.set(id, { ...(name ? { name } : {}), ...(parentId ? { parentId } : {}), ...(helpCenterId ? { helpCenterId } : {}) });
      }
      const total = list.pages?.total_pages;
      if (typeof total !== 'number' || page >= total) break;
    }
    return out;
  },
  async helpCenters(client) {
    const list: HelpCenterList = await client.listHelpCenters();
    const out: NameTables['helpCenters'] = new Map();
    for (const hc of Array.isArray(list.data) ? list.data : []) {
      const id = idText(hc?.id);
      if (!id) continue;
      const name = text(hc.display_name) ?? text(hc.identifier);
      const url = text(hc.url);
      out.set(id, { ...(name ? { name } : {}), ...(url ? { url } : {}) });
    }
    return out;
  },
};

/** One list, from the cache while fresh; a failure becomes an empty table, remembered for a shorter while. */
function table<K extends keyof NameTables>(scope: object, client: IntercomClient, key: K, now: number): Promise<NameTables[K]> {
  let entry = caches.get(scope);
  if (!entry) caches.set(scope, (entry = {}));
  const hit = entry[key] as Cached<NameTables[K]> | undefined;
  if (hit && hit.until > now) return hit.value;
  const cached: Cached<NameTables[K]> = { value: Promise.resolve(new Map() as NameTables[K]), until: now + NAMES_TTL_MS };
  cached.value = LOADERS[key](client).catch(() => {
    cached.until = Date.now() + FAILED_TTL_MS;
    return new Map() as NameTables[K];
  });
  (entry as Record<string, unknown>)[key] = cached;
  return cached.value;
}

function namesOf(tables: NameTables): ArticleNames {
  return {
    admin: (id) => tables.admins.get(id),
    collection: (id) => tables.collections.get(id),
    helpCenter: (id) => tables.helpCenters.get(id),
  };
}

const EMPTY: NameTables = { admins: new Map(), collections: new Map(), helpCenters: new Map() };

/**
 * Awaits an article call together with the names. The names are asked for alongside the call (cold: three
 * more requests, then none for NAMES_TTL_MS) and waited for at most `graceMs` after the call answers; an
 * answer without them shows ids, and the next one has them.
 */
async function withNames<T>(ctx: ReadContext, request: Promise<T>, graceMs = NAMES_GRACE_MS): Promise<[T, ArticleNames]> {
  const now = Date.now();
  const client = ctx.intercom;
  const scope = ctx.cacheScope ?? client;
  const pending = Promise.all([table(scope, client, 'admins', now), table(scope, client, 'collections', now), table(scope, client, 'helpCenters', now)]).then(
    ([admins, collections, helpCenters]): NameTables => ({ admins, collections, helpCenters }),
  );
  const data = await request;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<NameTables>((resolve) => {
    timer = setTimeout(() => resolve(EMPTY), graceMs);
  });
  try {
    return [data, namesOf(await Promise.race([pending, late]))];
  } finally {
    clearTimeout(timer);
  }
}

/** Forgets every cached name of a scope (tests). */
export function forgetArticleNames(scope: object): void {
  caches.delete(scope);
}

export function readArticle(ctx: ReadContext, id: string): Promise<[Article, ArticleNames]> {
  return withNames(ctx, ctx.intercom.getArticle(id, { signal: ctx.signal }));
}

export function listArticles(ctx: ReadContext, params: ArticleListParams): Promise<[ArticleList, ArticleNames]> {
  return withNames(ctx, ctx.intercom.listArticles(params, { signal: ctx.signal }));
}

export function searchArticles(ctx: ReadContext, params: ArticleSearchParams): Promise<[ArticleSearchResponse, ArticleNames]> {
  return withNames(ctx, ctx.intercom.searchArticles(params, { signal: ctx.signal }));
}
