import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { logout } from '../../src/commands/logout.js';
import { status, type StatusReport } from '../../src/commands/status.js';
import { fakeKeychain } from '../credentials/fake-keychain.js';
import { mswRecordingHosts, testIo } from './helpers.js';

const TOKEN = 'status-token-0123456789abcdef';
const AU = 'https://api.au.intercom.io';

describe('intercom-mcp status and logout', () => {
  const { msw, hosts } = mswRecordingHosts();

  const stored = () => fakeKeychain('ok', new Map([['default', JSON.stringify({ token: TOKEN, region: 'au' })]]));

  it('a keychain token: masked, its stored region asked, exit 0 with --json', async () => {
    msw.use(http.get(`${AU}/me`, () => HttpResponse.json({ type: 'admin', id: '1', email: 'k@example.au', app: { id_code: 'au1', name: 'Koala' } })));
    const io = testIo({ keychain: stored() });
    expect(await status({ json: true }, io)).toBe(0);
    const report = JSON.parse(io.stdout) as StatusReport;
    expect(report).toMatchObject({
      usable: true,
      accepted: true,
      region: 'au',
      region_from: 'stored with the token',
      api: AU,
      token: { source: 'keychain', masked: 'stat********', encrypted: true },
      workspace: { name: 'Koala', app_id: 'au1' },
      admin: { email: 'k@example.au' },
      problem: null,
    });
    expect(hosts).toEqual(['api.au.intercom.io']);
    expect(io.stdout).not.toContain(TOKEN);
  });

  it('a token Intercom no longer accepts: exit 1, and what to do', async () => {
    msw.use(http.get(`${AU}/me`, () => HttpResponse.json({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] }, { status: 401 })));
    const io = testIo({ keychain: stored() });
    expect(await status({}, io)).toBe(1);
    expect(io.stdout).toMatch(/Intercom: +does not accept the token/);
    expect(io.stdout).toMatch(/HTTP 401.*run `intercom-mcp login` again/);
    expect(io.stdout).not.toContain(TOKEN);
  });

  it('not logged in: exit 1 with the login command for the profile', async () => {
    const io = testIo();
    expect(await status({ profile: 'work' }, io)).toBe(1);
    expect(io.stdout).toContain('Run `intercom-mcp login --profile work`.');
    expect(hosts).toEqual([]);
  });

  it('status --profile constructor: not logged in, not a crash', async () => {
    const io = testIo();
    await io.credentialStore.file.write('default', { token: 'file-copy-0123' });
    expect(await status({ profile: 'constructor' }, io)).toBe(1);
    expect(io.stdout).toContain('Run `intercom-mcp login --profile constructor`.');
  });

  it.runIf(process.platform !== 'win32')('a credentials file message that ends in a full stop gets no second one', async () => {
    const { chmodSync } = await import('node:fs');
    const io = testIo({ keychain: fakeKeychain('unavailable') });
    await io.credentialStore.file.write('default', { token: 'file-copy-0123' });
    chmodSync(io.credentialStore.file.path, 0o644);
    expect(await status({}, io)).toBe(1);
    expect(io.stdout).toContain('(and consider that token exposed if others use this machine).\n');
    expect(io.stdout).not.toContain('..');
  });

  it('a hanging keychain: status says so and exits 1', async () => {
    const { KeychainError } = await import('../../src/credentials/keychain.js');
    const keychain = fakeKeychain();
    keychain.get = async () => {
      throw new KeychainError('timeout', 'the OS keychain (test) did not answer within 30 s');
    };
    const io = testIo({ keychain });
    expect(await status({}, io)).toBe(1);
    expect(io.stdout).toContain('did not answer within 30 s');
  });

  it('with INTERCOM_ACCESS_TOKEN set, status never asks the keychain (it could hang or prompt)', async () => {
    msw.use(http.get('https://api.intercom.io/me', () => HttpResponse.json({ type: 'admin', id: '1', email: 'e@example.com' })));
    const keychain = fakeKeychain('hang');
    const io = testIo({ keychain, env: { INTERCOM_ACCESS_TOKEN: TOKEN } });
    await io.credentialStore.file.write('default', { token: 'file-copy-0123' });
    expect(await status({ json: true }, io)).toBe(0);
    expect(keychain.calls).toBe(0);
    const report = JSON.parse(io.stdout) as StatusReport;
    expect(report.token).toMatchObject({ source: 'environment' });
    expect(report.notes.join(' ')).toMatch(/also stored in .*credentials\.json .*not used while INTERCOM_ACCESS_TOKEN is set/);
  });

  it('logout removes from both stores, then says there is nothing', async () => {
    const io = testIo({ keychain: stored() });
    await io.credentialStore.file.write('default', { token: 'file-copy-0123' });
    expect(await logout({}, io)).toBe(0);
    expect(io.stdout).toContain('Removed the token of profile "default" from the OS keychain (test), service "intercom-mcp", account "default".');
    expect(io.stdout).toContain(`Removed the token of profile "default" from ${io.credentialStore.file.path}.`);
    io.stdout = '';
    expect(await logout({}, io)).toBe(0);
    expect(io.stdout).toMatch(/^No token was stored for profile "default" \(looked in the OS keychain \(test\) and .*\); nothing to remove\.\n$/);
  });

  it('logout removes a world-readable credentials file, and says what the keychain did first', async () => {
    const { chmodSync, existsSync } = await import('node:fs');
    const io = testIo({ keychain: stored() });
    await io.credentialStore.file.write('default', { token: 'file-copy-0123' });
    chmodSync(io.credentialStore.file.path, 0o644);
    expect(await logout({}, io)).toBe(0);
    expect(io.stdout).toContain('Removed the token of profile "default" from the OS keychain (test)');
    expect(io.stdout).toContain(`Removed the token of profile "default" from ${io.credentialStore.file.path}.`);
    expect(existsSync(io.credentialStore.file.path)).toBe(false);
  });

  it('logout: a file that cannot be removed is an error after the keychain result, exit 1', async () => {
    const { CredentialFileError } = await import('../../src/credentials/file-store.js');
    const io = testIo({ keychain: stored() });
    io.credentialStore.file.remove = () => Promise.reject(new CredentialFileError('could not remove the token from the credentials file X (EACCES)'));
    expect(await logout({}, io)).toBe(1);
    expect(io.stdout).toContain('Removed the token of profile "default" from the OS keychain (test)');
    expect(io.stderr).toContain('intercom-mcp: could not remove the token from the credentials file X (EACCES).');
  });

  it('logout with a locked keychain: exit 1, since a token may remain there', async () => {
    const io = testIo({ keychain: fakeKeychain('locked') });
    expect(await logout({}, io)).toBe(1);
    expect(io.stderr).toMatch(/a token may still be stored there\. Unlock it and run logout again/);
  });
});

describe('intercom-mcp status when Intercom cannot be asked', () => {
  it('a refused connection is "could not be asked", not a rejection; exit 1', async () => {
    const io = testIo({ keychain: fakeKeychain('ok', new Map([['default', JSON.stringify({ token: TOKEN })]])) });
    // A port that was just free: fetch refuses some low ports (9, "bad port") before connecting at all.
    const port = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    expect(await status({ json: true, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: '2000' }, io)).toBe(1);
    const report = JSON.parse(io.stdout) as StatusReport;
    expect(report.accepted).toBeNull();
    expect(report.usable).toBe(false);
    expect(report.problem).toMatch(new RegExp(`^Could not ask Intercom at 127\\.0\\.0\\.1:${port}: Could not reach Intercom .*ECONNREFUSED.*Check the network`));
  });
});
