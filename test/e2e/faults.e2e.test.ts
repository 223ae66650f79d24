// A flaky upstream end to end: faults injected into the loopback fake, calls made through the built server.
// Each scenario ends with the right answer after a bounded number of attempts, or a clear isError after a
// bounded number of attempts; and the next call works. Attempts are counted, wall time is not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/demo/emulator.js';
import { figure } from '../reliability/figures.js';
import { call, closedPort, connect, ERAS, startFake, TOKEN, type RunningFake, type Session } from './harness.js';

// Generous enough that a call meant to succeed never times out on a loaded machine; delay faults outlast
// it by far, and the fake drops a delayed request as soon as the client gives up, so no test waits for them.
const TIMEOUT_MS = 2_000;
const MAX_ATTEMPTS = 3;

const SEARCH = '/contacts/search';
const search = { tool: 'search', args: { query: 'object_type:contacts role:lead' }, path: SEARCH };
// Each record scenario reads its own conversation, so they run concurrently without meeting each other's faults.
let nextConversation = 1030;
function conv(): { tool: string; args: Record<string, unknown>; path: string } {
  const id = String(nextConversation++);
  return { tool: 'get_conversation', args: { id }, path: `/conversations/${id}` };
}

interface Scenario {
  name: string;
  /** Faults for the scenario's path; each is used up by the scenario (none is left for the next call). */
  faults: Fault[];
  tool: string;
  args: Record<string, unknown>;
  path: string;
  /** 'ok': the right answer despite the faults; otherwise the isError text must match. */
  expect: 'ok' | RegExp;
  /** Exact number of HTTP attempts on the scenario's path. */
  attempts: number;
}

const NO_RESET = { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '0' };

const RECORD_SCENARIOS: Scenario[] = [
  { name: '429 with X-RateLimit-Reset 1 s ahead: waits for the reset, then answers', faults: [{ kind: 'rate_limit', resetInSeconds: 1 }], ...conv(), expect: 'ok', attempts: 2 },
  { name: '429 with a reset 2 minutes ahead: fails fast and says when', faults: [{ kind: 'rate_limit', resetInSeconds: 120 }], ...conv(), expect: /rate limit.*resets at/is, attempts: 1 },
  { name: '429 without a usable reset, again and again: gives up after the bounded retries', faults: [{ kind: 'status', status: 429, times: MAX_ATTEMPTS, headers: NO_RESET }], ...conv(), expect: /rate limit/i, attempts: MAX_ATTEMPTS },
  { name: 'one 503: retried once, then answers', faults: [{ kind: 'status', status: 503 }], ...conv(), expect: 'ok', attempts: 2 },
  { name: 'a burst of 500 then 502: retried, then answers', faults: [{ kind: 'status', status: 500 }, { kind: 'status', status: 502 }], ...conv(), expect: 'ok', attempts: 3 },
  { name: '500, 502, 503 in a row: a clear error after the bounded retries', faults: [{ kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 503 }], ...conv(), expect: /server error \(HTTP 503\) after 3 attempts/, attempts: MAX_ATTEMPTS },
  { name: 'a response slower than the timeout: a timeout error, not retried', faults: [{ kind: 'delay', ms: 60_000 }], ...conv(), expect: new RegExp(`did not answer within ${TIMEOUT_MS} ms`), attempts: 1 },
  { name: 'a connection cut mid-body once: retried, then answers', faults: [{ kind: 'cut' }], ...conv(), expect: 'ok', attempts: 2 },
  { name: 'a connection cut mid-body every time: a network error after the bounded retries', faults: [{ kind: 'cut', times: MAX_ATTEMPTS }], ...conv(), expect: /Could not reach Intercom.*after 3 attempts/, attempts: MAX_ATTEMPTS },
  { name: 'malformed JSON: unreadable, not retried', faults: [{ kind: 'malformed_json' }], ...conv(), expect: /could not be read.*not JSON/, attempts: 1 },
  { name: 'an HTML 502 page from a proxy: retried, then answers', faults: [{ kind: 'html', status: 502 }], ...conv(), expect: 'ok', attempts: 2 },
  { name: 'an HTML 503 page every time: a clear error without the page', faults: [{ kind: 'html', status: 503, times: MAX_ATTEMPTS }], ...conv(), expect: /server error \(HTTP 503\)/, attempts: MAX_ATTEMPTS },
  { name: 'an HTML page with status 200 (captive portal): unreadable', faults: [{ kind: 'html', status: 200 }], ...conv(), expect: /HTML page, not JSON/, attempts: 1 },
  { name: 'a 200 with an unexpected shape: unreadable, not an empty record', faults: [{ kind: 'unexpected_shape' }], ...conv(), expect: /could not be read.*has no id/, attempts: 1 },
];

// Searches share one path, so these run one after the other.
const SEARCH_SCENARIOS: Scenario[] = [
  { name: 'search: a burst of 502 then 503: retried, then answers', faults: [{ kind: 'status', status: 502 }, { kind: 'status', status: 503 }], ...search, expect: 'ok', attempts: 3 },
  { name: 'search: a cut connection: retried, then answers', faults: [{ kind: 'cut' }], ...search, expect: 'ok', attempts: 2 },
  { name: 'search: malformed JSON: unreadable', faults: [{ kind: 'malformed_json' }], ...search, expect: /could not be read.*not JSON/, attempts: 1 },
  { name: 'search: a 200 with an unexpected shape: unreadable', faults: [{ kind: 'unexpected_shape' }], ...search, expect: /could not be read/, attempts: 1 },
  { name: 'search: a 200 whose list is not a list: unreadable', faults: [{ kind: 'status', status: 200, body: { type: 'list', data: { not: 'a list' } } }], ...search, expect: /"data" is not a list/, attempts: 1 },
  { name: 'search: slower than the timeout', faults: [{ kind: 'delay', ms: 60_000 }], ...search, expect: /did not answer within/, attempts: 1 },
];


describe.each(ERAS)('fault injection end to end (%s era)', (era) => {
  let running: RunningFake;
  let session: Session;
  const produced: string[] = [];

  beforeAll(async () => {
    running = await startFake();
    session = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url, INTERCOM_TIMEOUT_MS: String(TIMEOUT_MS) } });
    // Warm up: /me (for links) is fetched once; faults then only meet the calls under test.
    expect((await call(session, 'get_conversation', { id: '1060' })).isError).toBe(false);
  });
  afterAll(async () => {
    for (const text of [...produced, session.stderr()]) expect(text).not.toContain(TOKEN);
    await session.close();
    await running.close();
  });

  async function check(scenario: Scenario): Promise<void> {
    figure('fault scenarios', 1);
    const attemptsSoFar = () => running.fake.requests.filter((r) => r.path === scenario.path).length;
    const before = attemptsSoFar();
    for (const fault of scenario.faults) running.fake.inject({ ...fault, path: scenario.path });
    const out = await call(session, scenario.tool, scenario.args);
    produced.push(out.text);
    const attempts = attemptsSoFar() - before;
    if (scenario.expect === 'ok') {
      expect(out.isError, out.text).toBe(false);
      if (scenario.tool === 'get_conversation') expect(out.structured).toMatchObject({ id: scenario.args.id });
      else expect((out.structured as { results: unknown[] }).results.length).toBeGreaterThan(0);
    } else {
      expect(out.isError, out.text).toBe(true);
      expect(out.text).toMatch(scenario.expect);
      // Raw upstream bodies never pass through.
      expect(out.text).not.toMatch(/<html|<center|nginx|"type":\s*"error\.list"|"conversations":\[/i);
    }
    expect(attempts).toBe(scenario.attempts);
    expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
    // The next call works: every fault was used up.
    const next = await call(session, scenario.tool, scenario.args);
    expect(next.isError, next.text).toBe(false);
  }

  // The legacy era runs every scenario; the modern era a sample (the HTTP side is the same; this checks that
  // retries and errors come back through the other protocol era as well).
  const sample = (list: Scenario[]) => (era === 'legacy' ? list : list.filter((s) => /^(one 503|malformed JSON|a response slower)/.test(s.name)));

  // First, while no abandoned request lingers in the fake.
  if (era === 'legacy') it('20 calls at once: Intercom never sees more than 4 requests in flight, and all are answered', async () => {
    figure('fault scenarios', 1);
    running.fake.reset();
    expect(running.fake.inFlight).toBe(0);
    // Every answer takes a while, so the calls pile up at the client.
    const ids = Array.from({ length: 20 }, (_, i) => String(1001 + i));
    for (const id of ids) running.fake.inject({ kind: 'delay', ms: 100, path: `/conversations/${id}` });
    const outs = await Promise.all(ids.map((id) => call(session, 'get_conversation', { id })));
    expect(outs.filter((o) => o.isError).map((o) => o.text)).toEqual([]);
    expect(running.fake.maxInFlight).toBe(4);
  });

  describe.concurrent('records (each its own conversation, concurrently)', () => {
    it.each(sample(RECORD_SCENARIOS).map((s) => [s.name, s] as const))('%s; the next call works', async (_name, scenario) => {
      await check(scenario);
    });
  });

  if (era !== 'legacy') return;

  describe('searches', () => {
    it.each(SEARCH_SCENARIOS.map((s) => [s.name, s] as const))('%s; the next call works', async (_name, scenario) => {
      await check(scenario);
    });
  });

  it('connection refused: a clear network error naming the host, after the bounded retries', async () => {
    figure('fault scenarios', 1);
    const port = await closedPort();
    const offline = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: `http://127.0.0.1:${port}` } });
    try {
      const out = await call(offline, 'search', { query: 'object_type:contacts role:lead' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(new RegExp(`Could not reach Intercom at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) after 3 attempts`));
      // And the server keeps answering (a call that needs no network).
      const bad = await call(offline, 'search', { query: 'nonsense' });
      expect(bad.isError).toBe(true);
      expect(bad.text).toMatch(/object_type|not a term/);
      expect(offline.stderr()).not.toContain(TOKEN);
    } finally {
      await offline.close();
    }
  });
});
