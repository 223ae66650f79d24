// The pure half of `npm run conformance`: reading the suite's result folders into one status per check,
// and holding them against test/conformance/baseline.json. scripts/conformance.mjs runs the suite.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What must pass whatever the baseline says (issue 17): the handshake, ping and discover, listing tools,
 * a tool error as an isError result, and the DNS-rebinding guard, in both protocol eras the server speaks.
 * ping is a 2025-era method (the 2026-07-28 wire answers it 404, which the suite checks elsewhere).
 */
export const MUST_PASS = {
  '2025-11-25': ['server-initialize', 'ping', 'tools-list', 'tools-call-error', 'dns-rebinding-protection'],
  '2026-07-28': ['server-stateless/sep-2575-server-implements-discover', 'tools-list', 'tools-call-error', 'dns-rebinding-protection'],
};

/** "2026-07-28 server-stateless/sep-2575-missing-capability-http-400": revision, scenario, check id. */
export const KEY = /^(\d{4}-\d{2}-\d{2}) ([a-z0-9-]+)\/([a-z0-9-]+)$/;

/** A check that runs several times in a scenario (once per probe) fails if any run fails. */
function merge(a, b) {
  const rank = ['FAILURE', 'SUCCESS', 'WARNING', 'SKIPPED', 'INFO'];
  const ra = rank.indexOf(a.status);
  const rb = rank.indexOf(b.status);
  return (rb >= 0 && (ra < 0 || rb < ra)) ? b : a;
}

/**
 * The suite's output folder (`-o DIR`: one `server-<scenario>-<timestamp>/checks.json` per scenario) as
 * key → { status, message }.
 */
export function readResults(dir, revision) {
  const results = new Map();
  for (const folder of readdirSync(dir).filter((name) => name.startsWith('server-'))) {
    const scenario = folder.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, '');
    const checks = JSON.parse(readFileSync(join(dir, folder, 'checks.json'), 'utf8'));
    const byId = new Map();
    for (const check of checks) {
      const seen = byId.get(check.id);
      byId.set(check.id, seen ? merge(seen, check) : check);
    }
    for (const [id, check] of byId) results.set(`${revision} ${scenario}/${id}`, { status: check.status, message: check.errorMessage ?? '' });
  }
  return results;
}

/** The baseline's entries as key → why, or the reasons it is not a baseline that can be trusted. */
export function parseBaseline(baseline) {
  const problems = [];
  const expected = new Map();
  for (const group of baseline.expectedFailures ?? []) {
    if (typeof group.why !== 'string' || group.why.trim().length < 20) problems.push(`an entry without a reason (why): ${JSON.stringify(group.checks)}`);
    for (const key of group.checks ?? []) {
      const match = KEY.exec(key);
      if (!match) problems.push(`"${key}" is not "<revision> <scenario>/<check id>"`);
      else if (mustPass(key)) problems.push(`"${key}" must pass (issue 17); it cannot be an expected failure`);
      if (expected.has(key)) problems.push(`"${key}" is listed twice`);
      expected.set(key, group.why);
    }
  }
  return { expected, problems };
}

function mustPass(key) {
  const [, revision, scenario, id] = KEY.exec(key) ?? [];
  return (MUST_PASS[revision] ?? []).some((entry) => entry === scenario || entry === `${scenario}/${id}`);
}

/**
 * Results against the baseline. Fails on a check that fails and is not listed (a regression), on a listed
 * check that no longer fails (the baseline must shrink with the fix), and on a must-pass scenario that did
 * not run or passed nothing. Warnings and skips are reported, not failed.
 */
export function compare(results, expected) {
  const regressions = [];
  const stale = [];
  const notices = [];
  for (const [key, { status, message }] of results) {
    if (status === 'FAILURE' && !expected.has(key)) regressions.push(`${key}: ${message || 'failed'}`);
    else if (status === 'WARNING' || status === 'SKIPPED') notices.push(`${key}: ${status}${message ? ` (${message})` : ''}`);
  }
  for (const key of expected.keys()) {
    const got = results.get(key);
    if (!got) stale.push(`${key}: listed but not reported by the suite (renamed or removed?)`);
    else if (got.status !== 'FAILURE') stale.push(`${key}: listed as failing but ${got.status}; remove it from the baseline`);
  }
  for (const [revision, entries] of Object.entries(MUST_PASS)) {
    for (const entry of entries) {
      const prefix = `${revision} ${entry.includes('/') ? entry : `${entry}/`}`;
      const ran = [...results].filter(([key]) => key === prefix || key.startsWith(prefix));
      if (!ran.some(([, r]) => r.status === 'SUCCESS')) regressions.push(`${revision} ${entry}: must pass, but ${ran.length ? 'passed no check' : 'did not run'}`);
    }
  }
  return { ok: regressions.length === 0 && stale.length === 0, regressions, stale, notices };
}
