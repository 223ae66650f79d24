// The client on a real wire, against a loopback node:http server: what msw cannot show (sockets, the
// headers fetch adds, gzip bytes, aborts, connection reuse). No msw here: Node's own fetch carries it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntercomClient, MAX_BODY_BYTES, type IntercomClientOptions } from '../../src/intercom/client.js';
import {
  CancelledError,
  IntercomError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnreadableResponseError,
  UpstreamError,
} from '../../src/intercom/errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const TOKEN = 'd2lyZS10ZXN0LXRva2VuLTAxMjM0NTY3ODk=';
let server: Server;
let base = '';
let handler: Handler = (_req, res) => res.end();
const sockets = new Set<Socket>();
let connections = 0;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  hits = 0;
});
afterEach(() => {
  handler = (_req, res) => res.end();
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function client(overrides: Partial<IntercomClientOptions> = {}): IntercomClient {
  return new IntercomClient({
    baseUrl: base,
    apiVersion: '2.16',
    timeoutMs: 10_000,
    userAgent: 'wire-test',
    getToken: () => TOKEN,
    retryBaseMs: 1,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<IntercomError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IntercomError);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    return error as IntercomError;
  }
  throw new Error('expected the call to fail');
}

const SEARCH = { query: { field: 'name', operator: '~', value: 'Zoë' } } as const;

describe('the client on the wire', () => {
  it('sends the method, path and headers, asks for gzip only, and reads status and headers', async () => {
    let seen: IncomingMessage | undefined;
    handler = (req, res) => {
      seen = req;
      res.writeHead(404, { 'Content-Type': 'application/json', 'X-Request-Id': 'hdr-404' });
      res.end('{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}');
    };
    const error = await failure(client().getContact('1'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', requestId: 'hdr-404' });
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe('/contacts/1');
    expect(seen?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen?.headers.accept).toBe('application/json');
    expect(seen?.headers['accept-encoding']).toBe('gzip');
    expect(seen?.headers['intercom-version']).toBe('2.16');
    expect(seen?.headers['user-agent']).toBe('wire-test');
    expect(seen?.headers['content-type']).toBeUndefined();
  });

  it('sends a POST body with its exact Content-Length, not chunked', async () => {
    let seen: { headers: IncomingMessage['headers']; body: string } | undefined;
    handler = (req, res, body) => {
      seen = { headers: req.headers, body };
      res.end('{"type":"list","data":[]}');
    };
    await client().searchContacts(SEARCH);
    const body = JSON.stringify(SEARCH);
    expect(seen?.body).toBe(body);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen?.headers['transfer-encoding']).toBeUndefined();
  });

  it('a retried POST sends the same body again, with its Content-Length', async () => {
    const bodies: Array<[string, string | undefined]> = [];
    handler = (req, res, body) => {
      bodies.push([body, req.headers['content-length']]);
      if (bodies.length === 1) res.writeHead(503).end();
      else res.end('{"type":"list","data":[]}');
    };
    await client().searchContacts(SEARCH);
    const body = JSON.stringify(SEARCH);
    expect(bodies).toEqual([[body, String(Buffer.byteLength(body))], [body, String(Buffer.byteLength(body))]]);
  });

  it('decodes a gzip body, multi-byte UTF-8 intact', async () => {
    const record = { id: '1', body: 'Grüße — 日本語 ✓', long: 'x'.repeat(10_000) };
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(gzipSync(JSON.stringify(record)));
    };
    await expect(client().getContact('1')).resolves.toEqual(record);
  });

  it('refuses a broken gzip body, not retried', async () => {
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end('not gzip at all');
    };
    const error = await failure(client().getContact('1'));
    expect(error).toBeInstanceOf(UnreadableResponseError);
    expect(error.message).toContain('its gzip encoding is broken');
    expect(hits).toBe(1);
  });

  it('on an error status, a gzip body that does not decode is dropped and the status kept', async () => {
    const expected = { 401: UnauthorizedError, 503: UpstreamError, 429: RateLimitedError } as const;
    for (const [status, body] of [[401, ''], [503, 'not gzip'], [429, '']] as const) {
      handler = (_req, res) => {
        res.writeHead(status, { 'Content-Encoding': 'gzip', 'Content-Length': String(Buffer.byteLength(body)) });
        res.end(body);
      };
      const error = await failure(client({ maxAttempts: 1 }).getContact('1'));
      expect(error).toBeInstanceOf(expected[status]);
      expect(error.status).toBe(status);
    }
  });

  it('a truncated gzip stream yields what it holds, as fetch does', async () => {
    const record = { id: '1', body: 'x'.repeat(5000) };
    const whole = gzipSync(JSON.stringify(record));
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(whole.subarray(0, whole.length - 8)); // no trailer
    };
    await expect(client().getContact('1')).resolves.toEqual(record);
  });

  it('drops a leading byte order mark', async () => {
    handler = (_req, res) => res.end('\uFEFF{"id":"1"}');
    await expect(client().getContact('1')).resolves.toEqual({ id: '1' });
  });

  it('reads a body of exactly the cap', async () => {
    const head = '{"id":"1","pad":"';
    const tail = '"}';
    const pad = 'x'.repeat(MAX_BODY_BYTES - head.length - tail.length);
    handler = (_req, res) => res.end(head + pad + tail);
    const record = (await client().getContact('1')) as unknown as { id: string; pad: string };
    expect(record.id).toBe('1');
    expect(record.pad.length).toBe(pad.length);
  });

  it('refuses a gzip body that inflates beyond the cap (a gzip bomb), not retried', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(bomb);
    };
    const error = await failure(client().getContact('1'));
    expect(error).toBeInstanceOf(UnreadableResponseError);
    expect(error.message).toContain('it is over 32 MB');
    expect(hits).toBe(1);
  });

  it('stops reading a plain body one byte beyond the cap', async () => {
    handler = (_req, res) => {
      res.on('error', () => undefined);
      res.end(Buffer.alloc(MAX_BODY_BYTES + 1, 0x20));
    };
    const error = await failure(client().getContact('1'));
    expect(error).toBeInstanceOf(UnreadableResponseError);
    expect(error.message).toContain('it is over 32 MB');
    expect(hits).toBe(1);
  });

  it('aborting closes the connection at once', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    let arrived!: () => void;
    const bodyStarted = new Promise<void>((resolve) => (arrived = resolve));
    handler = (req, res) => {
      res.writeHead(200);
      res.write('{"partial":'); // the body never ends
      req.socket.on('close', closed);
      arrived();
    };
    const controller = new AbortController();
    const pending = failure(client().getContact('1', { signal: controller.signal }));
    await bodyStarted;
    controller.abort();
    expect(await pending).toBeInstanceOf(CancelledError);
    await serverSawClose;
    expect(hits).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const before = connections;
    expect(await failure(client().getContact('1', { signal: AbortSignal.abort() }))).toBeInstanceOf(CancelledError);
    expect(hits).toBe(0);
    expect(connections).toBe(before);
  });

  it('a connection dropped mid-body is a reset, retried, then a network error', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"id":"1"');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const error = await failure(client().getContact('1'));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain('(ECONNRESET) after 3 attempts');
    expect(hits).toBe(3);
  });

  it('keeps the connection alive between calls', async () => {
    handler = (_req, res) => res.end('{"id":"1","type":"list","data":[]}');
    const c = client();
    await c.getContact('1');
    const before = connections;
    await c.getContact('1');
    await c.searchContacts(SEARCH);
    await client().getContact('1'); // another client, the same pool
    expect(connections).toBe(before);
  });

  it('does not follow a redirect', async () => {
    handler = (req, res) => {
      if (req.url === '/contacts/1') res.writeHead(302, { Location: `${base}/elsewhere` });
      res.end('{"id":"stolen"}');
    };
    const error = await failure(client().getContact('1'));
    expect(error).toBeInstanceOf(UnreadableResponseError);
    expect(error.status).toBe(302);
    expect(error.message).toContain('redirect');
    expect(hits).toBe(1);
  });
});
