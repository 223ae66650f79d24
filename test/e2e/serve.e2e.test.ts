import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { call, connect, ERAS, startFake, TOKEN, type RunningFake } from './harness.js';
import { callTool, httpClient, rpc, sseClient, startServe, type Served } from './serve-harness.js';

// `serve` end to end: the built CLI over HTTP, driven by the SDK's Client (Streamable HTTP in both eras,
// legacy SSE), against the loopback fake of Intercom, each caller with its own bearer token.
const TOKEN_B = 'c2Vjb25kLWNhbGxlci10b2tlbi1mb3ItdGVzdHMtb25seS03YzJk';
const UNKNOWN_TOKEN = 'dW5rbm93bi10b2tlbi1mb3ItdGVzdHMtb25seQ00';
const TOKEN_C = 'dGhpcmQtY2FsbGVyLXRva2VuLWZvci10ZXN0cy0wMDAx';
const TOKEN_D = 'Zm91cnRoLWNhbGxlci10b2tlbi1mb3ItdGVzdHMtMDAy';

/** One call of each tool, with arguments the sample workspace answers. */
const CALLS: Array<[string, Record<string, unknown>]> = [
  ['search', { query: 'object_type:conversations state:open limit:3' }],
  ['search', { query: 'object_type:contacts role:user limit:2' }],
  ['search_conversations', { state: 'open', per_page: 2 }],
  ['search_contacts', { role: 'user', per_page: 2 }],
];

let running: RunningFake;
let served: Served;

beforeAll(async () => {
  running = await startFake({ tokens: [TOKEN_B, TOKEN_C, TOKEN_D] });
  // A token in the environment is there to prove it is never used: each request brings its own.
  served = await startServe(['--base-url', running.url], { INTERCOM_ACCESS_TOKEN: TOKEN });
});
afterAll(async () => {
  const { code } = await served.stop();
  expect(code).toBe(0);
  for (const text of [served.stderr()]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN_B);
  }
  await running.close();
});

/** Ids of a conversation and a contact in the sample workspace, as `search` hands them out. */
async function someIds(client: Client): Promise<{ conversation: string; contact: string }> {
  const conversations = await callTool(client, 'search', { query: 'object_type:conversations limit:1' });
  const contacts = await callTool(client, 'search', { query: 'object_type:contacts limit:1' });
  const first = (o: typeof conversations) => (o.structured as { results: Array<{ id: string }> }).results[0]!.id;
  return { conversation: first(conversations), contact: first(contacts) };
}

describe.each(ERAS)('serve: Streamable HTTP at /mcp (%s era)', (era) => {
  let client: Client;
  beforeAll(async () => {
    client = await httpClient(served.url, { era, token: TOKEN });
  });
  afterAll(async () => {
    await client.close();
  });

  it('lists the same tools as stdio, with the same schemas', async () => {
    const stdio = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url } });
    try {
      const [overHttp, overStdio] = await Promise.all([client.listTools(), stdio.client.listTools()]);
      expect(overHttp.tools.length).toBeGreaterThanOrEqual(6);
      expect(overHttp.tools).toEqual(overStdio.tools);
    } finally {
      await stdio.close();
    }
  });

  it('answers every tool exactly as stdio does, with the caller token on every Intercom request', async () => {
    const stdio = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url } });
    try {
      const ids = await someIds(client);
      const calls: Array<[string, Record<string, unknown>]> = [
        ...CALLS,
        ['fetch', { id: ids.conversation }],
        ['fetch', { id: ids.contact }],
        ['get_conversation', { id: ids.conversation }],
        ['get_contact', { id: ids.contact }],
      ];
      running.fake.reset();
      const overHttp = [];
      for (const [name, args] of calls) overHttp.push(await callTool(client, name, args));
      // Only this client's requests so far (the stdio session has made none yet).
      expect(running.fake.requests.length).toBeGreaterThanOrEqual(calls.length);
      for (const r of running.fake.requests) expect(r.headers['authorization']).toBe(`Bearer ${TOKEN}`);
      for (const [i, [name, args]] of calls.entries()) {
        const overStdio = await call(stdio, name, args);
        expect(overHttp[i]!.isError, `${name} ${overHttp[i]!.text}`).toBe(false);
        expect(overHttp[i]!.structured, name).toEqual(overStdio.structured);
        expect(overHttp[i]!.text, name).toEqual(overStdio.text);
      }
    } finally {
      await stdio.close();
    }
  });

  it('pages with the cursor it hands out', async () => {
    const first = await callTool(client, 'search', { query: 'object_type:contacts role:user limit:2' });
    const cursor = (first.structured as { next_starting_after?: string }).next_starting_after;
    expect(cursor).toBeTruthy();
    const second = await callTool(client, 'search', { query: `object_type:contacts role:user limit:2 starting_after:${cursor}` });
    const ids = (o: typeof first) => (o.structured as { results: Array<{ id: string }> }).results.map((r) => r.id);
    expect(ids(second).length).toBeGreaterThan(0);
    expect(ids(second)).not.toEqual(ids(first));
  });

  it('answers a failed call with isError and what to do', async () => {
    const missing = await callTool(client, 'get_conversation', { id: '999999999999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/not found|no conversation/i);
    const bad = await callTool(client, 'search', { query: 'object_type:conversations colour:blue' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('colour');
  });
});

describe('serve: legacy HTTP+SSE at /sse', () => {
  let client: Client;
  beforeAll(async () => {
    client = await sseClient(served.base, TOKEN);
  });
  afterAll(async () => {
    await client.close();
  });

  it('serves the tools, results and pages over the SSE stream', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_conversation');
    const ids = await someIds(client);
    const conversation = await callTool(client, 'get_conversation', { id: ids.conversation });
    expect(conversation.isError).toBe(false);
    expect(conversation.text.length).toBeGreaterThan(20);
    const first = await callTool(client, 'search_contacts', { role: 'user', per_page: 2 });
    const cursor = (first.structured as { next_starting_after?: string }).next_starting_after;
    expect(cursor).toBeTruthy();
    const second = await callTool(client, 'search_contacts', { role: 'user', per_page: 2, starting_after: cursor });
    expect(second.isError).toBe(false);
    const missing = await callTool(client, 'get_contact', { id: 'contact_000000000000000000000000' });
    expect(missing.isError).toBe(true);
  });

  it('refuses a message posted to the stream with another token, or none', async () => {
    // Open a raw stream to learn a session id, then post to it as someone else.
    const controller = new AbortController();
    const stream = await fetch(`${served.base}/sse`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let text = '';
    while (!/sessionId=[\w-]+/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    const endpoint = /data: (\/messages\?sessionId=[\w-]+)/.exec(text)![1]!;
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const other = await rpc(`${served.base}${endpoint}`, ping, { Authorization: `Bearer ${TOKEN_B}` });
    expect(other.status).toBe(403);
    const none = await rpc(`${served.base}${endpoint}`, ping);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const own = await rpc(`${served.base}${endpoint}`, ping, { Authorization: `Bearer ${TOKEN}` });
    expect(own.status).toBe(202);
    const unknown = await rpc(`${served.base}/messages?sessionId=00000000-0000-4000-8000-000000000000`, ping, { Authorization: `Bearer ${TOKEN}` });
    expect(unknown.status).toBe(404);
    controller.abort();
  });
});

describe('serve: names, not ids, across requests', () => {
  it('lists tags, teams and admins once per token, though every request has a client of its own', async () => {
    const client = await httpClient(served.url, { era: 'legacy', token: TOKEN_C });
    try {
      const ids = await someIds(client);
      await callTool(client, 'get_conversation', { id: ids.conversation });
      await callTool(client, 'get_contact', { id: ids.contact });
      running.fake.reset();
      const again = await callTool(client, 'get_conversation', { id: ids.conversation });
      await callTool(client, 'get_contact', { id: ids.contact });
      expect(again.isError).toBe(false);
      // Warm: one request a call, no list asked again.
      expect(running.fake.requests.map((r) => r.path).filter((p) => /^\/(tags|teams|admins|me)$/.test(p))).toEqual([]);
      expect(running.fake.requests).toHaveLength(2);
    } finally {
      await client.close();
    }
  });
});

describe('serve: two callers at once', () => {
  it('uses each caller token only for that caller calls', async () => {
    const a = await httpClient(served.url, { era: 'modern', token: TOKEN });
    const b = await sseClient(served.base, TOKEN_B);
    try {
      const ids = await someIds(a);
      running.fake.reset();
      // A reads the conversation, B the contact, interleaved.
      await Promise.all([
        ...Array.from({ length: 8 }, () => callTool(a, 'get_conversation', { id: ids.conversation })),
        ...Array.from({ length: 8 }, () => callTool(b, 'get_contact', { id: ids.contact })),
      ]);
      const byPath = (prefix: string) => running.fake.requests.filter((r) => r.path.startsWith(prefix));
      expect(byPath('/conversations/').length).toBeGreaterThanOrEqual(8);
      expect(byPath('/contacts/').length).toBeGreaterThanOrEqual(8);
      for (const r of byPath('/conversations/')) expect(r.headers['authorization']).toBe(`Bearer ${TOKEN}`);
      for (const r of byPath('/contacts/')) expect(r.headers['authorization']).toBe(`Bearer ${TOKEN_B}`);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

/** A request over node:http, which (unlike fetch) lets a test set the Host header. */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('serve: refusals, each with its status, and the server keeps serving', () => {
  const list = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it('401 without a bearer token (INTERCOM_ACCESS_TOKEN is never a fallback), with WWW-Authenticate and what to send', async () => {
    expect(served.stderr()).toContain('INTERCOM_ACCESS_TOKEN is set but serve does not use it');
    const res = await rpc(served.url, list);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="intercom-mcp", error="invalid_request"/);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('Authorization: Bearer <token>');
    const sse = await fetch(`${served.base}/sse`);
    expect(sse.status).toBe(401);
  });

  it('401 for a header that is not a bearer token, and for a token Intercom refuses', async () => {
    const basic = await rpc(served.url, list, { Authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect(((await basic.json()) as { error: { message: string } }).error.message).toContain('"Basic" scheme');
    const refused = await rpc(served.url, list, { Authorization: `Bearer ${UNKNOWN_TOKEN}` });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const text = await refused.text();
    expect(text).toContain('does not accept this bearer token');
    expect(text).not.toContain(UNKNOWN_TOKEN);
  });

  it('403 for a foreign Origin, and CORS for a local one', async () => {
    const foreign = await rpc(served.url, list, { ...auth, Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    // Same host, another port: origins match whole.
    const otherPort = await rpc(served.url, list, { ...auth, Origin: 'http://evil.example:80' });
    expect(otherPort.status).toBe(403);
    const local = await rpc(served.url, list, { ...auth, Origin: 'http://localhost:6274' });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:6274');
    const preflight = await fetch(served.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:6274', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
  });

  it('403 for a foreign Host (DNS rebinding), and the loopback names pass', async () => {
    const body = JSON.stringify(list);
    const headers = { ...auth, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'Mcp-Protocol-Version': '2025-06-18' };
    const rebound = await rawRequest(served.url, { headers: { ...headers, Host: `evil.example:${served.port}` }, body });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('is not this server');
    const localhost = await rawRequest(served.url, { headers: { ...headers, Host: `localhost:${served.port}` }, body });
    expect(localhost.status).toBe(200);
  });

  it('413 for an oversized body, 400 with a JSON-RPC parse error for a malformed one', async () => {
    const big = await rpc(served.url, { ...list, params: { padding: 'x'.repeat(1_100_000) } }, auth);
    expect(big.status).toBe(413);
    const malformed = await rpc(served.url, '{"jsonrpc": "2.0", "id": 1, "method": ', auth);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it('405 for GET and DELETE on /mcp, 404 elsewhere, 200 from /healthz without a token', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(served.url, { method, headers: auth });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    expect((await fetch(`${served.base}/nowhere`, { headers: auth })).status).toBe(404);
    const health = await fetch(`${served.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('still serves after all of that', async () => {
    const client = await httpClient(served.url, { era: 'legacy', token: TOKEN });
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThanOrEqual(6);
    } finally {
      await client.close();
    }
  });
});

describe('serve: limits and shutdown', () => {
  it('429 beyond the calls one caller may have in flight; other callers are not held up', async () => {
    running.fake.inject({ kind: 'delay', ms: 1_500, times: 40, path: /^\/conversations\/search/ });
    const slow = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_conversations', arguments: { state: 'open' } } };
    const results = await Promise.all(Array.from({ length: 20 }, () => rpc(served.url, slow, { Authorization: `Bearer ${TOKEN}` }).then((r) => r.status)));
    running.fake.reset();
    expect(results.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    expect(results.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    const other = await rpc(served.url, { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }, { Authorization: `Bearer ${TOKEN_B}` });
    expect(other.status).toBe(200);
  });

  it('SIGTERM: calls in flight end, SSE streams close, exit 0 promptly', async () => {
    const fake = await startFake();
    const own = await startServe(['--base-url', fake.url]);
    try {
      fake.fake.inject({ kind: 'delay', ms: 20_000, times: 5, path: /^\/conversations\/search/ });
      const client = await httpClient(own.url, { era: 'modern', token: TOKEN });
      const stream = await fetch(`${own.base}/sse`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(stream.status).toBe(200);
      const pending = callTool(client, 'search_conversations', { state: 'open' }).then(
        (o) => `answered: ${o.isError}`,
        (e: unknown) => `failed: ${String(e)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { code, ms } = await own.stop('SIGTERM');
      expect(code).toBe(0);
      expect(ms).toBeLessThan(2_500);
      // The call ended with the server: answered as cancelled, or its connection closed; never left hanging.
      expect(await pending).toMatch(/^(answered: true|failed: )/);
      // The stream ended with the server.
      const reader = stream.body!.getReader();
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) break;
    } finally {
      await fake.close();
    }
  });
});

describe('serve: what the review found', () => {
  const list = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };

  it('a client that goes away while its token is checked leaves no slot taken', async () => {
    running.fake.inject({ kind: 'delay', ms: 800, times: 1, path: '/me' });
    const aborts = Array.from({ length: 20 }, () => new AbortController());
    const sent = aborts.map((a) =>
      fetch(served.url, {
        method: 'POST',
        signal: a.signal,
        headers: { Authorization: `Bearer ${TOKEN_C}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'Mcp-Protocol-Version': '2025-06-18' },
        body: JSON.stringify(list),
      }).catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const a of aborts) a.abort();
    await Promise.all(sent);
    await new Promise((resolve) => setTimeout(resolve, 900));
    const after = await Promise.all(Array.from({ length: 16 }, () => rpc(served.url, list, { Authorization: `Bearer ${TOKEN_C}` }).then((r) => r.status)));
    expect(after.every((status) => status === 200), after.join()).toBe(true);
  });

  it('a cancelled call over SSE frees its slot', async () => {
    running.fake.inject({ kind: 'delay', ms: 5_000, times: 20, path: /^\/conversations\/search/ });
    const client = await sseClient(served.base, TOKEN_D);
    try {
      const aborts = Array.from({ length: 16 }, () => new AbortController());
      const calls = aborts.map((a) => client.callTool({ name: 'search_conversations', arguments: { state: 'open' } }, { signal: a.signal }).catch(() => 'aborted'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const a of aborts) a.abort();
      expect(await Promise.all(calls)).toEqual(Array(16).fill('aborted'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const status = (await rpc(served.url, list, { Authorization: `Bearer ${TOKEN_D}` })).status;
      expect(status).toBe(200);
    } finally {
      running.fake.reset();
      await client.close();
    }
  });

  it('400 for a JSON-RPC batch: one message per request, which the limits count', async () => {
    const batch = await rpc(served.url, [list, { ...list, id: 2 }], { Authorization: `Bearer ${TOKEN}` });
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as { error: { message: string } }).error.message).toMatch(/Batches are not supported/);
  });

  it('a token Intercom refuses in the middle of a call: the answer says to send another, and the next request gets 401', async () => {
    const client = await httpClient(served.url, { era: 'modern', token: TOKEN_B });
    try {
      running.fake.inject({ kind: 'status', status: 401, times: 1, path: /^\/conversations\/search/ });
      const out = await callTool(client, 'search_conversations', { state: 'open' });
      expect(out.isError).toBe(true);
      expect(out.text).toContain('Authorization: Bearer <token>');
      expect(out.text).not.toMatch(/login|INTERCOM_ACCESS_TOKEN/);
      const next = await rpc(served.url, list, { Authorization: `Bearer ${TOKEN_B}` });
      expect(next.status).toBe(401);
    } finally {
      await client.close().catch(() => {});
    }
  });

  it('--allowed-origin matches whole: scheme, host and port', async () => {
    const own = await startServe(['--base-url', running.url, '--allowed-origin', 'https://app.example.com']);
    try {
      const status = async (origin: string) => (await rpc(own.url, list, { Authorization: `Bearer ${TOKEN}`, Origin: origin })).status;
      expect(await status('https://app.example.com')).toBe(200);
      expect(await status('https://app.example.com:8443')).toBe(403);
      expect(await status('http://app.example.com')).toBe(403);
      expect(await status('https://example.com')).toBe(403);
    } finally {
      await own.stop();
    }
  });
});

describe('serve --demo', () => {
  it('serves the sample workspace with no token, on loopback only', async () => {
    const demo = await startServe(['--demo']);
    try {
      const client = await httpClient(demo.url, { era: 'modern' });
      const out = await callTool(client, 'search', { query: 'object_type:conversations limit:1' });
      expect(out.isError).toBe(false);
      expect(out.text).toMatch(/^DEMO MODE/);
      await client.close();
    } finally {
      expect((await demo.stop()).code).toBe(0);
    }
    await expect(startServe(['--demo', '--host', '0.0.0.0'])).rejects.toThrow(/exited 2[\s\S]*loopback/);
  });
});
