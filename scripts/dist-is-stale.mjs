// Shared by `npm run bench` and `npm run demo`: whether dist/ is missing or older than what builds it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function distIsStale(root) {
  const cli = join(root, 'dist', 'cli.js');
  const inputs = ['src', 'package.json', 'tsup.config.ts'].map((p) => newestMtime(join(root, p)));
  return !existsSync(cli) || statSync(cli).mtimeMs < Math.max(...inputs);
}
