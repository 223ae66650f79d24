// The names behind the article tools: asked for once per client, refreshed after the TTL, a failed list retried
// only after a while, and never holding an answer up for long.
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IntercomEmulator } from '../../src/demo/emulator.js';
import { NO_LINKS } from '../../src/format/index.js';
import { IntercomClient } from '../../src/intercom/client.js';
import { forgetArticleNames, NAMES_GRACE_MS, NAMES_TTL_MS, readArticle, searchArticles } from '../../src/records/article.js';
import type { ReadContext } from '../../src/records/index.js';

const BASE = 'https://api.intercom.io';
const TOKEN = 'tok_names_0123456789abcdef';
const fake = new IntercomEmulator({ token: TOKEN });
const server = setupServer(http.all(`${BASE}/*`, ({ request }) => fake.handle(request)));
const client = new IntercomClient({ baseUrl: BASE, apiVersion: '2.16', timeoutMs: 5000, userAgent: 'test', getToken: () => TOKEN, retryBaseMs: 1, maxAttempts: 1 });
const ctx: ReadContext = { intercom: client, withLinks: async (request) => [await request, NO_LINKS], signal: new AbortController().signal };
const paths = () => fake.requests.map((r) => r.path).sort();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  vi.useRealTimers();
  forgetArticleNames(client);
  fake.reset();
});
afterAll(() => server.close());

describe('article names', () => {
  it('one list request each, then none until the TTL has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const [, names] = await readArticle(ctx, '8001');
    expect(names.admin('991267460')).toBe('Sam Support');
    expect(names.collection('311')).toEqual({ name: 'Account setup', parentId: '301' });
    expect(names.helpCenter('201')).toEqual({ name: 'Acme Help Center', url: 'https://help.acme.example' });
    expect(paths()).toEqual(['/admins', '/articles/8001', '/help_center/collections', '/help_center/help_centers']);
    fake.reset();
    await searchArticles(ctx, { phrase: 'refund' });
    await readArticle(ctx, '8002');
    expect(paths()).toEqual(['/articles/8002', '/articles/search']);
    fake.reset();
    vi.setSystemTime(Date.now() + NAMES_TTL_MS + 1);
    await readArticle(ctx, '8002');
    expect(paths()).toEqual(['/admins', '/articles/8002', '/help_center/collections', '/help_center/help_centers']);
  });

  it('a list that fails (no "Read admins") leaves those names out, and is asked again only after a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    fake.inject({ kind: 'status', status: 403, path: '/admins' });
    const [article, names] = await readArticle(ctx, '8001');
    expect(article.id).toBe('8001');
    expect(names.admin('991267460')).toBeUndefined();
    expect(names.collection('301')?.name).toBe('Getting started');
    fake.reset();
    await readArticle(ctx, '8001');
    expect(paths()).toEqual(['/articles/8001']);
    vi.setSystemTime(Date.now() + 61_000);
    const [, later] = await readArticle(ctx, '8001');
    expect(paths()).toEqual(['/admins', '/articles/8001', '/articles/8001']);
    expect(later.admin('991267460')).toBe('Sam Support');
  });

  it('slow names do not hold the answer: it comes within the grace, with ids, and the next call has the names', async () => {
    fake.inject({ kind: 'delay', ms: NAMES_GRACE_MS + 1_500, path: '/help_center/collections' });
    const started = Date.now();
    const [article, names] = await readArticle(ctx, '8001');
    expect(Date.now() - started).toBeLessThan(NAMES_GRACE_MS + 1_000);
    expect(article.id).toBe('8001');
    expect(names.collection('301')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const [, warm] = await readArticle(ctx, '8001');
    expect(warm.collection('301')?.name).toBe('Getting started');
  });

  it('a failed article call fails; the names it started are kept for the next', async () => {
    await expect(readArticle(ctx, '999999')).rejects.toThrow(/Article 999999 was not found/);
    fake.reset();
    const [, names] = await readArticle(ctx, '8001');
    expect(names.admin('991267460')).toBe('Sam Support');
    expect(paths()).toEqual(['/articles/8001']);
  });
});
