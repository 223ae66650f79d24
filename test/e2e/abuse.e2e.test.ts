// Hostile input end to end, over raw stdio lines: what a broken or malicious client may send. The server
// answers as JSON-RPC says (or ignores what is not a request), never writes anything but JSON-RPC to stdout,
// never calls Intercom for a bad call, and keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../reliability/figures.js';
import { isErrorResult, resultText, spawnServer, type RawServer } from '../reliability/raw-stdio.js';
import { startFake, TOKEN, type RunningFake } from './harness.js';

describe('raw protocol abuse over stdio', () => {
  let running: RunningFake;
  let server: RawServer;
  let next = 100;

  beforeAll(async () => {
    running = await startFake();
    server = spawnServer({ INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url });
  });
  afterAll(async () => {
    server.child.stdin.end();
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    // Every line on stdout is a JSON-RPC message, and the token is nowhere.
    for (const m of server.messages()) expect(m.jsonrpc).toBe('2.0');
    expect(server.stdout() + server.stderr()).not.toContain(TOKEN);
    await running.close();
  });

  /** The server still answers a real call correctly. */
  async function stillServing(): Promise<void> {
    const id = next++;
    const answer = await server.call(id, 'get_conversation', { id: '1060' });
    expect(isErrorResult(answer), resultText(answer)).toBe(false);
  }

  it('a request before initialize is answered (stateless era) or refused, and initialize still works', async () => {
    figure('protocol abuse cases', 1);
    server.send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const early = await server.response(1);
    expect('result' in early || 'error' in early).toBe(true);
    await server.initialize();
    await stillServing();
  });

  const ignored: Array<[string, string]> = [
    ['a line that is not JSON', 'this is not json {'],
    ['half a JSON object', '{"jsonrpc":"2.0","id":5,'],
    ['an empty array', '[]'],
    ['a batch (not part of MCP)', JSON.stringify([{ jsonrpc: '2.0', id: 6, method: 'tools/list' }])],
    ['a message without jsonrpc', JSON.stringify({ id: 7, method: 'tools/list' })],
    ['a response to nothing', JSON.stringify({ jsonrpc: '2.0', id: 999, result: {} })],
    ['an unknown notification', JSON.stringify({ jsonrpc: '2.0', method: 'notifications/whatever', params: { x: 1 } })],
    ['a bare number', '42'],
    ['null', 'null'],
    ['control characters and invalid UTF-16', '\u0000\u0001\u001b[2J\ud800'],
  ];
  it.each(ignored)('%s: ignored (logged on stderr at most), and the server keeps serving', async (_name, line) => {
    figure('protocol abuse cases', 1);
    const before = server.messages().length;
    server.send(line);
    await stillServing();
    // Only the answer to stillServing() was written.
    expect(server.messages().length).toBe(before + 1);
  });

  it('an unknown method gets -32601 Method not found', async () => {
    figure('protocol abuse cases', 1);
    server.send({ jsonrpc: '2.0', id: 20, method: 'no/such/method' });
    expect((await server.response(20)).error).toMatchObject({ code: -32601 });
    await stillServing();
  });

  it('a call to an unknown tool gets a JSON-RPC error naming it, and Intercom is not called', async () => {
    figure('protocol abuse cases', 1);
    running.fake.reset();
    server.send({ jsonrpc: '2.0', id: 21, method: 'tools/call', params: { name: 'delete_everything', arguments: {} } });
    const answer = await server.response(21);
    expect(answer.error ?? answer.result).toBeDefined();
    expect(JSON.stringify(answer)).toContain('delete_everything');
    expect(running.fake.requests).toHaveLength(0);
    await stillServing();
  });

  it('a 3 MB message is answered with a clear error, without calling Intercom', async () => {
    figure('protocol abuse cases', 1);
    running.fake.reset();
    const answer = await server.call(22, 'search', { query: `object_type:contacts q:"${'x'.repeat(3_000_000)}"` });
    expect(isErrorResult(answer)).toBe(true);
    expect(resultText(answer)).toMatch(/too (big|long)|100000|10000/i);
    expect(resultText(answer).length).toBeLessThan(1_000);
    expect(running.fake.requests).toHaveLength(0);
    await stillServing();
  });

  it('tools/call with params that are not an object is not executed', async () => {
    figure('protocol abuse cases', 1);
    running.fake.reset();
    const before = server.messages().length;
    server.send({ jsonrpc: '2.0', id: 23, method: 'tools/call', params: 'get_conversation 1060' });
    await stillServing();
    const answers = server.messages().slice(before).filter((m) => m.id === 23);
    for (const a of answers) expect(a.error).toBeDefined();
    expect(running.fake.requests.filter((r) => r.path !== '/me')).toHaveLength(1);
  });

  it('ping is answered', async () => {
    figure('protocol abuse cases', 1);
    server.send({ jsonrpc: '2.0', id: 24, method: 'ping' });
    expect((await server.response(24)).result).toEqual({});
  });
});

describe('tool-argument abuse end to end', () => {
  let running: RunningFake;
  let server: RawServer;

  beforeAll(async () => {
    running = await startFake();
    server = spawnServer({ INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url });
    await server.initialize();
  });
  afterAll(async () => {
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
    expect(server.stdout() + server.stderr()).not.toContain(TOKEN);
    await running.close();
  });

  const cases: Array<[string, string, unknown]> = [
    ['get_conversation: a path trick', 'get_conversation', { id: '../../me' }],
    ['get_conversation: an encoded path trick', 'get_conversation', { id: '1060%2F..%2F..%2Fme' }],
    ['get_conversation: a prefix without id', 'get_conversation', { id: 'conversation_' }],
    ['get_contact: another site\'s URL', 'get_contact', { id: 'https://evil.example.com/a/apps/x/users/6762f1000acb1825c460d835' }],
    ['fetch: a javascript: URL', 'fetch', { id: 'javascript:alert(1)' }],
    ['fetch: a number', 'fetch', { id: 1060 }],
    ['get_conversation: no id', 'get_conversation', {}],
    ['search: an array', 'search', { query: ['object_type:contacts'] }],
    ['search: control characters', 'search', { query: 'object_type:contacts\u0000 email:\u001b[31mx' }],
    ['search_conversations: unknown field', 'search_conversations', { state: 'open', limit: 20 }],
    ['search_contacts: custom_attributes as an unparseable string', 'search_contacts', { custom_attributes: '{plan: pro}' }],
  ];
  it.each(cases)('%s: a clear isError, no request to Intercom', async (_name, tool, args) => {
    figure('abuse cases', 1);
    running.fake.reset();
    const answer = await server.call(Math.floor(Math.random() * 1e9), tool, args);
    expect(isErrorResult(answer)).toBe(true);
    const text = resultText(answer);
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(running.fake.requests).toHaveLength(0);
  });

  it('and the server still answers, and JSON-string arguments are accepted end to end', async () => {
    figure('abuse cases', 1);
    running.fake.reset();
    const answer = await server.call(7_001, 'search_contacts', { custom_attributes: '{"plan":"pro"}', per_page: 3 });
    expect(isErrorResult(answer), resultText(answer)).toBe(false);
    const searches = running.fake.requests.filter((r) => r.path === '/contacts/search');
    expect(searches).toHaveLength(1);
    expect(JSON.stringify(searches[0]!.body)).toContain('"custom_attributes.plan"');
  });

  it('numeric ids are taken as their digits end to end', async () => {
    figure('abuse cases', 1);
    running.fake.reset();
    const one = await server.call(7_002, 'get_conversation', { id: 1060 });
    expect(isErrorResult(one), resultText(one)).toBe(false);
    expect(JSON.parse(resultText(one))).toMatchObject({ id: '1060' });
    const list = await server.call(7_003, 'search_conversations', { ids: [1060, 1007], per_page: 5 });
    expect(isErrorResult(list), resultText(list)).toBe(false);
    const searches = running.fake.requests.filter((r) => r.path === '/conversations/search');
    expect(searches).toHaveLength(1);
    expect(JSON.stringify(searches[0]!.body)).toContain('["1060","1007"]');
  });

  it('a near-miss argument name is refused with the name meant', async () => {
    figure('abuse cases', 1);
    running.fake.reset();
    const answer = await server.call(7_004, 'search_conversations', { state: 'open', limit: 20 });
    expect(isErrorResult(answer)).toBe(true);
    expect(resultText(answer)).toContain('unknown argument "limit"; did you mean per_page? this tool takes ids, ');
    expect(running.fake.requests).toHaveLength(0);
  });
});
