// The directory cache of tag, team and admin names: one request per list, TTL, failures, per client.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { IntercomClient } from '../../src/intercom/client.js';
import { Directory, directoryOf, DIRECTORY_TTL_MS, useDirectory } from '../../src/intercom/directory.js';

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

  it('a caller directory given to each request client of one token (serve) is shared by them, and holds no client', () => {
    const shared = new Directory();
    const first = client();
    const second = client();
    useDirectory(first, shared);
    useDirectory(second, shared);
    expect(directoryOf(first)).toBe(shared);
    expect(directoryOf(second)).toBe(shared);
    expect(Object.values(shared)).not.toContain(first);
  });
});
