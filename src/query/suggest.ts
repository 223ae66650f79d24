// "Did you mean" support: optimal-string-alignment (Damerau-Levenshtein) distance over small candidate lists.

const MAX_LEN = 64; // suggestions for longer tokens are noise, and this keeps the cost bounded

/** Edit distance where a swap of two adjacent characters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2: number[] = new Array<number>(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/**
 * The candidate closest to `input`, if close enough to be a plausible typo; also catches a bare suffix
 * of a flattened name (`subject` → `source_subject`).
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  if (needle.length === 0 || needle.length > MAX_LEN) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const threshold = Math.max(1, Math.floor(needle.length / 3));
  if (best !== undefined && bestDistance <= threshold && bestDistance < needle.length) return best;
  if (needle.length >= 3) {
    const bySuffix = candidates.find((c) => c.toLowerCase().endsWith('_' + needle) || c.toLowerCase().endsWith('.' + needle));
    if (bySuffix !== undefined) return bySuffix;
  }
  return undefined;
}

/** "; did you mean `x`?" or "." — ends the clause it is appended to. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const hit = closest(input, candidates);
  return hit === undefined ? '.' : `; did you mean \`${hit}\`?`;
}
