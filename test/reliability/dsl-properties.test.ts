// Property-based tests of the search DSL (fast-check, fixed seeds, bounded runs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  QueryError, buildContactSearch, buildConversationSearch, fieldCatalogue, formatQuery, parseQueryTerms, parseSearchQuery,
  type FieldSpec, type Group, type ObjectType,
} from '../../src/query/index.js';
import { NOW, searchRequestErrors } from '../query/helpers.js';
import { figure } from './figures.js';

// FC_SEED / FC_RUNS explore further locally; CI uses the fixed defaults.
const SEED = Number(process.env.FC_SEED ?? 20_250_615);
const RUNS = Number(process.env.FC_RUNS ?? 400);

type Outcome = { ok: true; value: unknown } | { ok: false; error: QueryError };

/** Any outcome but a QueryError with a message is a failure of the property. */
function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof QueryError && error.message.length > 0) return { ok: false, error };
    throw error;
  }
}

/** Parsed groups without the `raw` text (which legitimately differs after printing). */
function shape(groups: readonly Group[]): unknown {
  return groups.map((g) => g.map(({ raw: _raw, ...term }) => term));
}

// --- generators of valid queries -------------------------------------------------------------------------

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
// Text values: anything printable, including quotes, backslashes, colons, commas and non-ASCII.
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ':', ',', '"', '\\', '-', '.', '@', 'é', '😀', '中', '(', ')'), minLength: 1, maxLength: 16 })
  .filter((s) => s.trim() !== '');
const quoted = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const isoDate = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
// Exact dates (eq, neq, in, nin on conversations, which compare to the second): seconds or a date-time.
const exactDateValue = fc.oneof(
  fc.integer({ min: 0, max: 4_000_000_000 }).map(String),
  isoDate.map((d) => d.toISOString().slice(0, 16) + 'Z'),
);
const dateValue = fc.oneof(
  fc.integer({ min: 0, max: 4_000_000_000 }).map(String),
  isoDate.map((d) => d.toISOString().slice(0, 10)),
  isoDate.map((d) => d.toISOString().slice(0, 16) + 'Z'),
  fc.tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom('m', 'h', 'd', 'w')).map(([n, u]) => `${n}${u}`),
);

// Intercom matches source.body word by word: only contains/not_contains take a phrase there.
const oneWord = fc.string({ unit: fc.constantFrom('a', 'Z', '9', '-', 'é', '中'), minLength: 1, maxLength: 12 });

function valueFor(spec: FieldSpec, exact = false, op = 'eq'): fc.Arbitrary<string> {
  switch (spec.type) {
    case 'string': return spec.field === 'source.body' && !op.includes('contains') ? oneWord.map(quoted) : text.map(quoted);
    case 'id': return spec.numeric ? fc.integer({ min: 0, max: 99_999_999 }).map(String) : fc.stringMatching(/^[a-f0-9]{1,24}$/);
    case 'enum': return fc.constantFrom(...(spec.values ?? []));
    case 'boolean': return fc.constantFrom('true', 'false');
    case 'integer': return spec.duration
      ? fc.oneof(fc.integer({ min: 0, max: 10_000_000 }).map(String), fc.integer({ min: 1, max: 99 }).map((n) => `${n}h`))
      : fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String);
    case 'date': return exact ? exactDateValue : dateValue;
  }
}

function filterTerm(objectType: ObjectType): fc.Arbitrary<string> {
  const fields = fieldCatalogue(objectType);
  const catalogued = fc.constantFrom(...fields).chain((spec) =>
    fc.constantFrom(...spec.operators).chain((op) => {
      const name = fc.constantFrom(spec.name, spec.field);
      const exact = objectType === 'conversations' && ['eq', 'neq', 'in', 'nin'].includes(op);
      if (op === 'in' || op === 'nin') {
        return fc.tuple(name, fc.array(valueFor(spec, exact, op), { minLength: 1, maxLength: 4 }))
          .filter(([, vs]) => spec.type !== 'boolean')
          .map(([n, vs]) => `${n}:${op}:${vs.join(',')}`);
      }
      return fc.tuple(name, fc.boolean(), valueFor(spec, exact, op)).map(([n, explicit, v]) => (op === 'eq' && !explicit ? `${n}:${v}` : `${n}:${op}:${v}`));
    }),
  );
  if (objectType === 'conversations') return catalogued;
  const custom = fc.tuple(word, fc.oneof(
    text.map((t) => `eq:${quoted(t)}`),
    fc.integer({ min: -1000, max: 1000 }).map((n) => `gte:${n}`),
    fc.constantFrom('true', 'false', '42', '2025-06-01'),
    fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => `in:${ws.join(',')}`),
    text.map((t) => `contains:${quoted(t)}`),
  )).map(([name, rest]) => `custom_attributes.${name}:${rest}`);
  return fc.oneof({ arbitrary: catalogued, weight: 4 }, { arbitrary: custom, weight: 1 });
}

/** A valid query: object_type, up to 6 AND-ed groups of 1-3 OR-ed terms, maybe q:, limit: and starting_after:. */
const validQuery = fc.constantFrom<ObjectType>('conversations', 'contacts').chain((objectType) =>
  fc.record({
    objectType: fc.constant(objectType),
    groups: fc.array(fc.array(filterTerm(objectType), { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
    q: fc.option(text.map((t) => `q:${quoted(t)}`), { nil: undefined }),
    limit: fc.option(fc.integer({ min: 1, max: 150 }).map((n) => `limit:${n}`), { nil: undefined }),
    cursor: fc.option(fc.stringMatching(/^[A-Za-z0-9=_-]{1,40}$/).map((c) => `starting_after:${c}`), { nil: undefined }),
    order: fc.nat(),
  }).map(({ objectType: ot, groups, q, limit, cursor, order }) => {
    const terms = [`object_type:${ot}`, ...groups.map((g) => g.join(' OR ')), q, limit, cursor].filter((t): t is string => t !== undefined);
    // Term order does not matter to the DSL: rotate so object_type is not always first.
    const k = order % terms.length;
    return [...terms.slice(k), ...terms.slice(0, k)].join(' ');
  }),
);

// --- arbitrary input -------------------------------------------------------------------------------------

const FRAGMENTS = ['object_type:', 'conversations', 'contacts', ' ', ':', ',', '"', '\\', 'OR', 'AND', 'state', 'open', 'in', 'gt',
  'gte', 'contains', 'q:', 'limit:', '151', 'starting_after:', 'created_at', 'custom_attributes.', '7d', '2025-06-01', 'true',
  'priority', '(', ')', '\u0000', '\t', '\u202e', '\ud800', 'email', 'role:user'];
const anyQuery = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((xs) => xs.join('')),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((xs) => `object_type:contacts ${xs.join('')}`),
);

describe('DSL properties (fast-check)', () => {
  it(`any string: a translated body that fits the spec, or a QueryError, never another throw (${RUNS * 2} cases)`, () => {
    figure('fuzz cases', RUNS * 2);
    let ok = 0;
    fc.assert(
      fc.property(anyQuery, (q) => {
        const result = outcome(() => parseSearchQuery(q, { now: NOW }));
        if (result.ok) {
          ok++;
          expect(searchRequestErrors((result.value as { body: unknown }).body)).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    expect(ok).toBeGreaterThan(0);
  });

  it(`any value in any structured argument: a body that fits the spec, or a QueryError (${RUNS} cases each)`, () => {
    figure('fuzz cases', RUNS * 2);
    const args = fc.dictionary(
      fc.constantFrom('ids', 'source_type', 'state', 'open', 'priority', 'admin_assignee_id', 'tag_ids', 'created_at', 'updated_at',
        'statistics_time_to_admin_reply', 'per_page', 'starting_after', 'name', 'email', 'email_domain', 'phone', 'role',
        'custom_attributes', 'match', 'external_id', '__proto__', 'constructor'),
      fc.oneof(fc.anything(), fc.record({ operator: fc.constantFrom('gt', 'lte', 'eq', 'x'), value: fc.oneof(fc.string(), fc.integer(), fc.double()) })),
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(args, (a) => {
        for (const build of [buildConversationSearch, buildContactSearch]) {
          const result = outcome(() => build(a as never, { now: NOW }));
          if (result.ok) expect(searchRequestErrors(result.value)).toEqual([]);
        }
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it(`every generated valid query translates, and the body validates against search_request and Intercom's limits (${RUNS} cases)`, () => {
    figure('fuzz cases', RUNS);
    fc.assert(
      fc.property(validQuery, (q) => {
        const result = outcome(() => parseSearchQuery(q, { now: NOW }));
        if (!result.ok) throw new Error(`valid query refused: ${q}\n${result.error.message}`);
        const { body } = result.value as { body: { pagination?: { per_page?: number } } };
        expect(searchRequestErrors(body)).toEqual([]);
        expect(body.pagination?.per_page).toBeLessThanOrEqual(150);
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  it(`print then parse gives the same query, for valid queries and any parseable string (${RUNS * 2} cases)`, () => {
    figure('fuzz cases', RUNS * 2);
    const roundTrip = (q: string): void => {
      const parsed = outcome(() => parseQueryTerms(q));
      if (!parsed.ok) return;
      const groups = parsed.value as Group[];
      const printed = formatQuery(groups);
      const again = outcome(() => parseQueryTerms(printed));
      if (!again.ok) throw new Error(`printed query does not parse: ${JSON.stringify(q)} -> ${JSON.stringify(printed)}: ${again.error.message}`);
      expect(shape(again.value as Group[]), JSON.stringify({ q, printed })).toEqual(shape(groups));
      // Printing is a normal form: printing again changes nothing.
      expect(formatQuery(again.value as Group[])).toBe(printed);
      const before = outcome(() => parseSearchQuery(q, { now: NOW }));
      const after = outcome(() => parseSearchQuery(printed, { now: NOW }));
      expect(after.ok).toBe(before.ok);
      if (before.ok && after.ok) expect(after.value).toEqual(before.value);
    };
    fc.assert(fc.property(validQuery, roundTrip), { seed: SEED + 3, numRuns: RUNS });
    fc.assert(fc.property(anyQuery, roundTrip), { seed: SEED + 4, numRuns: RUNS });
  });
});

describe('formatQuery', () => {
  it.each([
    ['object_type:conversations state:open', 'object_type:conversations state:open'],
    ['  OBJECT_TYPE:contacts   email:IN:a@x.io,b@y.io  ', 'object_type:contacts email:in:a@x.io,b@y.io'],
    ['object_type:contacts custom_attributes.plan:"pro" name:"Ann \\"A\\" Lee"', 'object_type:contacts custom_attributes.plan:"pro" name:"Ann \\"A\\" Lee"'],
    ['object_type:conversations state:open OR state:snoozed q:"a:b,c"', 'object_type:conversations state:open OR state:snoozed q:"a:b,c"'],
    ['object_type:conversations source_url:https://x.io/a,b', 'object_type:conversations source_url:https://x.io/a,b'],
    ['object_type:contacts "custom_attributes.my plan":pro', 'object_type:contacts "custom_attributes.my plan":pro'],
    ['object_type:contacts name:"back\\\\slash"', 'object_type:contacts name:"back\\\\slash"'],
  ])('%s -> %s', (query, printed) => {
    expect(formatQuery(parseQueryTerms(query))).toBe(printed);
  });
});
