// Who may talk to `serve`, decided from the request's headers alone, before any MCP code runs: the Host
// (DNS rebinding on a loopback bind), the Origin (browsers), and the bearer token (each caller's own
// Intercom token). Pure functions over header values, so every rule is a unit test.

import { isLoopbackHost } from '../../config.js';

/** A refusal: the HTTP status, a JSON-RPC error for the body (clients parse that), and extra headers. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The JSON-RPC error code, when not REFUSED (a parse error: -32700). */
  readonly code?: number;
}

/** The JSON-RPC error code the SDK uses for transport-level refusals (no request id is known yet). */
export const REFUSED = -32000;

/** `http://host:port` as browsers send it in Origin: scheme, host and port, lower-case, default ports dropped. */
export function normalizeOrigin(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return undefined;
  return url.origin;
}

export interface OriginPolicy {
  /** Whole origins (scheme://host[:port]) allowed besides local tools, from --allowed-origin. */
  readonly allowed: ReadonlySet<string>;
}

/**
 * Requests without an Origin (MCP clients, curl) pass: only browsers send one, and a browser page is what
 * DNS rebinding and cross-site requests come from. A browser origin must be a local tool (a page served from
 * this machine: http(s)://localhost, 127.0.0.1 or [::1], any port, like the MCP Inspector) or listed whole.
 */
export function checkOrigin(origin: string | undefined, policy: OriginPolicy): Refusal | undefined {
  if (origin === undefined) return undefined;
  const normal = normalizeOrigin(origin);
  if (normal !== undefined && (policy.allowed.has(normal) || isLoopbackHost(new URL(normal).hostname))) return undefined;
  return {
    status: 403,
    message:
      `Origin ${JSON.stringify(origin.slice(0, 200))} is not allowed. Browser pages may call this server only from this machine, ` +
      'or from an origin the server was started with: intercom-mcp serve --allowed-origin https://app.example.com',
  };
}

/** Whether a browser origin may read the answers (CORS): the same rule. */
export function isAllowedOrigin(origin: string, policy: OriginPolicy): boolean {
  return checkOrigin(origin, policy) === undefined;
}

/**
 * On a loopback bind only `localhost:PORT`, `127.0.0.1:PORT`, `[::1]:PORT` and the bound address are this
 * server's names (and, on port 80, the same without the port): a page on evil.example that rebinds its name
 * to 127.0.0.1 still sends `Host: evil.example`. Elsewhere the Host is checked against --allowed-host when
 * given (behind a proxy the Host is the public name). Decided from the address actually bound, not the
 * --host text (`127.1`, `LOCALHOST`).
 */
export function allowedHosts(bind: { address: string; loopback: boolean; port: number; extra: readonly string[] }): ReadonlySet<string> | undefined {
  const extra = bind.extra.map((h) => h.toLowerCase());
  if (!bind.loopback) return extra.length ? new Set(extra) : undefined;
  const literal = bind.address.includes(':') ? `[${bind.address}]` : bind.address;
  const names = ['localhost', '127.0.0.1', '[::1]', literal];
  return new Set([...names.map((n) => `${n}:${bind.port}`), ...(bind.port === 80 ? names : []), ...extra]);
}

export function checkHost(host: string | undefined, allowed: ReadonlySet<string> | undefined): Refusal | undefined {
  if (!allowed) return undefined;
  if (host !== undefined && allowed.has(host.toLowerCase())) return undefined;
  return {
    status: 403,
    message:
      `Host ${JSON.stringify((host ?? '').slice(0, 200))} is not this server's name (${[...allowed].join(', ')}). ` +
      'Behind a proxy or on another name, start it with --allowed-host NAME:PORT.',
  };
}

/** What a 401 says, in the body and the WWW-Authenticate header. */
const SEND_TOKEN =
  'Send your own Intercom access token as "Authorization: Bearer <token>" on every request; it is used for the ' +
  "Intercom calls of that request only. Get one in Intercom's Developer Hub > your app > Authentication.";

function unauthorized(error: 'invalid_request' | 'invalid_token', detail: string): Refusal {
  return {
    status: 401,
    message: `${detail} ${SEND_TOKEN}`,
    headers: { 'WWW-Authenticate': `Bearer realm="intercom-mcp", error="${error}", error_description="${detail.replace(/"/g, "'")}"` },
  };
}

// Intercom tokens are base64 text; anything with spaces or controls in it would be refused by Intercom
// anyway, and never reaches a log or a header of ours.
const TOKEN_SYNTAX = /^[\x21-\x7e]{8,4096}$/;

/** The bearer token of a request, or why there is none usable. The token itself never appears in a refusal. */
export function bearerToken(authorization: string | undefined): { token: string } | { refusal: Refusal } {
  if (authorization === undefined || authorization.trim() === '') {
    return { refusal: unauthorized('invalid_request', 'This request has no Authorization header.') };
  }
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization.trim());
  if (!match) {
    // Named only when it is a scheme: a raw secret sent without one is never repeated back.
    const scheme = /^\S+/.exec(authorization.trim())?.[0] ?? '';
    const known = ['Basic', 'Digest', 'Token', 'Negotiate', 'NTLM', 'DPoP', 'Bot'].find((k) => k.toLowerCase() === scheme.toLowerCase());
    const named = known ? ` (got the "${known}" scheme)` : '';
    return { refusal: unauthorized('invalid_request', `The Authorization header is not a bearer token${named}.`) };
  }
  const token = match[1]!;
  if (!TOKEN_SYNTAX.test(token)) return { refusal: unauthorized('invalid_token', 'The bearer token is not an Intercom access token.') };
  return { token };
}

/** The refusal Intercom itself gave: the token is no (longer a) valid token for this region's API. */
export function rejectedToken(region: string): Refusal {
  return unauthorized(
    'invalid_token',
    `Intercom's ${region.toUpperCase()} API does not accept this bearer token (revoked, mistyped, or from a workspace in another region; this server serves ${region.toUpperCase()}).`,
  );
}
