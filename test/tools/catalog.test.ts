import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { IntercomClient } from '../../src/intercom/client.js';
import { createServer } from '../../src/server/create-server.js';
import { TOOLS } from '../../src/tools/index.js';

describe('the tool catalogue', () => {
  it('has the tools of Intercom\'s hosted server, in order, with unique snake_case names', () => {
    expect(TOOLS.map((t) => t.name)).toEqual([
      'search',
      'fetch',
      'search_conversations',
      'get_conversation',
      'search_contacts',
      'get_contact',
      'list_companies',
      'get_company',
      'search_articles',
      'list_articles',
      'get_article',
    ]);
    for (const tool of TOOLS) expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it.each(TOOLS.map((t) => [t.name, t] as const))('%s is read-only, titled and described', (_name, tool) => {
    expect(tool.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(tool.title.length).toBeGreaterThan(3);
    expect(tool.description.length).toBeGreaterThan(80);
  });

  it('tools/list matches the snapshot, so any change of the surface is deliberate', async () => {
    const intercom = new IntercomClient({
      baseUrl: 'http://127.0.0.1:9',
      apiVersion: '2.16',
      timeoutMs: 1000,
      userAgent: 'test',
      getToken: () => undefined,
    });
    const server = createServer({
      intercom,
      links: async () => ({ conversation: () => undefined, contact: () => undefined, company: () => undefined, article: () => undefined }),
      log: () => {},
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'snapshot', version: '1.0.0' });
    await server.connect(serverSide);
    await client.connect(clientSide);
    const listed = await client.listTools();
    await client.close();
    await server.close();
    await expect(JSON.stringify(listed, null, 2)).toMatchFileSnapshot('./__snapshots__/tools-list.json');
  });
});
