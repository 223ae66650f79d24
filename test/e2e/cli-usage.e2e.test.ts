// The CLI's usage errors exit 2 (commander's own ones included), help and version 0, and an unquoted query
// given to `call` is read as the one string it was meant to be.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from './harness.js';

function cli(args: string[], env: Record<string, string> = {}) {
  const out = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-usage-home', INTERCOM_MCP_NO_KEYCHAIN: '1', ...env },
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('CLI usage', () => {
  it.each([
    [['call', 'search', 'x', '--demo', '--region', 'mars'], /argument 'mars' is invalid/],
    [['call', '--bogus', 'x'], /unknown option '--bogus'/],
    [['call'], /missing required argument 'tool'/],
    [['no-such-command', '--frobnicate'], /unknown option|unknown command/],
  ])('%j: exit 2 with commander\'s message on stderr, nothing on stdout', (args, message) => {
    const out = cli(args);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });

  it('--help and --version exit 0', () => {
    expect(cli(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: intercom-mcp') });
    expect(cli(['--version'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(cli(['call', '--help'])).toMatchObject({ status: 0 });
  });

  it('tools lists the tools whatever the settings say (it needs none)', () => {
    const out = cli(['tools'], { INTERCOM_REGION: 'mars', INTERCOM_TIMEOUT_MS: 'soon' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^search: /);
    expect(out.stdout).toContain('get_contact: ');
  });

  it('--toolsets: an unknown name exits 2 with the list, from the server start, serve, tools and call alike', () => {
    const list = /"tickets" is not a toolset; use one or more of: conversations, contacts, companies, articles, search \(comma-separated\), or all/;
    for (const args of [['--toolsets', 'tickets'], ['serve', '--port', '0', '--toolsets', 'tickets'], ['tools', '--toolsets', 'tickets'], ['call', 'search', 'x', '--demo', '--toolsets', 'tickets']]) {
      const out = cli(args);
      expect(out.status, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toMatch(list);
      expect(out.stdout).toBe('');
    }
    const env = cli([], { INTERCOM_TOOLSETS: 'conversations,tickets' });
    expect(env.status).toBe(2);
    expect(env.stderr).toMatch(/INTERCOM_TOOLSETS "tickets" is not a toolset/);
    // A known selection: tools lists only its tools.
    const some = cli(['tools', '--toolsets', 'companies']);
    expect(some.status).toBe(0);
    expect(some.stdout.match(/^[a-z_]+(?=: )/gm)).toEqual(['list_companies', 'get_company']);
  });

  it('an unquoted query is joined back into one argument', () => {
    const quoted = cli(['call', 'search', 'object_type:conversations state:open limit:2', '--demo', '--json']);
    const unquoted = cli(['call', 'search', 'object_type:conversations', 'state:open', 'limit:2', '--demo', '--json']);
    expect(unquoted.status).toBe(0);
    expect(JSON.parse(unquoted.stdout).results).toHaveLength(2);
    expect(unquoted.stdout).toBe(quoted.stdout);
  });
});
