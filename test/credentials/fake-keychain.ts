// A stand-in for the OS keychain: a map, or a keychain that is unavailable, locked, hanging or failing.
import { KeychainError, type Keychain, type KeychainProblem } from '../../src/credentials/keychain.js';

export interface FakeKeychain extends Keychain {
  readonly secrets: Map<string, string>;
  calls: number;
}

export function fakeKeychain(state: 'ok' | KeychainProblem | 'hang' = 'ok', secrets = new Map<string, string>()): FakeKeychain {
  const label = 'the OS keychain (test)';
  const fail = async (operation: string): Promise<never> => {
    if (state === 'hang') return new Promise<never>(() => {});
    throw new KeychainError(state as KeychainProblem, `${label} says ${state} on ${operation}`);
  };
  const keychain: FakeKeychain = {
    label,
    secrets,
    calls: 0,
    async get(account) {
      keychain.calls++;
      return state === 'ok' ? secrets.get(account) : fail('read');
    },
    async set(account, secret) {
      keychain.calls++;
      if (state !== 'ok') return fail('write');
      secrets.set(account, secret);
    },
    async delete(account) {
      keychain.calls++;
      return state === 'ok' ? secrets.delete(account) : fail('delete');
    },
  };
  return keychain;
}
