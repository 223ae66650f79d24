import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createServerFactory } from '../../src/server/server-factory.js';

const API = 'https://api.eu.intercom.io';
const TOKEN = 'tok_factory_0123456789abcdef';

// The one wiring every transport uses: servers from one factory share one client and one GET /me.
describe('createServerFactory', () => {
  const seen: string[] = [];
  const msw = setupServer(
    http.get(`${API}/me`, () => HttpResponse.json({ type: 'admin', id: '1', app: { id_code: 'eu1app' } })),
    http.get(`${API}/contacts/:id`, ({ params }) => HttpResponse.json({ type: 'contact', id: params.id, email: 'a@example.com' })),
  );
  msw.events.on('request:start', ({ request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('authorization') === `Bearer ${TOKEN}`}`);
  });
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => msw.close());

  async function connected(server: ReturnType<ReturnType<typeof createServerFactory>>): Promise<Client> {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'factory-test', version: '1.0.0' });
    await server.connect(serverSide);
    await client.connect(clientSide);
    return client;
  }

  it('reads the token on the first call, links into the region of the config, one GET /me for all servers', async () => {
    let tokenReads = 0;
    const factory = createServerFactory({
      config: resolveConfig({ region: 'eu' }, {}),
      credentials: () => {
        tokenReads++;
        return { token: TOKEN };
      },
      log: () => {},
    });
    const first = await connected(factory());
    const second = await connected(factory());
    expect(tokenReads).toBe(0);

    const a = await first.callTool({ name: 'get_contact', arguments: { id: 'abc123' } });
    const b = await second.callTool({ name: 'fetch', arguments: { id: 'contact_abc123' } });
    expect(a.isError).toBeFalsy();
    expect(b.isError).toBeFalsy();
    expect((a.structuredContent as { url?: string }).url).toBe('https://app.eu.intercom.com/a/apps/eu1app/users/abc123/all-conversations');
    expect((b.structuredContent as { url?: string }).url).toBe('https://app.eu.intercom.com/a/apps/eu1app/users/abc123/all-conversations');
    expect(seen.filter((s) => s.startsWith('GET /me'))).toEqual(['GET /me true']);
    expect(seen.filter((s) => s.startsWith('GET /contacts'))).toEqual(['GET /contacts/abc123 true', 'GET /contacts/abc123 true']);
    expect(tokenReads).toBe(1);
    await first.close();
    await second.close();
  });
});
