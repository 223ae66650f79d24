import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, closedPort, connect, ERAS, startFake, TOKEN, type RunningFake, type Session } from './harness.js';


// Faults name their path: the one GET /me per process may still be on its way and must not take them.
// Each class of failure the Intercom client knows, through the built server: an isError answer that says
// what went wrong and what to do, no raw upstream body, no token, and a server that keeps answering.
describe.each(ERAS)('error classes end to end (%s era)', (era) => {
  let running: RunningFake;
  let session: Session;
  const texts: string[] = [];

  beforeAll(async () => {
    running = await startFake();
    session = await connect({
      era,
      env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url, INTERCOM_TIMEOUT_MS: '2000' },
    });
  });
  afterEach(() => running.fake.reset());
  afterAll(async () => {
    for (const text of [...texts, session.stderr()]) expect(text).not.toContain(TOKEN);
    await session.close();
    await running.close();
  });

  const failing = async (name: string, args: Record<string, unknown>) => {
    const out = await call(session, name, args);
    texts.push(out.text);
    expect(out.isError).toBe(true);
    expect(out.text).not.toMatch(/<html|<!doctype|"type":\s*"error\.list"/i);
    return out.text;
  };

  it('invalid request (400): Intercom\'s code and message, not its body', async () => {
    const text = await failing('search', { query: 'object_type:contacts role:user starting_after:not-a-cursor' });
    expect(text).toMatch(/400|invalid/i);
  });

  it('rate limited: a reset too far away fails fast and says when to retry', async () => {
    running.fake.inject({ kind: 'rate_limit', resetInSeconds: 120, times: 3, path: '/conversations/' });
    const text = await failing('get_conversation', { id: '1060' });
    expect(text).toMatch(/rate limit/i);
  });

  it('timeout: no answer within --timeout-ms', async () => {
    running.fake.inject({ kind: 'delay', ms: 60_000, times: 1, path: '/conversations/' });
    const text = await failing('get_conversation', { id: '1060' });
    expect(text).toMatch(/did not answer within 2000 ms/);
  });

  it('unreadable: a proxy\'s HTML page or broken JSON', async () => {
    running.fake.inject({ kind: 'html', status: 200, times: 1, path: '/conversations/' });
    expect(await failing('get_conversation', { id: '1060' })).toMatch(/unreadable|not JSON|HTML|could not read/i);
    running.fake.inject({ kind: 'malformed_json', times: 1, path: '/conversations/' });
    expect(await failing('get_conversation', { id: '1060' })).toMatch(/unreadable|not JSON|could not read/i);
  });

  it('and after all that the next call works', async () => {
    const out = await call(session, 'get_conversation', { id: '1060' });
    expect(out.isError).toBe(false);
  });

  it('network: connection refused names the host, never the token', async () => {
    const port = await closedPort();
    const offline = await connect({
      era,
      env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: `http://127.0.0.1:${port}` },
    });
    try {
      const out = await call(offline, 'get_contact', { id: '6762f1000acb1825c460d835' });
      expect(out.isError).toBe(true);
      expect(out.text).toContain('127.0.0.1');
      expect(out.text).not.toContain(TOKEN);
      expect(offline.stderr()).not.toContain(TOKEN);
    } finally {
      await offline.close();
    }
  });
});

describe('protocol negotiation', () => {
  let running: RunningFake;
  beforeAll(async () => {
    running = await startFake();
  });
  afterAll(() => running.close());

  it('a 2025 client lands on the legacy era and a pinned 2026-07-28 client on the modern one', async () => {
    for (const era of ERAS) {
      const session = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url } });
      try {
        expect(session.client.getProtocolEra()).toBe(era);
        expect(session.client.getServerVersion()?.name).toBe('intercom-mcp');
      } finally {
        await session.close();
      }
    }
  });
});
