// A tiny reader for the few parts of Intercom's OpenAPI YAML the fake's tests compare against. No YAML
// dependency: the file is machine-formatted with stable indentation, so indentation is enough.
import { readFileSync } from 'node:fs';

export const SPEC_PATH = new URL('../../spec/intercom/api.intercom.io.yaml', import.meta.url);
let lines: string[] | undefined;
function specLines(): string[] {
  lines ??= readFileSync(SPEC_PATH, 'utf8').split('\n');
  return lines;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Keys directly under `properties:` of `components.schemas.<name>`. */
export function schemaProperties(name: string): string[] {
  const all = specLines();
  const start = all.findIndex((l) => l === `    ${name}:`);
  if (start === -1) throw new Error(`schema ${name} not found`);
  const keys: string[] = [];
  let inProps = false;
  for (let i = start + 1; i < all.length; i++) {
    const line = all[i]!;
    if (line.trim() === '') continue;
    const indent = indentOf(line);
    if (indent <= 4) break;
    if (indent === 6) inProps = line.trim() === 'properties:';
    else if (inProps && indent === 8) {
      const m = /^\s{8}"?([A-Za-z0-9_$.-]+)"?:/.exec(line);
      if (m) keys.push(m[1]!);
    }
  }
  return keys;
}

/** Top-level keys of the first response example `value:` under a path's operation and status. */
export function exampleKeys(pathKey: string, method: string, status: string): string[] {
  const all = specLines();
  const p = all.findIndex((l) => l === `  "${pathKey}":`);
  if (p === -1) throw new Error(`path ${pathKey} not found`);
  let i = all.findIndex((l, idx) => idx > p && l === `    ${method}:`);
  i = all.findIndex((l, idx) => idx > i && l.trim() === `'${status}':`);
  i = all.findIndex((l, idx) => idx > i && l.trim() === 'value:');
  const valueIndent = indentOf(all[i]!);
  const keys: string[] = [];
  for (let j = i + 1; j < all.length; j++) {
    const line = all[j]!;
    if (line.trim() === '') continue;
    const indent = indentOf(line);
    if (indent <= valueIndent) break;
    if (indent === valueIndent + 2) {
      const m = /^\s*([A-Za-z0-9_]+):/.exec(line);
      if (m) keys.push(m[1]!);
    }
  }
  return keys;
}
