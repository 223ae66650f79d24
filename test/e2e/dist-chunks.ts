// The built bundle's chunks, for tests of what a start path loads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

export function readChunk(name: string): string {
  return readFileSync(join(DIST, name), 'utf8');
}

/** The chunk whose file name matches, e.g. /^stdio-.*\.js$/. */
export function chunkNamed(pattern: RegExp): string | undefined {
  return readdirSync(DIST).find((f) => pattern.test(f));
}

/** A chunk and everything it imports statically: what loading it reads. */
export function closure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const m of readChunk(name).matchAll(/(?:from|import)\s*['"]\.\/([^'"]+)['"]/g)) closure(m[1]!, seen);
  return seen;
}

/** What the stdio server's start reads: cli.js, then the stdio chunk. */
export function stdioStart(): { stdio: string; start: string[] } {
  const stdio = chunkNamed(/^stdio-.*\.js$/)!;
  return { stdio, start: [...closure('cli.js'), ...closure(stdio)] };
}
