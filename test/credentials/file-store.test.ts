import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore, CredentialFileError, credentialsFilePath } from '../../src/credentials/file-store.js';

const posix = process.platform !== 'win32';
const fresh = () => join(mkdtempSync(join(tmpdir(), 'intercom-mcp-file-')), 'config', 'intercom-mcp', 'credentials.json');

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
}

describe('where the credentials file lives', () => {
  it('$XDG_CONFIG_HOME, else ~/.config; %APPDATA% on Windows', () => {
    expect(credentialsFilePath({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/u')).toBe(join('/x/cfg', 'intercom-mcp', 'credentials.json'));
    expect(credentialsFilePath({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'intercom-mcp', 'credentials.json'));
    expect(credentialsFilePath({ XDG_CONFIG_HOME: 'relative' }, 'darwin', '/Users/u')).toBe(join('/Users/u', '.config', 'intercom-mcp', 'credentials.json'));
    expect(credentialsFilePath({ APPDATA: '/c/Users/u/AppData/Roaming' }, 'win32', '/c/Users/u')).toBe(
      join('/c/Users/u/AppData/Roaming', 'intercom-mcp', 'credentials.json'),
    );
  });
});

describe.runIf(posix)('the credentials file', () => {
  it('is written 0600 in a 0700 folder, atomically (no temporary file left), and read back', async () => {
    const path = fresh();
    const store = createFileStore({ path });
    expect(await store.read('default')).toBeUndefined();
    await store.write('default', { token: 'tok-default-0123', region: 'eu' });
    await store.write('work', { token: 'tok-work-4567' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(path, '..'))).toEqual(['credentials.json']);
    expect(await store.read('default')).toEqual({ token: 'tok-default-0123', region: 'eu' });
    expect(await store.read('work')).toEqual({ token: 'tok-work-4567' });
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/UNENCRYPTED/);
  });

  it('tightens a folder that others could enter', async () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o755 });
    chmodSync(join(path, '..'), 0o755);
    await createFileStore({ path }).write('default', { token: 't0123456789' });
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses a file with mode %o, with the chmod to run', async (mode) => {
    const path = fresh();
    const store = createFileStore({ path });
    await store.write('default', { token: 'tok-visible-0123456789' });
    chmodSync(path, mode);
    const error = await failure(store.read('default'));
    expect(error).toBeInstanceOf(CredentialFileError);
    expect(error.message).toContain(`other users can read or change it (mode 0${mode.toString(8)})`);
    expect(error.message).toContain(`run \`chmod 600 ${path}\``);
    expect(error.message).not.toContain('tok-visible');
  });

  it('remove deletes one profile, and the file with the last one', async () => {
    const path = fresh();
    const store = createFileStore({ path });
    await store.write('a', { token: 'ta-0123456789' });
    await store.write('b', { token: 'tb-0123456789' });
    expect(await store.remove('a')).toBe(true);
    expect(await store.remove('a')).toBe(false);
    expect(await store.read('b')).toEqual({ token: 'tb-0123456789' });
    expect(await store.remove('b')).toBe(true);
    expect(() => statSync(path)).toThrow();
  });

  it('a file that is not JSON says to remove it, without quoting it', async () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(path, 'tok-in-garbage {', { mode: 0o600 });
    const error = await failure(createFileStore({ path }).read('default'));
    expect(error.message).toMatch(/is not valid JSON; remove it/);
    expect(error.message).not.toContain('tok-in-garbage');
  });

  it('remove takes a profile out of a world-readable file (the rest rewritten 0600), and deletes the file with its last one', async () => {
    const path = fresh();
    const store = createFileStore({ path });
    await store.write('a', { token: 'ta-0123456789' });
    await store.write('b', { token: 'tb-0123456789' });
    chmodSync(path, 0o644);
    expect(await store.remove('a')).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.read('b')).toEqual({ token: 'tb-0123456789' });
    chmodSync(path, 0o644);
    expect(await store.remove('b')).toBe(true);
    expect(() => statSync(path)).toThrow();
  });

  it('remove deletes a file that cannot be parsed', async () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(path, 'tok-in-garbage {', { mode: 0o644 });
    expect(await createFileStore({ path }).remove('default')).toBe(true);
    expect(() => statSync(path)).toThrow();
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('a profile named %j is a plain profile, not an inherited property', async (name) => {
    const path = fresh();
    const store = createFileStore({ path });
    expect(await store.read(name)).toBeUndefined();
    expect(await store.remove(name)).toBe(false);
    await store.write('default', { token: 'td-0123456789' });
    expect(await store.read(name)).toBeUndefined();
    expect(await store.remove(name)).toBe(false);
    await store.write(name, { token: 'tn-0123456789' });
    expect(await store.read(name)).toEqual({ token: 'tn-0123456789' });
    expect(await store.read('default')).toEqual({ token: 'td-0123456789' });
    expect(await store.remove(name)).toBe(true);
    expect(await store.read(name)).toBeUndefined();
  });

  it('a file naming __proto__ or an invalid profile keeps them out, and the valid ones in', async () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(
      path,
      '{"profiles":{"__proto__":{"token":"evil-0123456789"},"../x":{"token":"bad-0123456789"},"work":{"token":"tw-0123456789","region":"eu"}}}',
      { mode: 0o600 },
    );
    const store = createFileStore({ path });
    expect(await store.read('__proto__')).toBeUndefined();
    expect(await store.read('../x')).toBeUndefined();
    expect(await store.read('work')).toEqual({ token: 'tw-0123456789', region: 'eu' });
    expect(await store.read('constructor')).toBeUndefined();
  });
});
