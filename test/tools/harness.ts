import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { http, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { IntercomEmulator } from '../../src/demo/emulator.js';
import { resolveConfig } from '../../src/config.js';
import { createServerFactory } from '../../src/server/server-factory.js';

export const API = 'https://api.intercom.io';
const DIRECTORY_PATHS = ['/tags', '/teams', '/admins'];
export const TOKEN = 'tok_msw_0123456789abcdefXk2';

export interface ToolHarness {
  fake: IntercomEmulator;
  /**
   * Requests that reached "Intercom" in this test, /me and the directory lists (/tags, /teams, /admins)
   * excluded: those are asked once per process (links) or per few minutes (names), whichever test comes first.
   */
  apiRequests(): Request[];
  /** The directory lists asked in this test. */
  directoryRequests(): Request[];
  allRequests(): Request[];
  use(...handlers: HttpHandler[]): void;
  call(name: string, args: Record<string, unknown>): Promise<{ isError: boolean; text: string; structured: any }>;
}

/**
 * One server per test file, wired exactly as in production (the server factory: config, token source, the
 * real client loaded on first call, links), speaking to msw, whose default handler forwards to the fake
 * Intercom. Each outgoing request is captured as sent.
 */
export function toolHarness(): ToolHarness {
  const fake = new IntercomEmulator({ token: TOKEN });
  const seen: Request[] = [];
  const msw = setupServer(http.all(`${API}/*`, ({ request }) => fake.handle(request)));
  msw.events.on('request:start', ({ request }) => {
    seen.push(request.clone());
  });
  let client: Client;

  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'error' });
    const factory = createServerFactory({
      config: resolveConfig({ baseUrl: API, timeoutMs: '2000' }, {}),
      credentials: () => ({ token: TOKEN }),
      log: () => {},
      client: { userAgent: 'intercom-mcp/test', retryBaseMs: 1, maxRetryWaitMs: 50 },
    });
    const server = factory();
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    client = new Client({ name: 'tool-tests', version: '1.0.0' });
    await server.connect(serverSide);
    await client.connect(clientSide);
  });
  beforeEach(() => {
    seen.length = 0;
    fake.reset();
  });
  afterEach(() => msw.resetHandlers());
  afterAll(async () => {
    await client.close();
    msw.close();
  });

  return {
    fake,
    allRequests: () => seen,
    apiRequests: () => seen.filter((r) => !['/me', ...DIRECTORY_PATHS].includes(new URL(r.url).pathname)),
    directoryRequests: () => seen.filter((r) => DIRECTORY_PATHS.includes(new URL(r.url).pathname)),
    use: (...handlers) => msw.use(...handlers),
    async call(name, args) {
      const result = await client.callTool({ name, arguments: args });
      const content = (result.content ?? []) as Array<{ text?: string }>;
      return { isError: result.isError === true, text: content.map((c) => c.text ?? '').join('\n'), structured: result.structuredContent };
    },
  };
}

/** The request exactly as it left the client. */
export async function describeRequest(request: Request) {
  const url = new URL(request.url);
  const text = await request.clone().text();
  return {
    method: request.method,
    url: `${url.origin}${url.pathname}${url.search}`,
    headers: {
      authorization: request.headers.get('authorization'),
      'intercom-version': request.headers.get('intercom-version'),
      accept: request.headers.get('accept'),
      'user-agent': request.headers.get('user-agent'),
      'content-type': request.headers.get('content-type'),
    },
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

export const GET_HEADERS = {
  authorization: `Bearer ${TOKEN}`,
  'intercom-version': '2.16',
  accept: 'application/json',
  'user-agent': 'intercom-mcp/test',
  'content-type': null,
};
export const POST_HEADERS = { ...GET_HEADERS, 'content-type': 'application/json' };
