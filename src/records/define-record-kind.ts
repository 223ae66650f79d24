// One entry per record kind: everything the tools need to search, summarize, fetch and link a kind,
// gathered from the layers that know each part (ids and app URLs: intercom/record-kinds.ts; the DSL's
// fields: query/catalogue/; the HTTP calls: intercom/client.ts; the projections: format/).
import type { FetchDocument, Links, Names, SearchResult } from '../format/index.js';
import type { CallOptions, IntercomClient } from '../intercom/client.js';
import { namesFor, type DirectoryList } from '../intercom/directory.js';
import { KIND_IDENTITY, type ObjectType, type RecordKind } from '../intercom/record-kinds.js';
import type { CursorPages, SearchRequest, SingleFilter } from '../intercom/types.js';
import { QueryError } from '../query/index.js';

/** What reading a record needs: the client, the links that come with the answer, and the call's signal. */
export interface ReadContext {
  readonly intercom: IntercomClient;
  /**
   * Awaits an Intercom call together with the links into the web app. Never fails for the links (they are a
   * nicety): if they are not known in time, the answer carries no urls.
   */
  withLinks<T>(request: Promise<T>): Promise<[T, Links]>;
  /** Aborted when the MCP request is cancelled or the server shuts down. */
  readonly signal: AbortSignal;
  /**
   * What per-workspace caches (names of admins, collections…) are kept under: one object per process over
   * stdio, one per caller (token) over HTTP, where each request has a client of its own. The client when absent.
   */
  readonly cacheScope?: object;
}

/** One page of search hits, summarized, with Intercom's count and cursor. */
export interface Found {
  readonly results: SearchResult[];
  readonly total_count?: number | undefined;
  readonly pages?: CursorPages | undefined;
  /** What the kind says about a page it cannot go past (articles: best matches only), when there is no cursor. */
  readonly note?: string | undefined;
}

/** Intercom has a search endpoint for the kind (POST /{objects}/search): it takes the DSL's body as it is. */
export interface SearchEndpoint<L> {
  readonly via: 'search';
  run(client: IntercomClient, body: SearchRequest, options: CallOptions, ctx: ReadContext): Promise<L>;
}

/**
 * Intercom only lists the kind, with filters as query parameters (companies: GET /companies?tag_id=…). Its
 * DSL catalogue says `filtering: list-filters`, so a body for it holds only AND-ed single filters, each field
 * once; listQueryOf() turns that body into parameters and `run` makes the list call. The kind's `page()` makes
 * `pages.next.starting_after` from whatever the endpoint pages by (a page number, a cursor).
 */
export interface ListEndpoint<L> {
  readonly via: 'list';
  run(client: IntercomClient, query: ListQuery, options: CallOptions, ctx: ReadContext): Promise<L>;
}

/** A search body as a list call's parameters. */
export interface ListQuery {
  /** Field → value of each filter (`=`, or `~` for a catalogue's free-text field). */
  readonly filters: Readonly<Record<string, string>>;
  readonly perPage: number | undefined;
  /** The previous page's next_starting_after, as the kind's page() wrote it. */
  readonly startingAfter: string | undefined;
}

/** The kind's own tools, named in hints ("use get_contact") and in the server's instructions. */
export interface KindTools {
  readonly search: string;
  /** A tool that lists the kind without a query (list_articles), where it is not `search` itself. */
  readonly list?: string;
  readonly get: string;
}

/** What a kind's file declares. `R` is the record, `L` the search answer that lists records. */
export interface RecordKindSpec<K extends RecordKind, R, L> {
  readonly kind: K;
  /** For the server's instructions: "conversations (support threads)". */
  readonly described: string;
  readonly tools: KindTools;
  /** `ctx` is for kinds whose names live in caches of their own (articles: records/article.ts). */
  get(client: IntercomClient, id: string, options: CallOptions, ctx: ReadContext): Promise<R>;
  /** How Intercom finds records of the kind: its search endpoint, or a list endpoint with filters. */
  readonly search: SearchEndpoint<L> | ListEndpoint<L>;
  /** The records in a search answer, and its count and cursor. */
  page(list: L): { items: readonly R[]; total_count?: number | undefined; pages?: CursorPages | undefined; note?: string | undefined };
  summarize(record: R, links: Links): SearchResult;
  document(record: R, links: Links, names: Names): FetchDocument;
  /**
   * The directory lists (tags, teams, admins) that name ids in this record, for `read` and `fetch`; search
   * summaries show none. Asked only for what the record carries, from a per-client cache (directory.ts).
   */
  names?(record: R): readonly DirectoryList[];
  /** Ids of companies the record shows (a contact's first few), named from the same per-scope cache. */
  companies?(record: R): readonly string[];
}

/**
 * How long an answer waits for names once its record is in: a cold cache costs one more round trip (the
 * lists are asked at once); a slower directory leaves ids in this answer and names the next.
 */
export const NAMES_GRACE_MS = 1_500;

export interface RecordKindEntry<K extends RecordKind = RecordKind, R = unknown> {
  readonly kind: K;
  readonly objectType: ObjectType;
  readonly described: string;
  readonly tools: KindTools;
  /** One record, the links and the names of ids in it, for the kind's own `get_*` tool to project. */
  read(ctx: ReadContext, id: string): Promise<[R, Links, Names]>;
  /** One page of summaries: the search → summarize step of every search tool. */
  search(ctx: ReadContext, body: SearchRequest): Promise<Found>;
  /** The OpenAI-style document `fetch` returns. */
  fetchDocument(ctx: ReadContext, id: string): Promise<FetchDocument>;
}

export function defineRecordKind<K extends RecordKind, R, L>(spec: RecordKindSpec<K, R, L>): RecordKindEntry<K, R> {
  const read = async (ctx: ReadContext, id: string): Promise<[R, Links, Names]> => {
    const [record, links] = await ctx.withLinks(spec.get(ctx.intercom, id, { signal: ctx.signal }, ctx));
    // After the record, not beside it: a failed read asks for nothing more.
    const lists = spec.names?.(record) ?? [];
    const companies = spec.companies?.(record) ?? [];
    const wanted = lists.length > 0 || companies.length > 0;
    return [record, links, wanted ? await namesWithin(namesFor(ctx.cacheScope ?? ctx.intercom, ctx.intercom, lists, companies), ctx.signal) : {}];
  };
  return {
    kind: spec.kind,
    objectType: KIND_IDENTITY[spec.kind].objectType,
    described: spec.described,
    tools: spec.tools,
    read,
    async search(ctx, body) {
      const options = { signal: ctx.signal };
      const request =
        spec.search.via === 'search' ? spec.search.run(ctx.intercom, body, options, ctx) : spec.search.run(ctx.intercom, listQueryOf(body), options, ctx);
      const [list, links] = await ctx.withLinks(request);
      const { items, total_count, pages, note } = spec.page(list);
      return { results: items.map((record) => spec.summarize(record, links)), total_count, pages, note };
    },
    async fetchDocument(ctx, id) {
      const [record, links, names] = await read(ctx, id);
      return spec.document(record, links, names);
    },
  };
}

/**
 * A list kind's search body (built by the DSL or a structured tool, which already checked fields and count)
 * as parameters. Anything a list call cannot express is refused rather than dropped.
 */
export function listQueryOf(body: SearchRequest): ListQuery {
  const { query, pagination } = body;
  const singles: readonly (SingleFilter | SearchRequest['query'])[] = 'field' in query ? [query] : query.operator === 'AND' ? query.value : [query];
  const filters: Record<string, string> = {};
  for (const filter of singles) {
    const ok = 'field' in filter && (filter.operator === '=' || filter.operator === '~') && (typeof filter.value === 'string' || typeof filter.value === 'number');
    if (!ok || Object.hasOwn(filters, filter.field)) {
      throw new QueryError('this kind of record is listed, not searched: send single field:value filters, each field once, without OR.');
    }
    filters[filter.field] = String(filter.value);
  }
  return { filters, perPage: pagination?.per_page, startingAfter: pagination?.starting_after ?? undefined };
}

/** The names, or none if they take longer than NAMES_GRACE_MS or the call is cancelled (they still arrive for the next call). */
async function namesWithin(pending: Promise<Names>, signal: AbortSignal): Promise<Names> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const late = new Promise<Names>((resolve) => {
    timer = setTimeout(() => resolve({}), NAMES_GRACE_MS);
    onAbort = () => resolve({});
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
