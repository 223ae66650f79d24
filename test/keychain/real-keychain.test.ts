// The real OS keychain, through the built CLI: a Secret Service (gnome-keyring) on a private D-Bus session
// with a throwaway, unlocked keyring in a temporary HOME. `.ci/run` sets that up and runs this file with
// INTERCOM_MCP_REAL_KEYCHAIN=1 (see .ci/real-keychain); anywhere else it is skipped, and it refuses to run
// against anything but a temporary HOME, so a real user's keyring is never touched.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, call, connect, startFake, TOKEN, type RunningFake } from '../e2e/harness.js';

const REAL = process.env.INTERCOM_MCP_REAL_KEYCHAIN === '1';

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>, input = ''): Promise<Ran> {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill(), 30_000);
  return new Promise((resolve) =>
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

describe.runIf(REAL)('the real OS keychain (Secret Service on a throwaway D-Bus session)', () => {
  let fake: RunningFake;
  let env: Record<string, string>;
  const outputs: string[] = [];
  const cli = async (args: string[], input = '') => {
    const out = await run(process.execPath, [BIN, ...args], env, input);
    outputs.push(out.stdout + out.stderr);
    return out;
  };
  const secretTool = (...args: string[]) => run('secret-tool', args, env);
  const file = () => join(env.XDG_CONFIG_HOME!, 'intercom-mcp', 'credentials.json');

  beforeAll(async () => {
    const home = process.env.HOME ?? '';
    if (!home.startsWith(tmpdir()) || !process.env.DBUS_SESSION_BUS_ADDRESS) {
      throw new Error(`refusing to use a keyring outside a temporary HOME on a private D-Bus session (HOME=${home})`);
    }
    fake = await startFake();
    env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    };
  });
  afterAll(async () => {
    await fake?.close();
    for (const text of outputs) expect(text).not.toContain(TOKEN);
  });

  it('login stores the token and its region in the keychain, not in a file', async () => {
    const out = await cli(['login', '--with-token', '--base-url', fake.url, '--region', 'eu'], TOKEN);
    expect(out.stderr).not.toMatch(/not reachable|UNENCRYPTED/);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('stored in the OS keychain (Secret Service: GNOME Keyring, KWallet or similar), service "intercom-mcp", account "default"');
    expect(existsSync(file())).toBe(false);
    const secret = await secretTool('lookup', 'service', 'intercom-mcp', 'username', 'default');
    expect(secret.status).toBe(0);
    expect(JSON.parse(secret.stdout)).toEqual({ token: TOKEN, region: 'eu' });
  });

  it('the server reads it from the keychain on the first call and uses its region', async () => {
    fake.fake.reset();
    const session = await connect({ era: 'legacy', env: { ...env, INTERCOM_MCP_NO_KEYCHAIN: '0', INTERCOM_API_BASE_URL: fake.url } });
    try {
      const out = await call(session, 'fetch', { id: 'conversation_1060' });
      expect(out.isError).toBe(false);
      expect((out.structured as { url?: string }).url).toMatch(/^https:\/\/app\.eu\.intercom\.com\//);
      expect(fake.fake.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('status says the keychain, masked', async () => {
    const out = await cli(['status', '--json', '--base-url', fake.url]);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ usable: true, token: { source: 'keychain', encrypted: true, masked: `${TOKEN.slice(0, 4)}********` } });
  });

  it('a secret stored by hand with secret-tool is read as a bare token', async () => {
    const stored = await run('secret-tool', ['store', '--label=by hand', 'service', 'intercom-mcp', 'username', 'byhand'], env, TOKEN);
    expect(stored.status).toBe(0);
    const out = await cli(['status', '--json', '--profile', 'byhand', '--base-url', fake.url]);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ profile: 'byhand', token: { source: 'keychain' }, region_from: 'default' });
    expect((await cli(['logout', '--profile', 'byhand'])).status).toBe(0);
  });

  it('logout deletes it from the keychain; a second logout finds nothing', async () => {
    const out = await cli(['logout']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^Removed the token of profile "default" from the OS keychain/);
    const gone = await secretTool('lookup', 'service', 'intercom-mcp', 'username', 'default');
    expect(gone.stdout).toBe('');
    expect(gone.status).not.toBe(0);
    const again = await cli(['logout']);
    expect(again.stdout).toMatch(/^No token was stored for profile "default" \(looked in the OS keychain/);
    const search = await secretTool('search', '--all', 'service', 'intercom-mcp');
    expect(search.stdout).toBe('');
  });
});
