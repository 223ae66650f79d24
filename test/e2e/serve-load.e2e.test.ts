import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startFake, type RunningFake } from './harness.js';
import { callTool, httpClient, sseClient, startServe, type Served } from './serve-harness.js';

// Issue 17's load requirement: 50 clients at once against the built `serve` and the loopback fake, ten
// callers (tokens) with five clients each, ten calls per client. Nothing lost, every answer the right
// one, each token only on its own caller's Intercom requests, memory bounded, the server healthy after.
// No timing assertions: throughput and latency are tracked by `npm run bench`.
const CALLERS = 10;
const CLIENTS_PER_CALLER = 5;
const CALLS_PER_CLIENT = 10;
/** Resident memory allowed at the end: generous (the bench tracks the real figure, ~100-200 MB). */
const RSS_BOUND_MB = 400;

const tokens = Array.from({ length: CALLERS }, (_, i) => Buffer.from(`load-caller-${i}-token-for-tests-only-${'x'.repeat(i)}`).toString('base64url'));

type Transport = 'legacy' | 'modern' | 'sse';
/** Per caller: two 2025-era clients, two pinned to 2026-07-28, one over legacy SSE. */
const TRANSPORTS: Transport[] = ['legacy', 'legacy', 'modern', 'modern', 'sse'];

let running: RunningFake;
let served: Served;

beforeAll(async () => {
  running = await startFake({ tokens });
  served = await startServe(['--base-url', running.url]);
});
afterAll(async () => {
  const { code } = await served.stop();
  expect(code).toBe(0);
  for (const token of tokens) expect(served.stderr()).not.toContain(token);
  await running.close();
});

/** The records a caller reads: its own, so every Intercom request they cause is attributable to it. */
function recordsOf(caller: number): { contact: string; email: string; conversation: string } {
  const { contacts, conversations } = running.fake.workspace;
  const contact = contacts.filter((c) => c.email)[caller]!;
  return { contact: contact.id, email: contact.email!, conversation: conversations[caller]!.id };
}

function connect(transport: Transport, token: string): Promise<Client> {
  return transport === 'sse' ? sseClient(served.base, token) : httpClient(served.url, { era: transport, token });
}

/** One client's ten calls, one after another, each checked for the right answer; the count answered. */
async function drive(client: Client, caller: number): Promise<number> {
  const own = recordsOf(caller);
  let answered = 0;
  for (let i = 0; i < CALLS_PER_CLIENT; i++) {
    switch (i % 4) {
      case 0: {
        const out = await callTool(client, 'get_contact', { id: own.contact });
        expect(out.isError, out.text).toBe(false);
        expect(out.structured?.id).toBe(own.contact);
        break;
      }
      case 1: {
        const out = await callTool(client, 'get_conversation', { id: own.conversation });
        expect(out.isError, out.text).toBe(false);
        expect(out.structured?.id).toBe(own.conversation);
        break;
      }
      case 2: {
        const out = await callTool(client, 'search_contacts', { email: own.email });
        expect(out.isError, out.text).toBe(false);
        const ids = (out.structured as { results: Array<{ id: string }> }).results.map((r) => r.id);
        expect(ids).toEqual([`contact_${own.contact}`]);
        break;
      }
      default: {
        const out = await callTool(client, 'fetch', { id: `conversation_${own.conversation}` });
        expect(out.isError, out.text).toBe(false);
        expect(out.structured?.id).toBe(`conversation_${own.conversation}`);
      }
    }
    answered++;
  }
  return answered;
}

/** The server process's resident memory in MB, where /proc tells it (Linux); undefined elsewhere. */
function rssMb(pid: number): number | undefined {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb > 0 ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

describe('serve under load: 50 clients, 10 calls each', () => {
  it('answers every call rightly, keeps tokens apart, stays within memory, and keeps serving', { timeout: 120_000 }, async () => {
    running.fake.reset();
    const jobs = tokens.flatMap((token, caller) =>
      TRANSPORTS.map(async (transport) => {
        const client = await connect(transport, token);
        try {
          return await drive(client, caller);
        } finally {
          await client.close();
        }
      }),
    );
    expect(jobs.length).toBe(50);
    const settled = await Promise.allSettled(jobs);
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason).slice(0, 300)] : []));
    expect(failures).toEqual([]);
    const answered = settled.reduce((sum, s) => sum + (s.status === 'fulfilled' ? s.value : 0), 0);
    expect(answered).toBe(50 * CALLS_PER_CLIENT);

    // Token isolation: every request the fake saw for a caller's records carried that caller's token.
    for (const [caller, token] of tokens.entries()) {
      const own = recordsOf(caller);
      const mine = running.fake.requests.filter(
        (r) =>
          r.path === `/contacts/${own.contact}` ||
          r.path.startsWith(`/conversations/${own.conversation}`) ||
          (r.path === '/contacts/search' && JSON.stringify(r.body).includes(own.email)),
      );
      // 5 clients x 10 calls, each at least one request for the caller's own records.
      expect(mine.length, `caller ${caller}`).toBeGreaterThanOrEqual(CLIENTS_PER_CALLER * CALLS_PER_CLIENT);
      for (const r of mine) expect(r.headers['authorization'], `caller ${caller} ${r.method} ${r.path}`).toBe(`Bearer ${token}`);
    }
    // Each caller's token was checked with Intercom once (GET /me), its five clients' first requests
    // sharing the check, whose answer also gave the links: no call asked again.
    const checks = running.fake.requests.filter((r) => r.path === '/me');
    expect(checks.length).toBe(CALLERS);
    expect(new Set(checks.map((r) => r.headers['authorization'])).size).toBe(CALLERS);
    // And no request went out without one of the callers' tokens.
    const sent = new Set(running.fake.requests.map((r) => r.headers['authorization']));
    expect([...sent].sort()).toEqual(tokens.map((t) => `Bearer ${t}`).sort());

    const rss = rssMb(served.child.pid!);
    if (rss !== undefined) expect(rss).toBeLessThan(RSS_BOUND_MB);

    // Still healthy: /healthz, and a fresh client's call answered.
    const health = await fetch(`${served.base}/healthz`);
    expect(health.status).toBe(200);
    const after = await httpClient(served.url, { era: 'modern', token: tokens[0]! });
    try {
      const out = await callTool(after, 'get_contact', { id: recordsOf(0).contact });
      expect(out.isError, out.text).toBe(false);
    } finally {
      await after.close();
    }
  });
});
