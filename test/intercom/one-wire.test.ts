import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every HTTP call goes through the Intercom client, over src/intercom/transport.ts: one place for auth,
// retries and limits, and one set of network modules loaded (issue 6: Node's fetch alone cost ~15 MB).
const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const WIRE = 'intercom/transport.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function offending(pattern: RegExp, allowed: Set<string>): string[] {
  const found: string[] = [];
  for (const file of sources(SRC)) {
    const rel = relative(SRC, file).split('\\').join('/');
    if (allowed.has(rel)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!/^\s*(\/\/|\*|\/\*)/.test(line) && pattern.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('one wire to Intercom', () => {
  it('no source calls fetch or builds WHATWG requests', () => {
    expect(offending(/(?<![\w.#])fetch\s*\(|\bnew (Request|Response|Headers)\s*\(|globalThis\.fetch/, new Set())).toEqual([]);
  });

  it('only the transport loads network modules, and never by ES import', () => {
    const network = /['"](node:)?(http|https|http2|net|tls|undici)['"]/;
    expect(offending(network, new Set([WIRE]))).toEqual([]);
    // An ES import of a builtin reads all its exports; node:http's lazy getters then load undici (Node 22+).
    expect(offending(/^\s*import\b.*['"](node:)?(http|https|zlib)['"]/, new Set())).toEqual([]);
  });
});
