import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A user's clone has nothing beside it: no file of the project may read outside the repository's root.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['src', 'test', 'bench', 'scripts', 'bin', '.ci', 'package.json', 'tsconfig.json', 'tsup.config.ts', 'vitest.config.ts'];
const TEXT = /\.(ts|mts|js|mjs|cjs|json)$|^run$/;

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full, { throwIfNoEntry: false })) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

/** Relative paths in string literals ('../x', "./../y") that resolve outside the root, as "file:line: path". */
export function escapingPaths(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/\bshared\/intercom-openapi|\.\.\/shared\b|['"]\.\.['"]\s*,\s*['"]shared['"]/.test(line)) found.push(`${file}:${i + 1}: names ../shared`);
    // An absolute path into this workspace would not exist on a user's clone (fixtures such as /home/u are fine).
    for (const match of line.matchAll(/['"`](\/work\/[^'"`\s]*)['"`]/g)) found.push(`${file}:${i + 1}: ${match[1]} is an absolute path`);
    for (const match of line.matchAll(/['"`]((?:\.\.?\/)+[^'"`\s]*)['"`]/g)) {
      const target = resolve(ROOT, dirname(file), match[1]!);
      const rel = relative(ROOT, target);
      if (rel.startsWith('..') || rel.startsWith(sep)) found.push(`${file}:${i + 1}: ${match[1]} leaves the repository`);
    }
  });
  return found;
}

describe('the repository stands alone', () => {
  const scanned = SCANNED.flatMap(files).filter((f) => TEXT.test(f.split(sep).pop() ?? ''));

  it('scans the sources, tests, bench and build files', () => {
    expect(scanned.length).toBeGreaterThan(60);
    expect(scanned).toContain(join('test', 'query', 'helpers.ts'));
  });

  it('no file reads ../shared or climbs out of the root', () => {
    // This file names the pattern it forbids; its own literals are checked by the next test instead.
    const self = relative(ROOT, fileURLToPath(import.meta.url));
    const found = scanned.filter((f) => f !== self).flatMap((f) => escapingPaths(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches a path that climbs out, and leaves one inside alone', () => {
    const file = join('test', 'query', 'helpers.ts');
    // Built at run time, so this file holds no literal path into the folder it forbids.
    const climbing = ['..', '..', '..', 'shared', 'intercom-openapi', 'api.yaml'].join('/');
    expect(escapingPaths(file, `new URL('${climbing}', import.meta.url)`)).toHaveLength(2);
    expect(escapingPaths(file, "readFileSync('../../../elsewhere/data.json')")).toHaveLength(1);
    expect(escapingPaths(file, "join(ROOT, '..', 'shared', 'intercom-openapi')")).toHaveLength(1);
    expect(escapingPaths(file, "readFileSync('/work/shared/reference/x.txt')")).toHaveLength(1);
    expect(escapingPaths(file, "new URL('../../spec/intercom/api.intercom.io.yaml', import.meta.url)")).toEqual([]);
  });

  it('vendors the OpenAPI description with its source and license', () => {
    const source = readFileSync(join(ROOT, 'spec', 'intercom', 'SOURCE.md'), 'utf8');
    expect(source).toMatch(/MIT License/);
    expect(readFileSync(join(ROOT, 'spec', 'intercom', 'api.intercom.io.yaml'), 'utf8')).toMatch(/^\s*version: '2\.16'/m);
  });
});
