import { readFileSync } from 'node:fs';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createDemoWire } from '../../src/demo/index.js';
import { DSL_CHEATSHEET } from '../../src/query/index.js';
import { createServerFactory } from '../../src/server/server-factory.js';

// Every query the README and the tool descriptions show finds something in the demo workspace, so a
// newcomer who copies one sees an answer, not an empty page.
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The query lines of the README's fenced blocks and its `call search "..."` lines. */
function readmeQueries(): string[] {
  const blocks = [...README.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const bare = blocks.map((line) => line.trim()).filter((line) => line.startsWith('object_type:'));
  const called = [...README.matchAll(/call search "([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...bare, ...called])];
}

const descriptionQueries = DSL_CHEATSHEET.split('\n').filter((line) => line.startsWith('object_type:'));

describe('every DSL example returns something from the demo workspace', () => {
  let client: Client;
  beforeAll(async () => {
    const wire = createDemoWire();
    const factory = createServerFactory({
      config: resolveConfig({}, {}),
      credentials: () => ({ token: wire.token }),
      log: () => {},
      client: { fetch: wire.fetch },
      demo: true,
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    client = new Client({ name: 'examples', version: '1.0.0' });
    await factory().connect(serverSide);
    await client.connect(clientSide);
  });
  afterAll(async () => {
    await client.close();
  });

  it('finds the examples', () => {
    expect(readmeQueries().length).toBeGreaterThanOrEqual(5);
    expect(descriptionQueries).toHaveLength(4);
  });

  it.each([...readmeQueries().map((q) => ['README', q]), ...descriptionQueries.map((q) => ['search description', q])])('%s: %s', async (_where, query) => {
    const result = await client.callTool({ name: 'search', arguments: { query } });
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(result.isError, text).toBeFalsy();
    expect((result.structuredContent as { results: unknown[] }).results.length, text).toBeGreaterThan(0);
  });
});
