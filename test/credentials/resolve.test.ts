import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/credentials/file-store.js';
import { CredentialError, createCredentialSource } from '../../src/credentials/resolve.js';
import { createCredentialStore, type CredentialStore } from '../../src/credentials/store.js';
import { fakeKeychain, type FakeKeychain } from './fake-keychain.js';

function storeWith(keychain: FakeKeychain): { store: () => Promise<CredentialStore>; loads: () => number } {
  let loads = 0;
  const file = createFileStore({ path: join(mkdtempSync(join(tmpdir(), 'intercom-mcp-res-')), 'credentials.json') });
  const store = createCredentialStore({ keychain, file });
  return {
    store: async () => {
      loads++;
      return store;
    },
    loads: () => loads,
  };
}

describe("the server's token lookup: environment, keychain, file", () => {
  it('INTERCOM_ACCESS_TOKEN wins, and the stores are not even loaded', async () => {
    const keychain = fakeKeychain('ok', new Map([['default', '{"token":"kc","region":"eu"}']]));
    const { store, loads } = storeWith(keychain);
    const source = createCredentialSource({ env: { INTERCOM_ACCESS_TOKEN: ' env-token ' }, profile: 'default', store });
    expect(await source()).toEqual({ token: 'env-token', from: 'environment' });
    expect(loads()).toBe(0);
    expect(keychain.calls).toBe(0);
  });

  it("then the profile's keychain entry, with its region", async () => {
    const { store } = storeWith(fakeKeychain('ok', new Map([['work', '{"token":"kc-work","region":"au"}']])));
    expect(await createCredentialSource({ env: {}, profile: 'work', store })()).toEqual({ token: 'kc-work', region: 'au', from: 'keychain' });
    expect(await createCredentialSource({ env: {}, profile: 'default', store })()).toBeUndefined();
  });

  it('a keychain that hangs is abandoned with a message that says so and what to do', async () => {
    const { osKeychain } = await import('../../src/credentials/keychain.js');
    const modulePath = fileURLToPath(new URL('../fixtures/keyring/fake-keyring.mjs', import.meta.url));
    const hanging = osKeychain({ timeoutMs: 50, env: { FAKE_KEYRING_MODE: 'hang-get' }, modulePath });
    const file = createFileStore({ path: join(mkdtempSync(join(tmpdir(), 'intercom-mcp-res-')), 'credentials.json') });
    const source = createCredentialSource({ env: {}, profile: 'default', store: async () => createCredentialStore({ keychain: hanging, file }) });
    const error = await source().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(CredentialError);
    expect(error!.message).toMatch(/could not be read: the OS keychain .* did not answer within 0\.1 s/);
    expect(error!.message).toMatch(/Unlock it \(or answer its password prompt\) and call again, or set INTERCOM_ACCESS_TOKEN/);
  });

  it('a locked keychain with nothing in the file says to unlock it', async () => {
    const { store } = storeWith(fakeKeychain('locked'));
    await expect(createCredentialSource({ env: {}, profile: 'default', store })()).rejects.toThrow(/Unlock it and call again/);
  });

  it('an unavailable keychain with nothing in the file is simply no token', async () => {
    const { store } = storeWith(fakeKeychain('unavailable'));
    expect(await createCredentialSource({ env: {}, profile: 'default', store })()).toBeUndefined();
  });
});
