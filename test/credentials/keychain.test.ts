import { describe, expect, it } from 'vitest';
import { classify, KEYCHAIN_SERVICE, KeychainError, osKeychain } from '../../src/credentials/keychain.js';

type Ctor = { service: string; account: string; options: unknown };

/** A stand-in for @napi-rs/keyring's module: AsyncEntry over a map, or behaving as told. */
function fakeModule(behaviour: {
  ctor?: () => void;
  get?: () => Promise<string | null>;
  secrets?: Map<string, string>;
  made?: Ctor[];
}) {
  const secrets = behaviour.secrets ?? new Map<string, string>();
  class AsyncEntry {
    constructor(
      readonly service: string,
      readonly account: string,
      options: unknown,
    ) {
      behaviour.ctor?.();
      behaviour.made?.push({ service, account, options });
    }
    async getPassword(): Promise<string | null> {
      return behaviour.get ? behaviour.get() : (secrets.get(this.account) ?? null);
    }
    async setPassword(password: string): Promise<void> {
      secrets.set(this.account, password);
    }
    async deleteCredential(): Promise<boolean> {
      return secrets.delete(this.account);
    }
  }
  return async () => ({ AsyncEntry });
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
    const made: Ctor[] = [];
    const keychain = osKeychain({ timeoutMs: 1000, env: {}, load: fakeModule({ made, secrets: new Map([['work', 'secret-1']]) }) });
    expect(await keychain.get('work')).toBe('secret-1');
    expect(made).toEqual([{ service: KEYCHAIN_SERVICE, account: 'work', options: { linux: { store: 'secret-service' } } }]);
  });

  it('missing: undefined; set then delete round-trips', async () => {
    const keychain = osKeychain({ timeoutMs: 1000, env: {}, load: fakeModule({}) });
    expect(await keychain.get('default')).toBeUndefined();
    await keychain.set('default', '{"token":"x"}');
    expect(await keychain.get('default')).toBe('{"token":"x"}');
    expect(await keychain.delete('default')).toBe(true);
    expect(await keychain.delete('default')).toBe(false);
  });

  it('locked: a store that will not open is "locked", without the platform text of a read', async () => {
    const keychain = osKeychain({
      timeoutMs: 1000,
      env: {},
      load: fakeModule({ get: () => Promise.reject(new Error("Couldn't access platform storage: Secret Service: collection is locked")) }),
    });
    const error = await problemOf(keychain.get('default'));
    expect(error.problem).toBe('locked');
    expect(error.message).toMatch(/could not be opened to read the token \(it is locked/);
    expect(error.message).not.toMatch(/collection is locked/);
  });

  it('unavailable: no D-Bus session is one clear line', async () => {
    const keychain = osKeychain({
      timeoutMs: 1000,
      env: {},
      load: fakeModule({
        ctor: () => {
          throw new Error('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead');
        },
      }),
    });
    const error = await problemOf(keychain.get('default'));
    expect(error.problem).toBe('unavailable');
    expect(error.message).toMatch(/is not reachable here: no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS is not set\)$/);
  });

  it('unavailable: a platform without a binary is one line, not a stack trace', async () => {
    const keychain = osKeychain({ timeoutMs: 1000, env: {}, load: () => Promise.reject(new Error('Cannot find native binding. npm has a bug ...')) });
    const error = await problemOf(keychain.set('default', 'x'));
    expect(error.problem).toBe('unavailable');
    expect(error.message).toMatch(/is not supported on this platform \(\w+-\w+\): @napi-rs\/keyring has no binary for it$/);
    expect(error.message).not.toMatch(/\n/);
  });

  it('unavailable: INTERCOM_MCP_NO_KEYCHAIN=1 turns it off without loading the addon', async () => {
    let loaded = 0;
    const keychain = osKeychain({ timeoutMs: 1000, env: { INTERCOM_MCP_NO_KEYCHAIN: '1' }, load: async () => void loaded++ });
    expect((await problemOf(keychain.get('default'))).problem).toBe('unavailable');
    expect(loaded).toBe(0);
  });

  it('a keychain that hangs is abandoned after the timeout', async () => {
    const keychain = osKeychain({ timeoutMs: 80, env: {}, load: fakeModule({ get: () => new Promise(() => {}) }) });
    const started = Date.now();
    const error = await problemOf(keychain.get('default'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.problem).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 0\.1 s when asked to read the token \(it may be locked and waiting for a password\)/);
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
