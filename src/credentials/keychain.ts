// The OS keychain: macOS Keychain, Windows Credential Manager, the Secret Service on Linux (GNOME Keyring,
// KWallet), through @napi-rs/keyring. The addon is loaded here and only here, on the first read or write of a
// credential (never on the server's start path), and stays out of the bundle: it ships prebuilt per platform.
// Every keyring call, the constructor included, runs in a short-lived child process, never in this one: the
// addon connects to D-Bus synchronously, and a bus that accepts but never answers would block the thread
// that asked for good. A worker thread is not enough: a thread stuck in native code cannot be stopped, and
// Node joins its worker threads at exit, so the process could never end. A child can be killed.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

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
  /** How long one operation may take before it is abandoned (a password prompt nobody answers, a silent D-Bus). */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
  /** The module the child imports instead of @napi-rs/keyring (tests): an absolute path. */
  readonly modulePath?: string;
}

type Operation = 'read' | 'write' | 'delete';

/** What the child answers on its reply pipe (fd 3), one JSON object. */
type ChildReply =
  | { ok: true; value: string | boolean | null }
  | { ok: false; stage: 'load' | 'open' | 'op'; message?: string };

/**
 * The child: reads one request as JSON from stdin, imports the keyring module, makes the entry and runs
 * the one operation, then writes one JSON reply to file descriptor 3, a pipe of its own (its stdout and
 * stderr are discarded, so nothing the addon prints can mix in). CommonJS, run with `node -e`.
 */
const CHILD_SCRIPT = `
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const reply = (o) => { require('node:fs').writeSync(3, JSON.stringify(o)); process.exit(0); };
  const text = (e) => String(e && e.message ? e.message : e);
  let req;
  try { req = JSON.parse(input); } catch (e) { return reply({ ok: false, stage: 'op', message: 'bad request' }); }
  let AsyncEntry;
  try {
    const mod = await import(require('node:url').pathToFileURL(req.module).href);
    AsyncEntry = mod.AsyncEntry || (mod.default && mod.default.AsyncEntry);
  } catch (e) { return reply({ ok: false, stage: 'load' }); }
  if (typeof AsyncEntry !== 'function') return reply({ ok: false, stage: 'load' });
  let entry;
  try { entry = new AsyncEntry(req.service, req.account, { linux: { store: 'secret-service' } }); }
  catch (e) { return reply({ ok: false, stage: 'open', message: text(e) }); }
  try {
    const value = req.op === 'read' ? await entry.getPassword() : req.op === 'write' ? await entry.setPassword(req.secret) : await entry.deleteCredential();
    reply({ ok: true, value: value === undefined ? null : value });
  } catch (e) { reply({ ok: false, stage: 'op', message: text(e) }); }
});
`;

function resolveKeyring(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('@napi-rs/keyring');
  } catch {
    return undefined;
  }
}

/** The real OS keychain, service `intercom-mcp`, account = profile. */
export function osKeychain(options: OsKeychainOptions): Keychain {
  const label = keychainLabel();
  const env = options.env ?? process.env;
  const seconds = Math.round(options.timeoutMs / 100) / 10;
  const notSupported = () =>
    new KeychainError(
      'unavailable',
      `${label} is not supported on this platform (${process.platform}-${process.arch}): @napi-rs/keyring has no binary for it`,
    );

  /**
   * Runs one operation in a child process, killed after timeoutMs: a silent D-Bus or a prompt nobody
   * answers never blocks this process's event loop, and holds its exit for timeoutMs at most.
   */
  function run(operation: Operation, account: string, secret?: string): Promise<string | boolean | null> {
    if (env.INTERCOM_MCP_NO_KEYCHAIN === '1') {
      return Promise.reject(new KeychainError('unavailable', `${label} is turned off here (INTERCOM_MCP_NO_KEYCHAIN=1)`));
    }
    const module = options.modulePath ?? resolveKeyring();
    if (!module) return Promise.reject(notSupported());
    const bus = findSessionBus(env);
    const childEnv: NodeJS.ProcessEnv = { ...env, ...(bus ? { DBUS_SESSION_BUS_ADDRESS: bus } : {}) };
    delete childEnv.NODE_OPTIONS;
    return new Promise((resolve, reject) => {
      let settled = false;
      let output = '';
      const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], { env: childEnv, stdio: ['pipe', 'ignore', 'ignore', 'pipe'], windowsHide: true });
      const replies = child.stdio[3] as import('node:stream').Readable;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new KeychainError(
              'timeout',
              `${label} did not answer within ${seconds} s when asked to ${operation} the token (it may be locked and waiting for a password)`,
            ),
          ),
        );
        // Killed and let go: a helper stuck in D-Bus must not hold the exit either.
        child.kill('SIGKILL');
        child.unref();
        replies.destroy();
        child.stdin?.destroy();
      }, options.timeoutMs);
      // While the call is pending the child and the timer keep the process alive (a CLI command has nothing
      // else to wait on, and would otherwise exit 0 in silence), for at most timeoutMs.
      replies.setEncoding('utf8');
      replies.on('data', (chunk: string) => (output += chunk));
      child.stdin?.on('error', () => {});
      child.on('error', (error) => finish(() => reject(new KeychainError('failed', `${label} could not be asked: ${platformReason(error)}`))));
      child.on('close', () =>
        finish(() => {
          let reply: ChildReply;
          try {
            reply = JSON.parse(output) as ChildReply;
          } catch {
            reject(new KeychainError('failed', `${label} failed to ${operation} the token: the keychain helper process ended without an answer`));
            return;
          }
          if (reply.ok) resolve(reply.value);
          else if (reply.stage === 'load') reject(notSupported());
          else if (reply.stage === 'open') reject(new KeychainError('unavailable', `${label} is not reachable here: ${platformReason(reply.message)}`));
          else reject(classify(new Error(reply.message ?? 'unknown error'), label, operation));
        }),
      );
      // The secret goes over the pipe, never in argv or the environment.
      child.stdin?.end(JSON.stringify({ module, service: KEYCHAIN_SERVICE, account, op: operation, ...(secret === undefined ? {} : { secret }) }));
    });
  }

  return {
    label,
    get: async (account) => {
      const value = await run('read', account);
      return typeof value === 'string' ? value : undefined;
    },
    set: async (account, secret) => {
      await run('write', account, secret);
    },
    delete: async (account) => (await run('delete', account)) === true,
  };
}
