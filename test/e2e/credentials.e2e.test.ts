// login, status, logout and the server's token lookup, end to end through the built CLI against the loopback
// fake. No OS keychain here (INTERCOM_MCP_NO_KEYCHAIN=1, as on a headless machine), so tokens go to the
// credentials file in a temporary config folder; test/keychain/ runs the same through a real Secret Service.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntercomEmulator, listen, sampleWorkspace } from '../../src/demo/loopback.js';
import { BIN, call, connect, isolatedEnv, produce, startFake, TOKEN, type RunningFake } from './harness.js';
import { TOOLS } from '../../src/tools/index.js';

const SECOND_TOKEN = 'c2Vjb25kLXdvcmtzcGFjZS10b2tlbi0xMjM0NTY3ODkw';

/** Everything this file's commands and servers said, for the closing scan for both tokens. */
const seen: string[] = [];

/** Runs the built CLI without blocking: the fakes answer from this same process. */
async function runCli(args: string[], env: Record<string, string>, input = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill(), 20_000);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  produce(stdout + stderr);
  seen.push(stdout + stderr);
  return { status, stdout, stderr };
}

describe('login, the server, status and logout', () => {
  let first: RunningFake;
  let second: { fake: IntercomEmulator; url: string; close(): Promise<void> };
  let env: Record<string, string>;
  let file: string;

  beforeAll(async () => {
    first = await startFake();
    const workspace = sampleWorkspace();
    workspace.me.email = 'owner@second.example';
    workspace.me.app = { ...workspace.me.app, name: 'Second Workspace', id_code: 'second01', region: 'AU' } as typeof workspace.me.app;
    const fake = new IntercomEmulator({ token: SECOND_TOKEN, workspace });
    const server = await listen(fake);
    second = { fake, url: server.url, close: () => server.close() };
    env = isolatedEnv();
    file = join(env.XDG_CONFIG_HOME!, 'intercom-mcp', 'credentials.json');
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('refuses a token Intercom rejects, with its reason, and stores nothing', async () => {
    const out = await runCli(['login', '--with-token', '--base-url', first.url], env, 'not-the-right-token-0123456789\n');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/did not accept this token, so nothing was stored/);
    expect(out.stderr).toMatch(/HTTP 401/);
    expect(out.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
  });

  it('login --with-token checks the token, stores it with its region, and says where', async () => {
    const out = await runCli(['login', '--with-token', '--base-url', first.url, '--region', 'eu'], env, `${TOKEN}\n`);
    expect(out.stderr).not.toMatch(/Error:|at /);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Logged in to Intercom workspace "Acme Support" (region eu) as riley@example.com, profile "default".');
    expect(out.stdout).toContain(`stored in ${file} (unencrypted, readable only by you)`);
    expect(out.stdout).toMatch(/UNENCRYPTED because the OS keychain .* is turned off here/);
    expect(out.stdout).toContain(`Token ${TOKEN.slice(0, 4)}********`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.XDG_CONFIG_HOME!, 'intercom-mcp')).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { warning: string; profiles: Record<string, { token: string; region: string }> };
    expect(stored.warning).toMatch(/UNENCRYPTED/);
    expect(stored.profiles.default).toMatchObject({ token: TOKEN, region: 'eu' });
  });

  it('a second profile stays apart (its region from /me when only a base URL is given)', async () => {
    const out = await runCli(['login', '--with-token', '--profile', 'second', '--base-url', second.url], env, SECOND_TOKEN);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('"Second Workspace" (region au) as owner@second.example, profile "second"');
    expect(out.stdout).toContain('--profile second');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, { token: string; region: string }> };
    expect(stored.profiles.default).toMatchObject({ token: TOKEN, region: 'eu' });
    expect(stored.profiles.second).toMatchObject({ token: SECOND_TOKEN, region: 'au' });
  });

  it('the server started without INTERCOM_ACCESS_TOKEN uses the stored token and region', async () => {
    first.fake.reset();
    const session = await connect({ era: 'legacy', env: { ...env, INTERCOM_API_BASE_URL: first.url } });
    try {
      const { tools } = await session.client.listTools();
      expect(tools).toHaveLength(TOOLS.length);
      const out = await call(session, 'fetch', { id: 'conversation_1060' });
      seen.push(out.text, session.stderr());
      expect(out.isError).toBe(false);
      expect((out.structured as { url?: string }).url).toMatch(/^https:\/\/app\.eu\.intercom\.com\/a\/inbox\/abc12345\//);
      expect(first.fake.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(first.fake.requests.length).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  });

  it('--profile second (and INTERCOM_PROFILE) picks the other token and region', async () => {
    for (const how of [{ args: ['--profile', 'second'], extra: {} }, { args: [], extra: { INTERCOM_PROFILE: 'second' } }]) {
      second.fake.reset();
      const session = await connect({ era: 'modern', args: how.args, env: { ...env, ...how.extra, INTERCOM_API_BASE_URL: second.url } });
      try {
        const out = await call(session, 'fetch', { id: 'conversation_1060' });
        expect(out.isError).toBe(false);
        expect((out.structured as { url?: string }).url).toMatch(/^https:\/\/app\.au\.intercom\.com\/a\/inbox\/second01\//);
        expect(second.fake.requests.every((r) => r.headers.authorization === `Bearer ${SECOND_TOKEN}`)).toBe(true);
      } finally {
        await session.close();
      }
    }
  });

  it('the environment token wins over the stored one', async () => {
    first.fake.reset();
    const session = await connect({ era: 'legacy', env: { ...env, INTERCOM_API_BASE_URL: first.url, INTERCOM_ACCESS_TOKEN: SECOND_TOKEN } });
    try {
      const out = await call(session, 'get_conversation', { id: '1060' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/rejected the access token \(HTTP 401\)/);
      expect(first.fake.requests.length).toBeGreaterThan(0);
      expect(first.fake.requests.every((r) => r.headers.authorization === `Bearer ${SECOND_TOKEN}`)).toBe(true);
      seen.push(out.text, session.stderr());
    } finally {
      await session.close();
    }
  });

  it('status says where the token comes from, masked, the workspace, region and that Intercom accepts it', async () => {
    const text = await runCli(['status', '--base-url', first.url], env);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`Token: +${TOKEN.slice(0, 4)}\\*{8} from .*credentials\\.json \\(unencrypted`));
    expect(text.stdout).toMatch(/Region: +eu \(stored with the token\)/);
    expect(text.stdout).toMatch(/Workspace: +Acme Support/);
    expect(text.stdout).toMatch(/Intercom: +accepts the token/);

    const json = await runCli(['status', '--json', '--base-url', first.url], env);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      profile: 'default',
      usable: true,
      accepted: true,
      region: 'eu',
      region_from: 'stored with the token',
      token: { source: 'file', masked: `${TOKEN.slice(0, 4)}********`, encrypted: false },
      workspace: { name: 'Acme Support' },
      admin: { email: 'riley@example.com' },
    });

    const fromEnv = await runCli(['status', '--json', '--base-url', first.url], { ...env, INTERCOM_ACCESS_TOKEN: 'revoked-token-0123456789' });
    expect(fromEnv.status).toBe(1);
    const envReport = JSON.parse(fromEnv.stdout) as { token: { source: string }; accepted: boolean; notes: string[]; problem: string };
    expect(envReport.token.source).toBe('environment');
    expect(envReport.accepted).toBe(false);
    expect(envReport.problem).toMatch(/HTTP 401/);
    expect(envReport.notes.join(' ')).toMatch(/also stored .* not used while INTERCOM_ACCESS_TOKEN is set/);
    expect(fromEnv.stdout).not.toContain('revoked-token-0123456789');
  });

  it('logout removes the profile, then says there is nothing; the other profile stays', async () => {
    const out = await runCli(['logout'], env);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`Removed the token of profile "default" from ${file}.`);
    const again = await runCli(['logout'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/No token was stored for profile "default"/);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, unknown> };
    expect(Object.keys(stored.profiles)).toEqual(['second']);
    expect((await runCli(['status'], env)).status).toBe(1);
  });

  it('after logout the server answers that no token is available, with the login hint', async () => {
    first.fake.reset();
    const session = await connect({ era: 'modern', env: { ...env, INTERCOM_API_BASE_URL: first.url } });
    try {
      const out = await call(session, 'search', { query: 'object_type:conversations state:open' });
      seen.push(out.text, session.stderr());
      expect(out.isError).toBe(true);
      expect(out.text).toContain('No Intercom access token is configured.');
      expect(out.text).toContain('npx -y intercom-mcp login');
      expect(first.fake.requests).toHaveLength(0);
    } finally {
      await session.close();
    }
    const last = await runCli(['logout', '--profile', 'second'], env);
    expect(last.status).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('a credentials file others can read is refused, with the chmod to run', async () => {
    const own = isolatedEnv();
    expect((await runCli(['login', '--with-token', '--base-url', first.url], own, TOKEN)).status).toBe(0);
    const path = join(own.XDG_CONFIG_HOME!, 'intercom-mcp', 'credentials.json');
    const { chmodSync } = await import('node:fs');
    chmodSync(path, 0o644);
    const out = await runCli(['status'], own);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(`other users can read or change it (mode 0644)`);
    expect(out.stdout).toContain(`chmod 600 ${path}`);
    const session = await connect({ era: 'legacy', env: { ...own, INTERCOM_API_BASE_URL: first.url } });
    try {
      const tool = await call(session, 'get_contact', { id: 'abc' });
      expect(tool.isError).toBe(true);
      expect(tool.text).toContain('chmod 600');
    } finally {
      await session.close();
    }
  });

  it('no output of this file holds either token', () => {
    expect(seen.length).toBeGreaterThan(12);
    for (const text of seen) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(SECOND_TOKEN);
    }
  });
});

describe('the start path', () => {
  it('never loads the keychain: the modules a start imports have no @napi-rs/keyring and no file store', async () => {
    const { readFileSync: read } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
    // cli.js, then what it and the stdio chunk import statically (dynamic import() is loaded only when called).
    const stdio = read(join(dist, 'cli.js'), 'utf8').match(/import\(["']\.\/(stdio-[\w-]+\.js)["']\)/)?.[1];
    expect(stdio).toBeDefined();
    const start = new Set<string>();
    const visit = (file: string) => {
      if (start.has(file)) return;
      start.add(file);
      const text = read(join(dist, file), 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*["']\.\/([\w-]+\.js)["']/g)) visit(m[1]!);
    };
    visit('cli.js');
    visit(stdio!);
    expect(start.size).toBeGreaterThan(2);
    for (const file of start) {
      const text = read(join(dist, file), 'utf8');
      expect(text, file).not.toContain('@napi-rs/keyring');
      expect(text, file).not.toContain('stored UNENCRYPTED (no OS keychain'); // the file store's header
    }
  });
});
