import { describe, expect, it } from 'vitest';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

const API = 'https://api.intercom.io';
const articleCalls = (requests: Request[]) => requests.filter((r) => new URL(r.url).pathname === '/articles');

describe('list_articles', () => {
  const h = toolHarness();

  it('GET /articles?per_page=10: most recently updated first, one line each, how to go on', async () => {
    const out = await h.call('list_articles', {});
    expect(out.isError, out.text).toBe(false);
    const sent = articleCalls(h.apiRequests());
    expect(sent).toHaveLength(1);
    expect(await describeRequest(sent[0]!)).toEqual({ method: 'GET', url: `${API}/articles?per_page=10`, headers: GET_HEADERS, body: undefined });
    expect(out.structured).toMatchObject({ total_count: 30, page: 1, total_pages: 3, next_page: 2, _note: 'Page 1 of 3. For the next, call again with page: 2.' });
    const results = out.structured.results as Array<{ id: string; title: string; text: string; url?: string }>;
    expect(results).toHaveLength(10);
    expect(results[0]).toEqual({
      id: 'article_8009',
      title: 'Android app keeps logging you out',
      text: expect.stringMatching(/^published \| Getting started \| Jordan Eng \| updated \d{4}-\d\d-\d\d \| Fix the logout loop after the 4\.2 update\.$/),
      url: 'https://help.acme.example/en/articles/8009-android-app-keeps-logging-you-out',
    });
    const draft = results.find((r) => r.id === 'article_8007')!;
    expect(draft.text).toMatch(/^draft \| Billing & payments \| Riley Ops/);
    expect(draft).not.toHaveProperty('url');
  });

  it('page and per_page go to Intercom as they are; the last page has no next', async () => {
    const out = await h.call('list_articles', { page: 2, per_page: 20 });
    expect(out.isError).toBe(false);
    expect(h.apiRequests().map((r) => r.url)).toEqual([`${API}/articles?page=2&per_page=20`]);
    expect(out.structured).toMatchObject({ page: 2, total_pages: 2, total_count: 30 });
    expect(out.structured.results).toHaveLength(10);
    expect(out.structured).not.toHaveProperty('next_page');
    expect(out.structured).not.toHaveProperty('_note');
  });

  it('past the last page: no articles, and how many pages there are', async () => {
    const out = await h.call('list_articles', { page: 9 });
    expect(out.structured).toMatchObject({ results: [], page: 9, total_pages: 3, _note: 'There are only 3 pages.' });
  });

  it.each([
    [{ per_page: 51 }, /per_page/],
    [{ page: 0 }, /page/],
    [{ collection_id: '301' }, /unknown argument "collection_id"; this tool takes page, per_page/],
    [{ limit: 5 }, /did you mean per_page\?/],
  ])('%j is refused before Intercom', async (args, message) => {
    const out = await h.call('list_articles', args);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(h.allRequests()).toHaveLength(0);
  });
});
