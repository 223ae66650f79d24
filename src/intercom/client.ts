// The one HTTP client for Intercom's REST API: ky over Node's fetch. Read-only calls, typed errors
// (./errors.js), bounded retries, per-attempt timeouts, cancellation. Responses are read as text under a
// size cap, so a proxy's HTML page is caught, and are not schema-validated (fast; the format layer treats
// every field as optional and untrusted).
//
// ky does: the per-attempt timeout, the retries (which statuses, how many, exponential backoff with
// jitter, waiting for a 429's Retry-After / X-RateLimit-Reset up to maxRetryWaitMs) and merging
// the caller's AbortSignal. Ours, because ky has no knob for them: failing fast on a reset beyond
// maxRetryWaitMs (ky would cap the wait and retry anyway), holding new requests after
// X-RateLimit-Remaining: 0, at most maxConcurrent requests in flight, the body cap, and typed errors.
import ky, { HTTPError, TimeoutError as KyTimeoutError, type KyInstance, type Options, type RetryOptions } from 'ky';
import {
  CancelledError,
  ForbiddenError,
  IntercomError,
  InvalidRequestError,
  MissingTokenError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  TimeoutError,
  UnauthorizedError,
  UnreadableResponseError,
  UpstreamError,
  type UpstreamDetail,
} from './errors.js';
import type {
  AdminList,
  Article,
  ArticleList,
  ArticleSearchResponse,
  CollectionList,
  HelpCenterList,
  Company,
  CompanyContacts,
  CompanyFilters,
  CompanyList,
  Contact,
  ContactList,
  Conversation,
  ConversationList,
  Me,
  PageRequest,
  SearchRequest,
  TagListResponse,
  TeamList,
} from './types.js';
import type { ArticleState } from './vocabulary.js';

export interface IntercomClientOptions {
  /** e.g. https://api.intercom.io or http://127.0.0.1:PORT (validated by the caller). */
  baseUrl: string;
  /** Sent as the Intercom-Version header, e.g. '2.16'. */
  apiVersion: string;
  /** Per attempt, covering the response body too. */
  timeoutMs: number;
  userAgent: string;
  /** Credential seam, called lazily; a non-empty answer is kept until Intercom answers 401. */
  getToken: () => Promise<string | undefined> | string | undefined;
  /** Attempts per call, default 3 (1 try + 2 retries). */
  maxAttempts?: number;
  /** Cap on one wait, default 10_000; a 429 whose reset is further away fails fast. */
  maxRetryWaitMs?: number;
  /** Base of the exponential backoff for 5xx/network errors, default 250 (tests make it small). */
  retryBaseMs?: number;
  /** HTTP requests in flight at once, default 4; further calls queue (an assistant may fire many in parallel). */
  maxConcurrent?: number;
  /** The wire handed to ky (tests hold or script it; a demo mode may answer locally); default globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** What a 401 tells the assistant to do, when not the stdio advice (`serve`: send another bearer token). */
  unauthorizedHelp?: string;
  /** Told of each 401 (`serve` stops taking the token as accepted at once). */
  onUnauthorized?: () => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST';

interface RequestSpec {
  method: Method;
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** The Developer Hub permissions a 403 should name, when not the conversations and contacts ones. */
  permissions?: string;
  body?: unknown;
  /**
   * Safe to send twice. Every call today is a read (a GET, or a POST search), so true. A write must say
   * false: it is then not retried once it may have landed (after a timeout, a dropped connection or a
   * 5xx), only after a 429 or a connection that was refused before anything was sent.
   */
  idempotent: boolean;
  /** What was asked for, for 404 messages, e.g. "conversation 123". */
  subject?: string;
  /** Top-level key that must hold an array when present (list endpoints). */
  listKey?: string;
  /** A single record: it must carry an id, or it is not what was asked for (a proxy's or a changed API's answer). */
  record?: boolean;
  signal?: AbortSignal | undefined;
}

/** GET /articles: page-numbered (2.16 lists no parameters; Intercom takes `page` and `per_page`, at most 250). */
export interface ArticleListParams {
  page?: number;
  per_page?: number;
}

/** GET /articles/search. */
export interface ArticleSearchParams {
  phrase?: string;
  state?: ArticleState;
  /** Digits. */
  help_center_id?: string;
  highlight?: boolean;
}

/** The Developer Hub's name for what the Help Center calls need. */
const ARTICLE_PERMISSIONS = '"Read articles"';

/** Per call, shared with ky's hooks through `context`. */
interface CallState {
  attempts: number;
}

/** Larger than any Intercom answer we ask for (a long conversation is a few MB); beyond it, something is wrong. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A body that arrived but cannot be used: too large, or a broken gzip stream. Retrying will not help. */
class UnusableBodyError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnusableBodyError';
  }
}

const RETRY_STATUSES = [500, 502, 503, 504];
// Ids reach URL paths; ids.ts validates them upstream, this is the last line against path tricks.
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
// Printable ASCII without spaces: anything else would make the Authorization header invalid, and
// fetch's error for that would quote the header value (the token).
const SAFE_TOKEN = /^[\x21-\x7e]+$/;
// Errors that mean the request never left: safe to retry even for a write.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** The body of each answer, read by our fetch under the cap; ky passes the Response on, we read the text here. */
const bodies = new WeakMap<Response, string>();

export class IntercomClient {
  readonly #ky: KyInstance;
  readonly #fetch: typeof globalThis.fetch;
  readonly #host: string;
  readonly #timeoutMs: number;
  readonly #maxRetryWaitMs: number;
  readonly #retry: RetryOptions;
  readonly #getToken: IntercomClientOptions['getToken'];
  readonly #maxConcurrent: number;
  readonly #unauthorizedHelp: string | undefined;
  readonly #onUnauthorized: (() => void) | undefined;
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  /** Set when Intercom says X-RateLimit-Remaining: 0; no request starts before then. */
  #pausedUntil = 0;
  #token: string | undefined;
  #tokenPending: Promise<string> | undefined;
  #me: Promise<Me> | undefined;

  constructor(options: IntercomClientOptions) {
    this.#host = hostOf(options.baseUrl);
    this.#timeoutMs = options.timeoutMs;
    const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
    this.#maxRetryWaitMs = Math.max(0, options.maxRetryWaitMs ?? 10_000);
    const retryBaseMs = Math.max(0, options.retryBaseMs ?? 250);
    this.#getToken = options.getToken;
    this.#maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? 4));
    this.#unauthorizedHelp = options.unauthorizedHelp;
    this.#onUnauthorized = options.onUnauthorized;
    // Looked up per request, not kept: a test's msw (or any later patch of fetch) is then honoured.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#retry = {
      limit: maxAttempts - 1,
      // Every method: ky checks this list before shouldRetry, and RequestSpec.idempotent decides per call.
      methods: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'],
      statusCodes: [429, ...RETRY_STATUSES],
      // Not 503: Intercom sends X-RateLimit-Reset on every answer (the rate window's end), which ky would
      // take as a 503's retry hint and wait up to maxRetryWaitMs; a 5xx gets the backoff instead.
      afterStatusCodes: [429],
      maxRetryAfter: this.#maxRetryWaitMs,
      // base, 2×base, 4×base… with ±25% jitter, capped by maxRetryWaitMs.
      delay: (retry) => retryBaseMs * 2 ** (retry - 1),
      jitter: (delay) => delay * (0.75 + Math.random() * 0.5),
      backoffLimit: this.#maxRetryWaitMs,
    };
    this.#ky = ky.create({
      prefixUrl: options.baseUrl.replace(/\/*$/, '/'),
      headers: {
        'Intercom-Version': options.apiVersion,
        Accept: 'application/json',
        'User-Agent': options.userAgent,
        // Asked for explicitly so every Node sends the same (fetch's default adds br, and zstd on newer ones).
        'Accept-Encoding': 'gzip',
      },
      timeout: options.timeoutMs,
      // Redirects are never followed, so the token never leaves the configured host.
      redirect: 'manual',
      fetch: (input, init) => this.#exchange(input, init),
      hooks: { beforeRequest: [(request, opts, { retryCount }) => this.#enter(request.signal, opts.context, retryCount)] },
    });
  }

  async getConversation(id: string, options: CallOptions = {}): Promise<Conversation> {
    return this.#request<Conversation>({
      method: 'GET',
      path: `conversations/${checkedId(id)}`,
      idempotent: true,
      subject: `conversation ${id}`,
      record: true,
      signal: options.signal,
    });
  }

  searchConversations(body: SearchRequest, options: CallOptions = {}): Promise<ConversationList> {
    return this.#request<ConversationList>({
      method: 'POST',
      path: 'conversations/search',
      body,
      idempotent: true,
      listKey: 'conversations',
      signal: options.signal,
    });
  }

  async getContact(id: string, options: CallOptions = {}): Promise<Contact> {
    return this.#request<Contact>({
      method: 'GET',
      path: `contacts/${checkedId(id)}`,
      idempotent: true,
      subject: `contact ${id}`,
      record: true,
      signal: options.signal,
    });
  }

  searchContacts(body: SearchRequest, options: CallOptions = {}): Promise<ContactList> {
    return this.#request<ContactList>({
      method: 'POST',
      path: 'contacts/search',
      body,
      idempotent: true,
      listKey: 'data',
      signal: options.signal,
    });
  }

  // --- companies and the workspace's directory (tags, teams, admins) ---------------------------------

  /** GET /companies: one filter (name, company_id, tag_id or segment_id), or none for all; page-numbered. */
  listCompanies(filters: CompanyFilters, paging: PageRequest = {}, options: CallOptions = {}): Promise<CompanyList> {
    return this.#request<CompanyList>({
      method: 'GET',
      path: 'companies',
      query: { ...filters, ...paging },
      idempotent: true,
      subject: companySubject(filters),
      listKey: 'data',
      signal: options.signal,
    });
  }

  /** POST /companies/list: every company with contacts, by last request, newest first unless `order: 'asc'`. */
  listAllCompanies(paging: PageRequest & { order?: 'asc' | 'desc' } = {}, options: CallOptions = {}): Promise<CompanyList> {
    return this.#request<CompanyList>({
      method: 'POST',
      path: 'companies/list',
      query: { page: paging.page, per_page: paging.per_page, order: paging.order },
      idempotent: true,
      listKey: 'data',
      signal: options.signal,
    });
  }

  async getCompany(id: string, options: CallOptions = {}): Promise<Company> {
    return this.#request<Company>({
      method: 'GET',
      path: `companies/${checkedId(id)}`,
      idempotent: true,
      subject: `company ${id}`,
      record: true,
      signal: options.signal,
    });
  }

  /** GET /companies/{id}/contacts: a page of the company's contacts (Intercom's default 50). */
  async listCompanyContacts(id: string, paging: PageRequest = {}, options: CallOptions = {}): Promise<CompanyContacts> {
    return this.#request<CompanyContacts>({
      method: 'GET',
      path: `companies/${checkedId(id)}/contacts`,
      query: { ...paging },
      idempotent: true,
      subject: `company ${id}`,
      listKey: 'data',
      signal: options.signal,
    });
  }

  listTags(options: CallOptions = {}): Promise<TagListResponse> {
    return this.#request<TagListResponse>({ method: 'GET', path: 'tags', idempotent: true, listKey: 'data', signal: options.signal });
  }

  listTeams(options: CallOptions = {}): Promise<TeamList> {
    return this.#request<TeamList>({ method: 'GET', path: 'teams', idempotent: true, listKey: 'teams', signal: options.signal });
  }

  listAdmins(options: CallOptions = {}): Promise<AdminList> {
    return this.#request<AdminList>({ method: 'GET', path: 'admins', idempotent: true, listKey: 'admins', permissions: '"Read admins"', signal: options.signal });
  }

  // --- Help Center: articles, collections, help centers; admins (authors' names) ----------------------

  async getArticle(id: string, options: CallOptions = {}): Promise<Article> {
    return this.#request<Article>({
      method: 'GET',
      path: `articles/${checkedId(id)}`,
      idempotent: true,
      subject: `article ${id}`,
      record: true,
      permissions: ARTICLE_PERMISSIONS,
      signal: options.signal,
    });
  }

  listArticles(params: ArticleListParams = {}, options: CallOptions = {}): Promise<ArticleList> {
    return this.#request<ArticleList>({
      method: 'GET',
      path: 'articles',
      query: { page: params.page, per_page: params.per_page },
      idempotent: true,
      listKey: 'data',
      permissions: ARTICLE_PERMISSIONS,
      signal: options.signal,
    });
  }

  searchArticles(params: ArticleSearchParams, options: CallOptions = {}): Promise<ArticleSearchResponse> {
    return this.#request<ArticleSearchResponse>({
      method: 'GET',
      path: 'articles/search',
      query: { phrase: params.phrase, state: params.state, help_center_id: params.help_center_id, highlight: params.highlight },
      idempotent: true,
      permissions: ARTICLE_PERMISSIONS,
      signal: options.signal,
    });
  }

  /** One page of collections and sections (20 a page, most recently updated first; `page` as for GET /articles). */
  listCollections(page = 1, options: CallOptions = {}): Promise<CollectionList> {
    return this.#request<CollectionList>({
      method: 'GET',
      path: 'help_center/collections',
      query: { page: page > 1 ? page : undefined },
      idempotent: true,
      listKey: 'data',
      permissions: ARTICLE_PERMISSIONS,
      signal: options.signal,
    });
  }

  listHelpCenters(options: CallOptions = {}): Promise<HelpCenterList> {
    return this.#request<HelpCenterList>({
      method: 'GET',
      path: 'help_center/help_centers',
      idempotent: true,
      listKey: 'data',
      permissions: ARTICLE_PERMISSIONS,
      signal: options.signal,
    });
  }

  /** GET /me once per client; concurrent callers share the request, a failure is forgotten. */
  me(options: CallOptions = {}): Promise<Me> {
    if (!this.#me) {
      // The shared request runs without any one caller's signal: one caller cancelling must not fail the others.
      const pending = this.#request<Me>({ method: 'GET', path: 'me', idempotent: true });
      this.#me = pending;
      pending.catch(() => {
        if (this.#me === pending) this.#me = undefined;
      });
    }
    return raceAbort(this.#me, options.signal);
  }

  async #request<T>(spec: RequestSpec): Promise<T> {
    const { signal } = spec;
    if (signal?.aborted) throw new CancelledError();
    const token = await raceAbort(this.#resolveToken(), signal);
    const call: CallState = { attempts: 0 };
    const options: Options = {
      method: spec.method,
      headers: { Authorization: `Bearer ${token}` },
      context: { call },
      retry: { ...this.#retry, shouldRetry: ({ error }) => this.#shouldRetry(spec, error) },
    };
    if (spec.body !== undefined) options.json = spec.body;
    const query = queryOf(spec.query);
    if (query) options.searchParams = query;
    if (signal) options.signal = signal;
    let response: Response;
    try {
      response = await this.#ky(spec.path, options);
    } catch (error) {
      if (!(error instanceof HTTPError)) throw this.#failure(spec, error, call.attempts);
      response = error.response;
    }
    try {
      return this.#interpret(spec, response, bodies.get(response) ?? '', token, call.attempts) as T;
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        this.#forgetToken(token);
        this.#onUnauthorized?.();
      }
      throw error;
    }
  }

  /**
   * ky's beforeRequest, every attempt: a slot among maxConcurrent, then the rate budget. Before ky's
   * timeout starts, so time spent queued is not counted against the attempt.
   */
  async #enter(signal: AbortSignal, context: Record<string, unknown>, retryCount: number): Promise<void> {
    (context.call as CallState).attempts = retryCount + 1;
    await this.#acquire(signal);
    try {
      // Checked once a slot is ours: a call that queued behind the answer that spent the budget waits too.
      await this.#waitForBudget(signal);
    } catch (error) {
      this.#release();
      throw error;
    }
  }

  /**
   * ky's fetch: the seam's fetch, then the whole body under the cap, inside ky's timeout. Frees the slot
   * when the exchange ends or is aborted (a timeout, a cancel), whichever comes first: a seam that ignores
   * the signal must not keep a slot, or every queued call would wait for ever.
   */
  async #exchange(...[input, init]: Parameters<typeof globalThis.fetch>): Promise<Response> {
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.#release();
    };
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    signal?.addEventListener('abort', release, { once: true });
    try {
      const response = await this.#fetch(input, init);
      this.#noteBudget(response.headers);
      bodies.set(response, await readBody(response));
      return response;
    } finally {
      signal?.removeEventListener('abort', release);
      release();
    }
  }

  #shouldRetry(spec: RequestSpec, error: Error): boolean | undefined {
    return retryDecision({ idempotent: spec.idempotent, cancelled: spec.signal?.aborted === true }, error, this.#maxRetryWaitMs);
  }

  /** A failed call that got no HTTP answer, as a typed error. */
  #failure(spec: RequestSpec, error: unknown, attempts: number): IntercomError {
    if (spec.signal?.aborted) return new CancelledError();
    if (error instanceof IntercomError) return error;
    if (error instanceof KyTimeoutError) return new TimeoutError({ host: this.#host, timeoutMs: this.#timeoutMs });
    if (error instanceof UnusableBodyError) return new UnreadableResponseError({ reason: error.reason });
    // Only a system error code goes into the message: error texts can quote request details.
    return new NetworkError({ host: this.#host, reason: systemCode(error), attempts, cause: error });
  }

  /** After Intercom said the budget is spent, wait for its reset (at most maxRetryWaitMs) before sending. */
  async #waitForBudget(signal: AbortSignal | undefined): Promise<void> {
    const waitMs = Math.min(this.#pausedUntil - Date.now(), this.#maxRetryWaitMs);
    if (waitMs > 0) await sleep(waitMs, signal);
  }

  #noteBudget(headers: Headers): void {
    if (headers.get('x-ratelimit-remaining')?.trim() !== '0') return;
    const now = Date.now();
    const resetAt = rateLimitReset(headers, now)?.getTime();
    // A reset further away than we would ever wait is not waited for: the next call fails fast on the 429
    // and tells the assistant when to come back, rather than hanging.
    if (resetAt === undefined || resetAt - now > this.#maxRetryWaitMs) return;
    this.#pausedUntil = Math.max(this.#pausedUntil, resetAt);
  }

  /** A slot among maxConcurrent; a cancelled caller leaves the queue without taking one. */
  #acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.#active < this.#maxConcurrent) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.#active++;
        resolve();
      };
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  #release(): void {
    this.#active--;
    this.#waiting.shift()?.();
  }

  #interpret(spec: RequestSpec, response: Response, text: string, token: string, attempts: number): Record<string, unknown> {
    const { status, headers } = response;
    if (status >= 200 && status < 300) {
      const parsed = parseJson(text);
      if (!isObject(parsed)) {
        const reason = parsed === undefined ? notJsonReason(text) : 'expected a JSON object';
        throw new UnreadableResponseError({ status, reason });
      }
      if (spec.listKey && parsed[spec.listKey] !== undefined && !Array.isArray(parsed[spec.listKey])) {
        throw new UnreadableResponseError({ status, reason: `"${spec.listKey}" is not a list` });
      }
      if (spec.record && !hasId(parsed)) throw new UnreadableResponseError({ status, reason: 'the record in it has no id' });
      return parsed;
    }
    if (status >= 300 && status < 400) {
      const reason = 'it answered with a redirect, which is not followed so the token never leaves the configured host';
      throw new UnreadableResponseError({ status, reason });
    }

    const upstream = readErrorBody(text, token, headers.get('x-request-id') ?? undefined);
    switch (status) {
      case 401:
        throw new UnauthorizedError({ host: this.#host, upstream, ...(this.#unauthorizedHelp ? { help: this.#unauthorizedHelp } : {}) });
      case 403:
        throw new ForbiddenError({ upstream, ...(spec.permissions ? { permissions: spec.permissions } : {}) });
      case 404:
        throw new NotFoundError({ ...(spec.subject ? { subject: spec.subject } : {}), upstream });
      case 429: {
        const now = Date.now();
        const resetAt = rateLimitReset(headers, now);
        throw new RateLimitedError({ ...(resetAt ? { resetAt } : {}), now, upstream });
      }
    }
    if (status >= 500) throw new UpstreamError({ status, attempts, upstream });
    throw new InvalidRequestError({ status, upstream });
  }

  async #resolveToken(): Promise<string> {
    if (this.#token) return this.#token;
    this.#tokenPending ??= (async () => {
      let raw: string | undefined;
      try {
        raw = await this.#getToken();
      } catch (error) {
        if (error instanceof IntercomError) throw error;
        // The credential store's own message is not shown: it could quote what it read.
        throw new MissingTokenError({ reason: 'The saved Intercom access token could not be read.', cause: error });
      }
      const token = typeof raw === 'string' ? raw.trim() : '';
      if (!token) throw new MissingTokenError();
      if (!SAFE_TOKEN.test(token)) {
        throw new MissingTokenError({ reason: 'The configured Intercom access token is malformed (it has spaces or non-ASCII characters).' });
      }
      this.#token = token;
      return token;
    })().finally(() => {
      this.#tokenPending = undefined;
    });
    return this.#tokenPending;
  }

  /** After a 401 the token may have been replaced (e.g. `login`); ask the credential seam again next time. */
  #forgetToken(token: string): void {
    if (this.#token === token) {
      this.#token = undefined;
      this.#me = undefined;
    }
  }
}

/**
 * Whether ky may retry after `error` (its shouldRetry): false stops, true retries after ky's backoff,
 * undefined leaves it to ky's rules (statusCodes, and the wait a 429's headers ask for). Exported for tests.
 */
export function retryDecision(
  call: { idempotent: boolean; cancelled: boolean },
  error: Error,
  maxRetryWaitMs: number,
  now = Date.now(),
): boolean | undefined {
  if (call.cancelled || error instanceof IntercomError || error instanceof UnusableBodyError) return false;
  if (error instanceof KyTimeoutError) return false;
  if (error instanceof HTTPError) {
    // A 429 was refused before any work: retried even for a write. Another status may have landed.
    if (error.response.status !== 429) return call.idempotent ? undefined : false;
    // Ours, not ky's maxRetryAfter: ky would cap a far reset and retry; we fail fast and say when.
    const resetAt = rateLimitReset(error.response.headers, now)?.getTime();
    if (resetAt === undefined || resetAt <= now) return true; // no usable reset (or a skewed clock): backoff
    // Within reach: ky waits for it (it reads the same headers, X-RateLimit-Reset as unix seconds).
    return resetAt - now > maxRetryWaitMs ? false : undefined;
  }
  // No answer: a read is retried; a write only if it was never sent.
  return call.idempotent || NOT_SENT.has(systemCode(error) ?? '');
}

/**
 * The whole body as text, counting bytes as they arrive (after fetch's decompression, so a gzip bomb
 * stops at the cap too). A leading byte order mark is dropped, as fetch's text() does.
 */
async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        // Cancelling the stream makes fetch close the connection: the rest is never read.
        reader.cancel().catch(() => undefined);
        throw new UnusableBodyError(`it is over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    // On an error status a body that will not decode is dropped, so the status (401, 429, 5xx) keeps its meaning.
    if (!response.ok) return '';
    throw new UnusableBodyError('its gzip encoding is broken');
  }
  return Buffer.concat(chunks, size).toString('utf8').replace(/^\uFEFF/, '');
}

/** A broken gzip stream: Node's fetch reports "terminated" caused by a zlib error (Z_DATA_ERROR…); others the zlib error itself. */
function isDecodeError(error: unknown): boolean {
  for (let current = error, depth = 0; isObjectLike(current) && depth < 2; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function checkedId(id: string): string {
  if (typeof id !== 'string' || !SAFE_ID.test(id)) {
    throw new InvalidRequestError({ reason: 'the id is not a valid Intercom id (letters, digits, "_" or "-", at most 64)' });
  }
  return encodeURIComponent(id);
}

/** The query string's parameters in the order given, without the undefined ones; none is undefined. */
function queryOf(query: RequestSpec['query']): URLSearchParams | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  return params.size > 0 ? params : undefined;
}

/** "company named Acme" for a 404 on a filtered GET /companies. */
function companySubject(filters: CompanyFilters): string | undefined {
  if (filters.company_id !== undefined) return `company with company_id ${JSON.stringify(filters.company_id)}`;
  if (filters.name !== undefined) return `company named ${JSON.stringify(filters.name)}`;
  return undefined;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the configured Intercom host';
  }
}

function hasId(record: Record<string, unknown>): boolean {
  const { id } = record;
  return (typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function notJsonReason(text: string): string {
  if (text.trim() === '') return 'the body is empty';
  return /^\s*</.test(text) ? 'it is an HTML page, not JSON' : 'it is not JSON';
}

/** Intercom's `error.list`: first error's code and message, and the request id; the token is redacted. */
function readErrorBody(text: string, token: string, headerRequestId: string | undefined): UpstreamDetail {
  const redact = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value.split(token).join('[redacted]') : undefined;
  const parsed = parseJson(text);
  const detail: UpstreamDetail = { requestId: redact(headerRequestId) };
  if (!isObject(parsed)) return detail;
  detail.requestId = redact(parsed.request_id) ?? detail.requestId;
  const first: unknown = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
  if (isObject(first)) {
    detail.code = redact(first.code);
    detail.message = redact(first.message);
  }
  return detail;
}

/**
 * When the limit resets, read as ky reads it for its own wait: Retry-After (seconds or a date) when
 * present, else X-RateLimit-Reset (unix seconds, what Intercom sends). A reset of 0 or garbage is none.
 */
function rateLimitReset(headers: Headers, now: number): Date | undefined {
  const after = headers.get('retry-after')?.trim();
  if (after) {
    const seconds = Number(after);
    const at = Number.isFinite(seconds) ? (seconds >= 0 ? now + seconds * 1000 : NaN) : Date.parse(after);
    return Number.isFinite(at) ? new Date(at) : undefined;
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
}

/** A system error code (ECONNREFUSED, ENOTFOUND, ECONNRESET…) from a failed exchange, if any. */
function systemCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; isObjectLike(current) && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    // Node's fetch says UND_ERR_SOCKET ("other side closed") for a connection dropped mid-answer.
    if (code === 'UND_ERR_SOCKET') return 'ECONNRESET';
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    const errors = (current as { errors?: unknown }).errors;
    current = Array.isArray(errors) && errors.length > 0 ? errors[0] : (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isObjectLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles with `promise`, or rejects with CancelledError as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
