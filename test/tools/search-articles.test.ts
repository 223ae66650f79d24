import { describe, expect, it } from 'vitest';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

const API = 'https://api.intercom.io';
const searches = (requests: Request[]) => requests.filter((r) => new URL(r.url).pathname === '/articles/search');

describe('search_articles', () => {
  const h = toolHarness();

  it('GET /articles/search with the phrase, state published by default and highlights; snippets as plain text', async () => {
    const out = await h.call('search_articles', { phrase: '  refund  ' });
    expect(out.isError, out.text).toBe(false);
    const sent = searches(h.apiRequests());
    expect(sent).toHaveLength(1);
    expect(await describeRequest(sent[0]!)).toEqual({
      method: 'GET',
      url: `${API}/articles/search?phrase=refund&state=published&highlight=true`,
      headers: GET_HEADERS,
      body: undefined,
    });
    const results = out.structured.results as Array<{ id: string; text: string; url?: string }>;
    expect(results.map((r) => r.id)).toEqual(['article_8002', 'article_8008']);
    expect(results[0]!.text).toMatch(/^published \| Billing & payments > Refunds \| Alex Billing \| updated [\d-]+ \| Refunds for duplicate charges, broken orders and plan changes\. … We refund duplicate charges/);
    expect(results[0]!.url).toBe('https://help.acme.example/en/articles/8002-request-a-refund');
    expect(out.structured.total_count).toBe(2);
    expect(out.structured).not.toHaveProperty('_note');
    expect(out.text).not.toMatch(/"type":"highlight"|<\/?b>/);
  });

  it('state and help_center_id are passed on; a number for the help center is taken as its digits', async () => {
    const out = await h.call('search_articles', { phrase: 'webhook', state: 'all', help_center_id: 202 });
    expect(out.isError, out.text).toBe(false);
    expect(searches(h.apiRequests()).map((r) => r.url)).toEqual([`${API}/articles/search?phrase=webhook&state=all&help_center_id=202&highlight=true`]);
    expect((out.structured.results as Array<{ id: string }>).map((r) => r.id)).toEqual(['article_8014', 'article_8013']);
  });

  it('more matches than one page: says so, and how to narrow', async () => {
    const out = await h.call('search_articles', { phrase: 'release' });
    expect(out.structured.results).toHaveLength(10);
    expect(out.structured.total_count).toBe(13);
    expect(out.structured._note).toBe("These are the best 10 of 13 matches (Intercom's article search takes no page parameter): add words to the phrase, or set state or help_center_id, to narrow.");
  });

  it('no match: what to try', async () => {
    const out = await h.call('search_articles', { phrase: 'kangaroo' });
    expect(out.structured).toEqual({ results: [], total_count: 0, _note: 'No articles match. Try fewer or other words, state: "all" to include drafts, or list_articles to browse.' });
  });

  it.each([
    [{ phrase: '   ' }, /phrase is empty: send the words to look for/],
    [{}, /phrase/],
    [{ phrase: 'x', state: 'archived' }, /state/],
    [{ phrase: 'x', help_center_id: 'acme' }, /help_center_id is the Help Center's numeric id/],
    [{ query: 'refund' }, /unknown argument "query"/],
  ])('%j is refused before Intercom', async (args, message) => {
    const out = await h.call('search_articles', args);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(h.allRequests()).toHaveLength(0);
  });
});
