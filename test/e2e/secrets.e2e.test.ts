// Secrets and untrusted text end to end. Everything a session produced (stdout byte for byte, stderr, every
// tool output and error) is scanned for the token; every request the fake received carries it only in the
// Authorization header; text from Intercom reaches the assistant without invisible/bidi characters or HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { sampleWorkspace, type Workspace } from '../../src/demo/emulator.js';
import { figure } from '../reliability/figures.js';
import { isErrorResult, resultText, spawnServer, type RawServer } from '../reliability/raw-stdio.js';
import { startFake, TOKEN, type RunningFake } from './harness.js';

/** The token and forms it could leak in. */
const FORMS = [TOKEN, TOKEN.slice(0, 16), TOKEN.slice(-16), encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')];

function leaks(text: string): string[] {
  return FORMS.filter((form) => text.includes(form));
}

// Invisible, bidi-control and control characters (tab and newline aside) that must never reach the assistant.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const POISON = '\u202e\u200b\u2066<b>bold</b><script>alert(1)</script>\u2069\ufeff\u0007';

/** Every string of the sample workspace's contacts and conversations, poisoned, ids and types aside. */
function poisoned(): Workspace {
  const ws = sampleWorkspace();
  const keep = (key: string) => key === 'id' || key === 'type' || key.endsWith('_id') || key === 'ids' || key === 'url' || key.endsWith('_url');
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return keep(key) || value === '' ? value : `${value}${POISON}`;
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [keep(k) ? k : `${k}`, keep(k) && typeof v === 'string' ? v : walk(v, k)]));
    }
    return value;
  };
  return { ...ws, contacts: ws.contacts.map((c) => walk(c, '') as typeof c), conversations: ws.conversations.map((c) => walk(c, '') as typeof c) };
}

/** Every string in a JSON value, with its path. */
function strings(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[`${path}.${k}#key`, k] as [string, string], ...strings(v, `${path}.${k}`)]);
  return [];
}

describe('the token never leaks', () => {
  let running: RunningFake;
  let server: RawServer;
  let id = 1;
  const outputs: string[] = [];
  const run = async (tool: string, args: unknown) => {
    const answer = await server.call(id++, tool, args);
    outputs.push(JSON.stringify(answer));
    return answer;
  };

  beforeAll(async () => {
    running = await startFake();
    server = spawnServer({ INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url, INTERCOM_TIMEOUT_MS: '2000' });
    await server.initialize();
  });
  afterAll(async () => {
    await running.close();
  });

  it('across every tool, every error class and protocol junk: not on stdout, stderr, in outputs or errors', async () => {
    const calls: Array<[string, unknown]> = [
      ['search', { query: 'object_type:conversations state:open' }],
      ['search', { query: 'object_type:contacts role:user limit:3' }],
      ['fetch', { id: 'conversation_1007' }],
      ['fetch', { id: 'contact_6762f1000acb1825c460d835' }],
      ['search_conversations', { state: 'open' }],
      ['get_conversation', { id: '1060' }],
      ['search_contacts', { email_domain: 'example.com' }],
      ['get_contact', { id: '6762f1000acb1825c460d835' }],
      ['get_conversation', { id: '999999' }],
      ['get_contact', { id: '000000000000000000000000' }],
      ['get_contact', { id: '6762f0ff0000000000000000' }],
      ['search', { query: 'nonsense' }],
      ['fetch', { id: '../../me' }],
    ];
    for (const [tool, args] of calls) await run(tool, args);
    // Error classes from upstream, some of whose bodies quote the token back.
    const faults = [
      { kind: 'status', status: 400, body: { type: 'error.list', errors: [{ code: 'bad', message: `token ${TOKEN} is bad` }] } },
      { kind: 'status', status: 401 },
      { kind: 'status', status: 403, body: { type: 'error.list', errors: [{ code: TOKEN, message: TOKEN }] } },
      { kind: 'status', status: 500, times: 3, body: { type: 'error.list', request_id: TOKEN, errors: [{ code: 'x', message: `Bearer ${TOKEN}` }] } },
      { kind: 'rate_limit', resetInSeconds: 300 },
      { kind: 'html', status: 200 },
      { kind: 'malformed_json' },
      { kind: 'unexpected_shape' },
      { kind: 'delay', ms: 60_000 },
    ] as const;
    for (const fault of faults) {
      running.fake.reset();
      running.fake.inject({ ...fault, path: '/conversations/1060' });
      const answer = await run('get_conversation', { id: '1060' });
      expect(isErrorResult(answer), resultText(answer)).toBe(true);
      expect(resultText(answer)).not.toMatch(/<html|"type":\s*"error\.list"/);
    }
    running.fake.reset();
    for (const junk of ['not json', JSON.stringify({ id: 9, method: 'x' }), JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'nope', arguments: {} } })]) {
      server.send(junk);
    }
    await run('get_conversation', { id: '1060' });
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);

    figure('secret scans', outputs.length + 2);
    expect(outputs.length).toBe(calls.length + faults.length + 1);
    expect([server.stdout(), server.stderr(), ...outputs].flatMap(leaks)).toEqual([]);
  });

  it('only in the Authorization header: never in a URL, a query string or a body', () => {
    const all = running.fake.requests;
    for (const r of all) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      const others = Object.entries(r.headers).filter(([k]) => k !== 'authorization').map(([, v]) => v).join('\n');
      expect(leaks(`${r.path}${r.search}\n${others}`)).toEqual([]);
    }
  });
});

describe('the token only travels to the configured host, encrypted unless loopback', () => {
  const refused = ['http://api.intercom.io', 'http://10.0.0.7:8080', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'http://[::ffff:7f00:1]', 'ftp://api.intercom.io', 'http://0.0.0.0:80'];
  it.each(refused)('http(s) rules: %s is refused', (url) => {
    figure('secret scans', 1);
    expect(() => resolveConfig({ baseUrl: url }, {})).toThrow(/plain http|https|not a URL/);
  });
  const allowed = ['https://api.intercom.io', 'https://proxy.example.com/intercom', 'http://127.0.0.1:9', 'http://localhost:8080', 'http://[::1]:9'];
  it.each(allowed)('%s is allowed', (url) => {
    expect(resolveConfig({ baseUrl: url }, {}).baseUrl).toBe(url.replace(/\/+$/, ''));
  });

  it('a redirect from the API is not followed, so the token never goes to the other host', async () => {
    figure('secret scans', 1);
    const api = await startFake();
    const elsewhere = await startFake();
    const server = spawnServer({ INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: api.url });
    try {
      await server.initialize();
      api.fake.inject({ kind: 'status', status: 302, headers: { Location: `${elsewhere.url}/conversations/1060` }, body: {}, path: '/conversations/1060' });
      const answer = await server.call(1, 'get_conversation', { id: '1060' });
      expect(isErrorResult(answer)).toBe(true);
      expect(resultText(answer)).toMatch(/redirect/);
      expect(elsewhere.fake.requests).toHaveLength(0);
    } finally {
      server.child.stdin.end();
      await server.exited;
      await api.close();
      await elsewhere.close();
    }
  });
});

describe('untrusted text from Intercom', () => {
  let running: RunningFake;
  let server: RawServer;
  beforeAll(async () => {
    running = await startFake({ workspace: poisoned() });
    server = spawnServer({ INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url });
    await server.initialize();
  });
  afterAll(async () => {
    server.child.stdin.end();
    await server.exited;
    await running.close();
  });

  const contact = sampleWorkspace().contacts[0]!.id;
  const reads: Array<[string, string, Record<string, unknown>]> = [
    ['conversation 1007 (invisible and bidi characters) via fetch', 'fetch', { id: 'conversation_1007' }],
    ['conversation 1007 via get_conversation', 'get_conversation', { id: '1007' }],
    ['conversation 1011 (prompt injection) via fetch', 'fetch', { id: 'conversation_1011' }],
    ['a rich HTML conversation via get_conversation', 'get_conversation', { id: '1003' }],
    ['a poisoned contact via get_contact', 'get_contact', { id: contact }],
    ['a poisoned contact via fetch', 'fetch', { id: `contact_${contact}` }],
    ['contacts with every string poisoned via search_contacts', 'search_contacts', { ids: sampleWorkspace().contacts.slice(0, 20).map((c) => c.id), per_page: 20 }],
    ['contacts via search', 'search', { query: `object_type:contacts id:in:${sampleWorkspace().contacts.slice(0, 20).map((c) => c.id).join(',')} limit:20` }],
    ['conversations via search', 'search', { query: 'object_type:conversations id:in:1007,1011,1003,1060 limit:20' }],
    ['conversations via search_conversations', 'search_conversations', { per_page: 20 }],
  ];
  it.each(reads)('%s: no invisible/bidi/control character and no HTML in any string', async (_name, tool, args) => {
    figure('secret scans', 1);
    const answer = await server.call(Math.floor(Math.random() * 1e9), tool, args);
    expect(isErrorResult(answer), resultText(answer)).toBe(false);
    const result = answer.result as { structuredContent?: unknown; content?: unknown };
    const all = [...strings(result.structuredContent), ...strings(result.content)];
    expect(all.length).toBeGreaterThan(5);
    const bad = all.filter(([, s]) => UNSAFE.test(s) || /<\/?(b|script|p|div|br|a)\b[^>]*>/i.test(s));
    expect(bad.map(([path, s]) => `${path}: ${JSON.stringify(s.slice(0, 120))}`)).toEqual([]);
    // The poison's visible words survive as text: data is cleaned, not dropped.
    expect(JSON.stringify(result.structuredContent)).toContain('bold');
  });
});
