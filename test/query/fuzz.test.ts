import { describe, expect, it } from 'vitest';
import { QueryError, buildContactSearch, buildConversationSearch, parseSearchQuery } from '../../src/query/index.js';
import { NOW, prng, searchRequestErrors } from './helpers.js';

const FRAGMENTS = [
  'object_type:', 'conversations', 'contacts', 'contact', ' ', ' ', ' ', ':', ':', ',', '"', '\\', '\\"', 'OR', 'OR', 'AND',
  'state', 'open', 'closed', 'in', 'nin', 'gt', 'gte', 'lte', 'contains', 'q:', 'limit:', '5', '151', 'starting_after:',
  'created_at', 'source_type', 'email', 'source_body', 'custom_attributes.', 'plan', 'role', 'user', '7d', '2w', '2025-06-01',
  '2025-06-01T09:00Z', '1748736000', 'true', 'false', 'priority', 'x', '-', '.', '\u0000', '\t', '\n', 'é', '😀', '\u202e',
  '\ud800', 'statistics_time_to_admin_reply', '1h', 'tag_id', 'admin_assignee_id', '0', '>', '=',
];

function randomQuery(rand: () => number): string {
  const n = Math.floor(rand() * 24);
  let s = rand() < 0.8 ? 'object_type:' + (rand() < 0.5 ? 'conversations ' : 'contacts ') : '';
  for (let i = 0; i < n; i++) {
    if (rand() < 0.1) s += String.fromCharCode(Math.floor(rand() * 0x3000));
    else s += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)];
  }
  return s;
}

function outcome(fn: () => unknown): 'ok' | 'query-error' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof QueryError && err.message.length > 0) return 'query-error';
    throw err;
  }
}

describe('fuzz: any string gives a valid body or a QueryError', () => {
  it('3000 random queries from a fixed seed', () => {
    const rand = prng(20_250_615);
    const counts = { ok: 0, 'query-error': 0 };
    for (let i = 0; i < 3000; i++) {
      const q = randomQuery(rand);
      let result: ReturnType<typeof parseSearchQuery> | undefined;
      counts[outcome(() => (result = parseSearchQuery(q, { now: NOW })))]++;
      if (result) expect(searchRequestErrors(result.body), q).toEqual([]);
    }
    // The generator reaches both outcomes often enough to be meaningful.
    expect(counts.ok).toBeGreaterThan(100);
    expect(counts['query-error']).toBeGreaterThan(100);
  });

  it('random structured arguments', () => {
    const rand = prng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const values: unknown[] = ['', 'open', 'x', '7d', '2025-06-01', 5, -1, 1.5, 1e21, NaN, true, null, [], ['1'], {}, { operator: 'gt', value: '1h' }, { operator: 'x' }];
    const convKeys = ['ids', 'source_type', 'state', 'open', 'priority', 'admin_assignee_id', 'tag_ids', 'created_at', 'statistics_time_to_admin_reply', 'per_page', 'starting_after'];
    const contactKeys = ['ids', 'name', 'email', 'email_domain', 'role', 'custom_attributes', 'match', 'per_page', 'starting_after'];
    for (let i = 0; i < 1000; i++) {
      const conv: Record<string, unknown> = {};
      const cont: Record<string, unknown> = {};
      for (let k = 0; k < 3; k++) {
        conv[pick(convKeys)] = pick(values);
        cont[pick(contactKeys)] = pick([...values, { a: 1 }, { b: 'x', c: false }]);
      }
      let a: unknown;
      let b: unknown;
      outcome(() => (a = buildConversationSearch(conv as never, { now: NOW })));
      outcome(() => (b = buildContactSearch(cont as never, { now: NOW })));
      if (a) expect(searchRequestErrors(a)).toEqual([]);
      if (b) expect(searchRequestErrors(b)).toEqual([]);
    }
  });

  it('huge, hostile and odd inputs stay fast and well-behaved', () => {
    const inputs = [
      'x'.repeat(100_000),
      'object_type:contacts ' + 'a:'.repeat(4_000),
      'object_type:contacts ' + '"'.repeat(9_000),
      'object_type:contacts q:"' + '\\"'.repeat(4_000) + '"',
      'object_type:contacts ' + 'OR '.repeat(3_000),
      'object_type:contacts ' + 'role:user OR '.repeat(700) + 'role:lead',
      'object_type:contacts email:in:' + 'a,'.repeat(4_900) + 'b',
      'object_type:conversations source_subject:' + 'é😀'.repeat(2_000),
      'object_type:conversations ' + 'sttae'.repeat(1_900) + ':x',
      '\u0000'.repeat(5_000),
      '\ud800\udc00\ud800',
    ];
    for (const q of inputs) {
      const started = performance.now();
      expect(outcome(() => parseSearchQuery(q, { now: NOW }))).toMatch(/^(ok|query-error)$/);
      // Generous bound: catches a quadratic blow-up on these inputs, not machine speed.
      expect(performance.now() - started, q.slice(0, 40)).toBeLessThan(3_000);
    }
  });
});
