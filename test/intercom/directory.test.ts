// The directory cache of tag, team and admin names: one request per list, TTL, failures, per client.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { IntercomClient } from '../../src/intercom/client.js';
import { Directory, directoryOf, DIRECTORY_TTL_MS, MAX_CACHED_COMPANIES } from '../../src/intercom/directory.js';

describe('Directory', () => {
  const API = 'https://api.intercom.io';
  const server = setupServer();
  const counts: Record<string, number> = {};
  const client = () => new IntercomClient({ baseUrl: API, apiVersion: '2.16', timeoutMs: 1000, userAgent: 't', getToken: () => 'tok_dir_0123456789', retryBaseMs: 1, maxAttempts: 1 });
  let tagsFail = false;
  server.events.on('request:start', ({ request }) => {
    const path = new URL(request.url).pathname;
    counts[path] = (counts[path] ?? 0) + 1;
  });

  it('one request per list, shared by concurrent callers; refreshed after the TTL; a failure is forgotten', async () => {
    server.listen({ onUnhandledRequest: 'error' });
    try {
      server.use(
        http.get(`${API}/tags`, () => (tagsFail ? HttpResponse.json({ type: 'error.list', errors: [{ code: 'server_error', message: 'x' }] }, { status: 500 }) : HttpResponse.json({ type: 'list', data: [{ type: 'tag', id: '1', name: 'VIP' }, { type: 'tag', id: '2', name: '' }] }))),
        http.get(`${API}/admins`, () => HttpResponse.json({ type: 'admin.list', admins: [{ type: 'admin', id: '7', name: 'Björn Ståhl', team_ids: [5] }] })),
      );
      let now = 1_000_000;
      const directory = new Directory(() => now);
      const c = client();
      const [a, b] = await Promise.all([directory.names(c, ['tags', 'admins']), directory.names(c, ['tags'])]);
      expect(a.tags).toEqual(new Map([['1', 'VIP']]));
      expect(a.admins?.get('7')).toEqual({ name: 'Björn Ståhl', teamIds: ['5'] });
      expect(b.tags).toBe(a.tags);
      expect(counts).toEqual({ '/tags': 1, '/admins': 1 });
      now += DIRECTORY_TTL_MS - 1;
      await directory.names(c, ['tags']);
      expect(counts['/tags']).toBe(1);
      now += 2;
      tagsFail = true;
      // Expired and the refresh fails: the old names still serve, and the next call asks again.
      expect((await directory.names(c, ['tags'])).tags?.get('1')).toBe('VIP');
      expect(counts['/tags']).toBe(2);
      tagsFail = false;
      await directory.names(c, ['tags']);
      expect(counts['/tags']).toBe(3);
      await directory.names(c, ['tags']);
      expect(counts['/tags']).toBe(3);
    } finally {
      server.close();
    }
  });

  it('one directory per client instance, never shared between clients (tokens)', () => {
    const one = client();
    const two = client();
    expect(directoryOf(one)).toBe(directoryOf(one));
    expect(directoryOf(one)).not.toBe(directoryOf(two));
  });

  it('a scope shared by the request clients of one token (serve: the caller) has one directory, holding no client', () => {
    const caller = {};
    const first = client();
    const shared = directoryOf(caller);
    expect(directoryOf(caller)).toBe(shared);
    expect(directoryOf(first)).not.toBe(shared);
    expect(Object.values(shared)).not.toContain(first);
  });

  it('companies: asked by id once each (concurrent callers share it), refreshed after the TTL; 404 remembered, other failures forgotten', async () => {
    server.listen({ onUnhandledRequest: 'error' });
    for (const key of Object.keys(counts)) delete counts[key];
    let failing = false;
    try {
      server.use(
        http.get(`${API}/companies/:id`, ({ params }) => {
          if (params.id === 'gone') return HttpResponse.json({ type: 'error.list', errors: [{ code: 'company_not_found', message: 'Company Not Found' }] }, { status: 404 });
          if (failing) return HttpResponse.json({ type: 'error.list', errors: [{ code: 'server_error', message: 'x' }] }, { status: 500 });
          return HttpResponse.json({ type: 'company', id: params.id, name: `Co ${String(params.id)}`, company_id: `own-${String(params.id)}`, plan: { type: 'plan', id: '1', name: 'Pro' } });
        }),
      );
      let now = 5_000_000;
      const directory = new Directory(() => now);
      const c = client();
      const [a, b] = await Promise.all([directory.names(c, [], ['a', 'gone', 'a']), directory.companies(c, ['a'])]);
      expect(a.companies).toEqual(new Map([['a', { name: 'Co a', companyId: 'own-a', plan: 'Pro' }]]));
      expect(b.get('a')).toEqual({ name: 'Co a', companyId: 'own-a', plan: 'Pro' });
      expect(counts).toEqual({ '/companies/a': 1, '/companies/gone': 1 });
      await directory.companies(c, ['a', 'gone']);
      expect(counts).toEqual({ '/companies/a': 1, '/companies/gone': 1 });
      now += DIRECTORY_TTL_MS;
      failing = true;
      // Expired and the refresh fails: the old name still serves, and the next call asks again.
      expect((await directory.companies(c, ['a'])).get('a')?.name).toBe('Co a');
      expect(counts['/companies/a']).toBe(2);
      failing = false;
      await directory.companies(c, ['a']);
      await directory.companies(c, ['a']);
      expect(counts['/companies/a']).toBe(3);
      // A company never named and failing: no name, asked again next time.
      failing = true;
      expect((await directory.companies(c, ['new'])).size).toBe(0);
      failing = false;
      expect((await directory.companies(c, ['new'])).get('new')?.name).toBe('Co new');
      expect(counts['/companies/new']).toBe(2);
    } finally {
      server.close();
    }
  });

  it('companies: at most MAX_CACHED_COMPANIES kept, the oldest asked dropped first', async () => {
    server.listen({ onUnhandledRequest: 'error' });
    for (const key of Object.keys(counts)) delete counts[key];
    try {
      server.use(http.get(`${API}/companies/:id`, ({ params }) => HttpResponse.json({ type: 'company', id: params.id, name: `Co ${String(params.id)}` })));
      const directory = new Directory(() => 1);
      const c = client();
      const ids = Array.from({ length: MAX_CACHED_COMPANIES + 1 }, (_, i) => `c${i}`);
      for (let i = 0; i < ids.length; i += 50) await directory.companies(c, ids.slice(i, i + 50));
      await directory.companies(c, [ids[1]!, ids.at(-1)!]);
      expect(counts[`/companies/${ids[1]}`]).toBe(1);
      await directory.companies(c, [ids[0]!]);
      expect(counts[`/companies/${ids[0]}`]).toBe(2);
    } finally {
      server.close();
    }
  });
});
