import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { compare, parseBaseline, readResults, type CheckResult } from '../../scripts/conformance-baseline.mjs';

// The half of `npm run conformance` that decides pass or fail, and the committed baseline it reads. The
// suite itself runs in CI (.ci/run) and on demand: it needs Node 22 and the suite from the npm registry.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const json = (path: string) => JSON.parse(readFileSync(here(path), 'utf8'));

const ok = (status = 'SUCCESS'): CheckResult => ({ status, message: '' });
const failed = (message = 'broke'): CheckResult => ({ status: 'FAILURE', message });
const WHY = 'serve offers no prompts: a read-only tool server.';

/** Every must-pass scenario passing, plus what a test adds. */
function results(extra: Record<string, CheckResult> = {}): Map<string, CheckResult> {
  return new Map(
    Object.entries({
      '2025-11-25 server-initialize/server-initialize': ok(),
      '2025-11-25 ping/ping': ok(),
      '2025-11-25 tools-list/tools-list': ok(),
      '2025-11-25 tools-call-error/tools-call-error': ok(),
      '2025-11-25 dns-rebinding-protection/localhost-host-rebinding-rejected': ok(),
      '2026-07-28 server-stateless/sep-2575-server-implements-discover': ok(),
      '2026-07-28 tools-list/tools-list': ok(),
      '2026-07-28 tools-call-error/tools-call-error': ok(),
      '2026-07-28 dns-rebinding-protection/localhost-host-rebinding-rejected': ok(),
      ...extra,
    }),
  );
}

describe('the committed baseline', () => {
  const baseline = json('./baseline.json');

  it('gives a reason for every entry and lists nothing that must pass', () => {
    const { expected, problems } = parseBaseline(baseline);
    expect(problems).toEqual([]);
    expect(expected.size).toBeGreaterThan(0);
  });

  it('is for the suite version the lockfile pins', () => {
    const lock = json('./suite/package-lock.json');
    const pinned = lock.packages['node_modules/@modelcontextprotocol/conformance'];
    expect(baseline.suite).toBe(`@modelcontextprotocol/conformance@${pinned.version}`);
    expect(json('./suite/package.json').dependencies['@modelcontextprotocol/conformance']).toBe(pinned.version);
    expect(pinned.integrity).toMatch(/^sha512-/);
  });
});

describe('parseBaseline', () => {
  it('refuses an entry without a reason, a malformed key, a duplicate, and a must-pass check', () => {
    const { problems } = parseBaseline({
      expectedFailures: [
        { why: '', checks: ['2025-11-25 prompts-list/prompts-list'] },
        { why: WHY, checks: ['prompts-list', '2025-11-25 prompts-list/prompts-list', '2026-07-28 dns-rebinding-protection/localhost-host-valid-accepted'] },
        { why: WHY, checks: ['2026-07-28 server-stateless/sep-2575-server-implements-discover', '2026-07-28 server-stateless/sep-2575-missing-capability-http-400'] },
      ],
    });
    expect(problems).toEqual([
      'an entry without a reason (why): ["2025-11-25 prompts-list/prompts-list"]',
      '"prompts-list" is not "<revision> <scenario>/<check id>"',
      '"2025-11-25 prompts-list/prompts-list" is listed twice',
      '"2026-07-28 dns-rebinding-protection/localhost-host-valid-accepted" must pass (issue 17); it cannot be an expected failure',
      '"2026-07-28 server-stateless/sep-2575-server-implements-discover" must pass (issue 17); it cannot be an expected failure',
    ]);
  });
});

describe('compare', () => {
  const expected = new Map([['2025-11-25 prompts-list/prompts-list', WHY]]);

  it('passes when exactly the listed checks fail, reporting warnings and skips', () => {
    const verdict = compare(
      results({ '2025-11-25 prompts-list/prompts-list': failed(), '2025-11-25 server-sse-polling/server-sse-retry-field': { status: 'WARNING', message: 'no retry' } }),
      expected,
    );
    expect(verdict).toEqual({ ok: true, regressions: [], stale: [], notices: ['2025-11-25 server-sse-polling/server-sse-retry-field: WARNING (no retry)'] });
  });

  it('fails on a check that fails unlisted', () => {
    const verdict = compare(results({ '2025-11-25 prompts-list/prompts-list': failed(), '2026-07-28 caching/x': failed('no hints') }), expected);
    expect(verdict.ok).toBe(false);
    expect(verdict.regressions).toEqual(['2026-07-28 caching/x: no hints']);
  });

  it('fails on a listed check that passes or is no longer reported, so the baseline shrinks with the fix', () => {
    expect(compare(results({ '2025-11-25 prompts-list/prompts-list': ok() }), expected).stale).toEqual([
      '2025-11-25 prompts-list/prompts-list: listed as failing but SUCCESS; remove it from the baseline',
    ]);
    const gone = compare(results(), expected);
    expect(gone.ok).toBe(false);
    expect(gone.stale).toEqual(['2025-11-25 prompts-list/prompts-list: listed but not reported by the suite (renamed or removed?)']);
  });

  it('fails when a must-pass scenario did not run, or passed nothing', () => {
    const run = results({ '2025-11-25 prompts-list/prompts-list': failed() });
    run.delete('2025-11-25 ping/ping');
    run.set('2026-07-28 tools-list/tools-list', ok('SKIPPED'));
    expect(compare(run, expected).regressions).toEqual([
      '2025-11-25 ping: must pass, but did not run',
      '2026-07-28 tools-list: must pass, but passed no check',
    ]);
  });
});

describe('readResults', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('reads one status per check from the suite folders; a check run several times fails if any run failed', () => {
    dir = mkdtempSync(join(tmpdir(), 'conformance-results-'));
    const write = (folder: string, checks: object[]) => {
      mkdirSync(join(dir!, folder));
      writeFileSync(join(dir!, folder, 'checks.json'), JSON.stringify(checks));
    };
    write('server-server-stateless-2026-12-02T12-31-16-533Z', [
      { id: 'sep-2575-http-server-meta-invalid-400', status: 'SUCCESS' },
      { id: 'sep-2575-http-server-meta-invalid-400', status: 'FAILURE', errorMessage: 'got 200' },
      { id: 'sep-2575-http-server-meta-invalid-400', status: 'SUCCESS' },
      { id: 'sep-2575-server-implements-discover', status: 'SUCCESS' },
    ]);
    write('server-ping-2026-12-02T12-31-17-001Z', [{ id: 'ping', status: 'WARNING', errorMessage: 'slow' }]);
    expect(Object.fromEntries(readResults(dir, '2026-07-28'))).toEqual({
      '2026-07-28 server-stateless/sep-2575-http-server-meta-invalid-400': { status: 'FAILURE', message: 'got 200' },
      '2026-07-28 server-stateless/sep-2575-server-implements-discover': { status: 'SUCCESS', message: '' },
      '2026-07-28 ping/ping': { status: 'WARNING', message: 'slow' },
    });
  });
});
