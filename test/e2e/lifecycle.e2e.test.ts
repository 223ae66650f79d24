// Lifecycle end to end: stdin closed, SIGINT or SIGTERM while a call is in flight: the in-flight HTTP request
// is aborted (the fake sees its connection go) and the process exits 0. A cancelled MCP request aborts its
// HTTP call too. And an old Node gets one clear line and exit 1.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../reliability/figures.js';
import { startObservedFake, type ObservedFake } from '../reliability/observed-fake.js';
import { spawnServer } from '../reliability/raw-stdio.js';
import { BIN, connect, ERAS, TOKEN } from './harness.js';

const CONV = '/conversations/1060';
// Far longer than any test may take: the call can only end by being aborted.
const HELD_MS = 600_000;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('shutdown with a call in flight', () => {
  let observed: ObservedFake;
  const exitMs: Record<string, number> = {};

  beforeAll(async () => {
    observed = await startObservedFake({ token: TOKEN });
  });
  afterAll(async () => {
    // Measured, not asserted (no timed assertions): reported by the suite's figures.
    process.stderr.write(`[lifecycle] exit after stop: ${JSON.stringify(exitMs)} ms\n`);
    await observed.close();
  });

  const stops: Array<[string, (child: ReturnType<typeof spawnServer>['child']) => void]> = [
    ['stdin closed', (child) => child.stdin.end()],
    ['SIGINT', (child) => child.kill('SIGINT')],
    ['SIGTERM', (child) => child.kill('SIGTERM')],
  ];
  it.each(stops)('%s: the in-flight request is aborted and the process exits 0', async (name, stop) => {
    figure('lifecycle cases', 1);
    const server = spawnServer({ INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: observed.url });
    await server.initialize();
    // Warm up /me so the only request left in flight is the held one.
    await server.call(1, 'get_conversation', { id: '1060' });
    observed.aborted.length = 0;
    observed.started.length = 0;
    observed.fake.inject({ kind: 'delay', ms: HELD_MS, path: CONV });
    server.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_conversation', arguments: { id: '1060' } } });
    await until(() => observed.started.includes(CONV), 'the request to reach the fake');

    const stoppedAt = Date.now();
    stop(server.child);
    const exit = await server.exited;
    exitMs[name] = exit.at - stoppedAt;
    expect(exit).toMatchObject({ code: 0, signal: null });
    await until(() => observed.aborted.includes(CONV), 'the fake to see the abort');
    for (const m of server.messages()) expect(m.jsonrpc).toBe('2.0');
    expect(server.stdout() + server.stderr()).not.toContain(TOKEN);
    observed.fake.reset();
  });
});

describe.each(ERAS)('cancellation (%s era)', (era) => {
  let observed: ObservedFake;
  beforeAll(async () => {
    observed = await startObservedFake({ token: TOKEN });
  });
  afterAll(() => observed.close());

  it('a cancelled tools/call (notifications/cancelled) aborts its HTTP request, and the next call works', async () => {
    figure('lifecycle cases', 1);
    const session = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: observed.url } });
    try {
      await session.client.callTool({ name: 'get_conversation', arguments: { id: '1060' } });
      observed.aborted.length = 0;
      observed.started.length = 0;
      observed.fake.inject({ kind: 'delay', ms: HELD_MS, path: CONV });
      const abort = new AbortController();
      const pending = session.client.callTool({ name: 'get_conversation', arguments: { id: '1060' } }, { signal: abort.signal });
      await until(() => observed.started.includes(CONV), 'the request to reach the fake');
      abort.abort();
      await expect(pending).rejects.toThrow();
      await until(() => observed.aborted.includes(CONV), 'the fake to see the abort');
      const next = await session.client.callTool({ name: 'get_conversation', arguments: { id: '1060' } });
      expect(next.isError).toBeFalsy();
      expect(session.stderr()).not.toContain(TOKEN);
    } finally {
      await session.close();
    }
  });
});

describe('an old Node', () => {
  it('gets one clear line naming the needed version, and exit 1', () => {
    figure('lifecycle cases', 1);
    // Preloaded before the shim: Node reports itself as 18.
    const fake18 = 'data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"18.19.0"}})';
    const out = spawnSync(process.execPath, ['--import', fake18, BIN], { encoding: 'utf8', input: '', timeout: 10_000, env: { PATH: process.env.PATH ?? '' } });
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    const lines = out.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/needs Node\.js 20 or newer; this is Node\.js 18\.19\.0/);
  });
});
