// Every byte of output costs the assistant tokens: empty values carry no information, so they go.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// Plain loops: this runs over every projected record, and entries()/map()/filter() allocate per key.
function prune(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const pruned = prune(value[i]);
      if (pruned !== undefined) items.push(pruned);
    }
    return items.length > 0 ? items : undefined;
  }
  if (isPlainObject(value)) {
    let out: Record<string, unknown> | undefined;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const pruned = prune(value[key]);
      if (pruned === undefined) continue;
      out ??= {};
      // Untrusted keys: an own "__proto__" (JSON.parse makes one) must stay data, not become a prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: pruned, enumerable: true, writable: true, configurable: true });
      else out[key] = pruned;
    }
    return out;
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
