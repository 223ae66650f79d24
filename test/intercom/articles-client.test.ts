// The Help Center calls of the one client: the exact requests they send (msw in front of the emulator), the
// shapes they return, and their errors.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IntercomEmulator } from '../../src/demo/emulator.js';
import { IntercomClient } from '../../src/intercom/client.js';
import { ForbiddenError, InvalidRequestError, NotFoundError } from '../../src/intercom/errors.js';

const BASE = 'https://api.intercom.io';
const TOKEN = 'tok_articles_0123456789abcdef';
const UA = 'intercom-mcp/test';
const fake = new IntercomEmulator({ token: TOKEN });
const server = setupServer(http.all(`${BASE}/*`, ({ request }) => fake.handle(request)));
const sent: Request[] = [];
server.events.on('request:start', ({ request }) => {
  sent.push(request.clone());
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  sent.length = 0;
  fake.reset();
});
afterAll(() => server.close());

const client = new IntercomClient({ baseUrl: BASE, apiVersion: '2.16', timeoutMs: 2000, userAgent: UA, getToken: () => TOKEN, retryBaseMs: 1 });

/** Method, URL and the headers that matter, of the only request sent. */
function onlyRequest() {
  expect(sent).toHaveLength(1);
  const request = sent[0]!;
  return {
    method: request.method,
    url: request.url,
    authorization: request.headers.get('authorization'),
    version: request.headers.get('intercom-version'),
    accept: request.headers.get('accept'),
    contentType: request.headers.get('content-type'),
  };
}
const GET = { method: 'GET', authorization: `Bearer ${TOKEN}`, version: '2.16', accept: 'application/json', contentType: null };

describe('Help Center calls', () => {
  it('getArticle: GET /articles/{id}', async () => {
    const article = await client.getArticle('8001');
    expect(onlyRequest()).toEqual({ ...GET, url: `${BASE}/articles/8001` });
    expect(article).toMatchObject({ id: '8001', title: 'Reset your password', statistics: { type: 'article_statistics' } });
  });

  it('listArticles: GET /articles with page and per_page only when given', async () => {
    const first = await client.listArticles();
    expect(onlyRequest()).toEqual({ ...GET, url: `${BASE}/articles` });
    expect(first.pages).toMatchObject({ page: 1, per_page: 25, total_pages: 2 });
    sent.length = 0;
    const page = await client.listArticles({ page: 2, per_page: 10 });
    expect(onlyRequest()).toEqual({ ...GET, url: `${BASE}/articles?page=2&per_page=10` });
    expect(page.data).toHaveLength(10);
  });

  it('searchArticles: GET /articles/search with its query parameters, the phrase encoded', async () => {
    const found = await client.searchArticles({ phrase: 'refund annual', state: 'published', help_center_id: '201', highlight: true });
    expect(onlyRequest()).toEqual({ ...GET, url: `${BASE}/articles/search?phrase=refund+annual&state=published&help_center_id=201&highlight=true` });
    expect(found.data?.articles?.map((a) => a.id)).toEqual(['8008']);
    sent.length = 0;
    await client.searchArticles({ phrase: 'sso' });
    expect(onlyRequest().url).toBe(`${BASE}/articles/search?phrase=sso`);
    sent.length = 0;
    await client.searchArticles({ phrase: 'a&b=c #1' });
    expect(onlyRequest().url).toBe(`${BASE}/articles/search?phrase=a%26b%3Dc+%231`);
  });

  it('listCollections, listHelpCenters, listAdmins: one GET each', async () => {
    const collections = await client.listCollections();
    expect(onlyRequest()).toEqual({ ...GET, url: `${BASE}/help_center/collections` });
    expect(collections.data?.length).toBe(7);
    sent.length = 0;
    await client.listCollections(2);
    expect(onlyRequest().url).toBe(`${BASE}/help_center/collections?page=2`);
    sent.length = 0;
    const centers = await client.listHelpCenters();
    expect(onlyRequest()).toEqual({ ...GET, url: `${BASE}/help_center/help_centers` });
    expect(centers.data?.map((c) => c.display_name)).toEqual(['Acme Help Center', 'Acme Developer Docs']);
    sent.length = 0;
    const admins = await client.listAdmins();
    expect(onlyRequest()).toEqual({ ...GET, url: `${BASE}/admins` });
    expect(admins.admins?.[0]).toMatchObject({ id: '991267459', name: 'Riley Ops' });
  });

  it('a missing article is a NotFoundError naming it; a path trick never leaves', async () => {
    await expect(client.getArticle('999999')).rejects.toThrow(NotFoundError);
    await expect(client.getArticle('999999')).rejects.toThrow(/^Article 999999 was not found \(HTTP 404\)/);
    sent.length = 0;
    await expect(client.getArticle('../me')).rejects.toThrow(InvalidRequestError);
    expect(sent).toHaveLength(0);
  });

  it('a 403 names the permission the Help Center needs; for admins, "Read admins"', async () => {
    fake.inject({ kind: 'status', status: 403, path: '/articles' });
    const error = await client.listArticles().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toContain('permissions "Read articles"');
    fake.inject({ kind: 'status', status: 403, path: '/admins' });
    await expect(client.listAdmins()).rejects.toThrow(/permissions "Read admins"/);
  });

  it('a list that is not a list is unreadable, not passed on', async () => {
    server.use(http.get(`${BASE}/articles`, () => HttpResponse.json({ type: 'list', data: { not: 'a list' } })));
    await expect(client.listArticles()).rejects.toThrow(/"data" is not a list/);
  });
});
