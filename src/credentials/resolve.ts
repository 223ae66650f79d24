/**
 * Where the access token comes from. Today: INTERCOM_ACCESS_TOKEN. The OS keychain (`intercom-mcp login`)
 * slots in here later, behind the same function, so nothing else changes. Called lazily, on the first
 * tool call, never on the start path.
 */
export interface TokenSource {
  (): Promise<string | undefined>;
}

export function createTokenSource(env: NodeJS.ProcessEnv = process.env): TokenSource {
  let cached: string | undefined;
  return async () => {
    if (cached) return cached;
    const fromEnv = env.INTERCOM_ACCESS_TOKEN?.trim();
    if (fromEnv) cached = fromEnv;
    return cached;
  };
}

/** For the rare place a token must be shown: first four and last three characters. */
export function maskToken(token: string): string {
  if (token.length <= 10) return '…';
  return `${token.slice(0, 4)}…${token.slice(-3)}`;
}
