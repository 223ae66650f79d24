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
  /** Stops accepting, aborts calls in flight, closes SSE streams; resolves when all is closed. */
  close(): Promise<void>;
}

/** What the MCP handler's factory gets with each request: the caller's source and state (never logged). */
interface RequestAuth extends AuthInfo {
  readonly extra: { readonly caller: Caller; readonly source: () => Promise<import('../../intercom/client.js').IntercomClient> };
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
  send(res, refusal.status, { jsonrpc: '2.0', error: { code: REFUSED, message: refusal.message }, id: null }, refusal.headers);
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export async function startHttpServer(config: Config, options: HttpOptions): Promise<RunningHttpServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[intercom-mcp] ${line}\n`));
  if (options.demo && !isLoopbackHost(options.host)) {
    throw new ConfigError(`serve --demo answers anyone without a token, so it binds only to loopback (127.0.0.1, localhost, ::1), not ${options.host}`);
  }
  const maxBody = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  const shutdown = new AbortController();
  const callers = new Callers({ maxInFlight: options.maxCallsPerCaller ?? DEFAULTS.maxCallsPerCaller });
  const originPolicy = { allowed: new Set(options.allowedOrigins.map((o) => normalizeOrigin(o) ?? o)) };

  // Demo mode: one shared server factory on the emulator's wire, no token asked of anyone.
  const demoFactory = options.demo
    ? createServerFactory({ config, ...(await wiring({ demo: true, profile: config.profile })), log, shutdown: shutdown.signal })
    : undefined;

  const sourceFor = (token: string) => createIntercomSource({ config, getToken: () => token, ...(options.client ? { client: options.client } : {}) });
  const serverFor = (source: () => Promise<import('../../intercom/client.js').IntercomClient>, caller: Caller): McpServer =>
    createServer({ intercom: source, links: createLinkResolver(source, config.appBaseUrl, caller), log, shutdown: shutdown.signal });

  const handler = createMcpHandler(
    ({ authInfo }) => {
      if (demoFactory) return demoFactory();
      const { caller, source } = (authInfo as RequestAuth).extra;
      return serverFor(source, caller);
    },
    { maxRequestBodySize: maxBody, onerror: (error) => log(`mcp: ${error.message}`) },
  );
  const mcp = toNodeHandler(handler, { maxRequestBodySize: maxBody, onerror: (error) => log(`mcp adapter: ${error.message}`) });

  let sse: LegacySse | undefined;
  const legacy = async (): Promise<LegacySse> => {
    if (sse) return sse;
    const { LegacySse } = await import('./legacy-sse.js');
    return (sse ??= new LegacySse({ callers, maxSessions: options.maxSseStreams ?? DEFAULTS.maxSseStreams, log }));
  };

  const corsHandler = cors({
    origin: (origin, done) => done(null, origin !== undefined && isAllowedOrigin(origin, originPolicy)),
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Mcp-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-ID', 'Mcp-Method', 'Mcp-Name'],
    exposedHeaders: ['Mcp-Session-Id', 'WWW-Authenticate', 'Mcp-Protocol-Version'],
    maxAge: 600,
  });

  let hosts: ReadonlySet<string> | undefined;

  /** The caller of a request, checked with Intercom on first sight; a refusal when there is none usable. */
  const authenticate = async (req: IncomingMessage): Promise<{ caller: Caller; source: () => Promise<import('../../intercom/client.js').IntercomClient>; token: string } | Refusal> => {
    const bearer = bearerToken(req.headers.authorization);
    if ('refusal' in bearer) return bearer.refusal;
    const caller = callers.of(bearer.token);
    const source = sourceFor(bearer.token);
    // The check's GET /me also tells the links into the workspace's web app: keep them, so the caller's
    // calls never ask again (a request's Intercom client, and its cache of /me, lives for that request only).
    const accepted = await callers.accepts(caller, async () => {
      const me = await (await source()).me({ signal: shutdown.signal });
      caller.links ??= linksFromMe(me, config.appBaseUrl) ?? NO_LINKS;
    });
    if (accepted === false) return rejectedToken(config.region);
    return { caller, source, token: bearer.token };
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz') {
      send(res, method === 'GET' || method === 'HEAD' ? 200 : 405, { status: 'ok' }, method === 'GET' || method === 'HEAD' ? {} : { Allow: 'GET' });
      return;
    }
    const wrongHost = checkHost(req.headers.host, hosts);
    if (wrongHost) return refuse(res, wrongHost);
    const wrongOrigin = checkOrigin(req.headers.origin, originPolicy);
    if (wrongOrigin) return refuse(res, wrongOrigin);
    if (req.headers.origin !== undefined) {
      await new Promise<void>((next) => corsHandler(req, res, () => next()));
      if (res.writableEnded) return; // a preflight, answered
    }

    if (url.pathname === '/mcp') {
      if (method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return refuse(res, { status: 405, message: `${method} /mcp is not served: this server is stateless (no sessions, no standalone stream). POST JSON-RPC messages to /mcp.` });
      }
      let auth: RequestAuth | undefined;
      if (!demoFactory) {
        const who = await authenticate(req);
        if ('status' in who) return refuse(res, who);
        auth = { token: who.token, clientId: who.caller.id, scopes: [], extra: { caller: who.caller, source: who.source } };
      }
      const release = auth ? callers.acquire(auth.extra.caller) : () => {};
      if (!release) return refuse(res, { status: 429, message: 'Too many calls in flight for this token; wait for some to finish.', headers: { 'Retry-After': '1' } });
      res.once('close', release);
      (req as IncomingMessage & { auth?: AuthInfo }).auth = auth;
      await mcp(req as Parameters<typeof mcp>[0], res);
      return;
    }

    if (url.pathname === '/sse' || url.pathname === '/messages') {
      const expected = url.pathname === '/sse' ? 'GET' : 'POST';
      if (method !== expected) {
        res.setHeader('Allow', expected);
        return refuse(res, { status: 405, message: `${method} ${url.pathname} is not served: ${expected} ${url.pathname}.` });
      }
      let caller: Caller | undefined;
      let server: McpServer | undefined;
      if (demoFactory) server = url.pathname === '/sse' ? demoFactory() : undefined;
      else {
        const who = await authenticate(req);
        if ('status' in who) return refuse(res, who);
        caller = who.caller;
        if (url.pathname === '/sse') server = serverFor(who.source, who.caller);
      }
      const streams = await legacy();
      const reply = (status: number, message: string, headers?: Readonly<Record<string, string>>) =>
        refuse(res, { status, message, ...(headers ? { headers } : {}) });
      if (server) return streams.open(res, server, caller, reply);

      let body: unknown;
      try {
        body = JSON.parse(await (await toWebRequest(req, undefined, { maxRequestBodySize: maxBody })).text());
      } catch (error) {
        if ((error as { status?: number }).status === 413) {
          return refuse(res, { status: 413, message: `The message is larger than ${maxBody} bytes.` });
        }
        return send(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the body is not JSON.' }, id: null });
      }
      return streams.post(req, res, url.searchParams.get('sessionId'), body, caller, reply);
    }

    refuse(res, { status: 404, message: `Nothing at ${url.pathname.slice(0, 100)}: MCP is served at /mcp (Streamable HTTP) and /sse (legacy SSE).` });
  };

  const http = createHttpServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log(`http: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) refuse(res, { status: 500, message: 'Internal error.' });
      else res.end();
    });
  });
  // A client that stops reading must not hold a socket forever; SSE streams have their keepalive.
  http.headersTimeout = 30_000;
  http.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  hosts = allowedHosts({ host: options.host, port, extra: options.allowedHosts });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      shutdown.abort(new Error('the server is shutting down'));
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      await Promise.allSettled([handler.close(), sse?.closeAll()]);
      http.closeIdleConnections();
      // Anything still open after a moment (a client that never reads) is cut.
      const cut = setTimeout(() => http.closeAllConnections(), 300);
      cut.unref();
      await stopped;
      clearTimeout(cut);
    })());

  return { url: `http://${hostForUrl(options.host)}:${port}/mcp`, port, close };
}

/** `serve` from the CLI: start, say where, and stop cleanly on SIGINT/SIGTERM. */
export async function runHttpServer(config: Config, options: HttpOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[intercom-mcp] ${line}\n`));
  const running = await startHttpServer(config, { ...options, log });
  log(`serving MCP at ${running.url} (legacy SSE at /sse, health at /healthz)${options.demo ? ': demo workspace, no token needed' : `, Intercom ${config.region.toUpperCase()} with each caller's bearer token`}`);
  if (!isLoopbackHost(options.host)) {
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
