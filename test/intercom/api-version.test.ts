// A bad --api-version / INTERCOM_API_VERSION: syntactically fine (9.99), so the config takes it, and Intercom
// answers 400 `intercom_version_invalid` (the code of the 2.16 description and of Intercom's own SDKs). The
// answer must point at the setting, not at the query or id.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IntercomClient } from '../../src/intercom/client.js';
import { IntercomError, InvalidRequestError } from '../../src/intercom/errors.js';

const BASE = 'https://api.intercom.io';
const TOKEN = 'dG9rOnZlcnNpb25fdGVzdF90b2tlbl85ODc2NTQzMjE=';

const server = setupServer();
const versions: Array<string | null> = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => versions.push(request.headers.get('intercom-version')));
});
afterEach(() => {
  server.resetHandlers();
  versions.length = 0;
});
afterAll(() => server.close());

function client(apiVersion: string): IntercomClient {
  return new IntercomClient({ baseUrl: BASE, apiVersion, timeoutMs: 2000, userAgent: 'test', getToken: () => TOKEN, retryBaseMs: 1, maxRetryWaitMs: 50 });
}

async function failure(promise: Promise<unknown>): Promise<IntercomError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IntercomError);
    return error as IntercomError;
  }
  throw new Error('expected the call to fail');
}

const rejectVersion = (code: string, message: string) =>
  http.get(`${BASE}/conversations/:id`, () =>
    HttpResponse.json({ type: 'error.list', request_id: 'r1', errors: [{ code, message }] }, { status: 400 }),
  );

describe('an API version Intercom does not accept', () => {
  it.each([
    ['intercom_version_invalid', 'The requested version is invalid'],
    ['intercom_version_invalid', 'Requested resource is not available in current API version.'],
    ['api_version_invalid', 'Unsupported API version'],
  ])('400 %s: the answer says to fix --api-version / INTERCOM_API_VERSION, not the query', async (code, message) => {
    server.use(rejectVersion(code, message));
    const error = await failure(client('9.99').getConversation('1060'));
    expect(versions).toEqual(['9.99']);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400, code });
    expect(error.message).toMatch(/^Intercom did not accept the API version this server asks for in its Intercom-Version header \(HTTP 400\)/);
    expect(error.message).toContain(`Intercom said: ${code}: ${message}`);
    expect(error.message).toContain('--api-version or INTERCOM_API_VERSION');
    expect(error.message).toContain('or 2.16 when neither is set');
    expect(error.message).not.toContain('Fix the query');
    expect(error.message).not.toContain(TOKEN);
  });

  it('a 400 without a code but about the API version is read the same way', async () => {
    server.use(
      http.get(`${BASE}/conversations/:id`, () => HttpResponse.json({ type: 'error.list', errors: [{ message: 'Invalid Intercom-Version' }] }, { status: 400 })),
    );
    const error = await failure(client('9.99').getConversation('1060'));
    expect(error.message).toContain('--api-version or INTERCOM_API_VERSION');
  });

  it('any other 400 still asks to fix the query or id', async () => {
    server.use(rejectVersion('parameter_invalid', 'Search query is invalid'));
    const error = await failure(client('2.16').getConversation('1060'));
    expect(error.message).toContain('Fix the query or id');
    expect(error.message).not.toContain('--api-version');
  });
});
