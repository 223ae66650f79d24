// Types for scripts/conformance-baseline.mjs, for the tests that import it.
export interface CheckResult {
  status: string;
  message: string;
}
export const MUST_PASS: Record<string, string[]>;
export const KEY: RegExp;
export function readResults(dir: string, revision: string): Map<string, CheckResult>;
export function parseBaseline(baseline: { expectedFailures?: { why: string; checks: string[] }[] }): {
  expected: Map<string, string>;
  problems: string[];
};
export function compare(
  results: Map<string, CheckResult>,
  expected: Map<string, string>,
): { ok: boolean; regressions: string[]; stale: string[]; notices: string[] };
