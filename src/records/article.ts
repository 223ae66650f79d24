// Help Center articles: the record kind `search`/`fetch` read (GET /articles/search, GET /articles/{id}), the
// client calls the article tools make, and the names that make their answers readable (authors, collections
// and sections, help centers: a cache of their own, asked alongside each call; see withNames).
import { formatArticleDocument, summarizeArticleHits, type ArticleNames, type SearchResult } from '../format/index.js';
import type { ArticleListParams, ArticleSearchParams, CallOptions, IntercomClient } from '../intercom/client.js';
import type { AdminList, Article, ArticleList, ArticleSearchResponse, CollectionList, HelpCenterList } from '../intercom/types.js';
import { ARTICLE_STATES, type ArticleState } from '../intercom/vocabulary.js';
import { QueryError } from '../query/index.js';
import { defineRecordKind, type ListQuery, type ReadContext } from './define-record-kind.js';

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

/** An article with the names its answer shows (and, as a search hit, its one-line summary). */
export interface NamedArticle {
  readonly article: Article;
  readonly names: ArticleNames;
  readonly hit?: SearchResult;
}

/** A search answer: the hits already summarized (each with Intercom's highlighted passages), and the count. */
interface ArticleHits {
  readonly hits: readonly NamedArticle[];
  readonly total_count?: number | undefined;
}

const STATES: ReadonlySet<string> = new Set(ARTICLE_STATES);

/**
 * The DSL's query for articles as one GET /articles/search: `phrase` (q:), `state` (published unless said, as
 * search_articles), `help_center_id`. Intercom answers its best matches with no page parameter, so `limit`
 * keeps the first N and a cursor is refused rather than ignored.
 */
async function searchForDsl(client: IntercomClient, query: ListQuery, options: CallOptions, ctx: ReadContext): Promise<ArticleHits> {
  if (query.startingAfter !== undefined) {
    throw new QueryError("articles have no next page: Intercom's article search answers its best matches at once; add words to q:, or set state or help_center_id, to narrow.");
  }
  const { phrase, state, help_center_id, ...rest } = query.filters;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new QueryError(`articles cannot be filtered by ${unknown}; use q:"words", state or help_center_id.`);
  if (state !== undefined && !STATES.has(state)) throw new QueryError(`state for articles is one of ${ARTICLE_STATES.join(', ')}; got ${JSON.stringify(state.slice(0, 40))}.`);
  const helpCenter = help_center_id?.trim();
  if (helpCenter !== undefined && !/^[0-9]{1,20}$/.test(helpCenter)) {
    throw new QueryError('help_center_id is the Help Center\'s numeric id (e.g. help_center_id:201).');
  }
  const words = phrase?.trim();
  const params: ArticleSearchParams = {
    ...(words ? { phrase: words } : {}),
    state: (state as ArticleState | undefined) ?? 'published',
    ...(helpCenter ? { help_center_id: helpCenter } : {}),
    highlight: true,
  };
  const [found, names] = await withNames({ ...ctx, intercom: client }, client.searchArticles(params, options));
  const articles = (found.data?.articles ?? []).filter((a) => a && typeof a === 'object');
  const hits = summarizeArticleHits(articles, found.data?.highlights, names);
  const limited = articles.slice(0, query.perPage ?? articles.length).map((article, i) => ({ article, names, hit: hits[i]! }));
  const total = typeof found.total_count === 'number' && found.total_count >= 0 ? found.total_count : articles.length;
  return { hits: limited, total_count: total };
}

export const articleRecord = defineRecordKind({
  kind: 'article',
  described: 'Help Center articles',
  tools: ARTICLE_TOOLS,
  get: async (client, id, options, ctx): Promise<NamedArticle> => {
    const [article, names] = await withNames({ ...ctx, intercom: client }, client.getArticle(id, options));
    return { article, names };
  },
  search: { via: 'list', run: searchForDsl },
  page: (list: ArticleHits) => ({
    items: list.hits,
    total_count: list.total_count,
    note:
      list.total_count !== undefined && list.total_count > list.hits.length && list.hits.length > 0
        ? `These are the best ${list.hits.length} of ${list.total_count} matches (Intercom's article search has no next page): add words to q:, or set state or help_center_id, to narrow.`
        : undefined,
  }),
  summarize: (named) => named.hit ?? summarizeArticleHits([named.article], undefined, named.names)[0]!,
  document: ({ article, names }, links) => {
    const doc = formatArticleDocument(article, names);
    // The Help Center page where Intercom gives one (a published article); else its page in the web app.
    if (!doc.url) {
      const url = links.article(doc.id.slice('article_'.length));
      if (url) doc.url = url;
    }
    return doc;
  },
});
