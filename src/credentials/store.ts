// Both stores behind one interface: the OS keychain first, the credentials file where no keychain is reachable.
import { createFileStore, CredentialFileError, credentialsFilePath, type FileStore } from './file-store.js';
import { KeychainError, osKeychain, type Keychain } from './keychain.js';

// The errors a lookup can throw, from the one module the server loads for it.
export { CredentialFileError } from './file-store.js';
export { KeychainError } from './keychain.js';
import { decodeSecret, encodeSecret, type StoredCredential } from './stored.js';

export type StoreName = 'keychain' | 'file';

export interface Found extends StoredCredential {
  readonly from: StoreName;
}

export interface Lookup {
  readonly found?: Found;
  /** Why the keychain was passed over (unavailable or locked), when it was. */
  readonly keychainSkipped?: KeychainError;
}

export interface Saved {
  readonly to: StoreName;
  /** When the file was used because the keychain could not be: why. */
  readonly fallbackReason?: KeychainError;
  /** Copies of this profile removed from the other store, so only the new one remains. */
  readonly removedFrom: readonly StoreName[];
  /** Where an earlier copy may remain, since removing it failed. */
  readonly staleCopies: readonly StaleCopy[];
}

export interface Removed {
  readonly keychain: boolean | KeychainError;
  readonly file: boolean | CredentialFileError;
}

/** A copy of the profile in the other store that could not be removed: where, and why. */
export interface StaleCopy {
  readonly store: StoreName;
  readonly reason: string;
}

export interface CredentialStore {
  readonly keychain: Keychain;
  readonly file: FileStore;
  /** Keychain, then file. An unreachable or locked keychain is passed over; a hanging or failing one throws. */
  lookup(profile: string): Promise<Lookup>;
  /** In the keychain, or in the file when there is none (unavailable) or `insecure` asks for it. A locked keychain throws. */
  save(profile: string, credential: StoredCredential, options?: { insecure?: boolean }): Promise<Saved>;
  remove(profile: string): Promise<Removed>;
}

/** Passing over the keychain is fine when there is none or it will not open; a hang or a failure is not. */
const passable = (error: unknown): error is KeychainError =>
  error instanceof KeychainError && (error.problem === 'unavailable' || error.problem === 'locked');

export function createCredentialStore(options: { keychain: Keychain; file: FileStore }): CredentialStore {
  const { keychain, file } = options;
  return {
    keychain,
    file,
    async lookup(profile) {
      let keychainSkipped: KeychainError | undefined;
      try {
        const secret = await keychain.get(profile);
        const stored = secret === undefined ? undefined : decodeSecret(secret);
        if (stored) return { found: { ...stored, from: 'keychain' } };
      } catch (error) {
        if (!passable(error)) throw error;
        keychainSkipped = error;
      }
      const stored = await file.read(profile);
      return { ...(stored ? { found: { ...stored, from: 'file' as const } } : {}), ...(keychainSkipped ? { keychainSkipped } : {}) };
    },
    async save(profile, credential, saveOptions = {}) {
      let fallbackReason: KeychainError | undefined;
      if (!saveOptions.insecure) {
        try {
          await keychain.set(profile, encodeSecret(credential));
          const staleCopies: StaleCopy[] = [];
          const removed = await file.remove(profile).catch((error: unknown) => {
            staleCopies.push({ store: 'file', reason: error instanceof Error ? error.message : String(error) });
            return false;
          });
          return { to: 'keychain', removedFrom: removed ? ['file'] : [], staleCopies };
        } catch (error) {
          // Only where there is no keychain: a locked one (or a dismissed unlock prompt) is the user's to open,
          // not a reason to write the token unencrypted.
          if (!(error instanceof KeychainError && error.problem === 'unavailable')) throw error;
          fallbackReason = error;
        }
      }
      await file.write(profile, credential);
      // A keychain copy would win over the file at lookup: it goes, where the keychain can be reached at all.
      const staleCopies: StaleCopy[] = [];
      const removed =
        saveOptions.insecure &&
        (await keychain.delete(profile).catch((error: unknown) => {
          // No keychain here: no copy there either.
          if (!(error instanceof KeychainError && error.problem === 'unavailable')) {
            staleCopies.push({ store: 'keychain', reason: error instanceof Error ? error.message : String(error) });
          }
          return false;
        }));
      return { to: 'file', removedFrom: removed ? ['keychain'] : [], staleCopies, ...(fallbackReason ? { fallbackReason } : {}) };
    },
    async remove(profile) {
      // Both stores are tried whatever the other answered; an expected failure is a result, not a throw.
      const fromKeychain = await keychain.delete(profile).catch((error: unknown) => expected(error, KeychainError));
      const fromFile = await file.remove(profile).catch((error: unknown) => expected(error, CredentialFileError));
      return { keychain: fromKeychain, file: fromFile };
    },
  };
}

/** The real stores: the OS keychain and the file in the user's config directory. */
export function defaultCredentialStore(options: { env?: NodeJS.ProcessEnv; keychainTimeoutMs: number }): CredentialStore {
  const env = options.env ?? process.env;
  return createCredentialStore({
    keychain: osKeychain({ timeoutMs: options.keychainTimeoutMs, env }),
    file: createFileStore({ path: credentialsFilePath(env) }),
  });
}

/** `error` when it is an `ErrorClass`, rethrown otherwise. */
function expected<E extends Error>(error: unknown, ErrorClass: new (...args: never[]) => E): E {
  if (error instanceof ErrorClass) return error;
  throw error;
}
