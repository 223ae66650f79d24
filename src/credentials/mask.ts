/**
 * A token as it may be shown: its first 4 characters at most (fewer for a short one, so most of it stays
 * hidden), then a fixed run of asterisks that does not tell its length.
 */
export function maskToken(token: string): string {
  const shown = Math.min(4, Math.floor(token.length / 4));
  return `${token.slice(0, shown)}********`;
}
