// Scans of the project's own sources, for tests that hold a rule over all of src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The .ts files under src/, as paths relative to it with forward slashes. */
export function sourceFiles(): string[] {
  return sources(SRC).map((file) => relative(SRC, file).split('\\').join('/'));
}

/** Lines of src/ matching `pattern`, as "file:line: text", outside the `allowed` files and (optionally) comments. */
export function sourceLinesMatching(pattern: RegExp, allowed: ReadonlySet<string>, options: { skipComments?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const rel of sourceFiles()) {
    if (allowed.has(rel)) continue;
    readFileSync(join(SRC, rel), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (options.skipComments && /^\s*(\/\/|\*|\/\*)/.test(line)) return;
        if (pattern.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}
