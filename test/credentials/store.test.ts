import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/credentials/file-store.js';
import { KeychainError } from '../../src/credentials/keychain.js';
import { createCredentialStore } from '../../src/credentials/store.js';
import { fakeKeychain } from './fake-keychain.js';

const fileAt = () => createFileStore({ path: join(mkdtempSync(join(tmpdir(), 'intercom-mcp-store-')), 'intercom-mcp', 'credentials.json') });

describe('the credential store: keychain first, file where there is none', () => {
  it('found in the keychain: the JSON secret with its region', async () => {
    const store = createCredentialStore({ keychain: fakeKeychain('ok', new Map([['default', '{"token":"tk-1","region":"au"}']])), file: fileAt() });
    expect((await store.lookup('default')).found).toEqual({ token: 'tk-1', region: 'au', from: 'keychain' });
  });

  it('a bare secret set by hand is a token without a region', async () => {
    const store = createCredentialStore({ keychain: fakeKeychain('ok', new Map([['default', 'bare-token-123']])), file: fileAt() });
    expect((await store.lookup('default')).found).toEqual({ token: 'bare-token-123', from: 'keychain' });
  });

  it('missing everywhere: nothing found, nothing skipped', async () => {
    const store = createCredentialStore({ keychain: fakeKeychain(), file: fileAt() });
    expect(await store.lookup('default')).toEqual({});
  });

  it.each(['unavailable', 'locked'] as const)('a keychain that is %s is passed over for the file, and said', async (problem) => {
    const file = fileAt();
    await file.write('default', { token: 'tf-1', region: 'eu' });
    const lookup = await createCredentialStore({ keychain: fakeKeychain(problem), file }).lookup('default');
    expect(lookup.found).toEqual({ token: 'tf-1', region: 'eu', from: 'file' });
    expect(lookup.keychainSkipped?.problem).toBe(problem);
  });

  it.each(['timeout', 'failed'] as const)('a keychain that %s is an error, not a silent fallback', async (problem) => {
    const file = fileAt();
    await file.write('default', { token: 'tf-1' });
    await expect(createCredentialStore({ keychain: fakeKeychain(problem), file }).lookup('default')).rejects.toBeInstanceOf(KeychainError);
  });

  it('save goes to the keychain and removes a file copy of the profile', async () => {
    const file = fileAt();
    await file.write('default', { token: 'old-file-token' });
    const keychain = fakeKeychain();
    const saved = await createCredentialStore({ keychain, file }).save('default', { token: 'new-1', region: 'eu' });
    expect(saved).toEqual({ to: 'keychain', removedFrom: ['file'], staleCopies: [] });
    expect(JSON.parse(keychain.secrets.get('default')!)).toEqual({ token: 'new-1', region: 'eu' });
    expect(await file.read('default')).toBeUndefined();
  });

  it('save falls back to the file when the keychain is unavailable, with the reason', async () => {
    const file = fileAt();
    const saved = await createCredentialStore({ keychain: fakeKeychain('unavailable'), file }).save('work', { token: 'w-1', region: 'au' });
    expect(saved.to).toBe('file');
    expect(saved.fallbackReason?.message).toMatch(/says unavailable/);
    expect(await file.read('work')).toEqual({ token: 'w-1', region: 'au' });
  });

  it('save does not fall back to the unencrypted file when the keychain is locked: it throws', async () => {
    const file = fileAt();
    const error = await createCredentialStore({ keychain: fakeKeychain('locked'), file })
      .save('work', { token: 'w-1' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(KeychainError);
    expect((error as KeychainError).problem).toBe('locked');
    expect(await file.read('work')).toBeUndefined();
  });

  it('save with insecure goes to the file and removes the keychain copy', async () => {
    const file = fileAt();
    const keychain = fakeKeychain('ok', new Map([['default', '{"token":"kc"}']]));
    const saved = await createCredentialStore({ keychain, file }).save('default', { token: 'plain-1' }, { insecure: true });
    expect(saved).toEqual({ to: 'file', removedFrom: ['keychain'], staleCopies: [] });
    expect(keychain.secrets.has('default')).toBe(false);
  });

  it('a copy in the other store that could not be removed is reported, not swallowed', async () => {
    const file = fileAt();
    const keychain = fakeKeychain('locked');
    const saved = await createCredentialStore({ keychain, file }).save('default', { token: 'plain-1' }, { insecure: true });
    expect(saved.to).toBe('file');
    expect(saved.staleCopies).toEqual([{ store: 'keychain', reason: 'the OS keychain (test) says locked on delete' }]);
    const failingFile = { ...fileAt(), remove: () => Promise.reject(new Error('EACCES on the credentials file')) };
    const toKeychain = await createCredentialStore({ keychain: fakeKeychain(), file: failingFile }).save('default', { token: 'k-1' });
    expect(toKeychain).toEqual({ to: 'keychain', removedFrom: [], staleCopies: [{ store: 'file', reason: 'EACCES on the credentials file' }] });
  });

  it('remove reports each store, and a keychain problem as such', async () => {
    const file = fileAt();
    await file.write('default', { token: 'f' });
    const both = await createCredentialStore({ keychain: fakeKeychain('ok', new Map([['default', 'k']])), file }).remove('default');
    expect(both).toEqual({ keychain: true, file: true });
    const locked = await createCredentialStore({ keychain: fakeKeychain('locked'), file }).remove('default');
    expect(locked.file).toBe(false);
    expect((locked.keychain as KeychainError).problem).toBe('locked');
  });
});
