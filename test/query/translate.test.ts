import { describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../src/intercom/types.js';
import { QueryError, parseSearchQuery, searchableFields } from '../../src/query/index.js';
import { NOW, NOW_S, queryError, searchRequestErrors } from './helpers.js';

const parse = (q: string) => parseSearchQuery(q, { now: NOW });
const DAY = 86_400;
const NOON_JUNE_1 = 1_748_779_200;
const P5 = { per_page: 5 };

describe('translation to exact search_request bodies', () => {
  const cases: Array<[string, 'conversations' | 'contacts', SearchRequest]> = [
    ['object_type:conversations state:open', 'conversations',
      { query: { field: 'state', operator: '=', value: 'open' }, pagination: P5 }],
    ['object_type:conversation state:open limit:3', 'conversations',
      { query: { field: 'state', operator: '=', value: 'open' }, pagination: { per_page: 3 } }],
    ['OBJECT_TYPE:Contacts role:lead', 'contacts',
      { query: { field: 'role', operator: '=', value: 'lead' }, pagination: P5 }],
    ['object_type:contact email_domain:"example.com"', 'contacts',
      { query: { field: 'email_domain', operator: '=', value: 'example.com' }, pagination: P5 }],
    // Flattened and dotted names both reach the dotted field.
    ['object_type:conversations source_type:email source.author.email:a@b.co', 'conversations', {
      query: { operator: 'AND', value: [
        { field: 'source.type', operator: '=', value: 'email' },
        { field: 'source.author.email', operator: '=', value: 'a@b.co' },
      ] }, pagination: P5 }],
    // Every operator word.
    ['object_type:conversations source_subject:neq:x source_subject:contains:"order #123" source_body:not_contains:spam source_author_name:starts_with:Jo source_author_email:ends_with:@acme.com', 'conversations', {
      query: { operator: 'AND', value: [
        { field: 'source.subject', operator: '!=', value: 'x' },
        { field: 'source.subject', operator: '~', value: 'order #123' },
        { field: 'source.body', operator: '!~', value: 'spam' },
        { field: 'source.author.name', operator: '^', value: 'Jo' },
        { field: 'source.author.email', operator: '$', value: '@acme.com' },
      ] }, pagination: P5 }],
    ['object_type:conversations state:in:open,snoozed tag_ids:nin:"1 2",3', 'conversations', {
      query: { operator: 'AND', value: [
        { field: 'state', operator: 'IN', value: ['open', 'snoozed'] },
        { field: 'tag_ids', operator: 'NIN', value: ['1 2', '3'] },
      ] }, pagination: P5 }],
    ['object_type:conversations admin_assignee_id:in:1,2', 'conversations',
      { query: { field: 'admin_assignee_id', operator: 'IN', value: [1, 2] }, pagination: P5 }],
    // gt/lt map directly; gte/lte on conversation integers shift by one (Intercom has no >=/<= there).
    ['object_type:conversations conversation_rating_score:gt:3 conversation_rating_score:lt:5 statistics_count_reopens:gte:2 statistics_count_assignments:lte:4', 'conversations', {
      query: { operator: 'AND', value: [
        { field: 'conversation_rating.score', operator: '>', value: 4 },
        { field: 'conversation_rating.score', operator: '<', value: 4 },
        { field: 'statistics.count_reopens', operator: '>', value: 2 },
        { field: 'statistics.count_assignments', operator: '<', value: 4 },
      ] }, pagination: P5 }],
    // Conversation `>`/`<` include the value and compare to the second; a bare date is a whole UTC day:
    // gte/lt bound at its start, gt/lte at its end.
    ['object_type:conversations created_at:gt:2025-06-01 updated_at:lte:2025-06-01', 'conversations', {
      query: { operator: 'AND', value: [
        { field: 'created_at', operator: '>', value: NOON_JUNE_1 + DAY / 2 },
        { field: 'updated_at', operator: '<', value: NOON_JUNE_1 + DAY / 2 - 1 },
      ] }, pagination: P5 }],
    ['object_type:conversations created_at:gte:2025-06-01 created_at:lt:2025-06-02', 'conversations', {
      query: { operator: 'AND', value: [
        { field: 'created_at', operator: '>', value: NOON_JUNE_1 - DAY / 2 },
        { field: 'created_at', operator: '<', value: NOON_JUNE_1 + DAY / 2 - 1 },
      ] }, pagination: P5 }],
    // Contact dates are matched by day, so gte/lte widen by a day.
    ['object_type:contacts created_at:gte:2025-06-01 updated_at:lte:2025-06-01', 'contacts', {
      query: { operator: 'AND', value: [
        { field: 'created_at', operator: '>', value: NOON_JUNE_1 - DAY },
        { field: 'updated_at', operator: '<', value: NOON_JUNE_1 + DAY },
      ] }, pagination: P5 }],
    ['object_type:contacts last_seen_at:gt:7d created_at:lt:2025-06-01', 'contacts', {
      query: { operator: 'AND', value: [
        { field: 'last_seen_at', operator: '>', value: NOW_S - 7 * DAY },
        { field: 'created_at', operator: '<', value: NOON_JUNE_1 },
      ] }, pagination: P5 }],
    ['object_type:conversations created_at:gte:0', 'conversations',
      { query: { field: 'created_at', operator: '>', value: 0 }, pagination: P5 }],
    // Custom attributes: numbers use Intercom's >=/<= on contacts; dates shift by a day.
    ['object_type:contacts custom_attributes.seats:gte:10 custom_attributes.renewal:lte:2025-06-01', 'contacts', {
      query: { operator: 'AND', value: [
        { field: 'custom_attributes.seats', operator: '>=', value: 10 },
        { field: 'custom_attributes.renewal', operator: '<', value: NOON_JUNE_1 + DAY },
      ] }, pagination: P5 }],
    // Legacy priority spellings.
    ['object_type:conversations priority:priority', 'conversations',
      { query: { field: 'priority', operator: '!=', value: 'none' }, pagination: P5 }],
    ['object_type:conversations priority:not_priority', 'conversations',
      { query: { field: 'priority', operator: '=', value: 'none' }, pagination: P5 }],
    ['object_type:conversations priority:neq:priority', 'conversations',
      { query: { field: 'priority', operator: '=', value: 'none' }, pagination: P5 }],
    // OR: a lone OR group is the query itself.
    ['object_type:conversations state:open OR state:snoozed', 'conversations', {
      query: { operator: 'OR', value: [
        { field: 'state', operator: '=', value: 'open' },
        { field: 'state', operator: '=', value: 'snoozed' },
      ] }, pagination: P5 }],
    // a AND (b OR c) AND d: the single filters are gathered in one AND group beside the OR group (schema oneOf).
    ['object_type:conversations read:true state:open OR state:snoozed open:true', 'conversations', {
      query: { operator: 'AND', value: [
        { operator: 'AND', value: [
          { field: 'read', operator: '=', value: true },
          { field: 'open', operator: '=', value: true },
        ] },
        { operator: 'OR', value: [
          { field: 'state', operator: '=', value: 'open' },
          { field: 'state', operator: '=', value: 'snoozed' },
        ] },
      ] }, pagination: P5 }],
    // (1 OR 2) AND (3 OR 4)
    ['object_type:conversations read:true OR read:false open:true OR open:false', 'conversations', {
      query: { operator: 'AND', value: [
        { operator: 'OR', value: [{ field: 'read', operator: '=', value: true }, { field: 'read', operator: '=', value: false }] },
        { operator: 'OR', value: [{ field: 'open', operator: '=', value: true }, { field: 'open', operator: '=', value: false }] },
      ] }, pagination: P5 }],
    // Free text.
    ['object_type:conversations q:"refund please"', 'conversations', {
      query: { operator: 'OR', value: [
        { field: 'source.subject', operator: '~', value: 'refund please' },
        { field: 'source.body', operator: '~', value: 'refund please' },
        { field: 'source.author.name', operator: '~', value: 'refund please' },
        { field: 'source.author.email', operator: '~', value: 'refund please' },
      ] }, pagination: P5 }],
    ['object_type:contacts q:smith role:user', 'contacts', {
      query: { operator: 'AND', value: [
        { operator: 'AND', value: [{ field: 'role', operator: '=', value: 'user' }] },
        { operator: 'OR', value: [
          { field: 'name', operator: '~', value: 'smith' },
          { field: 'email', operator: '~', value: 'smith' },
          { field: 'phone', operator: '~', value: 'smith' },
        ] },
      ] }, pagination: P5 }],
    ['object_type:contacts q:smith OR external_id:42', 'contacts', {
      query: { operator: 'OR', value: [
        { field: 'name', operator: '~', value: 'smith' },
        { field: 'email', operator: '~', value: 'smith' },
        { field: 'phone', operator: '~', value: 'smith' },
        { field: 'external_id', operator: '=', value: '42' },
      ] }, pagination: P5 }],
    // No filter at all: Intercom needs one, so match everything.
    ['object_type:conversations', 'conversations',
      { query: { field: 'created_at', operator: '>', value: 0 }, pagination: P5 }],
    ['object_type:contacts limit:150 starting_after:WzE3MDAwMDAwMDAsIjEyMyJd', 'contacts',
      { query: { field: 'created_at', operator: '>', value: 0 }, pagination: { per_page: 150, starting_after: 'WzE3MDAwMDAwMDAsIjEyMyJd' } }],
    ['limit:1 state:closed object_type:conversations', 'conversations',
      { query: { field: 'state', operator: '=', value: 'closed' }, pagination: { per_page: 1 } }],
  ];
  for (const [query, objectType, body] of cases) {
    it(query, () => {
      const out = parse(query);
      expect(out).toEqual({ objectType, body });
      expect(searchRequestErrors(out.body)).toEqual([]);
    });
  }

  it('uses the real clock when no now is given', () => {
    const before = Math.floor(Date.now() / 1000);
    const q = parseSearchQuery('object_type:conversations created_at:gt:1d').body.query as { value: number };
    expect(q.value).toBeGreaterThanOrEqual(before - DAY);
    expect(q.value).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - DAY + 1);
  });
});

const FIFTEEN = Array.from({ length: 15 }, (_, i) => `statistics_count_reopens:${i}`).join(' ');

describe('limits', () => {
  it('15 AND-ed filters are fine; 16 are refused', () => {
    const ok = parse(`object_type:conversations ${FIFTEEN}`);
    expect((ok.body.query as { value: unknown[] }).value).toHaveLength(15);
    expect(searchRequestErrors(ok.body)).toEqual([]);
    const err = queryError(() => parse(`object_type:conversations ${FIFTEEN} read:true`));
    expect(err.message).toContain('too many filters: 16');
    expect(err.message).toContain('at most 15');
  });

  it('15 OR-ed filters are fine; 16 are refused', () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `statistics_count_reopens:${i}`).join(' OR ');
    expect(searchRequestErrors(parse(`object_type:conversations ${terms(15)}`).body)).toEqual([]);
    expect(queryError(() => parse(`object_type:conversations ${terms(16)}`)).message).toContain('16 joined by OR');
  });

  it('q counts its expansion: q plus 12 OR-ed terms is 16 filters', () => {
    const terms = Array.from({ length: 12 }, (_, i) => `statistics_count_reopens:${i}`).join(' OR ');
    expect(queryError(() => parse(`object_type:conversations q:x OR ${terms}`)).message).toContain('too many filters');
  });

  it('at most 15 groups side by side', () => {
    const groups = Array.from({ length: 15 }, (_, i) => `read:true OR statistics_count_reopens:${i}`).join(' ');
    const ok = parse(`object_type:conversations ${groups}`);
    expect(searchRequestErrors(ok.body)).toEqual([]);
    expect(queryError(() => parse(`object_type:conversations ${groups} open:true`)).message).toContain('groups combined with AND');
  });

  it('never nests deeper than two groups', () => {
    const out = parse('object_type:conversations read:true state:open OR state:closed q:x open:true');
    expect(searchRequestErrors(out.body)).toEqual([]);
    const depth = (n: unknown): number => {
      const group = n as { operator?: string; value?: unknown };
      return (group.operator === 'AND' || group.operator === 'OR') && Array.isArray(group.value)
        ? 1 + Math.max(0, ...group.value.map(depth)) : 0;
    };
    expect(depth(out.body.query)).toBe(2);
  });

  it('limit is 1 to 150', () => {
    for (const bad of ['0', '151', 'ten', '-1', '5.5']) {
      const err = queryError(() => parse(`object_type:contacts limit:${bad}`));
      expect(err.message).toContain('limit must be a whole number from 1 to 150');
      expect(err.message).toContain(`\`${bad}\``);
    }
  });

  it('input length is capped', () => {
    const err = queryError(() => parse(`object_type:contacts q:"${'x'.repeat(10_000)}"`));
    expect(err.message).toContain('query too long');
    expect(err.message).toContain('10000');
  });
});

describe('query-level errors', () => {
  const conversationsList = searchableFields('conversations').join(', ');
  const cases: Array<[string, string[]]> = [
    ['', ['empty query', 'object_type:conversations state:open']],
    ['   \n\t ', ['empty query']],
    ['state:open', ['missing object_type', 'object_type:conversations or object_type:contacts', 'e.g. `object_type:conversations state:open`']],
    ['object_type:users', ['object_type `users` is not known', 'object_type:contacts']],
    ['object_type:contcts', ['`contcts`', 'did you mean `contacts`?']],
    ['object_type:conversations object_type:contacts', ['object_type may appear only once']],
    ['object_type:conversations limit:2 limit:3', ['limit may appear only once', '`limit:2`', '`limit:3`']],
    ['object_type:conversations q:a q:b', ['q may appear only once']],
    ['object_type:conversations starting_after:a starting_after:b', ['starting_after may appear only once']],
    ['object_type:conversations state:open OR limit:3', ['`limit:3` cannot be joined with OR']],
    ['object_type:conversations q:""', ['q: needs some text']],
    ['object_type:conversations starting_after:""', ['starting_after: needs the cursor']],
    ['object_type:conversations colour:red', ['field `colour` is not searchable for conversations', `Searchable: ${conversationsList}.`]],
    ['object_type:conversations sate:open', ['field `sate`', 'did you mean `state`?']],
    ['object_type:conversations subject:refund', ['did you mean `source_subject`?']],
    ['object_type:conversations time_to_admin_reply:gt:1h', ['did you mean `statistics_time_to_admin_reply`?']],
    ['object_type:conversations limt:5', ['did you mean `limit`?']],
    ['object_type:conversations email:a@b.co', ['`email`', '(that is a field of contacts)', 'did you mean `source_author_email`?']],
    ['object_type:contacts emial:a@b.co', ['did you mean `email`?', 'custom_attributes.NAME']],
    ['object_type:contacts state:open', ['(that is a field of conversations and articles)']],
    ['object_type:contacts andoid_sdk_version:14', ['did you mean `android_sdk_version`?']],
    ['object_type:conversations custom_attributes.plan:pro', ['custom attributes are searchable for contacts only']],
    ['object_type:contacts custom_attributes.:pro', ['name the attribute']],
    ['object_type:contacts created_at:neq:7d', ['operator `neq` does not apply to `created_at` (a date)', 'use one of: eq, gt, gte, lt, lte']],
    ['object_type:contacts created_at:in:1,2', ['operator `in` does not apply to `created_at`']],
    ['object_type:conversations state:contains:op', ['operator `contains` does not apply to `state` (a fixed set of values)', 'eq, neq, in, nin']],
    ['object_type:conversations open:in:true', ['operator `in` does not apply to `open` (a boolean)', 'eq, neq']],
    ['object_type:conversations created_at:contains:2025', ['operator `contains` does not apply to `created_at`', 'gt, gte, lt, lte']],
    ['object_type:conversations source_subject:gt:a', ['operator `gt` does not apply to `source_subject` (a string)']],
    ['object_type:conversations admin_assignee_id:gt:5', ['operator `gt` does not apply to `admin_assignee_id` (an id)']],
    ['object_type:contacts tag_id:in:1,2', ['operator `in` does not apply to `tag_id`', 'use one of: eq, neq']],
    ['object_type:conversations priority:in:priority,high', ['`priority:in`', 'eq or neq only']],
  ];
  for (const [query, fragments] of cases) {
    it(JSON.stringify(query), () => {
      const err = queryError(() => parse(query));
      expect(err).toBeInstanceOf(QueryError);
      expect(err.name).toBe('QueryError');
      for (const f of fragments) expect(err.message).toContain(f);
    });
  }

  it('a non-string input is a QueryError too', () => {
    expect(queryError(() => parseSearchQuery(42 as unknown as string)).message).toContain('must be a string');
    expect(queryError(() => parseSearchQuery(undefined as unknown as string)).message).toContain('must be a string');
  });

  it('messages do not carry control characters from the input', () => {
    for (const q of ['object_type:conversations "col\u0001our":red', 'object_type:contacts "custom_attributes.a\u0007b":gt:x']) {
      const err = queryError(() => parse(q));
      expect(err.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    }
  });
});
