// Every byte of output costs the assistant tokens: empty values carry no information, so they go.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function prune(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    let kept = 0;
    for (const [key, child] of Object.entries(value)) {
      const pruned = prune(child);
      if (pruned !== undefined) {
        out[key] = pruned;
        kept++;
      }
    }
    return kept > 0 ? out : undefined;
  }
  return value;
}

/**
 * Recursively drops null, undefined, '', NaN/Infinity, [] and {} (including containers that only held
 * such values). Keeps 0 and false. A value that is itself empty comes back as `{}` for objects, `[]` for
 * arrays, or undefined for scalars, so callers can always spread/iterate the result.
 */
export function compact<T>(value: T): T {
  const pruned = prune(value);
  if (pruned !== undefined) return pruned as T;
  if (Array.isArray(value)) return [] as T;
  if (isPlainObject(value)) return {} as T;
  return undefined as T;
}
