/**
 * Where the access token comes from. Today: INTERCOM_ACCESS_TOKEN. The OS keychain (`intercom-mcp login`)
 * slots in here later, behind the same function, so nothing else changes. Called lazily, on the first
 * tool call, never on the start path.
 */
export interface TokenSource {
  (): Promise<string | undefined>;
}

export function createTokenSource(env: NodeJS.ProcessEnv = process.env): TokenSource {
  // No cache here: the Intercom client keeps the token it got until Intercom rejects it.
  return async () => env.INTERCOM_ACCESS_TOKEN?.trim() || undefined;
}
