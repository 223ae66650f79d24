// HTTP behaviour: auth, version check, headers, routes, fault injection, node listener, msw, concurrency.
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, IntercomEmulator, RATE_LIMIT } from '../../src/demo/emulator.js';
import { BASE, get, json, post } from './helpers.js';
import { SAMPLE_IDS } from '../../src/demo/workspace.js';
import { listen } from '../../src/demo/loopback.js';

const fake = new IntercomEmulator();
beforeEach(() => fake.reset());

describe('auth and version', () => {
  it.each([
    ['missing header', {}],
    ['wrong token', { authorization: 'Bearer nope' }],
    ['wrong scheme', { authorization: `Basic ${DEFAULT_TOKEN}` }],
  ])('%s -> 401 Access Token Invalid', async (_name, headers) => {
    const res = await fake.handle(new Request(`${BASE}/me`, { headers }));
    expect(res.status).toBe(401);
    expect(await json(res)).toMatchObject({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] });
  });

  it('default token is accepted', async () => {
    expect(fake.token).toBe(DEFAULT_TOKEN);
    expect((await get(fake, '/me')).status).toBe(200);
  });

  it('Intercom-Version must match when apiVersion is set', async () => {
    const strict = new IntercomEmulator({ apiVersion: '2.16' });
    expect((await get(strict, '/me', { 'Intercom-Version': '2.16' })).status).toBe(200);
    for (const headers of [{ 'Intercom-Version': '2.11' }, {}] as Array<Record<string, string>>) {
      const res = await get(strict, '/me', headers);
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ errors: [{ code: 'intercom_version_invalid' }] });
    }
  });
});

describe('routes and headers', () => {
  it('every response has JSON content type, rate-limit headers and a request id', async () => {
    for (const res of [await get(fake, '/me'), await get(fake, '/nope'), await fake.handle(new Request(`${BASE}/me`))]) {
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT));
      expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(RATE_LIMIT);
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('unknown routes and methods -> 404 error.list', async () => {
    for (const res of [await get(fake, '/tickets/1'), await post(fake, '/conversations/1001', {}), await get(fake, '/conversations')]) {
      expect(res.status).toBe(404);
      expect(await json(res)).toMatchObject({ type: 'error.list', errors: [{ code: 'not_found' }] });
    }
  });

  it('unknown contact -> 404 User Not Found; merged contact -> 410 with Link', async () => {
    const missing = await get(fake, `/contacts/${SAMPLE_IDS.contactMissing}`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ errors: [{ code: 'not_found', message: 'User Not Found' }] });
    const merged = await get(fake, `/contacts/${SAMPLE_IDS.contactMerged}`);
    expect(merged.status).toBe(410);
    expect(merged.headers.get('link')).toBe(`</contacts/${fake.workspace.contacts[1]!.id}>; rel="canonical"`);
    expect(await json(merged)).toMatchObject({ errors: [{ code: 'contact_merged' }] });
  });

  it('display_as=plaintext renders links as "label (url)"', async () => {
    const c = await json<{ source: { body: string } }>(await get(fake, `/conversations/${SAMPLE_IDS.conversationRichHtml}?display_as=plaintext`));
    expect(c.source.body).not.toMatch(/<(p|a|ul|li|b)[ >]/);
    expect(c.source.body).toContain('Order #4821 \u2013 view order');
    expect(c.source.body).toContain('view order (https://shop.example.com/orders/4821?ref=mail&utm_source=intercom)');
  });

  it('records requests with parsed bodies', async () => {
    await post(fake, '/contacts/search', { query: { field: 'role', operator: '=', value: 'lead' } }, { 'Intercom-Version': '2.16' });
    await get(fake, '/conversations/1001?display_as=plaintext');
    expect(fake.requests.map((r) => [r.method, r.path, r.search])).toEqual([
      ['POST', '/contacts/search', ''],
      ['GET', '/conversations/1001', '?display_as=plaintext'],
    ]);
    expect(fake.requests[0]!.body).toEqual({ query: { field: 'role', operator: '=', value: 'lead' } });
    expect(fake.requests[0]!.headers['intercom-version']).toBe('2.16');
    expect(fake.requests[1]!.body).toBeUndefined();
  });
});

describe('faults', () => {
  it('status: consumed in order, `times`, path filter, custom body and headers', async () => {
    fake.inject({ kind: 'status', status: 503, times: 2, path: '/conversations/' });
    fake.inject({ kind: 'status', status: 500, body: { custom: true }, headers: { 'Retry-After': '3' }, path: /^\/me$/ });
    expect((await get(fake, '/contacts/' + fake.workspace.contacts[0]!.id)).status).toBe(200); // path does not match
    const first = await get(fake, '/conversations/1001');
    expect(first.status).toBe(503);
    expect(await json(first)).toMatchObject({ type: 'error.list', errors: [{ code: 'service_unavailable' }] });
    expect((await get(fake, '/conversations/1001')).status).toBe(503);
    expect((await get(fake, '/conversations/1001')).status).toBe(200);
    const me = await get(fake, '/me');
    expect(me.status).toBe(500);
    expect(me.headers.get('retry-after')).toBe('3');
    expect(await json(me)).toEqual({ custom: true });
    expect((await get(fake, '/me')).status).toBe(200);
  });

  it('rate_limit: 429, X-RateLimit-Reset in unix seconds, Intercom error body', async () => {
    fake.inject({ kind: 'rate_limit', resetInSeconds: 7 });
    const now = Math.floor(Date.now() / 1000);
    const res = await get(fake, '/me');
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(now + 7);
    expect(reset).toBeLessThanOrEqual(now + 8);
    expect(await json(res)).toMatchObject({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] });
  });

  it('delay: answers late, then normally', async () => {
    fake.inject({ kind: 'delay', ms: 120 });
    const start = performance.now();
    const res = await get(fake, '/me');
    expect(performance.now() - start).toBeGreaterThanOrEqual(100);
    expect(res.status).toBe(200);
  });

  it('delay is cut short when the caller aborts', async () => {
    fake.inject({ kind: 'delay', ms: 10_000 });
    const controller = new AbortController();
    const start = performance.now();
    const pending = fake.handle(new Request(`${BASE}/me`, { headers: { authorization: `Bearer ${fake.token}` }, signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    await pending;
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('html: a proxy page with text/html', async () => {
    fake.inject({ kind: 'html', status: 504 });
    const res = await get(fake, '/me');
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<title>504 Gateway Time-out</title>');
  });

  it('malformed_json: 200 whose body does not parse', async () => {
    fake.inject({ kind: 'malformed_json' });
    const res = await get(fake, '/me');
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it('unexpected_shape: [] for searches, {"weird":true} otherwise', async () => {
    fake.inject({ kind: 'unexpected_shape', times: 2 });
    expect(await (await post(fake, '/conversations/search', { query: { field: 'id', operator: '=', value: '1' } })).json()).toEqual([]);
    expect(await (await get(fake, '/conversations/1001')).json()).toEqual({ weird: true });
  });

  it('cut: the body stream fails half-way (handle)', async () => {
    fake.inject({ kind: 'cut' });
    const res = await get(fake, '/me');
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('reset clears faults and requests', async () => {
    fake.inject({ kind: 'status', status: 500 });
    await post(fake, '/contacts/search', {});
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect((await get(fake, '/me')).status).toBe(200);
  });
});

describe('listen() over node:http (loopback.ts)', () => {
  let server: { url: string; close(): Promise<void> };
  const net = new IntercomEmulator({ token: 'tok-e2e' });
  beforeAll(async () => {
    server = await listen(net);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => net.reset());
  const auth = { authorization: 'Bearer tok-e2e' };

  it('serves on 127.0.0.1 with real fetch', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/conversations/search`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: { field: 'state', operator: '=', value: 'open' } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT));
    const body = (await res.json()) as { type: string; total_count: number };
    expect(body.type).toBe('conversation.list');
    expect(net.requests[0]!.body).toEqual({ query: { field: 'state', operator: '=', value: 'open' } });
  });

  it('cut destroys the socket mid-body', async () => {
    net.inject({ kind: 'cut' });
    const res = await fetch(`${server.url}/me`, { headers: auth });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await fetch(`${server.url}/me`, { headers: auth })).status).toBe(200);
  });

  it('tracks concurrency', async () => {
    net.inject({ kind: 'delay', ms: 80, times: 5 });
    const results = await Promise.all(Array.from({ length: 5 }, () => fetch(`${server.url}/me`, { headers: auth })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(net.maxInFlight).toBe(5);
    expect(net.inFlight).toBe(0);
  });
});

describe('with msw', () => {
  const mswFake = new IntercomEmulator();
  const mswServer = setupServer(http.all('https://api.intercom.io/*', ({ request }) => mswFake.handle(request)));
  beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => mswServer.close());

  it('answers fetch calls to api.intercom.io', async () => {
    const res = await fetch(`https://api.intercom.io/conversations/${SAMPLE_IDS.conversation60Parts}`, {
      headers: { authorization: `Bearer ${mswFake.token}`, 'Intercom-Version': '2.16' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversation_parts: { total_count: number } };
    expect(body.conversation_parts.total_count).toBe(60);
  });
});
