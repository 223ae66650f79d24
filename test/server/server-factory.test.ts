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

  it('serves only the toolsets of the config: tools/list, the instructions, and the kinds search and fetch read', async () => {
    const factory = createServerFactory({ config: resolveConfig({ region: 'eu', toolsets: 'conversations,search' }, {}), credentials: () => ({ token: TOKEN }), log: () => {} });
    const client = await connected(factory());
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['search', 'fetch', 'search_conversations', 'get_conversation']);
    expect(client.getInstructions()).toContain('object_type:conversations');
    expect(client.getInstructions()).not.toContain('contact');
    const before = seen.length;
    const fetched = await client.callTool({ name: 'fetch', arguments: { id: 'contact_abc123' } });
    expect(fetched.isError).toBe(true);
    expect((fetched.content as Array<{ text: string }>)[0]!.text).toBe(
      "contacts are not served here: this server's toolsets are conversations, search. Restart it with contacts in --toolsets (or INTERCOM_TOOLSETS), e.g. --toolsets conversations,search,contacts.",
    );
    const searched = await client.callTool({ name: 'search', arguments: { query: 'object_type:contacts role:user' } });
    expect(searched.isError).toBe(true);
    expect((searched.content as Array<{ text: string }>)[0]!.text).toMatch(/^contacts are not served here/);
    // Refused before any request to Intercom.
    expect(seen.length).toBe(before);
    await client.close();
  });

  it('a token stored with its region takes the client and links there when no region is set', async () => {
    const AU = 'https://api.au.intercom.io';
    msw.use(
      http.get(`${AU}/me`, () => HttpResponse.json({ type: 'admin', id: '1', app: { id_code: 'au1app' } })),
      http.get(`${AU}/contacts/:id`, ({ params }) => HttpResponse.json({ type: 'contact', id: params.id })),
    );
    const factory = createServerFactory({ config: resolveConfig({}, {}), credentials: async () => ({ token: TOKEN, region: 'au' }), log: () => {} });
    const client = await connected(factory());
    const out = await client.callTool({ name: 'get_contact', arguments: { id: 'abc123' } });
    expect(out.isError).toBeFalsy();
    expect((out.structuredContent as { url?: string }).url).toBe('https://app.au.intercom.com/a/apps/au1app/users/abc123/all-conversations');
    await client.close();
  });

  it('no token: the answer has the login hint with the profile, and the next call asks again', async () => {
    let asked = 0;
    const factory = createServerFactory({
      config: resolveConfig({ profile: 'work' }, {}),
      credentials: () => {
        asked++;
        return undefined;
      },
      log: () => {},
    });
    const client = await connected(factory());
    for (let i = 0; i < 2; i++) {
      const out = await client.callTool({ name: 'get_contact', arguments: { id: 'abc123' } });
      expect(out.isError).toBe(true);
      const text = (out.content as Array<{ text: string }>)[0]!.text;
      expect(text).toContain('No Intercom access token is configured for profile "work".');
      expect(text).toContain('npx -y intercom-mcp login --profile work');
    }
    expect(asked).toBe(2);
    await client.close();
  });

  it('a keychain that hangs becomes a tool error that says so and what to do', async () => {
    const { CredentialError } = await import('../../src/credentials/resolve.js');
    const factory = createServerFactory({
      config: resolveConfig({}, {}),
      credentials: async () => {
        throw new CredentialError('The stored Intercom token of profile "default" could not be read: the OS keychain did not answer within 5 s. Unlock it and call again.');
      },
      log: () => {},
    });
    const client = await connected(factory());
    const out = await client.callTool({ name: 'search', arguments: { query: 'object_type:contacts role:user' } });
    expect(out.isError).toBe(true);
    expect((out.content as Array<{ text: string }>)[0]!.text).toBe(
      'The stored Intercom token of profile "default" could not be read: the OS keychain did not answer within 5 s. Unlock it and call again.',
    );
    await client.close();
  });
});
