import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, call, connect, ERAS, startFake, TOKEN, type RunningFake } from './harness.js';
import { TOOLS } from '../../src/tools/index.js';

function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    input: '',
    timeout: 10_000,
  });
}

describe('the CLI', () => {
  it('--version prints the package version', () => {
    const out = runCli(['--version']);
    expect(out.status).toBe(0);
    expect(out.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--help describes the options and the token', () => {
    const out = runCli(['--help']);
    expect(out.status).toBe(0);
    for (const word of ['--region', '--base-url', '--api-version', '--timeout-ms', '--profile', 'INTERCOM_ACCESS_TOKEN', 'intercom-mcp login', 'logout', 'status']) {
      expect(out.stdout).toContain(word);
    }
  });

  it('refuses plain http to a non-loopback host, before serving anything', () => {
    const out = runCli(['--base-url', 'http://api.example.com'], { INTERCOM_ACCESS_TOKEN: TOKEN });
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/plain http/);
    expect(out.stderr).not.toContain(TOKEN);
  });

  it('takes --region in any case, as INTERCOM_REGION does', () => {
    const out = runCli(['--region', 'EU', '--base-url', 'http://api.example.com']);
    // Past the region check: refused for the plain-http base URL, not for the region.
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/plain http/);
  });

  it('refuses an unknown region with the valid choices', () => {
    const out = runCli(['--region', 'mars']);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/us, eu, au|us", "eu", "au/);
  });

  it.each<[string[], Record<string, string>, RegExp]>([
    [['--region', 'mars'], {}, /--region/],
    [[], { INTERCOM_REGION: 'mars' }, /^intercom-mcp: INTERCOM_REGION "mars" is not a region; use one of: us, eu, au\n$/],
    [['--timeout-ms', 'soon'], {}, /^intercom-mcp: --timeout-ms "soon" must be/],
    [[], { INTERCOM_TIMEOUT_MS: 'soon' }, /^intercom-mcp: INTERCOM_TIMEOUT_MS "soon" must be/],
    [['--api-version', 'latest'], {}, /^intercom-mcp: --api-version "latest" is not an Intercom API version/],
    [[], { INTERCOM_API_BASE_URL: 'not a url' }, /^intercom-mcp: INTERCOM_API_BASE_URL "not a url" is not a URL/],
  ])('a bad setting (%j %j) is refused naming where it came from', (args, env, message) => {
    const out = runCli(args, env);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
  });

  it('exits promptly when stdin closes', () => {
    // spawnSync's own timeout (10 s) kills a server that hangs on: status would then be null.
    const out = runCli([]);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('');
  });
});

describe('stdout carries JSON-RPC only', () => {
  let running: RunningFake;
  beforeAll(async () => {
    running = await startFake();
  });
  afterAll(() => running.close());

  it('every line the server writes parses as a JSON-RPC message, even through errors', async () => {
    const child = spawn(process.execPath, [BIN], {
      env: { PATH: process.env.PATH ?? '', INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const send = (msg: object) => child.stdin.write(`${JSON.stringify(msg)}\n`);
    const waitFor = async (id: number) => {
      for (let i = 0; i < 200 && !stdout.split('\n').some((l) => l.includes(`"id":${id}`)); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    await waitFor(1);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search', arguments: { query: 'object_type:contacts role:lead' } } });
    send({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'search', arguments: { query: 'nonsense' } } });
    send({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'fetch', arguments: { id: 'conversation_1060' } } });
    send({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'get_contact', arguments: { id: 'contact_000000000000000000000000' } } });
    // The fetch may answer last: the first read of the process also asks the directory for names.
    for (const id of [3, 4, 5, 6]) await waitFor(id);
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);

    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      const msg = JSON.parse(line) as { jsonrpc?: string };
      expect(msg.jsonrpc).toBe('2.0');
    }
    const ids = lines.map((l) => (JSON.parse(l) as { id?: number }).id);
    expect(ids).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6]));
    expect(stdout + stderr).not.toContain(TOKEN);
  });
});

describe.each(ERAS)('configuration end to end (%s era)', (era) => {
  let running: RunningFake;
  beforeAll(async () => {
    running = await startFake();
  });
  afterAll(() => running.close());

  it('with no token the server starts, lists tools, and each call says how to get one', async () => {
    const session = await connect({ era, env: { INTERCOM_API_BASE_URL: running.url } });
    try {
      const { tools } = await session.client.listTools();
      expect(tools).toHaveLength(TOOLS.length);
      const out = await call(session, 'search', { query: 'object_type:conversations state:open' });
      expect(out.isError).toBe(true);
      expect(out.text).toContain('INTERCOM_ACCESS_TOKEN');
      expect(out.text).toMatch(/Developer Hub/);
      expect(running.fake.requests).toHaveLength(0);
    } finally {
      await session.close();
    }
  });

  it('a wrong token is a clear 401 answer that does not echo the token', async () => {
    const wrong = 'wrong-token-abcdefghijklmnop';
    const session = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: wrong, INTERCOM_API_BASE_URL: running.url } });
    try {
      const out = await call(session, 'get_conversation', { id: '1060' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/token/i);
      expect(out.text).not.toContain(wrong);
      expect(session.stderr()).not.toContain(wrong);
    } finally {
      await session.close();
    }
  });

  it('--region eu links into the EU web app and --api-version sets the header', async () => {
    running.fake.reset();
    const session = await connect({
      era,
      env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url },
      args: ['--region', 'eu', '--api-version', '2.15'],
    });
    try {
      const out = await call(session, 'fetch', { id: 'conversation_1060' });
      expect(out.isError).toBe(false);
      expect((out.structured as { url?: string }).url).toMatch(/^https:\/\/app\.eu\.intercom\.com\//);
      expect(running.fake.requests.every((r) => r.headers['intercom-version'] === '2.15')).toBe(true);
    } finally {
      await session.close();
    }
  });
});
