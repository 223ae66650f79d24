import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Data flows one way: cli → server → tools → records → (query, format) → intercom; commands (login, logout,
// status) and the server get the token from credentials. Each folder of src/ may import only the folders
// below it, and nothing imports in a loop.
const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  intercom: [],
  // The stored credential carries the workspace's region, whose names and check are intercom/regions.ts's.
  credentials: ['intercom'],
  query: ['intercom'],
  format: ['intercom'],
  records: ['intercom', 'query', 'format'],
  tools: ['records', 'intercom', 'query', 'format'],
  server: ['tools', 'records', 'intercom', 'query', 'format', 'credentials', 'demo'],
  // The Intercom emulator behind --demo and the tests: a leaf, wired in by server/ and cli/.
  demo: ['intercom'],
  cli: ['server'],
  // login, logout, status: the stores, and the Intercom client (GET /me, the region probe); their output
  // goes through cli/output.ts's writers, which cli.ts passes in.
  commands: ['credentials', 'intercom'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** file (relative to src/) → the src files it imports (relative). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((m) =>
      relative(SRC, resolve(dirname(file), (m[1] ?? m[2])!.replace(/\.js$/, '.ts'))).split('\\').join('/'),
    );
    graph.set(relative(SRC, file).split('\\').join('/'), deps);
  }
  return graph;
}

const folderOf = (file: string): string => (file.includes('/') ? file.split('/')[0]! : '(root)');

describe('layers', () => {
  const graph = importGraph();

  it('reads the sources', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get('tools/fetch.ts')).toContain('tools/record-ref.ts');
    expect(graph.get('tools/record-ref.ts')).toContain('records/index.ts');
  });

  it('each folder imports only the folders below it', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      const allowed = MAY_IMPORT[from];
      if (allowed === undefined) continue; // root files (cli.ts, config.ts) wire everything
      for (const dep of deps) {
        const to = folderOf(dep);
        if (to !== from && to !== '(root)' && !allowed.includes(to)) wrong.push(`${file} imports ${dep}`);
        // intercom/source.ts takes the Config type; nothing else below the commands reads root files.
        if (to === '(root)' && !['server', 'cli', 'commands'].includes(from) && file !== 'intercom/source.ts') wrong.push(`${file} imports ${dep}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no import loops', () => {
    const cycles: string[] = [];
    const done = new Set<string>();
    const path: string[] = [];
    const visit = (file: string): void => {
      const at = path.indexOf(file);
      if (at >= 0) {
        cycles.push([...path.slice(at), file].join(' -> '));
        return;
      }
      if (done.has(file)) return;
      path.push(file);
      for (const dep of graph.get(file) ?? []) visit(dep);
      path.pop();
      done.add(file);
    };
    for (const file of graph.keys()) visit(file);
    expect(cycles).toEqual([]);
  });
});
