import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify, KEYCHAIN_SERVICE, KeychainError, osKeychain } from '../../src/credentials/keychain.js';

/** A stand-in for @napi-rs/keyring's module, imported by the keychain's child process; see the file. */
const FAKE = fileURLToPath(new URL('../fixtures/keyring/fake-keyring.mjs', import.meta.url));
const NO_BINDING = fileURLToPath(new URL('../fixtures/keyring/no-binding.mjs', import.meta.url));

function fakeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'intercom-mcp-kc-'));
  return { PATH: process.env.PATH ?? '', FAKE_KEYRING_FILE: join(dir, 'secrets.json'), FAKE_KEYRING_MADE: join(dir, 'made.jsonl'), ...extra };
}

async function problemOf(promise: Promise<unknown>): Promise<KeychainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeychainError);
  return error as KeychainError;
}

describe('the OS keychain module', () => {
  it('found: service intercom-mcp, account = profile, pinned to the Secret Service on Linux', async () => {
    const env = fakeEnv();
    const keychain = osKeychain({ timeoutMs: 10_000, env, modulePath: FAKE });
    await keychain.set('work', 'secret-1');
    expect(await keychain.get('work')).toBe('secret-1');
    const made = readFileSync(env.FAKE_KEYRING_MADE!, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(made.at(-1)).toEqual({ service: KEYCHAIN_SERVICE, account: 'work', options: { linux: { store: 'secret-service' } } });
  });

  it('missing: undefined; set then delete round-trips', async () => {
    const keychain = osKeychain({ timeoutMs: 10_000, env: fakeEnv(), modulePath: FAKE });
    expect(await keychain.get('default')).toBeUndefined();
    await keychain.set('default', '{"token":"x"}');
    expect(await keychain.get('default')).toBe('{"token":"x"}');
    expect(await keychain.delete('default')).toBe(true);
    expect(await keychain.delete('default')).toBe(false);
  });

  it('locked: a store that will not open is "locked", without the platform text of a read', async () => {
    const env = fakeEnv({ FAKE_KEYRING_MODE: 'reject-get', FAKE_KEYRING_ERROR: "Couldn't access platform storage: Secret Service: collection is locked" });
    const keychain = osKeychain({ timeoutMs: 10_000, env, modulePath: FAKE });
    const error = await problemOf(keychain.get('default'));
    expect(error.problem).toBe('locked');
    expect(error.message).toMatch(/could not be opened to read the token \(it is locked/);
    expect(error.message).not.toMatch(/collection is locked/);
  });

  it('unavailable: no D-Bus session is one clear line', async () => {
    const env = fakeEnv({
      FAKE_KEYRING_MODE: 'throw-ctor',
      FAKE_KEYRING_ERROR:
        'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
    });
    const keychain = osKeychain({ timeoutMs: 10_000, env, modulePath: FAKE });
    const error = await problemOf(keychain.get('default'));
    expect(error.problem).toBe('unavailable');
    expect(error.message).toMatch(/is not reachable here: no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS is not set\)$/);
  });

  it('unavailable: a platform without a binary is one line, not a stack trace', async () => {
    const keychain = osKeychain({ timeoutMs: 10_000, env: fakeEnv(), modulePath: NO_BINDING });
    const error = await problemOf(keychain.set('default', 'x'));
    expect(error.problem).toBe('unavailable');
    expect(error.message).toMatch(/is not supported on this platform \(\w+-\w+\): @napi-rs\/keyring has no binary for it$/);
    expect(error.message).not.toMatch(/\n/);
  });

  it('unavailable: INTERCOM_MCP_NO_KEYCHAIN=1 turns it off without loading the addon', async () => {
    const env = fakeEnv({ INTERCOM_MCP_NO_KEYCHAIN: '1' });
    const keychain = osKeychain({ timeoutMs: 10_000, env, modulePath: FAKE });
    expect((await problemOf(keychain.get('default'))).problem).toBe('unavailable');
    expect(() => readFileSync(env.FAKE_KEYRING_MADE!)).toThrow();
  });

  it('a keychain that hangs is abandoned after the timeout', async () => {
    const keychain = osKeychain({ timeoutMs: 80, env: fakeEnv({ FAKE_KEYRING_MODE: 'hang-get' }), modulePath: FAKE });
    const started = Date.now();
    const error = await problemOf(keychain.get('default'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.problem).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 0\.1 s when asked to read the token \(it may be locked and waiting for a password\)/);
  });

  it('a constructor that blocks its thread (a D-Bus that never answers) times out, and this event loop stays alive', async () => {
    const keychain = osKeychain({ timeoutMs: 1500, env: fakeEnv({ FAKE_KEYRING_MODE: 'block-ctor' }), modulePath: FAKE });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const started = Date.now();
    try {
      const error = await problemOf(keychain.get('default'));
      const elapsed = Date.now() - started;
      expect(error.problem).toBe('timeout');
      expect(elapsed).toBeGreaterThanOrEqual(1400);
      expect(elapsed).toBeLessThan(5000);
      // A timer kept firing while the keyring was blocked: nothing blocked this thread.
      expect(ticks).toBeGreaterThanOrEqual(10);
      const fired = await new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10));
      expect(fired).toBe(true);
    } finally {
      clearInterval(ticker);
    }
  });

  it.each([
    ["Couldn't access platform storage: no result found", 'locked'],
    ['Platform failure: DBus error: org.freedesktop.DBus.Error.ServiceUnknown', 'unavailable'],
    ['Entry is matched by multiple credentials', 'failed'],
  ])('classifies %j as %s', (text, problem) => {
    expect(classify(new Error(text), 'kc', 'write').problem).toBe(problem);
  });
});

describe('finding the session bus when the MCP client did not pass it on', () => {
  it('uses $XDG_RUNTIME_DIR/bus, else /run/user/UID/bus, when the socket is there; only on Linux', async () => {
    const { findSessionBus } = await import('../../src/credentials/keychain.js');
    const there = (path: string) => path === '/run/user/1000/bus' || path === '/xdg/bus';
    expect(findSessionBus({ XDG_RUNTIME_DIR: '/xdg' }, 'linux', there)).toBe('unix:path=/xdg/bus');
    expect(findSessionBus({ XDG_RUNTIME_DIR: '/nowhere' }, 'linux', there)).toBeUndefined();
    expect(findSessionBus({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/set' }, 'linux', there)).toBeUndefined();
    expect(findSessionBus({ XDG_RUNTIME_DIR: '/xdg' }, 'darwin', there)).toBeUndefined();
  });
});
