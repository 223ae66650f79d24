// Where the server's token comes from, in this order: INTERCOM_ACCESS_TOKEN, then the profile in the OS
// keychain, then the credentials file. Asked on the first tool call (never on the start path, so `initialize`
// and `tools/list` never touch the keychain), and again after Intercom rejects the token it had.
import type { Region } from '../intercom/regions.js';
import type { CredentialStore } from './store.js';

export type TokenOrigin = 'environment' | 'keychain' | 'file';

export interface Credential {
  readonly token: string;
  /** The region stored with the token by `login`; none for the environment's token. */
  readonly region?: Region;
  readonly from: TokenOrigin;
}

export interface CredentialSource {
  (): Promise<Credential | undefined>;
}

/** The stored token could not be read. The message says why and what to do; it never holds a secret. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/** How long the server waits for the keychain before giving up on it (a prompt nobody answers). */
export const SERVER_KEYCHAIN_TIMEOUT_MS = 5_000;

/** A message as a sentence: one full stop at the end, never two. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

const ENV_INSTEAD = "or set INTERCOM_ACCESS_TOKEN in this server's env in your MCP client config";

export interface CredentialSourceOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly profile: string;
  /** The stores; default the OS keychain and the credentials file, loaded on first use. */
  readonly store?: () => Promise<CredentialStore>;
  readonly keychainTimeoutMs?: number;
}

export function createCredentialSource(options: CredentialSourceOptions): CredentialSource {
  const env = options.env ?? process.env;
  const { profile } = options;
  const timeoutMs = options.keychainTimeoutMs ?? SERVER_KEYCHAIN_TIMEOUT_MS;
  let store: Promise<CredentialStore> | undefined;
  const getStore =
    options.store ??
    (() => (store ??= import('./store.js').then((m) => m.defaultCredentialStore({ env, keychainTimeoutMs: timeoutMs }))));

  // No cache here: the Intercom client keeps the token it got until Intercom rejects it.
  return async () => {
    const fromEnv = env.INTERCOM_ACCESS_TOKEN?.trim();
    if (fromEnv) return { token: fromEnv, from: 'environment' };
    const { KeychainError, CredentialFileError } = await import('./store.js');
    let lookup;
    try {
      lookup = await (await getStore()).lookup(profile);
    } catch (error) {
      if (error instanceof KeychainError) {
        const what = error.problem === 'timeout' ? 'Unlock it (or answer its password prompt) and call again' : 'Try again';
        throw new CredentialError(`The stored Intercom token of profile "${profile}" could not be read: ${sentence(error.message)} ${what}, ${ENV_INSTEAD}.`);
      }
      if (error instanceof CredentialFileError) throw new CredentialError(sentence(error.message));
      throw error;
    }
    if (lookup.found) {
      const { token, region, from } = lookup.found;
      return { token, from, ...(region ? { region } : {}) };
    }
    if (lookup.keychainSkipped?.problem === 'locked') {
      throw new CredentialError(
        `No Intercom token was found for profile "${profile}": ${sentence(lookup.keychainSkipped.message)} Unlock it and call again, ${ENV_INSTEAD}.`,
      );
    }
    return undefined;
  };
}
