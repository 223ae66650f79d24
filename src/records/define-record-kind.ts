// One entry per record kind: everything the tools need to search, summarize, fetch and link a kind,
// gathered from the layers that know each part (ids and app URLs: intercom/record-kinds.ts; the DSL's
// fields: query/catalogue/; the HTTP calls: intercom/client.ts; the projections: format/).
import type { FetchDocument, Links, SearchResult } from '../format/index.js';
import type { CallOptions, IntercomClient } from '../intercom/client.js';
import { KIND_IDENTITY, type ObjectType, type RecordKind } from '../intercom/record-kinds.js';
import type { CursorPages, SearchRequest } from '../intercom/types.js';

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
}

/** What a kind's file declares. `R` is the record, `L` the search answer that lists records. */
export interface RecordKindSpec<K extends RecordKind, R, L> {
  readonly kind: K;
  /** For the server's instructions: "conversations (support threads)". */
  readonly described: string;
  /** The kind's own tools, named in hints ("use get_contact"). */
  readonly tools: { readonly search: string; readonly get: string };
  get(client: IntercomClient, id: string, options: CallOptions): Promise<R>;
  search(client: IntercomClient, body: SearchRequest, options: CallOptions): Promise<L>;
  /** The records in a search answer, and its count and cursor. */
  page(list: L): { items: readonly R[]; total_count?: number | undefined; pages?: CursorPages | undefined };
  summarize(record: R, links: Links): SearchResult;
  document(record: R, links: Links): FetchDocument;
}

export interface RecordKindEntry<K extends RecordKind = RecordKind, R = unknown> {
  readonly kind: K;
  readonly objectType: ObjectType;
  readonly described: string;
  readonly tools: { readonly search: string; readonly get: string };
  /** One record and the links, for the kind's own `get_*` tool to project. */
  read(ctx: ReadContext, id: string): Promise<[R, Links]>;
  /** One page of summaries: the search → summarize step of every search tool. */
  search(ctx: ReadContext, body: SearchRequest): Promise<Found>;
  /** The OpenAI-style document `fetch` returns. */
  fetchDocument(ctx: ReadContext, id: string): Promise<FetchDocument>;
}

export function defineRecordKind<K extends RecordKind, R, L>(spec: RecordKindSpec<K, R, L>): RecordKindEntry<K, R> {
  const read = (ctx: ReadContext, id: string) => ctx.withLinks(spec.get(ctx.intercom, id, { signal: ctx.signal }));
  return {
    kind: spec.kind,
    objectType: KIND_IDENTITY[spec.kind].objectType,
    described: spec.described,
    tools: spec.tools,
    read,
    async search(ctx, body) {
      const [list, links] = await ctx.withLinks(spec.search(ctx.intercom, body, { signal: ctx.signal }));
      const { items, total_count, pages } = spec.page(list);
      return { results: items.map((record) => spec.summarize(record, links)), total_count, pages };
    },
    async fetchDocument(ctx, id) {
      const [record, links] = await read(ctx, id);
      return spec.document(record, links);
    },
  };
}
