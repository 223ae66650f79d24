import { describe, expect, it } from 'vitest';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

// Articles as a kind of `search`/`fetch`: the DSL's query becomes one GET /articles/search, an article id one
// GET /articles/{id}, with the answers of the article tools (same summaries, same document).
const API = 'https://api.intercom.io';
const paths = (requests: Request[], path: string) => requests.filter((r) => new URL(r.url).pathname === path);

describe('search and fetch of Help Center articles', () => {
  const h = toolHarness();

  it('object_type:articles q:"..." is GET /articles/search with the phrase, published by default, highlighted', async () => {
    const out = await h.call('search', { query: 'object_type:articles q:"  refund "' });
    expect(out.isError, out.text).toBe(false);
    const sent = paths(h.apiRequests(), '/articles/search');
    expect(sent).toHaveLength(1);
    expect(await describeRequest(sent[0]!)).toEqual({
      method: 'GET',
      url: `${API}/articles/search?phrase=refund&state=published&highlight=true`,
      headers: GET_HEADERS,
      body: undefined,
    });
    // The same lines search_articles gives.
    const direct = await h.call('search_articles', { phrase: 'refund' });
    expect(out.structured.results).toEqual(direct.structured.results);
    expect((out.structured.results as Array<{ id: string }>).map((r) => r.id)).toEqual(['article_8002', 'article_8008']);
  });

  it('state and help_center_id are query parameters; phrase: is q:', async () => {
    const out = await h.call('search', { query: 'object_type:articles phrase:webhook state:all help_center_id:202' });
    expect(out.isError, out.text).toBe(false);
    expect(paths(h.apiRequests(), '/articles/search').map((r) => r.url)).toEqual([
      `${API}/articles/search?phrase=webhook&state=all&help_center_id=202&highlight=true`,
    ]);
    expect((out.structured.results as Array<{ id: string }>).map((r) => r.id)).toEqual(['article_8014', 'article_8013']);
  });

  it('no phrase searches every published article; limit keeps the first N', async () => {
    const out = await h.call('search', { query: 'object_type:article limit:3' });
    expect(out.isError, out.text).toBe(false);
    expect(paths(h.apiRequests(), '/articles/search').map((r) => r.url)).toEqual([`${API}/articles/search?state=published&highlight=true`]);
    expect(out.structured.results).toHaveLength(3);
    expect(out.structured._note).toMatch(/^These are the best 3 of \d+ matches \(Intercom's article search has no next page\): add words to q:/);
  });

  it.each([
    ['object_type:articles state:archived', /state/],
    ['object_type:articles help_center_id:acme', /help_center_id/],
    ['object_type:articles q:refund OR q:billing', /OR|q:/],
    ['object_type:articles state:all state:draft', /twice/],
    ['object_type:articles created_at:gt:7d', /not searchable for articles|Searchable: phrase, state, help_center_id/],
    ['object_type:articles q:refund starting_after:2', /no next page/],
  ])('%s is refused before Intercom', async (query, message) => {
    const out = await h.call('search', { query });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(paths(h.apiRequests(), '/articles/search')).toHaveLength(0);
  });

  it('fetch article_8001: GET /articles/8001, the document with its Help Center URL and names', async () => {
    const out = await h.call('fetch', { id: 'article_8001' });
    expect(out.isError, out.text).toBe(false);
    const sent = paths(h.apiRequests(), '/articles/8001');
    expect(sent).toHaveLength(1);
    expect(await describeRequest(sent[0]!)).toEqual({ method: 'GET', url: `${API}/articles/8001`, headers: GET_HEADERS, body: undefined });
    const doc = out.structured as { id: string; title: string; text: string; url?: string; metadata?: Record<string, unknown> };
    expect(doc.id).toBe('article_8001');
    expect(doc.url).toMatch(/^https:\/\/help\.acme\.example\/en\/articles\/8001-/);
    expect(doc.text.length).toBeGreaterThan(50);
    expect(doc.metadata).toHaveProperty('state');
  });

  it('fetch of a draft (no Help Center URL) links its page in the web app; an app URL of an article fetches it', async () => {
    const search = await h.call('search', { query: 'object_type:articles state:draft' });
    const draft = (search.structured.results as Array<{ id: string }>)[0]!.id;
    const out = await h.call('fetch', { id: draft });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured.url).toMatch(new RegExp(`^https://app\\.intercom\\.com/a/apps/[^/]+/articles/articles/${draft.slice(8)}/show$`));
    const again = await h.call('fetch', { id: out.structured.url as string });
    expect(again.structured.id).toBe(draft);
  });

  it('get_article answers as before, read through the registry', async () => {
    const out = await h.call('get_article', { id: 'article_8001' });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured.id).toBe('8001');
    expect(paths(h.apiRequests(), '/articles/8001')).toHaveLength(1);
  });
});
