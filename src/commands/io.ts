// What the credential commands read and write, in one object the tests replace: the environment, stdin,
// the two output streams (cli/output.ts's, the only writer to stdout) and the credential stores.
import type { CredentialStore } from '../credentials/store.js';

/** How long a command waits for the keychain: a person is there and may have a password prompt to answer. */
export const COMMAND_KEYCHAIN_TIMEOUT_MS = 30_000;

export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out(text: string): void;
  err(text: string): void;
  store(): Promise<CredentialStore>;
}

/** The real world; `out` and `err` are cli/output.ts's (passed in, so that module stays in the entry chunk). */
export function processIo(output: Pick<CommandIo, 'out' | 'err'>, env: NodeJS.ProcessEnv = process.env): CommandIo {
  let store: Promise<CredentialStore> | undefined;
  return {
    env,
    stdin: process.stdin,
    out: output.out,
    err: output.err,
    store: () =>
      (store ??= import('../credentials/store.js').then((m) =>
        m.defaultCredentialStore({ env, keychainTimeoutMs: COMMAND_KEYCHAIN_TIMEOUT_MS }),
      )),
  };
}

/** Where a profile's token is kept, for people: `the OS keychain (...), service "intercom-mcp", account "work"`. */
export function placeOf(from: 'keychain' | 'file', store: CredentialStore, profile: string): string {
  return from === 'keychain'
    ? `${store.keychain.label}, service "intercom-mcp", account "${profile}"`
    : `${store.file.path} (unencrypted, readable only by you)`;
}

/** A command's failure: the message is printed as is (after "intercom-mcp: ") and the command exits 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
