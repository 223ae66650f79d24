import { describe, expect, it } from 'vitest';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

const API = 'https://api.intercom.io';
const paths = (requests: Request[]) => requests.map((r) => new URL(r.url).pathname + new URL(r.url).search).sort();

describe('get_article', () => {
  const h = toolHarness();

  it('cold: GET /articles/{id}, and the names (admins, collections, help centers) asked for once alongside', async () => {
    const out = await h.call('get_article', { id: '8001' });
    expect(out.isError, out.text).toBe(false);
    expect(paths(h.apiRequests())).toEqual(['/articles/8001', '/help_center/collections', '/help_center/help_centers']);
    expect(paths(h.directoryRequests())).toEqual(['/admins']);
    const sent = h.apiRequests().find((r) => new URL(r.url).pathname === '/articles/8001')!;
    expect(await describeRequest(sent)).toEqual({ method: 'GET', url: `${API}/articles/8001`, headers: GET_HEADERS, body: undefined });
    expect(out.structured).toMatchObject({
      id: '8001',
      title: 'Reset your password',
      state: 'published',
      url: 'https://help.acme.example/en/articles/8001-reset-your-password',
      author: 'Sam Support',
      collection: 'Getting started > Account setup',
      help_center: 'Acme Help Center',
      translations: [{ locale: 'fr' }, { locale: 'de', state: 'draft' }],
    });
    expect(out.structured.body).toContain('the sign-in page (https://app.acme.example/login)');
    expect(out.text).not.toMatch(/null|""|\[\]|\{\}|<\/?(p|ol|li|a|b)\b/);
  });

  it('warm: one request per call', async () => {
    const out = await h.call('get_article', { id: 'article_8013' });
    expect(out.isError).toBe(false);
    expect(paths(h.apiRequests())).toEqual(['/articles/8013']);
    // A former teammate's article: the id stays, no name is made up.
    expect(out.structured).toMatchObject({ author_id: '991267499', collection: 'Webhooks', help_center: 'Acme Developer Docs' });
    expect(out.structured).not.toHaveProperty('author');
  });

  it.each([
    'https://help.acme.example/en/articles/8002-request-a-refund',
    'https://help.acme.example/fr/articles/8002-demander-un-remboursement?utm_source=mail',
    'https://app.intercom.com/a/apps/abc12345/articles/articles/8002/show',
    8002,
  ])('by Help Center or web-app URL, or a number: %s', async (id) => {
    const out = await h.call('get_article', { id });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured.id).toBe('8002');
    expect(paths(h.apiRequests())).toEqual(['/articles/8002']);
  });

  it.each([
    ['abc', /article ids have only digits/],
    ['conversation_1060', /That is a conversation id/],
    ['https://help.acme.example/en/collections/301-getting-started', /does not point at an article/],
    ['../../me', /only digits/],
  ])('%s: a clear error naming what to send, nothing sent', async (id, message) => {
    const out = await h.call('get_article', { id });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(out.text).toContain('Help Center URL');
    expect(h.allRequests()).toHaveLength(0);
  });

  it('a missing article says so; a 403 names the permission', async () => {
    const missing = await h.call('get_article', { id: '999999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/^Article 999999 was not found \(HTTP 404\)/);
    h.fake.inject({ kind: 'status', status: 403, path: '/articles/' });
    const forbidden = await h.call('get_article', { id: '8001' });
    expect(forbidden.isError).toBe(true);
    expect(forbidden.text).toContain('"Read articles"');
  });

  it('a long article is cut with a note; untrusted text is cleaned', async () => {
    const long = await h.call('get_article', { id: '8017' });
    expect(long.structured.body.length).toBeLessThanOrEqual(40_000);
    expect(long.structured.note).toMatch(/cut at 40,000 of/);
    const untrusted = await h.call('get_article', { id: '8016' });
    expect(untrusted.text).not.toMatch(/[\u200B\u202E\uFEFF]/);
  });
});
