import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  ForbiddenError,
  IntercomError,
  type IntercomErrorKind,
  InvalidRequestError,
  MissingTokenError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  sanitizeUpstreamText,
  TimeoutError,
  UnauthorizedError,
  UnreadableResponseError,
  UpstreamError,
} from '../../src/intercom/errors.js';

describe('error classes', () => {
  const upstream = { code: 'some_code', message: 'Some message', requestId: 'r_abc' };
  const cases: Array<[string, IntercomError, IntercomErrorKind, string, number | undefined]> = [
    ['MissingTokenError', new MissingTokenError(), 'missing_token', 'INTERCOM_ACCESS_TOKEN', undefined],
    ['UnauthorizedError', new UnauthorizedError({ host: 'api.eu.intercom.io', upstream }), 'unauthorized', '--region', 401],
    ['ForbiddenError', new ForbiddenError({ upstream }), 'forbidden', 'Read conversations', 403],
    ['NotFoundError', new NotFoundError({ subject: 'conversation 123', upstream }), 'not_found', 'onversation 123 was not found', 404],
    ['InvalidRequestError', new InvalidRequestError({ status: 422, upstream }), 'invalid_request', 'some_code: Some message', 422],
    ['RateLimitedError', new RateLimitedError({ resetAt: new Date(60_000), now: 30_000, upstream }), 'rate_limited', 'in about 30 s', 429],
    ['UpstreamError', new UpstreamError({ status: 503, attempts: 3, upstream }), 'upstream', 'request id r_abc', 503],
    ['NetworkError', new NetworkError({ host: 'api.au.intercom.io', reason: 'ENOTFOUND' }), 'network', 'api.au.intercom.io (ENOTFOUND)', undefined],
    ['TimeoutError', new TimeoutError({ host: 'api.intercom.io', timeoutMs: 30000 }), 'timeout', '30000 ms', undefined],
    ['UnreadableResponseError', new UnreadableResponseError({ status: 200, reason: 'it is an HTML page, not JSON' }), 'unreadable', 'HTML page', 200],
    ['CancelledError', new CancelledError(), 'cancelled', 'cancelled', undefined],
  ];

  it.each(cases)('%s has its kind, name, status and an actionable message', (name, error, kind, says, status) => {
    expect(error).toBeInstanceOf(IntercomError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toContain(says);
  });

  it('carries Intercom code and request id as fields', () => {
    const error = new UpstreamError({ status: 500, attempts: 1, upstream });
    expect(error.code).toBe('some_code');
    expect(error.requestId).toBe('r_abc');
    expect(error.message).not.toContain('after 1 attempts');
  });

  it('NotFoundError without a subject is generic', () => {
    expect(new NotFoundError().message).toMatch(/^The requested Intercom record was not found/);
  });

  it('RateLimitedError without a reset says to wait a few seconds', () => {
    const error = new RateLimitedError({});
    expect(error.resetAt).toBeUndefined();
    expect(error.message).toContain('Wait a few seconds');
  });
});

describe('sanitizeUpstreamText', () => {
  it.each([
    ['plain', 'Access Token Invalid', 'Access Token Invalid'],
    ['control chars', 'a\u0000b\u001b[31mc\u007f', 'a b [31mc'],
    ['bidi and zero-width', 'ab\u202ecd\u2066e\u200bf\ufeff', 'ab cd e f'],
    ['newlines collapse', 'line1\r\n\n line2\u2028line3', 'line1 line2 line3'],
  ])('%s', (_n, input, output) => {
    expect(sanitizeUpstreamText(input)).toBe(output);
  });

  it('truncates to about 200 characters', () => {
    const out = sanitizeUpstreamText('y'.repeat(1000));
    expect(out).toHaveLength(200);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('InvalidRequestError about the API version', () => {
  it('points at --api-version / INTERCOM_API_VERSION when Intercom rejects the version', () => {
    const error = new InvalidRequestError({ status: 400, upstream: { code: 'intercom_version_invalid', message: 'Bad version' } });
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toMatch(/Intercom-Version header \(HTTP 400\) \(Intercom said: intercom_version_invalid: Bad version\)\. /);
    expect(error.message).toContain('--api-version or INTERCOM_API_VERSION');
    expect(error.message).not.toContain('Fix the query');
  });

  it('keeps the query advice for every other rejection, and for requests never sent', () => {
    expect(new InvalidRequestError({ status: 422, upstream: { code: 'parameter_invalid', message: 'state_version is bad' } }).message).toContain('Fix the query or id');
    expect(new InvalidRequestError({ reason: 'the id is not valid' }).message).toContain('Fix the query or id');
  });
});
