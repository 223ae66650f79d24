// `intercom-mcp logout`: removes the profile's token from the OS keychain and the credentials file, and says
// what it removed, or that there was nothing. Running it twice is fine (exit 0); a keychain that could not be
// asked is an error (exit 1), since a token may still be there.
import { resolveConfig, type ConfigFlags } from '../config.js';
import { KeychainError } from '../credentials/keychain.js';
import { CredentialFileError } from '../credentials/file-store.js';
import { placeOf, type CommandIo } from './io.js';

export async function logout(flags: ConfigFlags, io: CommandIo): Promise<number> {
  const { profile } = resolveConfig(flags, io.env);
  const store = await io.store();
  // Both stores are always tried; what happened in the keychain is said before any trouble with the file.
  const removed = await store.remove(profile);
  const lines: string[] = [];
  let code = 0;
  if (removed.keychain === true) lines.push(`Removed the token of profile "${profile}" from ${placeOf('keychain', store, profile)}.`);
  if (removed.file === true) lines.push(`Removed the token of profile "${profile}" from ${store.file.path}.`);
  const keychainProblem = removed.keychain instanceof KeychainError ? removed.keychain : undefined;
  const fileProblem = removed.file instanceof CredentialFileError ? removed.file : undefined;
  if (lines.length === 0 && !fileProblem) {
    const looked = keychainProblem ? store.file.path : `${store.keychain.label} and ${store.file.path}`;
    lines.push(`No token was stored for profile "${profile}" (looked in ${looked}); nothing to remove.`);
  }
  if (keychainProblem?.problem === 'unavailable') lines.push(`Note: ${keychainProblem.message}, so it was not checked.`);
  if (lines.length > 0) io.out(`${lines.join('\n')}\n`);
  if (keychainProblem && keychainProblem.problem !== 'unavailable') {
    io.err(`intercom-mcp: ${keychainProblem.message}: a token may still be stored there. Unlock it and run logout again.\n`);
    code = 1;
  }
  if (fileProblem) {
    io.err(`intercom-mcp: ${fileProblem.message}.\n`);
    code = 1;
  }
  if (io.env.INTERCOM_ACCESS_TOKEN?.trim()) {
    io.err('Note: INTERCOM_ACCESS_TOKEN is still set in this environment; logout does not change that. Remove it from your shell or MCP client config.\n');
  }
  return code;
}
