import { describe, expect, it } from 'vitest';
import { IntercomClient, type IntercomClientOptions } from '../../src/intercom/client.js';
import { CancelledError } from '../../src/intercom/errors.js';
import { figure } from './figures.js';

const TOKEN = 'tok_limits_0123456789abcdef';

interface Pending {
  url: string;
  signal: AbortSignal | undefined;
  respond(headers?: Record<string, string>): void;
}

/** A fetch that answers only when told to, so what is in flight can be counted exactly. */
function heldFetch() {
  const pending: Pending[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let started = 0;
  const fetch: typeof globalThis.fetch = (input, init) => {
    started++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const request = new Request(input, init);
    return new Promise<Response>((resolve, reject) => {
      const { signal } = request;
      signal.addEventListener('abort', () => {
        inFlight--;
        reject(signal.reason);
      }, { once: true });
      pending.push({
        url: request.url,
        signal,
        respond(headers = {}) {
          inFlight--;
          resolve(new Response(JSON.stringify({ type: 'conversation', id: '1' }), { status: 200, headers: { 'content-type': 'application/json', ...headers } }));
        },
      });
    });
  };
  return {
    fetch,
    pending,
    stats: () => ({ inFlight, maxInFlight, started }),
  };
}

function client(fetch: typeof globalThis.fetch, overrides: Partial<IntercomClientOptions> = {}): IntercomClient {
  return new IntercomClient({
    baseUrl: 'https://api.intercom.io',
    apiVersion: '2.16',
    timeoutMs: 60_000,
    userAgent: 'test',
    getToken: () => TOKEN,
    retryBaseMs: 1,
    maxRetryWaitMs: 60_000,
    fetch,
    ...overrides,
  });
}

/** Let queued microtasks and timers of 0 ms run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await settle();
  expect(condition()).toBe(true);
}

describe('the client keeps a few requests in flight at most', () => {
  it('20 parallel calls: never more than 4 on the wire, all answered, in order of arrival', async () => {
    figure('client limits', 1);
    const held = heldFetch();
    const c = client(held.fetch);
    const calls = Array.from({ length: 20 }, (_, i) => c.getConversation(String(i + 1)));
    await until(() => held.pending.length === 4);
    await settle();
    expect(held.stats().started).toBe(4);
    // Answer one at a time: each answer lets exactly one queued call start.
    for (let answered = 0; answered < 20; answered++) {
      await until(() => held.pending.length > answered);
      held.pending[answered]!.respond();
    }
    const results = await Promise.all(calls);
    expect(results).toHaveLength(20);
    expect(held.stats().maxInFlight).toBe(4);
    expect(held.pending.map((p) => new URL(p.url).pathname)).toEqual(Array.from({ length: 20 }, (_, i) => `/conversations/${i + 1}`));
  });

  it('a call cancelled while queued never reaches the wire and frees nothing it did not take', async () => {
    figure('client limits', 1);
    const held = heldFetch();
    const c = client(held.fetch, { maxConcurrent: 1 });
    const first = c.getConversation('1');
    const abort = new AbortController();
    const queued = c.getConversation('2', { signal: abort.signal });
    const third = c.getConversation('3');
    await until(() => held.pending.length === 1);
    abort.abort();
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    held.pending[0]!.respond();
    await first;
    await until(() => held.pending.length === 2);
    expect(new URL(held.pending[1]!.url).pathname).toBe('/conversations/3');
    held.pending[1]!.respond();
    await third;
    expect(held.stats().started).toBe(2);
  });
});

/** The call stays off the wire (only the first request was ever sent) until it is cancelled. */
async function expectHeldUntilCancelled(held: ReturnType<typeof heldFetch>, abort: AbortController, call: Promise<unknown>): Promise<void> {
  await settle();
  await settle();
  expect(held.stats().started).toBe(1);
  abort.abort();
  await expect(call).rejects.toBeInstanceOf(CancelledError);
  expect(held.stats().started).toBe(1);
}

describe('the client slows down when the rate-limit budget is spent', () => {
  it('a wire that ignores the abort does not keep its slot: after a timeout the queued call goes out', async () => {
    figure('client limits', 1);
    let calls = 0;
    // The first exchange never settles, whatever its signal says; the second answers at once.
    const deaf: typeof globalThis.fetch = () => {
      calls++;
      if (calls === 1) return new Promise<Response>(() => {});
      return Promise.resolve(new Response(JSON.stringify({ type: 'conversation', id: '2' }), { status: 200, headers: { 'content-type': 'application/json' } }));
    };
    const c = client(deaf, { maxConcurrent: 1, timeoutMs: 50 });
    const first = c.getConversation('1').then(() => 'answered', (error: Error) => error.name);
    const second = c.getConversation('2');
    expect(await first).toBe('TimeoutError');
    await expect(second).resolves.toMatchObject({ id: '2' });
    expect(calls).toBe(2);
  });

  it('X-RateLimit-Remaining: 0 holds the next request until X-RateLimit-Reset (nothing is sent meanwhile)', async () => {
    figure('client limits', 1);
    const held = heldFetch();
    const c = client(held.fetch);
    const first = c.getConversation('1');
    await until(() => held.pending.length === 1);
    const reset = Math.ceil(Date.now() / 1000) + 30;
    held.pending[0]!.respond({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset), 'X-RateLimit-Limit': '10000' });
    await first;
    const abort = new AbortController();
    await expectHeldUntilCancelled(held, abort, c.getConversation('2', { signal: abort.signal }));
  });

  it('a call already queued behind the answer that spent the budget waits for the reset too', async () => {
    figure('client limits', 1);
    const held = heldFetch();
    const c = client(held.fetch, { maxConcurrent: 1 });
    const first = c.getConversation('1');
    const abort = new AbortController();
    const queued = c.getConversation('2', { signal: abort.signal });
    await until(() => held.pending.length === 1);
    held.pending[0]!.respond({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 30) });
    await first;
    await expectHeldUntilCancelled(held, abort, queued);
  });

  it('the wait is bounded: a reset beyond maxRetryWaitMs is not waited for', async () => {
    figure('client limits', 1);
    const held = heldFetch();
    const c = client(held.fetch, { maxRetryWaitMs: 1_000 });
    const first = c.getConversation('1');
    await until(() => held.pending.length === 1);
    held.pending[0]!.respond({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 3600) });
    await first;
    const second = c.getConversation('2');
    await until(() => held.pending.length === 2);
    held.pending[1]!.respond();
    await second;
  });

  it('a remaining budget, or a reset already past, does not slow anything down', async () => {
    figure('client limits', 1);
    const held = heldFetch();
    const c = client(held.fetch);
    const first = c.getConversation('1');
    await until(() => held.pending.length === 1);
    held.pending[0]!.respond({ 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 30) });
    await first;
    const second = c.getConversation('2');
    await until(() => held.pending.length === 2);
    held.pending[1]!.respond({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) - 5) });
    await second;
    const third = c.getConversation('3');
    await until(() => held.pending.length === 3);
    held.pending[2]!.respond();
    await third;
  });
});
