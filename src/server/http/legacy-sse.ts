// The deprecated HTTP+SSE transport (protocol 2024-11-05) for clients that speak nothing newer: `GET /sse`
// opens a stream whose first event names `/messages?sessionId=…`, and the client POSTs each message there.
// The transport is the SDK's frozen v1 copy; what is ours is who may post to a session. The session id
// (a random UUID) is not a credential: each POST carries its own bearer token and must be the caller who
// opened the stream, so nobody can inject into another caller's stream by learning its id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONRPCMessage, McpServer } from '@modelcontextprotocol/server';
import { SSEServerTransport } from '@modelcontextprotocol/server-legacy/sse';
import type { Caller, Callers } from './callers.js';

/** A comment line now and then keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

interface Session {
  readonly transport: SSEServerTransport;
  readonly caller: Caller | undefined;
  /** Requests posted and not yet answered on the stream: their id → the caller's slot. */
  readonly pending: Map<string | number, () => void>;
}

export interface LegacySseOptions {
  readonly callers: Callers;
  /** Open streams at most, all callers together; more get 503. */
  readonly maxSessions: number;
  /** Open streams at most for one caller; more get 429. */
  readonly maxSessionsPerCaller: number;
  readonly log: (line: string) => void;
}

export type Reply = (status: number, message: string, headers?: Readonly<Record<string, string>>) => void;

export class LegacySse {
  readonly #sessions = new Map<string, Session>();
  readonly #options: LegacySseOptions;

  constructor(options: LegacySseOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** `GET /sse`: a stream served by a server instance of its own, for as long as the client keeps it open. */
  async open(res: ServerResponse, server: McpServer, caller: Caller | undefined, reply: Reply): Promise<void> {
    if (this.#sessions.size >= this.#options.maxSessions) {
      reply(503, `Too many open SSE streams (${this.#options.maxSessions}); use Streamable HTTP at /mcp, or try again later.`, { 'Retry-After': '5' });
      return;
    }
    if (caller && caller.streams >= this.#options.maxSessionsPerCaller) {
      reply(429, `Too many open SSE streams for this token (${this.#options.maxSessionsPerCaller}); close one, or use Streamable HTTP at /mcp.`, { 'Retry-After': '5' });
      return;
    }
    // The client may have gone while its token was checked: no session for a closed response.
    if (res.destroyed || res.writableEnded) return;
    const transport = new SSEServerTransport('/messages', res);
    const session: Session = { transport, caller, pending: new Map() };
    this.#sessions.set(transport.sessionId, session);
    if (caller) caller.streams++;

    // Every answer to a posted request frees that request's slot.
    const send = transport.send.bind(transport);
    transport.send = (message: JSONRPCMessage, options) => {
      if ('id' in message && message.id !== undefined && ('result' in message || 'error' in message)) {
        session.pending.get(message.id)?.();
        session.pending.delete(message.id);
      }
      return send(message, options);
    };
    const keepalive = setInterval(() => {
      if (!res.writableEnded) res.write(': keepalive\n\n');
    }, KEEPALIVE_MS);
    keepalive.unref();
    transport.onclose = () => {
      clearInterval(keepalive);
      if (this.#sessions.get(transport.sessionId) !== session) return;
      this.#sessions.delete(transport.sessionId);
      if (caller) caller.streams--;
      for (const release of session.pending.values()) release();
      session.pending.clear();
      void server.close().catch(() => {});
    };
    await server.connect(transport);
  }

  /** `POST /messages?sessionId=…`: one message for an open stream, from the caller who opened it. */
  async post(req: IncomingMessage, res: ServerResponse, sessionId: string | null, body: unknown, caller: Caller | undefined, reply: Reply): Promise<void> {
    if (!sessionId) {
      reply(400, 'The sessionId query parameter is missing: POST to the URL the endpoint event of GET /sse named.');
      return;
    }
    const session = this.#sessions.get(sessionId);
    if (!session) {
      reply(404, 'No open SSE stream has this sessionId (it closed, or the server restarted): open a new one with GET /sse.');
      return;
    }
    if (session.caller?.id !== caller?.id) {
      reply(403, 'This SSE stream was opened with another token: post with the token that opened it, or open your own with GET /sse.');
      return;
    }
    // A cancelled request gets no answer on the stream (the SDK sends none): its slot is freed here.
    const cancelled = cancelledId(body);
    if (cancelled !== undefined) {
      session.pending.get(cancelled)?.();
      session.pending.delete(cancelled);
    }
    const request = isRequest(body) ? body : undefined;
    if (request && caller) {
      const release = this.#options.callers.acquire(caller);
      if (!release) {
        reply(429, 'Too many calls in flight for this token; wait for some to finish.', { 'Retry-After': '1' });
        return;
      }
      session.pending.get(request.id)?.();
      session.pending.set(request.id, release);
    }
    try {
      await session.transport.handlePostMessage(req, res, body);
    } finally {
      // A message the transport refused (not JSON-RPC, the stream gone) is never answered on the stream:
      // free its slot now.
      if (request && res.statusCode !== 202) {
        session.pending.get(request.id)?.();
        session.pending.delete(request.id);
      }
    }
  }

  /** Ends every stream (shutdown): each session's server closes with it. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.transport.close().catch(() => {})));
  }
}

function isRequest(body: unknown): body is { id: string | number; method: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const { id, method } = body as { id?: unknown; method?: unknown };
  return typeof method === 'string' && (typeof id === 'string' || typeof id === 'number');
}

function cancelledId(body: unknown): string | number | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { method, params } = body as { method?: unknown; params?: { requestId?: unknown } };
  if (method !== 'notifications/cancelled' || params === null || typeof params !== 'object') return undefined;
  const id = params.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}
