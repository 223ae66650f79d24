// The wire itself, against a real loopback server: what msw cannot show (sockets, gzip bytes, aborts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, nodeTransport, UnusableBodyError, type WireRequest } from '../../src/intercom/transport.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: URL;
let handler: Handler = (_req, res) => res.end();
const sockets = new Set<Socket>();
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
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
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
afterEach(() => {
  handler = (_req, res) => res.end();
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function request(overrides: Partial<WireRequest> = {}): WireRequest {
  return { method: 'GET', url: new URL('contacts/1', base), headers: { Accept: 'application/json' }, signal: new AbortController().signal, ...overrides };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('nodeTransport', () => {
  it('sends the method, path and headers, asks for gzip, and reads status, headers and text', async () => {
    let seen: IncomingMessage | undefined;
    handler = (req, res) => {
      seen = req;
      res.setHeader('X-RateLimit-Remaining', '7');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.statusCode = 404;
      res.end('{"type":"error.list"}');
    };
    const answer = await nodeTransport(request({ headers: { Accept: 'application/json', Authorization: 'Bearer x' } }));
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe('/contacts/1');
    expect(seen?.headers.authorization).toBe('Bearer x');
    expect(seen?.headers.accept).toBe('application/json');
    expect(seen?.headers['accept-encoding']).toBe('gzip');
    expect(answer.status).toBe(404);
    expect(answer.text).toBe('{"type":"error.list"}');
    expect(answer.header('x-ratelimit-remaining')).toBe('7');
    expect(answer.header('set-cookie')).toBe('a=1, b=2');
    expect(answer.header('x-absent')).toBeUndefined();
  });

  it('sends a POST body with its exact Content-Length, not chunked', async () => {
    let seen: { headers: IncomingMessage['headers']; body: string } | undefined;
    handler = (req, res, body) => {
      seen = { headers: req.headers, body };
      res.end('{}');
    };
    const body = JSON.stringify({ query: { field: 'name', operator: '~', value: 'Zoë' } });
    await nodeTransport(request({ method: 'POST', url: new URL('contacts/search', base), body }));
    expect(seen?.body).toBe(body);
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen?.headers['transfer-encoding']).toBeUndefined();
  });

  it('decodes a gzip body, multi-byte UTF-8 intact', async () => {
    const text = JSON.stringify({ body: 'Grüße — 日本語 ✓', long: 'x'.repeat(10_000) });
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(gzipSync(text));
    };
    expect((await nodeTransport(request())).text).toBe(text);
  });

  it('refuses a broken gzip body', async () => {
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end('not gzip at all');
    };
    const error = await rejection(nodeTransport(request()));
    expect(error).toBeInstanceOf(UnusableBodyError);
    expect((error as UnusableBodyError).reason).toBe('its gzip encoding is broken');
  });

  it('on an error status, a gzip body that does not decode is dropped and the status kept', async () => {
    for (const [status, body] of [[401, ''], [503, 'not gzip'], [429, '']] as const) {
      handler = (_req, res) => {
        res.writeHead(status, { 'Content-Encoding': 'gzip', 'Content-Length': String(Buffer.byteLength(body)) });
        res.end(body);
      };
      const answer = await nodeTransport(request());
      expect(answer.status).toBe(status);
      expect(answer.text).toBe('');
    }
  });

  it('a truncated gzip stream yields what it holds, as fetch does', async () => {
    const whole = gzipSync(JSON.stringify({ id: '1', body: 'x'.repeat(5000) }));
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(whole.subarray(0, whole.length - 8)); // no trailer
    };
    expect((await nodeTransport(request())).text).toBe(JSON.stringify({ id: '1', body: 'x'.repeat(5000) }));
  });

  it('drops a leading byte order mark', async () => {
    handler = (_req, res) => res.end('\uFEFF{"id":"1"}');
    expect((await nodeTransport(request())).text).toBe('{"id":"1"}');
  });

  it('refuses a gzip body that inflates beyond the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    handler = (_req, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(bomb);
    };
    const error = await rejection(nodeTransport(request()));
    expect(error).toBeInstanceOf(UnusableBodyError);
    expect((error as UnusableBodyError).reason).toBe('it is over 32 MB');
  });

  it('stops reading a plain body beyond the limit', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    handler = (_req, res) => {
      let sent = 0;
      const more = (): void => {
        while (sent <= MAX_BODY_BYTES / chunk.length + 8) {
          sent++;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => undefined);
      more();
    };
    const error = await rejection(nodeTransport(request()));
    expect(error).toBeInstanceOf(UnusableBodyError);
    expect((error as UnusableBodyError).reason).toBe('it is over 32 MB');
  });

  it('aborting closes the connection at once and rejects with the signal reason', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    handler = (req, res) => {
      res.writeHead(200);
      res.write('{"partial":'); // the body never ends
      req.socket.on('close', closed);
    };
    const controller = new AbortController();
    const pending = rejection(nodeTransport(request({ signal: controller.signal })));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await pending).toBe(reason);
    await serverSawClose;
  });

  it('an already aborted signal sends nothing', async () => {
    const before = connections;
    const controller = new AbortController();
    controller.abort(new Error('early'));
    expect(await rejection(nodeTransport(request({ signal: controller.signal })))).toEqual(new Error('early'));
    expect(connections).toBe(before);
  });

  it('a connection dropped mid-body is a reset, not a short answer', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"id":"1"');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const error = (await rejection(nodeTransport(request()))) as NodeJS.ErrnoException;
    expect(error.code).toBe('ECONNRESET');
  });

  it('keeps the connection alive between calls', async () => {
    handler = (_req, res) => res.end('{}');
    await nodeTransport(request());
    const before = connections;
    await nodeTransport(request());
    await nodeTransport(request({ method: 'POST', body: '{}' }));
    expect(connections).toBe(before);
  });

  it('does not follow a redirect', async () => {
    let hits = 0;
    handler = (_req, res) => {
      hits++;
      res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    };
    const answer = await nodeTransport(request());
    expect(answer.status).toBe(302);
    expect(answer.header('location')).toBe('http://127.0.0.1:1/elsewhere');
    expect(hits).toBe(1);
  });
});
