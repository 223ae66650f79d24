// The OS keychain: macOS Keychain, Windows Credential Manager, the Secret Service on Linux (GNOME Keyring,
// KWallet), through @napi-rs/keyring. The addon is loaded here and only here, on the first read or write of a
// credential (never on the server's start path), and stays out of the bundle: it ships prebuilt per platform.

import { existsSync } from 'node:fs';

export const KEYCHAIN_SERVICE = 'intercom-mcp';

/**
 * MCP clients start servers with only a few variables (HOME, PATH, USER...), so on Linux the server often has
 * no DBUS_SESSION_BUS_ADDRESS even though the user's session bus is there. Point it at the usual socket
 * ($XDG_RUNTIME_DIR/bus, else /run/user/UID/bus) when that exists, as sd-bus does. Only for the real
 * process environment, which the addon reads.
 */
export function findSessionBus(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, exists: (path: string) => boolean = existsSync): string | undefined {
  if (platform !== 'linux' || env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = env.XDG_RUNTIME_DIR || (uid === undefined ? undefined : `/run/user/${uid}`);
  const socket = dir ? `${dir}/bus` : undefined;
  return socket && exists(socket) ? `unix:path=${socket}` : undefined;
}

/**
 * - unavailable: no keychain here (an unsupported platform, no D-Bus or Secret Service, turned off);
 * - locked: there is one, but it could not be opened (locked, no default keyring, access refused);
 * - timeout: it did not answer in time (waiting on a password prompt nobody answers);
 * - failed: anything else.
 */
export type KeychainProblem = 'unavailable' | 'locked' | 'timeout' | 'failed';

/** A keychain failure. The message is ours, plus at most the platform's own description: never a secret. */
export class KeychainError extends Error {
  override readonly name = 'KeychainError';
  constructor(
    readonly problem: KeychainProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Where a secret lives, one account per profile. The seam the tests replace. */
export interface Keychain {
  /** For messages: "the OS keychain (macOS Keychain)". */
  readonly label: string;
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** The part of @napi-rs/keyring used here. */
interface AsyncEntryLike {
  getPassword(signal?: AbortSignal): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal): Promise<void>;
  deleteCredential(signal?: AbortSignal): Promise<boolean>;
}
interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => AsyncEntryLike;
}

export function keychainLabel(platform: NodeJS.Platform = process.platform): string {
  const name =
    platform === 'darwin'
      ? 'macOS Keychain'
      : platform === 'win32'
        ? 'Windows Credential Manager'
        : 'Secret Service: GNOME Keyring, KWallet or similar';
  return `the OS keychain (${name})`;
}

/** The platform's own words about a failure, one short line (never from a read, which could quote data). */
function platformReason(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/^(Platform failure: )?(D-?Bus error: )?/i, '');
  if (/DBUS_SESSION_BUS_ADDRESS|autolaunch/.test(text)) return 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)';
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** Sorts a keyring error into a problem, from keyring-rs's error texts. */
export function classify(error: unknown, label: string, operation: 'read' | 'write' | 'delete'): KeychainError {
  if (error instanceof KeychainError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/couldn'?t access platform (secure )?storage|no result found|locked|denied|not allowed|cancel/i.test(text)) {
    return new KeychainError(
      'locked',
      `${label} could not be opened to ${operation} the token (it is locked, has no default keyring, or access was refused)` +
        (operation === 'read' ? '' : `: ${platformReason(error)}`),
    );
  }
  if (/d-?bus|secret ?service|org\.freedesktop|no such file|connect/i.test(text)) {
    return new KeychainError('unavailable', `${label} is not reachable here: ${operation === 'read' ? 'no Secret Service on D-Bus' : platformReason(error)}`);
  }
  return new KeychainError('failed', `${label} failed to ${operation} the token${operation === 'read' ? '' : `: ${platformReason(error)}`}`);
}

export interface OsKeychainOptions {
  /** How long one operation may take before it is abandoned (a password prompt nobody answers). */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Replaces `import('@napi-rs/keyring')` (tests). */
  readonly load?: () => Promise<unknown>;
}

let loadedModule: Promise<KeyringModule> | undefined;

async function loadKeyring(label: string, load: () => Promise<unknown>): Promise<KeyringModule> {
  try {
    const mod = (await load()) as Partial<KeyringModule> & { default?: Partial<KeyringModule> };
    const AsyncEntry = mod.AsyncEntry ?? mod.default?.AsyncEntry;
    if (typeof AsyncEntry !== 'function') throw new Error('no AsyncEntry export');
    return { AsyncEntry };
  } catch {
    throw new KeychainError(
      'unavailable',
      `${label} is not supported on this platform (${process.platform}-${process.arch}): @napi-rs/keyring has no binary for it`,
    );
  }
}

/** The real OS keychain, service `intercom-mcp`, account = profile. */
export function osKeychain(options: OsKeychainOptions): Keychain {
  const label = keychainLabel();
  const env = options.env ?? process.env;
  const load = options.load ?? (() => import('@napi-rs/keyring'));

  async function entry(account: string): Promise<AsyncEntryLike> {
    if (env.INTERCOM_MCP_NO_KEYCHAIN === '1') {
      throw new KeychainError('unavailable', `${label} is turned off here (INTERCOM_MCP_NO_KEYCHAIN=1)`);
    }
    const mod = await (options.load ? loadKeyring(label, load) : (loadedModule ??= loadKeyring(label, load)));
    if (env === process.env) {
      const bus = findSessionBus(env);
      if (bus) process.env.DBUS_SESSION_BUS_ADDRESS = bus;
    }
    try {
      // On Linux only the Secret Service: the kernel keyring (keyutils) would forget the token at reboot.
      return new mod.AsyncEntry(KEYCHAIN_SERVICE, account, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw new KeychainError('unavailable', `${label} is not reachable here: ${platformReason(error)}`);
    }
  }

  /** Runs one operation, abandoned after timeoutMs (the addon's thread may go on; nothing waits for it). */
  async function bounded<T>(operation: 'read' | 'write' | 'delete', run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        const seconds = Math.round(options.timeoutMs / 100) / 10;
        reject(
          new KeychainError(
            'timeout',
            `${label} did not answer within ${seconds} s when asked to ${operation} the token (it may be locked and waiting for a password)`,
          ),
        );
      }, options.timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([run(controller.signal), late]);
    } catch (error) {
      throw classify(error, label, operation);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    label,
    get: (account) => bounded('read', async (signal) => (await (await entry(account)).getPassword(signal)) ?? undefined),
    set: (account, secret) => bounded('write', async (signal) => (await entry(account)).setPassword(secret, signal)),
    delete: (account) => bounded('delete', async (signal) => (await entry(account)).deleteCredential(signal)),
  };
}
