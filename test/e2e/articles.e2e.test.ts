import { describe, expect, it } from 'vitest';
import { ERAS, startFake, stdioSuite, TOKEN } from './harness.js';
import { callTool, httpClient, startServe } from './serve-harness.js';

// The Help Center tools through the built CLI over stdio, against the loopback emulator, in both protocol eras.
describe.each(ERAS)('Help Center article tools end to end (%s era)', (era) => {
  const suite = stdioSuite(era);
  const run = suite.run;
  /** The article calls of this test (the name lookups and /me are asked for at most once per process). */
  const articleRequests = () => suite.running.fake.requests.filter((r) => r.path.startsWith('/articles'));

  it('lists the three article tools, read-only, with output schemas', async () => {
    const { tools } = await suite.session.client.listTools();
    const articles = tools.filter((t) => t.name.endsWith('_articles') || t.name === 'get_article');
    expect(articles.map((t) => t.name)).toEqual(['search_articles', 'list_articles', 'get_article']);
    for (const tool of articles) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
    }
  });

  it('search_articles: one GET /articles/search, hits with plain-text snippets and Help Center URLs', async () => {
    const out = await run('search_articles', { phrase: 'password', state: 'all' });
    expect(out.isError, out.text).toBe(false);
    const page = out.structured as { results: Array<{ id: string; title: string; text: string; url?: string }>; total_count: number };
    expect(page.results.map((r) => r.id)).toEqual(['article_8001']);
    expect(page.results[0]).toMatchObject({ title: 'Reset your password', url: 'https://help.acme.example/en/articles/8001-reset-your-password' });
    expect(page.results[0]!.text).toMatch(/If you forgot your password/);
    expect(out.text).not.toMatch(/"highlight"|<\/?p>/);
    expect(articleRequests().map((r) => `${r.method} ${r.path}${r.search}`)).toEqual(['GET /articles/search?phrase=password&state=all&highlight=true']);
    expect(articleRequests()[0]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(articleRequests()[0]!.headers['intercom-version']).toBe('2.16');
  });

  it('list_articles: pages through every article, newest first, without repeats', async () => {
    const seen: string[] = [];
    let page: number | undefined = 1;
    while (page !== undefined) {
      const out = await run('list_articles', { page, per_page: 12 });
      expect(out.isError, out.text).toBe(false);
      const result = out.structured as { results: Array<{ id: string }>; next_page?: number; total_count: number };
      seen.push(...result.results.map((r) => r.id));
      expect(result.total_count).toBe(30);
      page = result.next_page;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(articleRequests().map((r) => r.search)).toEqual(['?page=1&per_page=12', '?page=2&per_page=12', '?page=3&per_page=12']);
  });

  it('get_article: by Help Center URL, the whole article with names and translations, one request once warm', async () => {
    const out = await run('get_article', { id: 'https://help.acme.example/fr/articles/8002-demander-un-remboursement' });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toMatchObject({
      id: '8002',
      title: 'Request a refund',
      state: 'published',
      author: 'Alex Billing',
      collection: 'Billing & payments > Refunds',
      help_center: 'Acme Help Center',
      url: 'https://help.acme.example/en/articles/8002-request-a-refund',
      translations: [{ locale: 'fr', title: 'Demander un remboursement' }],
      tags: ['billing', 'refund'],
    });
    expect((out.structured as { body: string }).body).toContain('refund policy (https://acme.example/legal/refund-policy)');
    // The names were asked for by the calls above: this one costs a single request.
    expect(suite.running.fake.requests.filter((r) => r.path !== '/me').map((r) => r.path)).toEqual(['/articles/8002']);
  });

  it('search object_type:articles and fetch an article_ id: one GET /articles/search, then GET /articles/{id}', async () => {
    const found = await run('search', { query: 'object_type:articles q:password state:all' });
    expect(found.isError, found.text).toBe(false);
    const page = found.structured as { results: Array<{ id: string; title: string; url?: string }> };
    expect(page.results.map((r) => r.id)).toEqual(['article_8001']);
    expect(page.results[0]).toMatchObject({ title: 'Reset your password', url: 'https://help.acme.example/en/articles/8001-reset-your-password' });
    expect(articleRequests().map((r) => `${r.method} ${r.path}${r.search}`)).toEqual(['GET /articles/search?phrase=password&state=all&highlight=true']);
    const doc = await run('fetch', { id: page.results[0]!.id });
    expect(doc.isError, doc.text).toBe(false);
    expect(doc.structured).toMatchObject({ id: 'article_8001', title: 'Reset your password', url: 'https://help.acme.example/en/articles/8001-reset-your-password' });
    expect((doc.structured as { text: string }).text).toMatch(/Author: Sam Support[\s\S]*If you forgot your password/);
    expect(articleRequests().map((r) => r.path)).toEqual(['/articles/search', '/articles/8001']);
    const wrong = await run('fetch', { id: 'article_abc' });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/article ids have only digits/);
  });

  it('errors are answers: a bad id names what to send, a missing article says so, the next call works', async () => {
    const bad = await run('get_article', { id: 'how-to-reset' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/article ids have only digits.*Help Center URL/);
    const missing = await run('get_article', { id: '999999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/Article 999999 was not found/);
    const empty = await run('search_articles', { phrase: ' ' });
    expect(empty.isError).toBe(true);
    expect(empty.text).toMatch(/phrase is empty/);
    suite.running.fake.inject({ kind: 'status', status: 503, times: 10, path: '/articles' });
    const down = await run('list_articles', {});
    expect(down.isError).toBe(true);
    expect(down.text).toMatch(/Intercom/);
    suite.running.fake.reset();
    const after = await run('get_article', { id: 'article_8001' });
    expect(after.isError).toBe(false);
  });
});

describe('Help Center article tools over serve (HTTP)', () => {
  it('each caller\'s names are asked for once: the second call of a token is one request, another token asks for its own', async () => {
    const tokenB = 'YXJ0aWNsZXMtc2Vjb25kLWNhbGxlci10b2tlbi0wMDAx';
    const running = await startFake({ tokens: [tokenB] });
    const served = await startServe(['--base-url', running.url]);
    try {
      const requests = () => running.fake.requests.filter((r) => r.path !== '/me').map((r) => r.path).sort();
      const a = await httpClient(served.url, { era: 'modern', token: TOKEN });
      const first = await callTool(a, 'get_article', { id: '8001' });
      expect(first.isError, first.text).toBe(false);
      expect(first.structured).toMatchObject({ author: 'Sam Support', collection: 'Getting started > Account setup' });
      expect(requests()).toEqual(['/admins', '/articles/8001', '/help_center/collections', '/help_center/help_centers']);
      running.fake.reset();
      const second = await callTool(a, 'search_articles', { phrase: 'refund' });
      expect(second.isError, second.text).toBe(false);
      expect(requests()).toEqual(['/articles/search']);
      await a.close();
      running.fake.reset();
      const b = await httpClient(served.url, { era: 'legacy', token: tokenB });
      const other = await callTool(b, 'get_article', { id: '8002' });
      expect(other.structured).toMatchObject({ author: 'Alex Billing' });
      expect(requests()).toEqual(['/admins', '/articles/8002', '/help_center/collections', '/help_center/help_centers']);
      await b.close();
    } finally {
      await served.stop();
      await running.close();
    }
  });
});
