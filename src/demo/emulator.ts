// An emulator of Intercom's REST API (v2.16): the one fake of Intercom, serving `--demo` in process
// (a fetch that calls `handle`), the tools' tests through msw and the end-to-end tests on a loopback
// socket (loopback.ts). Web-standard (Request -> Response), no socket of its own. No test-framework
// imports. Read-only: GET /me, GET /conversations/{id}, GET /contacts/{id}, POST /conversations/search,
// POST /contacts/search, and the companies and directory routes of directory-routes.ts (GET /companies,
// POST /companies/list, GET /companies/{id}, GET /companies/{id}/contacts, GET /tags, /teams, /admins, /segments).
import { sampleWorkspace } from './workspace.js';
import type { Conversation, Workspace } from './types.js';
import { runSearch, SearchError } from './search.js';
import { routeDirectory } from './directory-routes.js';

export { sampleWorkspace };
export type { Workspace };

export interface EmulatorOptions {
  /** Accepted bearer token. */
  token?: string;
  /** More accepted tokens: several callers of one workspace (the tests of `serve`). */
  tokens?: readonly string[];
  /** If set, requests whose Intercom-Version header differs (or is missing) get 400 like Intercom. */
  apiVersion?: string;
  /** Defaults to the built-in sample workspace. */
  workspace?: Workspace;
  /** Keep each request in `requests` (default true; the demo server, which runs for days, does not). */
  record?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body?: unknown;
  at: number;
}

type PathMatch = string | RegExp;
export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string>; times?: number; path?: PathMatch }
  | { kind: 'rate_limit'; resetInSeconds: number; times?: number; path?: PathMatch }
  | { kind: 'delay'; ms: number; times?: number; path?: PathMatch }
  | { kind: 'html'; status?: number; times?: number; path?: PathMatch }
  | { kind: 'malformed_json'; times?: number; path?: PathMatch }
  | { kind: 'unexpected_shape'; times?: number; path?: PathMatch }
  | { kind: 'cut'; times?: number; path?: PathMatch };

export const DEFAULT_TOKEN = 'test-token-0123456789abcdef';
/** Intercom's default: 10,000 calls per minute per app. */
export const RATE_LIMIT = 10_000;
const RATE_WINDOW_SECONDS = 60;

const ERROR_FOR_STATUS: Record<number, [string, string]> = {
  400: ['bad_request', 'Bad Request'],
  401: ['unauthorized', 'Access Token Invalid'],
  403: ['api_plan_restricted', 'Active subscription needed.'],
  404: ['not_found', 'Resource Not Found'],
  409: ['conflict', 'Conflict'],
  410: ['gone', 'Gone'],
  422: ['data_invalid', 'Unprocessable Entity'],
  429: ['rate_limit_exceeded', 'Rate Limit Exceeded'],
  500: ['server_error', 'Server Error'],
  502: ['service_unavailable', 'Bad Gateway'],
  503: ['service_unavailable', 'Service Unavailable'],
  504: ['service_unavailable', 'Gateway Timeout'],
};

const HTML_TITLES: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out', 403: 'Forbidden' };
const JSON_TYPE = 'application/json; charset=utf-8';

interface QueuedFault { fault: Fault; remaining: number }

export class IntercomEmulator {
  readonly requests: RecordedRequest[] = [];
  readonly token: string;
  readonly workspace: Workspace;
  inFlight = 0;
  maxInFlight = 0;

  private readonly apiVersion: string | undefined;
  private readonly record: boolean;
  private readonly accepted: ReadonlySet<string>;
  private faults: QueuedFault[] = [];
  private requestCounter = 0;
  private windowStart = 0;
  private windowCount = 0;

  constructor(options: EmulatorOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.accepted = new Set([this.token, ...(options.tokens ?? [])].map((token) => `Bearer ${token}`));
    this.apiVersion = options.apiVersion;
    this.record = options.record ?? true;
    this.workspace = options.workspace ?? sampleWorkspace();
  }

  /** Queue a fault; faults are consumed in order, each for `times` matching requests (default 1). */
  inject(fault: Fault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  /** Clear faults and recorded requests. */
  reset(): void {
    this.faults = [];
    this.requests.length = 0;
    this.maxInFlight = this.inFlight;
    this.windowCount = 0;
  }

  async handle(request: Request): Promise<Response> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.route(request);
    } finally {
      this.inFlight--;
    }
  }

  private nextRequestId(): string {
    this.requestCounter++;
    return `00000000-0000-4000-8000-${this.requestCounter.toString(16).padStart(12, '0')}`;
  }

  /** Intercom's rate-limit headers; Reset is unix seconds at the end of the current window. */
  private rateHeaders(remaining?: number, reset?: number): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(RATE_LIMIT),
      'X-RateLimit-Remaining': String(remaining ?? Math.max(0, RATE_LIMIT - this.windowCount)),
      'X-RateLimit-Reset': String(reset ?? this.windowStart + RATE_WINDOW_SECONDS),
    };
  }

  private json(status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): Response {
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': JSON_TYPE, 'X-Request-Id': requestId, ...this.rateHeaders(), ...extra },
    });
  }

  private error(status: number, requestId: string, code?: string, message?: string, extra: Record<string, string> = {}): Response {
    const [defCode, defMessage] = ERROR_FOR_STATUS[status] ?? ['client_error', 'Error'];
    return this.json(status, { type: 'error.list', request_id: requestId, errors: [{ code: code ?? defCode, message: message ?? defMessage }] }, requestId, extra);
  }

  private takeFault(pathname: string): Fault | undefined {
    const index = this.faults.findIndex(({ fault }) => {
      if (fault.path === undefined) return true;
      return typeof fault.path === 'string' ? pathname.includes(fault.path) : fault.path.test(pathname);
    });
    if (index === -1) return undefined;
    const entry = this.faults[index]!;
    entry.remaining--;
    if (entry.remaining <= 0) this.faults.splice(index, 1);
    return entry.fault;
  }

  private async route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    let body: unknown;
    let bodyInvalid = false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const text = await request.text();
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
          bodyInvalid = true;
        }
      }
    }
    const recorded: RecordedRequest = { method: request.method, path: url.pathname, search: url.search, headers, at: Date.now() };
    if (body !== undefined) recorded.body = body;
    if (this.record) this.requests.push(recorded);

    const requestId = this.nextRequestId();
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (nowSeconds >= this.windowStart + RATE_WINDOW_SECONDS) {
      this.windowStart = nowSeconds - (nowSeconds % RATE_WINDOW_SECONDS);
      this.windowCount = 0;
    }
    this.windowCount++;

    let fault = this.takeFault(url.pathname);
    while (fault?.kind === 'delay') {
      await sleep(fault.ms, request.signal);
      // The client gave up: answer nothing and take no further fault, which belongs to a later request.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      fault = this.takeFault(url.pathname);
    }
    if (fault) return this.faultResponse(fault, request, requestId, nowSeconds);

    if (this.windowCount > RATE_LIMIT) {
      return this.error(429, requestId, 'rate_limit_exceeded', 'Rate Limit Exceeded', { 'X-RateLimit-Remaining': '0' });
    }
    const auth = headers.authorization;
    if (auth === undefined || !this.accepted.has(auth)) return this.error(401, requestId);
    if (this.apiVersion !== undefined && headers['intercom-version'] !== this.apiVersion) {
      return this.error(400, requestId, 'intercom_version_invalid', 'Requested resource is not available in current API version.');
    }
    return this.dispatch(request.method, url, body, bodyInvalid, requestId);
  }

  private dispatch(method: string, url: URL, body: unknown, bodyInvalid: boolean, requestId: string): Response {
    const segments = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    const ws = this.workspace;
    const [first, second] = segments;
    if (method === 'GET' && segments.length === 1 && first === 'me') return this.json(200, ws.me, requestId);

    if (method === 'POST' && segments.length === 2 && second === 'search' && (first === 'conversations' || first === 'contacts')) {
      if (bodyInvalid) return this.error(400, requestId, 'parameter_invalid', 'Request body is not valid JSON');
      try {
        if (first === 'conversations') {
          const result = runSearch('conversations', ws, ws.conversations, body);
          return this.json(200, {
            type: 'conversation.list',
            pages: result.pages,
            total_count: result.totalCount,
            conversations: result.items.map(listItem),
          }, requestId);
        }
        const result = runSearch('contacts', ws, ws.contacts, body);
        return this.json(200, { type: 'list', data: result.items, total_count: result.totalCount, pages: result.pages }, requestId);
      } catch (err) {
        if (err instanceof SearchError) {
          const error: Record<string, string> = { code: err.code, message: err.message };
          if (err.field !== undefined) error.field = err.field;
          return this.json(400, { type: 'error.list', request_id: requestId, errors: [error] }, requestId);
        }
        throw err;
      }
    }

    if (method === 'GET' && segments.length === 2 && first === 'conversations' && second !== undefined) {
      const conversation = ws.conversations.find((c) => c.id === second);
      if (!conversation) return this.error(404, requestId);
      const plaintext = url.searchParams.get('display_as') === 'plaintext';
      return this.json(200, plaintext ? asPlaintext(conversation) : conversation, requestId);
    }

    if (method === 'GET' && segments.length === 2 && first === 'contacts' && second !== undefined) {
      const merged = ws.mergedContacts[second];
      if (merged !== undefined) {
        return this.error(410, requestId, 'contact_merged', "This contact has been merged. See the 'Link' header for the canonical contact.", {
          Link: `</contacts/${merged}>; rel="canonical"`,
        });
      }
      const contact = ws.contacts.find((c) => c.id === second);
      if (!contact) return this.error(404, requestId, 'not_found', 'User Not Found');
      return this.json(200, contact, requestId);
    }

    const directory = routeDirectory(method, segments, url.searchParams, ws);
    if (directory !== undefined) {
      return 'code' in directory ? this.error(directory.status, requestId, directory.code, directory.message) : this.json(200, directory.body, requestId);
    }
    return this.error(404, requestId);
  }

  private faultResponse(fault: Fault, request: Request, requestId: string, nowSeconds: number): Response {
    switch (fault.kind) {
      case 'status': {
        const [code, message] = ERROR_FOR_STATUS[fault.status] ?? ['client_error', 'Error'];
        const body = fault.body ?? { type: 'error.list', request_id: requestId, errors: [{ code, message }] };
        return this.json(fault.status, body, requestId, fault.headers ?? {});
      }
      case 'rate_limit':
        return this.json(
          429,
          { type: 'error.list', request_id: requestId, errors: [{ code: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' }] },
          requestId,
          this.rateHeaders(0, nowSeconds + fault.resetInSeconds),
        );
      case 'html': {
        const status = fault.status ?? 502;
        const title = `${status} ${HTML_TITLES[status] ?? 'Error'}`;
        const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
        return new Response(html, { status, headers: { 'Content-Type': 'text/html', 'X-Request-Id': requestId } });
      }
      case 'malformed_json':
        return new Response('{"type":"conversation.list","conversations":[{"type":"conversation","id":"10', {
          status: 200,
          headers: { 'Content-Type': JSON_TYPE, 'X-Request-Id': requestId, ...this.rateHeaders() },
        });
      case 'unexpected_shape':
        // Searches get a bare array, single objects get an object with none of the expected keys.
        return this.json(200, request.method === 'POST' ? [] : { weird: true }, requestId);
      case 'cut': {
        const head = new TextEncoder().encode('{"type":"conversation.list","total_count":60,"conversations":[');
        let sent = false;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (!sent) {
              sent = true;
              controller.enqueue(head);
            } else {
              controller.error(new Error('connection cut by fake Intercom'));
            }
          },
        });
        return new Response(stream, { status: 200, headers: { 'Content-Type': JSON_TYPE, 'X-Request-Id': requestId, ...this.rateHeaders() } });
      }
      case 'delay':
        // Handled in route(); unreachable.
        return this.error(500, requestId);
    }
  }
}

/** A conversation as list/search endpoints return it: `conversation_list_item`, i.e. without parts. */
function listItem(conversation: Conversation): Omit<Conversation, 'conversation_parts'> {
  const { conversation_parts: _parts, ...rest } = conversation;
  return rest;
}

/** `display_as=plaintext`: bodies and subjects as text, links as `label (url)` (spec). */
function asPlaintext(conversation: Conversation): Conversation {
  const toText = (html: string): string =>
    html
      .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gis, (_m, href: string, label: string) => `${label} (${href})`)
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|li|h\d|blockquote|pre)>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
        if (name[0] === '#') {
          const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
          return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
        }
        return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
      })
      .trim();
  return {
    ...conversation,
    source: { ...conversation.source, body: toText(conversation.source.body), subject: toText(conversation.source.subject) },
    conversation_parts: {
      ...conversation.conversation_parts,
      conversation_parts: conversation.conversation_parts.conversation_parts.map((p) => ({ ...p, body: p.body === null ? null : toText(p.body) })),
    },
  };
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', ndash: '\u2013', mdash: '\u2014', rarr: '\u2192', eacute: '\u00e9',
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
