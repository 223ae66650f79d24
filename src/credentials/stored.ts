// What is stored for a profile, in the keychain's secret or the credentials file: the token and the region
// whose API accepted it, so an EU or Australian workspace needs no region setting afterwards.
import { isRegion, type Region } from '../intercom/regions.js';

export interface StoredCredential {
  readonly token: string;
  /** The region `login` found the token works in; absent for a secret stored by hand. */
  readonly region?: Region;
}

/** The keychain secret: JSON, so the region travels with the token and never sits in a plain file beside it. */
export function encodeSecret(credential: StoredCredential): string {
  return JSON.stringify({ token: credential.token, ...(credential.region ? { region: credential.region } : {}) });
}

/**
 * Reads a keychain secret or a file entry. A secret that is not our JSON is taken as a bare token (set by
 * hand, e.g. with secret-tool); anything without a usable token is undefined.
 */
export function decodeSecret(secret: unknown): StoredCredential | undefined {
  if (typeof secret === 'string') {
    const text = secret.trim();
    if (text === '') return undefined;
    if (!text.startsWith('{')) return { token: text };
    try {
      return decodeSecret(JSON.parse(text) as unknown);
    } catch {
      return undefined;
    }
  }
  if (typeof secret !== 'object' || secret === null) return undefined;
  const { token, region } = secret as { token?: unknown; region?: unknown };
  if (typeof token !== 'string' || token.trim() === '') return undefined;
  const stored = typeof region === 'string' && isRegion(region) ? region : undefined;
  return { token: token.trim(), ...(stored ? { region: stored } : {}) };
}
