// `intercom-mcp serve`: the same tools over HTTP. Streamable HTTP at /mcp through the SDK's stateless
// handler (both protocol eras, no sessions: any number of instances behind any load balancer), the legacy
// HTTP+SSE transport at /sse, and /healthz. Every request brings its caller's own Intercom token as a
// bearer token and is served with it alone; nothing falls back to the environment or the keychain.
// Loaded only by `serve`: the stdio start path never pays for node:http or this file.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, type AuthInfo, type McpServer } from '@modelcontextprotocol/server';
import { toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';
import cors from 'cors';
import { ConfigError, isLoopbackHost, type Config } from '../../config.js';
import type { IntercomClient } from '../../intercom/client.js';
import { createIntercomSource, type SourceOptions } from '../../intercom/source.js';
import { createServer } from '../create-server.js';
import { NO_LINKS } from '../../format/index.js';
import { createLinkResolver, linksFromMe } from '../links.js';
import { createServerFactory } from '../server-factory.js';
import { wiring } from '../wiring.js';
import { Callers, type Caller } from './callers.js';
import { allowedHosts, bearerToken, checkHost, checkOrigin, isAllowedOrigin, normalizeOrigin, REFUSED, rejectedToken, type Refusal } from './guards.js';
import type { LegacySse } from './legacy-sse.js';

export interface HttpOptions {
  readonly port: number;
  readonly host: string;
  /** --allowed-origin: whole origins (scheme://host:port) a browser page may call from, besides local ones. */
  readonly allowedOrigins: readonly string[];
  /** --allowed-host: Host header values accepted besides this machine's loopback names. */
  readonly allowedHosts: readonly string[];
  readonly demo: boolean;
  /** Calls one caller (token) may have in flight; more get 429. */
  readonly maxCallsPerCaller?: number;
  /** Largest request body accepted, in bytes; more gets 413. */
  readonly maxBodyBytes?: number;
  /** Open legacy SSE streams at most. */
  readonly maxSseStreams?: number;
  readonly log?: (line: string) => void;
  /** The wire to Intercom (tests); the real fetch otherwise. */
  readonly client?: SourceOptions['client'];
}

export const DEFAULTS = { maxCallsPerCaller: 16, maxBodyBytes: 1_048_576, maxSseStreams: 1_000 } as const;

export interface RunningHttpServer {
  /** http://127.0.0.1:PORT/mcp */
  readonly url: string;
  readonly port: number;
  /** Whether it is bound to a loopback address (then only local names and pages reach it). */
  readonly loopback: boolean;
  /** Stops accepting, aborts calls in flight, closes SSE streams; resolves when all is closed. */
  close(): Promise<void>;
}

type Source = () => Promise<IntercomClient>;

/** What the MCP handler's factory gets with each request: the caller's source and state (never logged). */
interface RequestAuth extends AuthInfo {
  readonly extra: { readonly caller: Caller; readonly source: Source };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...JSON_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}

/** A refusal as a JSON-RPC error (no id is known before the body is read), which MCP clients show as-is. */
function refuse(res: ServerResponse, refusal: Refusal): void {
  send(res, refusal.status, { jsonrpc: '2.0', error: { code: refusal.code ?? REFUSED, message: refusal.message }, id: null }, refusal.headers);
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Log text from outside (SDK errors quote requests): one line, no control characters, bounded. */
function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

/** At most `max` lines a minute from one noisy source (rejected requests), then one line saying how many were dropped. */
function rateLimited(log: (line: string) => void, max: number): (line: string) => void {
  let windowStart = 0;
  let count = 0;
  let dropped = 0;
  return (line) => {
    const now = Date.now();
    if (now - windowStart > 60_000) {
      if (dropped > 0) log(`(${dropped} more such lines dropped in the last minute)`);
      windowStart = now;
      count = 0;
      dropped = 0;
    }
    if (++count <= max) log(line);
    else dropped++;
  };
}

/** The JSON body of a request, read under the limit: the value, or the refusal to send. */
async function readJson(req: IncomingMessage, maxBody: number): Promise<{ value: unknown } | Refusal> {
  let text: string;
  try {
    text = await (await toWebRequest(req, undefined, { maxRequestBodySize: maxBody })).text();
  } catch (error) {
    if ((error as { status?: number }).status === 413) return { status: 413, message: `The request body is larger than ${maxBody} bytes.` };
    return { status: 400, message: 'The request body could not be read.' };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { status: 400, message: 'Parse error: the body is not JSON.', code: PARSE_ERROR };
  }
}

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

export async function startHttpServer(config: Config, options: HttpOptions): Promise<RunningHttpServer> {
  const rawLog = options.log ?? ((line: string) => process.stderr.write(`[intercom-mcp] ${line}\n`));
  const log = (line: string) => rawLog(oneLine(line));
  const noisy = rateLimited(log, 20);
  if (options.host.trim() === '') throw new ConfigError('--host is empty: name an address to bind, e.g. 127.0.0.1 (the default) or 0.0.0.0');
  if (options.demo && !isLoopbackHost(options.host.toLowerCase())) {
    throw new ConfigError(`demo mode (--demo, INTERCOM_MCP_DEMO) answers anyone without a token, so it binds only to loopback (127.0.0.1, localhost, ::1), not ${options.host}`);
  }
  const maxBody = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  const shutdown = new AbortController();
  const callers = new Callers({ maxInFlight: options.maxCallsPerCaller ?? DEFAULTS.maxCallsPerCaller });
  const originPolicy = { allowed: new Set(options.allowedOrigins.map((o) => normalizeOrigin(o) ?? o)) };

  // Demo mode: one shared server factory on the emulator's wire, no token asked of anyone.
  const demoFactory = options.demo
    ? createServerFactory({ config, ...(await wiring({ demo: true, profile: config.profile })), log, shutdown: shutdown.signal })
    : undefined;

  // A 401 in the middle of a call: the advice is to send another token (not stdio's `login`), and the
  // caller's "accepted" ends at once, so its next request gets a 401 of its own.
  const unauthorizedHelp = `This server serves Intercom's ${config.region.toUpperCase()} API; send a valid token of a workspace there as "Authorization: Bearer <token>".`;
  const sourceFor = (token: string, caller: Caller): Source =>
    createIntercomSource({ config, getToken: () => token, client: { ...options.client, unauthorizedHelp, onUnauthorized: () => callers.refused(caller) } });
  // The caller is the cache scope: every request of one token shares its names (tags, admins, collections),
  // though each has a client of its own.
  const serverFor = (source: Source, caller: Caller): McpServer =>
    createServer({ intercom: source, links: createLinkResolver(source, config.appBaseUrl, caller), log, shutdown: shutdown.signal, toolsets: config.toolsets, cacheScope: caller });

  const handler = createMcpHandler(
    ({ authInfo }) => {
      if (demoFactory) return demoFactory();
      const { caller, source } = (authInfo as RequestAuth).extra;
      return serverFor(source, caller);
    },
    { maxRequestBodySize: maxBody, onerror: (error) => noisy(`mcp: ${error.message}`) },
  );
  const mcp = toNodeHandler(handler, { maxRequestBodySize: maxBody, onerror: (error) => log(`mcp adapter: ${error.message}`) });

  let sse: LegacySse | undefined;
  const legacy = async (): Promise<LegacySse> => {
    if (sse) return sse;
    const { LegacySse } = await import('./legacy-sse.js');
    return (sse ??= new LegacySse({
      callers,
      maxSessions: options.maxSseStreams ?? DEFAULTS.maxSseStreams,
      maxSessionsPerCaller: options.maxCallsPerCaller ?? DEFAULTS.maxCallsPerCaller,
      log,
    }));
  };

  const corsHandler = cors({
    origin: (origin, done) => done(null, origin !== undefined && isAllowedOrigin(origin, originPolicy)),
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Mcp-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-ID', 'Mcp-Method', 'Mcp-Name'],
    exposedHeaders: ['Mcp-Session-Id', 'WWW-Authenticate', 'Mcp-Protocol-Version'],
    maxAge: 600,
  });

  let hosts: ReadonlySet<string> | undefined;
  let closing = false;
  /** Requests being answered on /mcp and /messages (demo included): shutdown waits a moment for them. */
  let active = 0;

  /** The caller of a bearer token, checked with Intercom on first sight; a refusal when Intercom says no. */
  const authenticate = async (token: string): Promise<{ caller: Caller; source: Source; token: string } | Refusal> => {
    const caller = callers.of(token);
    const source = sourceFor(token, caller);
    // The check's GET /me also tells the links into the workspace's web app: keep them, so the caller's
    // calls never ask again (a request's Intercom client, and its cache of /me, lives for that request only).
    const accepted = await callers.accepts(caller, async () => {
      const me = await (await source()).me({ signal: shutdown.signal });
      caller.links ??= linksFromMe(me, config.appBaseUrl) ?? NO_LINKS;
    });
    if (accepted === false) return rejectedToken(config.region);
    if (accepted === 'busy') return { status: 503, message: 'Too many new tokens are being checked with Intercom right now; try again in a moment.', headers: { 'Retry-After': '1' } };
    return { caller, source, token };
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A client may go away during any await below: nothing is taken for it after that.
    let gone = false;
    res.once('close', () => (gone = true));
    const url = new URL(req.url ?? '/', 'http://localhost');
    // An absolute-form target (`POST http://host/mcp`) is passed on as its path.
    req.url = `${url.pathname}${url.search}`;
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz') {
      if (method === 'GET' || method === 'HEAD') return send(res, 200, { status: 'ok' });
      res.setHeader('Allow', 'GET');
      return refuse(res, { status: 405, message: `${method} /healthz is not served: GET /healthz.` });
    }
    if (closing) return refuse(res, { status: 503, message: 'The server is shutting down.', headers: { Connection: 'close' } });
    const wrongHost = checkHost(req.headers.host, hosts);
    if (wrongHost) return refuse(res, wrongHost);
    const wrongOrigin = checkOrigin(req.headers.origin, originPolicy);
    if (wrongOrigin) return refuse(res, wrongOrigin);
    if (req.headers.origin !== undefined) {
      await new Promise<void>((next) => corsHandler(req, res, () => next()));
      if (res.writableEnded) return; // a preflight, answered
    }
    const isMcp = url.pathname === '/mcp';
    if (!isMcp && url.pathname !== '/sse' && url.pathname !== '/messages') {
      return refuse(res, { status: 404, message: `Nothing at ${url.pathname.slice(0, 100)}: MCP is served at /mcp (Streamable HTTP) and /sse (legacy SSE).` });
    }
    const expected = url.pathname === '/sse' ? 'GET' : 'POST';
    if (method !== expected) {
      res.setHeader('Allow', expected);
      const why = isMcp ? ': this server is stateless (no sessions, no standalone stream). POST JSON-RPC messages to /mcp.' : `: ${expected} ${url.pathname}.`;
      return refuse(res, { status: 405, message: `${method} ${url.pathname} is not served${why}` });
    }

    // Who: the bearer token's syntax first (no network), the body, then Intercom's word on the token.
    let token: string | undefined;
    if (!demoFactory) {
      const bearer = bearerToken(req.headers.authorization);
      if ('refusal' in bearer) return refuse(res, bearer.refusal);
      token = bearer.token;
    }
    let body: unknown;
    if (expected === 'POST') {
      const read = await readJson(req, maxBody);
      if ('status' in read) return refuse(res, read);
      body = read.value;
      // JSON-RPC batches left the protocol in 2025-06-18; one request is one call, which the limits count.
      if (Array.isArray(body)) {
        return refuse(res, { status: 400, code: INVALID_REQUEST, message: 'Batches are not supported: send one JSON-RPC message per request.' });
      }
    }
    let who: { caller: Caller; source: Source; token: string } | undefined;
    if (token !== undefined) {
      const found = await authenticate(token);
      if ('status' in found) return refuse(res, found);
      who = found;
    }
    if (gone) return;

    if (isMcp) {
      const release = who ? callers.acquire(who.caller) : () => {};
      if (!release) return refuse(res, { status: 429, message: 'Too many calls in flight for this token; wait for some to finish.', headers: { 'Retry-After': '1' } });
      active++;
      res.once('close', () => {
        active--;
        release();
      });
      const auth: RequestAuth | undefined = who && { token: who.token, clientId: who.caller.id, scopes: [], extra: { caller: who.caller, source: who.source } };
      (req as IncomingMessage & { auth?: AuthInfo }).auth = auth;
      await mcp(req as Parameters<typeof mcp>[0], res, body);
      return;
    }

    const streams = await legacy();
    const reply = (status: number, message: string, headers?: Readonly<Record<string, string>>) => refuse(res, { status, message, ...(headers ? { headers } : {}) });
    if (gone) return;
    if (url.pathname === '/sse') {
      const server = demoFactory ? demoFactory() : serverFor(who!.source, who!.caller);
      return streams.open(res, server, who?.caller, reply);
    }
    active++;
    try {
      await streams.post(req, res, url.searchParams.get('sessionId'), body, who?.caller, reply);
    } finally {
      active--;
    }
  };

  const http = createHttpServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log(`http: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) refuse(res, closing ? { status: 503, message: 'The server is shutting down.' } : { status: 500, message: 'Internal error.' });
      else res.end();
    });
  });
  // Slow senders are cut (a body must arrive within a minute; SSE streams, whose request is complete, are
  // not affected), and idle keep-alive connections outlive a load balancer's (60 s on AWS) so it never
  // reuses one this server is closing.
  http.requestTimeout = 60_000;
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  http.maxConnections = 10_000;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const bound = http.address() as AddressInfo;
  const loopback = isLoopbackHost(bound.address);
  hosts = allowedHosts({ address: bound.address, loopback, port: bound.port, extra: options.allowedHosts });

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      shutdown.abort(new Error('the server is shutting down'));
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      // Aborted calls answer at once ("cancelled"); give those answers a moment to reach their clients.
      for (let waited = 0; (active > 0 || callers.busy > 0) && waited < 400; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await Promise.allSettled([handler.close(), sse?.closeAll()]);
      http.closeIdleConnections();
      // Anything still open after a moment (a client that never reads) is cut.
      const cut = setTimeout(() => http.closeAllConnections(), 300);
      cut.unref();
      await stopped;
      clearTimeout(cut);
    })());

  const shownHost = loopback && options.host !== bound.address ? bound.address : options.host;
  return { url: `http://${hostForUrl(shownHost)}:${bound.port}/mcp`, port: bound.port, loopback, close };
}

/** `serve` from the CLI: start, say where, and stop cleanly on SIGINT/SIGTERM. */
export async function runHttpServer(config: Config, options: HttpOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[intercom-mcp] ${line}\n`));
  const running = await startHttpServer(config, { ...options, log });
  log(`serving MCP at ${running.url} (legacy SSE at /sse, health at /healthz)${options.demo ? ': demo workspace, no token needed' : `, Intercom ${config.region.toUpperCase()} with each caller's bearer token`}`);
  if (config.profile !== 'default') log('note: --profile and INTERCOM_PROFILE do not apply to serve, which reads no stored token');
  if (!options.demo && process.env.INTERCOM_ACCESS_TOKEN?.trim()) {
    log('note: INTERCOM_ACCESS_TOKEN is set but serve does not use it: every request sends its caller\'s own token');
  }
  if (!running.loopback) {
    log(`warning: bound to ${options.host}, so this server is reachable from the network: put it behind TLS (see the README, "Self-hosting")`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 1_500).unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
