// A profile names one stored credential, for people who work in several workspaces (`--profile work`).

export const DEFAULT_PROFILE = 'default';

/** Letters, digits, '.', '_' and '-', starting with a letter or digit: safe as a keychain account and a JSON key. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

export const PROFILE_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64";

/** `intercom-mcp login`, with `--profile NAME` when the profile is not the default one. */
export function loginCommand(profile: string): string {
  return profile === DEFAULT_PROFILE ? 'intercom-mcp login' : `intercom-mcp login --profile ${profile}`;
}
