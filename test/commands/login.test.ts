import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/commands/io.js';
import { login } from '../../src/commands/login.js';
import { fakeKeychain } from '../credentials/fake-keychain.js';
import { mswRecordingHosts, testIo } from './helpers.js';

const TOKEN = 'login-token-0123456789abcdef';
const US = 'https://api.intercom.io';
const EU = 'https://api.eu.intercom.io';
const AU = 'https://api.au.intercom.io';

const accepts = () =>
  HttpResponse.json({ type: 'admin', id: '7', name: 'Ana', email: 'ana@example.eu', app: { id_code: 'eu1', name: 'Euro Shop', region: 'EU' } });
const rejects = () => HttpResponse.json({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] }, { status: 401 });

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
}

describe('intercom-mcp login', () => {
  const { msw, hosts } = mswRecordingHosts();

  it('finds the region that accepts, stores token and region in the keychain, and says what and where', async () => {
    msw.use(http.get(`${US}/me`, rejects), http.get(`${EU}/me`, accepts), http.get(`${AU}/me`, rejects));
    const io = testIo({ input: `${TOKEN}\n` });
    expect(await login({ withToken: true }, io)).toBe(0);
    expect(JSON.parse(io.keychain.secrets.get('default')!)).toEqual({ token: TOKEN, region: 'eu' });
    expect(io.stdout).toContain('Logged in to Intercom workspace "Euro Shop" (region eu) as ana@example.eu, profile "default".');
    expect(io.stdout).toContain('stored in the OS keychain (test), service "intercom-mcp", account "default"');
    expect(io.stderr).toContain('Checking the token with Intercom (US (api.intercom.io), EU (api.eu.intercom.io), AU (api.au.intercom.io))');
    expect(io.stdout + io.stderr).not.toContain(TOKEN);
  });

  it('a token no region accepts is refused with Intercom\'s reason, and nothing is stored', async () => {
    msw.use(http.get(`${US}/me`, rejects), http.get(`${EU}/me`, rejects), http.get(`${AU}/me`, rejects));
    const io = testIo({ input: TOKEN });
    const error = await failure(login({ withToken: true }, io));
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toMatch(/did not accept this token in any region, so nothing was stored/);
    expect(error.message).toContain('EU (api.eu.intercom.io): rejected it (HTTP 401, Intercom said: unauthorized: Access Token Invalid)');
    expect(error.message).not.toContain(TOKEN);
    expect(io.keychain.calls).toBe(0);
  });

  it('--region asks only that region', async () => {
    msw.use(http.get(`${AU}/me`, accepts));
    const io = testIo({ input: TOKEN });
    expect(await login({ withToken: true, region: 'au', profile: 'sydney' }, io)).toBe(0);
    expect(hosts).toEqual(['api.au.intercom.io']);
    expect(JSON.parse(io.keychain.secrets.get('sydney')!)).toEqual({ token: TOKEN, region: 'au' });
    expect(io.stdout).toContain('--profile sydney');
  });

  it('--base-url without a region, and /me naming none: no region is stored, and the output says it is unknown', async () => {
    const PROXY = 'https://proxy.example.test';
    msw.use(http.get(`${PROXY}/me`, () => HttpResponse.json({ type: 'admin', id: '7', email: 'p@example.com', app: { id_code: 'p1', name: 'Proxied' } })));
    const io = testIo({ input: TOKEN });
    expect(await login({ withToken: true, baseUrl: PROXY }, io)).toBe(0);
    expect(JSON.parse(io.keychain.secrets.get('default')!)).toEqual({ token: TOKEN });
    expect(io.stdout).toContain('Logged in to Intercom workspace "Proxied" (at proxy.example.test) as p@example.com, profile "default".');
    expect(io.stdout).toMatch(/Its region is unknown \(no --region, and Intercom did not name one\), so none was stored/);
    expect(io.stdout).not.toMatch(/region us/);
  });

  it('without a terminal and without --with-token it says how to pass the token', async () => {
    const error = await failure(login({}, testIo({ input: TOKEN })));
    expect(error.message).toMatch(/standard input is not a terminal.*--with-token/);
  });

  it('on a terminal it prompts without echo', async () => {
    msw.use(http.get(`${US}/me`, accepts), http.get(`${EU}/me`, rejects), http.get(`${AU}/me`, rejects));
    const io = testIo({ input: `${TOKEN}\r`, tty: true });
    expect(await login({}, io)).toBe(0);
    expect(io.stderr).toContain('it will not be shown');
    expect(io.stderr).toContain('Token: ');
    expect(io.stdout + io.stderr).not.toContain(TOKEN);
    expect(JSON.parse(io.keychain.secrets.get('default')!)).toEqual({ token: TOKEN, region: 'us' });
  });

  it('a token with spaces is refused before anything is asked', async () => {
    const error = await failure(login({ withToken: true }, testIo({ input: 'two words' })));
    expect(error.message).toMatch(/does not look like an Intercom access token/);
    expect(hosts).toEqual([]);
  });

  it('no keychain: the file, said plainly to be unencrypted', async () => {
    msw.use(http.get(`${US}/me`, rejects), http.get(`${EU}/me`, accepts), http.get(`${AU}/me`, rejects));
    const io = testIo({ input: TOKEN, keychain: fakeKeychain('unavailable') });
    expect(await login({ withToken: true }, io)).toBe(0);
    expect(io.stdout).toContain(`stored in ${io.credentialStore.file.path} (unencrypted, readable only by you)`);
    expect(io.stdout).toMatch(/It is stored UNENCRYPTED because the OS keychain \(test\) says unavailable/);
    expect(await io.credentialStore.file.read('default')).toEqual({ token: TOKEN, region: 'eu' });
  });

  it('a keychain that hangs: the token is not stored, and the message says what to do', async () => {
    msw.use(http.get(`${US}/me`, rejects), http.get(`${EU}/me`, accepts), http.get(`${AU}/me`, rejects));
    const { KeychainError } = await import('../../src/credentials/keychain.js');
    const keychain = fakeKeychain();
    keychain.set = async () => {
      throw new KeychainError('timeout', 'the OS keychain (test) did not answer within 30 s when asked to write the token');
    };
    const io = testIo({ input: TOKEN, keychain });
    const error = await failure(login({ withToken: true }, io));
    expect(error.message).toMatch(/the token works, but the OS keychain \(test\) did not answer .*Unlock the keychain and run login again, or .*--insecure-storage/);
    expect(await io.credentialStore.file.read('default')).toBeUndefined();
  });

  it('a locked keychain: the token is not written to the file; unlock it or use --insecure-storage', async () => {
    msw.use(http.get(`${US}/me`, rejects), http.get(`${EU}/me`, accepts), http.get(`${AU}/me`, rejects));
    const io = testIo({ input: TOKEN, keychain: fakeKeychain('locked') });
    const error = await failure(login({ withToken: true }, io));
    expect(error.message).toMatch(/the token works, but the OS keychain \(test\) says locked on write, so it was not stored\. Unlock the keychain and run login again, or store it unencrypted in a file with --insecure-storage\./);
    expect(await io.credentialStore.file.read('default')).toBeUndefined();
    expect(io.stdout).toBe('');
  });

  it('warns, naming where, when an earlier copy could not be removed', async () => {
    msw.use(http.get(`${US}/me`, rejects), http.get(`${EU}/me`, accepts), http.get(`${AU}/me`, rejects));
    const io = testIo({ input: TOKEN, keychain: fakeKeychain('locked') });
    expect(await login({ withToken: true, insecureStorage: true }, io)).toBe(0);
    expect(io.stderr).toMatch(/Warning: an earlier copy of this profile's token may remain in the OS keychain \(test\), service "intercom-mcp", account "default": the OS keychain \(test\) says locked on delete\./);
    expect(io.stderr).not.toContain(TOKEN);
  });

  it('warns when INTERCOM_ACCESS_TOKEN is set, since it wins', async () => {
    msw.use(http.get(`${US}/me`, accepts), http.get(`${EU}/me`, rejects), http.get(`${AU}/me`, rejects));
    const io = testIo({ input: TOKEN, env: { INTERCOM_ACCESS_TOKEN: 'other-token-123456' } });
    expect(await login({ withToken: true }, io)).toBe(0);
    expect(io.stderr).toMatch(/INTERCOM_ACCESS_TOKEN is set in this environment; wherever it is set, it wins/);
  });
});

describe('the hidden prompt', () => {
  it('Ctrl+C cancels: nothing stored, and it says so', async () => {
    const { promptHidden } = await import('../../src/commands/read-token.js');
    const io = testIo({ input: 'abc\u0003', tty: true });
    await expect(promptHidden('Token: ', io.stdin, io.err)).rejects.toThrow('cancelled; nothing was stored');
    expect(io.stderr).toBe('Token: \n');
  });
});
