// The one HTTP client for Intercom's REST API. Read-only calls, typed errors (./errors.js), bounded retries,
// per-attempt timeouts, cancellation. Responses are parsed from text so a proxy's HTML page is caught, and
// are not schema-validated (fast; the format layer treats every field as optional and untrusted).
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
import { nodeTransport, UnusableBodyError, type Transport, type WireResponse } from './transport.js';
import type { Contact, ContactList, Conversation, ConversationList, Me, SearchRequest } from './types.js';

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
  /** The wire (tests hold or script it); default node:http(s) with keep-alive. */
  transport?: Transport;
}

export interface CallOptions {
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST';

interface RequestSpec {
  method: Method;
  path: string;
  body?: unknown;
  /** What was asked for, for 404 messages, e.g. "conversation 123". */
  subject?: string;
  /** Top-level key that must hold an array when present (list endpoints). */
  listKey?: string;
  /** A single record: it must carry an id, or it is not what was asked for (a proxy's or a changed API's answer). */
  record?: boolean;
  signal?: AbortSignal | undefined;
}

type AttemptResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; error: IntercomError; retryable: boolean; waitMs?: number };

const RETRY_STATUSES = new Set([500, 502, 503, 504]);
// Ids reach URL paths; ids.ts validates them upstream, this is the last line against path tricks.
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
// Printable ASCII without spaces: anything else would make the Authorization header invalid, and
// fetch's error for that would quote the header value (the token).
const SAFE_TOKEN = /^[\x21-\x7e]+$/;

export class IntercomClient {
  readonly #transport: Transport;
  /** The base URL with one trailing slash, so relative paths resolve under any path prefix. */
  readonly #base: string;
  readonly #headers: Record<string, string>;
  readonly #host: string;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #maxRetryWaitMs: number;
  readonly #retryBaseMs: number;
  readonly #getToken: IntercomClientOptions['getToken'];
  readonly #maxConcurrent: number;
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
    this.#maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
    this.#maxRetryWaitMs = Math.max(0, options.maxRetryWaitMs ?? 10_000);
    this.#retryBaseMs = Math.max(0, options.retryBaseMs ?? 250);
    this.#getToken = options.getToken;
    this.#maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? 4));
    this.#transport = options.transport ?? nodeTransport;
    this.#base = options.baseUrl.replace(/\/*$/, '/');
    this.#headers = {
      'Intercom-Version': options.apiVersion,
      Accept: 'application/json',
      'User-Agent': options.userAgent,
    };
  }

  async getConversation(id: string, options: CallOptions = {}): Promise<Conversation> {
    return this.#request<Conversation>({
      method: 'GET',
      path: `conversations/${checkedId(id)}`,
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
      listKey: 'conversations',
      signal: options.signal,
    });
  }

  async getContact(id: string, options: CallOptions = {}): Promise<Contact> {
    return this.#request<Contact>({
      method: 'GET',
      path: `contacts/${checkedId(id)}`,
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
      listKey: 'data',
      signal: options.signal,
    });
  }

  /** GET /me once per client; concurrent callers share the request, a failure is forgotten. */
  me(options: CallOptions = {}): Promise<Me> {
    if (!this.#me) {
      // The shared request runs without any one caller's signal: one caller cancelling must not fail the others.
      const pending = this.#request<Me>({ method: 'GET', path: 'me' });
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
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    for (let attempt = 1; ; attempt++) {
      const result = await this.#attempt(spec, token, body, attempt);
      if (result.ok) return result.value as T;
      if (result.error instanceof UnauthorizedError) this.#forgetToken(token);
      if (!result.retryable || attempt >= this.#maxAttempts) throw result.error;
      await sleep(result.waitMs ?? this.#backoff(attempt), signal);
    }
  }

  async #attempt(spec: RequestSpec, token: string, body: string | undefined, attempt: number): Promise<AttemptResult> {
    const { signal } = spec;
    await this.#acquire(signal);
    try {
      // Checked once a slot is ours: a call that queued behind the answer that spent the budget waits too.
      await this.#waitForBudget(signal);
      return await this.#exchange(spec, token, body, attempt);
    } finally {
      this.#release();
    }
  }

  /** After Intercom said the budget is spent, wait for its reset (at most maxRetryWaitMs) before sending. */
  async #waitForBudget(signal: AbortSignal | undefined): Promise<void> {
    const waitMs = Math.min(this.#pausedUntil - Date.now(), this.#maxRetryWaitMs);
    if (waitMs > 0) await sleep(waitMs, signal);
  }

  #noteBudget(response: WireResponse): void {
    if (response.header('x-ratelimit-remaining')?.trim() !== '0') return;
    const now = Date.now();
    const resetAt = rateLimitReset(response, now)?.getTime();
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

  async #exchange(spec: RequestSpec, token: string, body: string | undefined, attempt: number): Promise<AttemptResult> {
    const { signal } = spec;
    // One controller per attempt: the caller's signal and our timer both abort it; the flags tell which.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });

    let response: WireResponse;
    try {
      const headers: Record<string, string> = { ...this.#headers, Authorization: `Bearer ${token}` };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      // Redirects are never followed (node:http does not), so the token never leaves the configured host.
      response = await this.#transport({
        method: spec.method,
        url: new URL(spec.path, this.#base),
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal,
      });
    } catch (error) {
      if (signal?.aborted) throw new CancelledError();
      if (timedOut) return { ok: false, error: new TimeoutError({ host: this.#host, timeoutMs: this.#timeoutMs }), retryable: false };
      if (error instanceof UnusableBodyError) {
        return { ok: false, error: new UnreadableResponseError({ reason: error.reason }), retryable: false };
      }
      // Only a system error code goes into the message: error texts can quote request details.
      return {
        ok: false,
        error: new NetworkError({ host: this.#host, reason: systemCode(error), attempts: attempt, cause: error }),
        retryable: true,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    this.#noteBudget(response);
    return this.#interpret(spec, response, token, attempt);
  }

  #interpret(spec: RequestSpec, response: WireResponse, token: string, attempt: number): AttemptResult {
    const { status, text } = response;
    if (status >= 200 && status < 300) {
      const parsed = parseJson(text);
      if (!isObject(parsed)) {
        const reason = parsed === undefined ? notJsonReason(text) : 'expected a JSON object';
        return { ok: false, error: new UnreadableResponseError({ status, reason }), retryable: false };
      }
      if (spec.listKey && parsed[spec.listKey] !== undefined && !Array.isArray(parsed[spec.listKey])) {
        const reason = `"${spec.listKey}" is not a list`;
        return { ok: false, error: new UnreadableResponseError({ status, reason }), retryable: false };
      }
      if (spec.record && !hasId(parsed)) {
        return { ok: false, error: new UnreadableResponseError({ status, reason: 'the record in it has no id' }), retryable: false };
      }
      return { ok: true, value: parsed };
    }
    if (status >= 300 && status < 400) {
      const reason = 'it answered with a redirect, which is not followed so the token never leaves the configured host';
      return { ok: false, error: new UnreadableResponseError({ status, reason }), retryable: false };
    }

    const upstream = readErrorBody(text, token, response.header('x-request-id'));
    switch (status) {
      case 401:
        return { ok: false, error: new UnauthorizedError({ host: this.#host, upstream }), retryable: false };
      case 403:
        return { ok: false, error: new ForbiddenError({ upstream }), retryable: false };
      case 404:
        return {
          ok: false,
          error: new NotFoundError({ ...(spec.subject ? { subject: spec.subject } : {}), upstream }),
          retryable: false,
        };
      case 429:
        return this.#rateLimited(response, upstream, attempt);
    }
    if (status >= 500) {
      return { ok: false, error: new UpstreamError({ status, attempts: attempt, upstream }), retryable: RETRY_STATUSES.has(status) };
    }
    return { ok: false, error: new InvalidRequestError({ status, upstream }), retryable: false };
  }

  #rateLimited(response: WireResponse, upstream: UpstreamDetail, attempt: number): AttemptResult {
    const now = Date.now();
    const resetAt = rateLimitReset(response, now);
    const error = new RateLimitedError({ ...(resetAt ? { resetAt } : {}), now, upstream });
    if (!resetAt) return { ok: false, error, retryable: true };
    const waitMs = resetAt.getTime() - now;
    // Further away than we are willing to wait: fail fast and tell the assistant when to come back.
    if (waitMs > this.#maxRetryWaitMs) return { ok: false, error, retryable: false };
    return { ok: false, error, retryable: true, waitMs: waitMs > 0 ? waitMs : this.#backoff(attempt) };
  }

  /** Exponential backoff with ±25% jitter: base, 2×base, 4×base… capped by maxRetryWaitMs. */
  #backoff(attempt: number): number {
    const base = this.#retryBaseMs * 2 ** (attempt - 1);
    return Math.min(this.#maxRetryWaitMs, Math.round(base * (0.75 + Math.random() * 0.5)));
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

function checkedId(id: string): string {
  if (typeof id !== 'string' || !SAFE_ID.test(id)) {
    throw new InvalidRequestError({ reason: 'the id is not a valid Intercom id (letters, digits, "_" or "-", at most 64)' });
  }
  return encodeURIComponent(id);
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

/** X-RateLimit-Reset is unix seconds; Retry-After (seconds) is honoured too. */
function rateLimitReset(response: WireResponse, now: number): Date | undefined {
  const reset = Number(response.header('x-ratelimit-reset') ?? NaN);
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  const after = Number(response.header('retry-after') ?? NaN);
  if (Number.isFinite(after) && after >= 0) return new Date(now + after * 1000);
  return undefined;
}

/** A system error code (ECONNREFUSED, ENOTFOUND, ECONNRESET…) from a failed exchange, if any. */
function systemCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; isObjectLike(current) && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
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
