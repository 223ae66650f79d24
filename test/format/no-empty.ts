// Shared assertion: nothing null/empty anywhere in an output value.
import { expect } from 'vitest';

export function emptyPaths(value: unknown, path = '$'): string[] {
  if (value === null || value === undefined || value === '') return [path];
  if (typeof value === 'number' && !Number.isFinite(value)) return [path];
  if (Array.isArray(value)) {
    if (value.length === 0) return [path];
    return value.flatMap((v, i) => emptyPaths(v, `${path}[${i}]`));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [path];
    return entries.flatMap(([k, v]) => emptyPaths(v, `${path}.${k}`));
  }
  return [];
}

export function expectNoEmpty(value: unknown): void {
  expect(emptyPaths(value)).toEqual([]);
}
