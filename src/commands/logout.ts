// `intercom-mcp logout`: removes the profile's token from the OS keychain and the credentials file, and says
// what it removed, or that there was nothing. Running it twice is fine (exit 0); a keychain that could not be
// asked is an error (exit 1), since a token may still be there.
import { resolveConfig, type ConfigFlags } from '../config.js';
import { KeychainError } from '../credentials/keychain.js';
import { CredentialFileError } from '../credentials/file-store.js';
import { CommandError, placeOf, type CommandIo } from './io.js';

export async function logout(flags: ConfigFlags, io: CommandIo): Promise<number> {
  const { profile } = resolveConfig(flags, io.env);
  const store = await io.store();
  let removed;
  try {
    removed = await store.remove(profile);
  } catch (error) {
    if (error instanceof CredentialFileError) throw new CommandError(error.message);
    throw error;
  }
  const lines: string[] = [];
  let code = 0;
  if (removed.keychain === true) lines.push(`Removed the token of profile "${profile}" from ${placeOf('keychain', store, profile)}.`);
  if (removed.file) lines.push(`Removed the token of profile "${profile}" from ${store.file.path}.`);
  const keychainProblem = removed.keychain instanceof KeychainError ? removed.keychain : undefined;
  if (lines.length === 0) {
    const looked = keychainProblem ? store.file.path : `${store.keychain.label} and ${store.file.path}`;
    lines.push(`No token was stored for profile "${profile}" (looked in ${looked}); nothing to remove.`);
  }
  if (keychainProblem?.problem === 'unavailable') {
    lines.push(`Note: ${keychainProblem.message}, so it was not checked.`);
  } else if (keychainProblem) {
    io.err(`intercom-mcp: ${keychainProblem.message}: a token may still be stored there. Unlock it and run logout again.\n`);
    code = 1;
  }
  io.out(`${lines.join('\n')}\n`);
  if (io.env.INTERCOM_ACCESS_TOKEN?.trim()) {
    io.err('Note: INTERCOM_ACCESS_TOKEN is still set in this environment; logout does not change that. Remove it from your shell or MCP client config.\n');
  }
  return code;
}
