// Every failure the Intercom client can produce. Messages are shown to an AI assistant, so each one says
// what went wrong and what to do next. They never contain the token and never echo a raw upstream body:
// only Intercom's error `code`/`message` (the `error.list` schema), sanitized and truncated.

import { DEFAULT_API_VERSION } from './api-version.js';

export type IntercomErrorKind =
  | 'missing_token'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_request'
  | 'rate_limited'
  | 'upstream'
  | 'network'
  | 'timeout'
  | 'unreadable'
  | 'cancelled';

/** What Intercom said about a failure, taken from an `error.list` body (raw; sanitized here). */
export interface UpstreamDetail {
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
}

export interface IntercomErrorInit {
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

const MAX_UPSTREAM_TEXT = 200;
// C0/C1 controls, DEL, zero-width and bidi overrides/isolates, line/paragraph separators, BOM:
// upstream text is untrusted and must not reorder or hide parts of the message.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Makes untrusted upstream text safe to embed in a message: one line, no control/bidi chars, ~200 chars. */
export function sanitizeUpstreamText(text: string, max = MAX_UPSTREAM_TEXT): string {
  const clean = text.replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function upstreamSuffix(detail: UpstreamDetail | undefined, withRequestId = false): string {
  const parts: string[] = [];
  const code = detail?.code ? sanitizeUpstreamText(detail.code, 60) : '';
  const message = detail?.message ? sanitizeUpstreamText(detail.message) : '';
  if (code && message) parts.push(`Intercom said: ${code}: ${message}`);
  else if (code || message) parts.push(`Intercom said: ${code || message}`);
  if (withRequestId && detail?.requestId) parts.push(`request id ${sanitizeUpstreamText(detail.requestId, 80)}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

function initFrom(status: number | undefined, detail: UpstreamDetail | undefined, cause?: unknown): IntercomErrorInit {
  return {
    status,
    code: detail?.code ? sanitizeUpstreamText(detail.code, 60) : undefined,
    requestId: detail?.requestId ? sanitizeUpstreamText(detail.requestId, 80) : undefined,
    cause,
  };
}

/** What to do without a usable token; `login` is `intercom-mcp login` with the server's `--profile`, if any. */
export function tokenHelp(login = 'intercom-mcp login'): string {
  return (
    `Run \`npx -y ${login}\` in a terminal to store a token in the OS keychain (this server picks it up on the next ` +
    'call, no restart needed); or create an access token in the Intercom Developer Hub (your app > Authentication) ' +
    'and set it as INTERCOM_ACCESS_TOKEN in the env of this server in your MCP client config, then restart the client.'
  );
}
const TOKEN_HELP = tokenHelp();
const SCOPES = '"Read conversations" and "Read and list users and companies"';

export class IntercomError extends Error {
  readonly kind: IntercomErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;

  constructor(kind: IntercomErrorKind, message: string, init: IntercomErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'IntercomError';
    this.kind = kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.requestId !== undefined) this.requestId = init.requestId;
  }
}

export class MissingTokenError extends IntercomError {
  /**
   * `reason` replaces the default first sentence (e.g. the stored token is malformed); it must not contain the
   * token. `help` replaces the advice that follows (tokenHelp() for another profile; '' when `reason` says it all).
   */
  constructor(options: { reason?: string; help?: string; cause?: unknown } = {}) {
    const help = options.help ?? TOKEN_HELP;
    super('missing_token', `${options.reason ?? 'No Intercom access token is configured.'}${help ? ` ${help}` : ''}`, {
      cause: options.cause,
    });
    this.name = 'MissingTokenError';
  }
}

export class UnauthorizedError extends IntercomError {
  /** `help`: what to do instead of the default (pick the region, store a new token); `serve` has its own. */
  constructor(options: { host: string; upstream?: UpstreamDetail; help?: string }) {
    super(
      'unauthorized',
      `Intercom rejected the access token (HTTP 401)${upstreamSuffix(options.upstream)}. The token is invalid or ` +
        `revoked, or it belongs to a workspace in another region: a US token gets 401 from the EU or AU host ` +
        `(this request went to ${options.host}). ` +
        (options.help ?? `Pick the workspace's region with --region us|eu|au, or set a new token: ${TOKEN_HELP}`),
      initFrom(401, options.upstream),
    );
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends IntercomError {
  constructor(options: { upstream?: UpstreamDetail } = {}) {
    super(
      'forbidden',
      `Intercom refused access (HTTP 403)${upstreamSuffix(options.upstream)}. The token's app needs the ` +
        `permissions ${SCOPES}: enable them in the Intercom Developer Hub (your app > Authentication), then ` +
        `reinstall the app or create a new token. A 403 can also mean the workspace's plan does not include API access.`,
      initFrom(403, options.upstream),
    );
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends IntercomError {
  /** `subject` is what was asked for, e.g. "conversation 123" (validated ids only). */
  constructor(options: { subject?: string; upstream?: UpstreamDetail } = {}) {
    const what = options.subject ? `${options.subject} was not found` : 'The requested Intercom record was not found';
    super(
      'not_found',
      `${what.charAt(0).toUpperCase()}${what.slice(1)} (HTTP 404)${upstreamSuffix(options.upstream)}. Check the id ` +
        `(search for the record to find it); it may have been deleted, or belong to another workspace.`,
      initFrom(404, options.upstream),
    );
    this.name = 'NotFoundError';
  }
}

/**
 * Intercom refused the Intercom-Version header (code `intercom_version_invalid`, as the 2.16 description and
 * Intercom's own SDKs name it): no query or id can fix that, only the server's configuration.
 */
function isVersionRejection(detail: UpstreamDetail | undefined): boolean {
  if (detail?.code) return /version/i.test(detail.code);
  return /\b(api|intercom)[ -]version\b/i.test(detail?.message ?? '');
}

const VERSION_HELP =
  `This server sends the version from --api-version or INTERCOM_API_VERSION in its MCP client config, or ` +
  `${DEFAULT_API_VERSION} when neither is set: set one Intercom lists (2.x, or Preview), or remove a setting that ` +
  `names an unknown one, then restart the MCP client. Retrying this call will not help.`;

export class InvalidRequestError extends IntercomError {
  constructor(options: { status?: number; upstream?: UpstreamDetail; reason?: string }) {
    const version = options.status !== undefined && isVersionRejection(options.upstream);
    const head = version
      ? `Intercom did not accept the API version this server asks for in its Intercom-Version header (HTTP ${options.status})${upstreamSuffix(options.upstream)}.`
      : options.status
        ? `Intercom rejected the request (HTTP ${options.status})${upstreamSuffix(options.upstream)}.`
        : `The request was not sent: ${options.reason ?? 'it is invalid'}.`;
    super(
      'invalid_request',
      `${head} ${version ? VERSION_HELP : 'Fix the query or id (check field names, operators and value types) and try again.'}`,
      initFrom(options.status, options.upstream),
    );
    this.name = 'InvalidRequestError';
  }
}

export class RateLimitedError extends IntercomError {
  /** When Intercom said the limit resets, if it said so. */
  readonly resetAt?: Date;

  constructor(options: { resetAt?: Date; now?: number; upstream?: UpstreamDetail }) {
    let when = 'Wait a few seconds before trying again';
    if (options.resetAt) {
      const seconds = Math.max(1, Math.ceil((options.resetAt.getTime() - (options.now ?? Date.now())) / 1000));
      when = `The limit resets at ${options.resetAt.toISOString()} (in about ${seconds} s); wait until then`;
    }
    super(
      'rate_limited',
      `Intercom's rate limit for this workspace is exhausted (HTTP 429)${upstreamSuffix(options.upstream)}. ` +
        `${when}, and prefer fewer, narrower requests.`,
      initFrom(429, options.upstream),
    );
    this.name = 'RateLimitedError';
    if (options.resetAt) this.resetAt = options.resetAt;
  }
}

export class UpstreamError extends IntercomError {
  constructor(options: { status: number; attempts: number; upstream?: UpstreamDetail }) {
    const tries = options.attempts > 1 ? ` after ${options.attempts} attempts` : '';
    super(
      'upstream',
      `Intercom had a server error (HTTP ${options.status})${tries}${upstreamSuffix(options.upstream, true)}. ` +
        `This is on Intercom's side: try again in a minute, and check https://www.intercomstatus.com if it persists.`,
      initFrom(options.status, options.upstream),
    );
    this.name = 'UpstreamError';
  }
}

export class NetworkError extends IntercomError {
  /** `reason` is a system error code such as ECONNREFUSED (never an arbitrary message). */
  constructor(options: { host: string; reason?: string; attempts?: number; cause?: unknown }) {
    const why = options.reason ? ` (${options.reason})` : '';
    const tries = options.attempts && options.attempts > 1 ? ` after ${options.attempts} attempts` : '';
    super(
      'network',
      `Could not reach Intercom at ${options.host}${why}${tries}. Check the network connection, any proxy or ` +
        `firewall, and that the region (--region us|eu|au) is right.`,
      { cause: options.cause },
    );
    this.name = 'NetworkError';
  }
}

export class TimeoutError extends IntercomError {
  constructor(options: { host: string; timeoutMs: number }) {
    super(
      'timeout',
      `Intercom (${options.host}) did not answer within ${options.timeoutMs} ms. Try again, or narrow the ` +
        `search (fewer results per page, tighter filters).`,
    );
    this.name = 'TimeoutError';
  }
}

export class UnreadableResponseError extends IntercomError {
  /** `reason` is our own description of what was wrong (never upstream text). */
  constructor(options: { status?: number; reason: string; requestId?: string }) {
    const status = options.status ? ` (HTTP ${options.status})` : '';
    super(
      'unreadable',
      `Intercom's answer could not be read${status}: ${options.reason}. A proxy, captive portal or wrong base ` +
        `URL may be in the way; check the network and --region, then try again.`,
      { status: options.status, requestId: options.requestId },
    );
    this.name = 'UnreadableResponseError';
  }
}

export class CancelledError extends IntercomError {
  constructor() {
    super('cancelled', 'The request to Intercom was cancelled.');
    this.name = 'CancelledError';
  }
}
