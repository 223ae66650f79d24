// The wire under the Intercom client: one request, the whole answer as text. Built on node:http(s), whose
// parser is native, rather than on fetch: Node's fetch (undici) parses HTTP in WebAssembly and carries
// WHATWG streams per request, which cost this server ~15 MB of resident memory over 200 calls (issue 6).
import { createRequire } from 'node:module';

// require(), not import: Node builds an ES module facade for a builtin by reading every export, and
// node:http's lazy getters (WebSocket & co. on Node 22+) then load undici, http2, workers and more:
// +7 MB resident for nothing.
const load = createRequire(import.meta.url);
const http = load('node:http') as typeof import('node:http');
const { gunzip, constants: zlibConstants } = load('node:zlib') as typeof import('node:zlib');
// TLS (node:https, crypto) is loaded only for an https base URL: not for a loopback fake or proxy.
let https: typeof import('node:https') | undefined;

export interface WireRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the exchange, the body read included. */
  signal: AbortSignal;
}

export interface WireResponse {
  status: number;
  /** A response header by lower-case name; repeated headers are joined with ", ". */
  header(name: string): string | undefined;
  /** The body, decompressed and decoded as UTF-8. */
  text: string;
}

/** Sends one request; rejects on network failure, abort, or a body over the size limit. */
export type Transport = (request: WireRequest) => Promise<WireResponse>;

/** Larger than any Intercom answer we ask for (a long conversation is a few MB); beyond it, something is wrong. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A body that arrived but cannot be used: too large, or a broken gzip stream. Retrying will not help. */
export class UnusableBodyError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnusableBodyError';
  }
}

const tooLarge = (): UnusableBodyError => new UnusableBodyError(`it is over ${MAX_BODY_BYTES / 1024 / 1024} MB`);

// Keep-alive: every call after the first reuses the connection. Idle sockets do not hold the process open.
// An idle socket is closed after 4 s (as fetch does), so a reuse rarely races the server closing it.
let httpAgent: import('node:http').Agent | undefined;
let httpsAgent: import('node:https').Agent | undefined;

function agentOptions(): import('node:http').AgentOptions {
  // Recent Node 22 and 24 route through HTTP(S)_PROXY for NODE_USE_ENV_PROXY=1 or --use-env-proxy, but
  // only on agents that ask for it; older Nodes ignore the option (fetch did not proxy there either).
  const useEnvProxy = process.env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy');
  return { keepAlive: true, maxSockets: 8, timeout: 4_000, ...(useEnvProxy ? { proxyEnv: process.env } : {}) };
}

function requestFor(secure: boolean): { request: typeof http.request; agent: import('node:http').Agent } {
  if (!secure) return { request: http.request, agent: (httpAgent ??= new http.Agent(agentOptions())) };
  https ??= load('node:https') as typeof import('node:https');
  return { request: https.request, agent: (httpsAgent ??= new https.Agent(agentOptions())) };
}

export const nodeTransport: Transport = (request) =>
  new Promise<WireResponse>((resolve, reject) => {
    const { url, signal } = request;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = { ...request.headers, 'Accept-Encoding': 'gzip' };
    if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req.destroy();
      reject(error);
    };
    // Our own listener, not http.request's `signal` option: it rejects with the caller's reason.
    const onAbort = (): void => fail(signal.reason);
    const wire = requestFor(secure);
    const req = wire.request(
      url,
      { method: request.method, headers, agent: wire.agent },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) fail(tooLarge());
          else chunks.push(chunk);
        });
        res.on('error', fail);
        // 'close' without 'end': the connection dropped mid-body.
        res.on('close', () => {
          if (!res.complete) fail(Object.assign(new Error('the connection closed before the response ended'), { code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          if (settled) return;
          const raw = Buffer.concat(chunks, size);
          const status = res.statusCode ?? 0;
          const done = (body: Buffer): void => {
            if (settled) return;
            settled = true;
            signal.removeEventListener('abort', onAbort);
            const resHeaders = res.headers;
            resolve({
              status,
              header: (name) => {
                const value = resHeaders[name];
                return Array.isArray(value) ? value.join(', ') : value;
              },
              // As fetch's text(): a leading byte order mark is not part of the JSON.
              text: body.toString('utf8').replace(/^\uFEFF/, ''),
            });
          };
          const gzipped = /^\s*(x-)?gzip\s*$/i.test(res.headers['content-encoding'] ?? '');
          if (!gzipped || raw.length === 0 || status === 204 || status === 304) {
            done(raw);
            return;
          }
          // Lenient like fetch: a truncated stream yields what it holds. On an error status a body that
          // still will not decode is dropped, so the status (401, 429, 5xx) keeps its meaning.
          gunzip(raw, { maxOutputLength: MAX_BODY_BYTES, finishFlush: zlibConstants.Z_SYNC_FLUSH }, (error, body) => {
            if (!error) done(body);
            else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') fail(tooLarge());
            else if (status < 200 || status >= 300) done(Buffer.alloc(0));
            else fail(new UnusableBodyError('its gzip encoding is broken'));
          });
        });
      },
    );
    req.on('error', fail);
    signal.addEventListener('abort', onAbort, { once: true });
    req.end(request.body);
  });
