import { describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../src/intercom/types.js';
import {
  buildContactSearch, buildConversationSearch, parseSearchQuery, type ContactSearchArgs, type ConversationSearchArgs,
} from '../../src/query/index.js';
import { NOW, NOW_S, queryError, searchRequestErrors } from './helpers.js';

const opts = { now: NOW };
const DAY = 86_400;

describe('buildConversationSearch', () => {
  const cases: Array<[string, ConversationSearchArgs, SearchRequest]> = [
    ['one filter is sent bare', { state: 'closed', per_page: 4 },
      { query: { field: 'state', operator: '=', value: 'closed' }, pagination: { per_page: 4 } }],
    ['no filter matches everything, default page size 5', {},
      { query: { field: 'created_at', operator: '>', value: 0 }, pagination: { per_page: 5 } }],
    ['cursor', { starting_after: 'abc' },
      { query: { field: 'created_at', operator: '>', value: 0 }, pagination: { per_page: 5, starting_after: 'abc' } }],
    ['legacy priority', { priority: 'not_priority' },
      { query: { field: 'priority', operator: '=', value: 'none' }, pagination: { per_page: 5 } }],
    ['unix seconds as a number', { created_at: { operator: 'eq', value: 1_748_736_000 } },
      { query: { field: 'created_at', operator: '=', value: 1_748_736_000 }, pagination: { per_page: 5 } }],
  ];
  for (const [name, args, body] of cases) {
    it(name, () => {
      const out = buildConversationSearch(args, opts);
      expect(out).toEqual(body);
      expect(searchRequestErrors(out)).toEqual([]);
    });
  }

  it('maps every argument to its filter (15 of them: one AND group at most)', () => {
    const args: ConversationSearchArgs = {
      source_type: 'email', source_author_name: 'Ann Lee', source_author_email: 'ann@example.com',
      state: 'open', open: true, read: false, priority: 'high', team_assignee_id: '5017691', admin_assignee_id: '0',
      tag_ids: ['7'], ai_agent_participated: true,
      created_at: { operator: 'gt', value: '7d' }, updated_at: { operator: 'lte', value: '2025-06-01' },
      statistics_time_to_assignment: { operator: 'lt', value: 60 },
      statistics_time_to_admin_reply: { operator: 'gte', value: '1h' },
      per_page: 150,
    };
    const out = buildConversationSearch(args, opts);
    expect(out).toEqual({ query: { operator: 'AND', value: [
      { field: 'source.type', operator: '=', value: 'email' },
      { field: 'source.author.name', operator: '=', value: 'Ann Lee' },
      { field: 'source.author.email', operator: '=', value: 'ann@example.com' },
      { field: 'state', operator: '=', value: 'open' },
      { field: 'open', operator: '=', value: true },
      { field: 'read', operator: '=', value: false },
      { field: 'priority', operator: '=', value: 'high' },
      { field: 'team_assignee_id', operator: '=', value: 5_017_691 },
      { field: 'admin_assignee_id', operator: '=', value: 0 },
      { field: 'ai_agent_participated', operator: '=', value: true },
      { field: 'tag_ids', operator: 'IN', value: ['7'] },
      { field: 'created_at', operator: '>', value: NOW_S - 7 * DAY + 1 },
      { field: 'updated_at', operator: '<', value: 1_748_736_000 + DAY - 1 },
      { field: 'statistics.time_to_assignment', operator: '<', value: 59 },
      { field: 'statistics.time_to_admin_reply', operator: '>', value: 3600 },
    ] }, pagination: { per_page: 150 } });
    expect(searchRequestErrors(out)).toEqual([]);
    const more: ConversationSearchArgs = { ...args, ids: ['1'], statistics_time_to_first_close: { operator: 'eq', value: '86400' } };
    expect(queryError(() => buildConversationSearch(more, opts)).message).toContain('too many filters: 17');
  });

  it('matches the DSL for the same filters', () => {
    const dsl = parseSearchQuery('object_type:conversations state:open created_at:gt:7d limit:10', opts).body;
    expect(buildConversationSearch({ state: 'open', created_at: { operator: 'gt', value: '7d' }, per_page: 10 }, opts)).toEqual(dsl);
  });

  const errors: Array<[string, ConversationSearchArgs, string[]]> = [
    ['bad state', { state: 'opne' as 'open' }, ['`state` expects one of open, closed, snoozed', '`opne`', 'did you mean `open`?']],
    ['bad source type', { source_type: 'carrier pigeon' }, ['`source_type`', '`carrier pigeon`']],
    ['bad priority', { priority: 'hi' as 'high' }, ['`priority`', '`hi`']],
    ['non-numeric assignee', { admin_assignee_id: 'bob' }, ['`admin_assignee_id` expects a numeric id', '`bob`']],
    ['empty ids', { ids: [] }, ['ids must be a non-empty list']],
    ['blank id', { ids: ['1', ' '] }, ['ids[1] must be a non-empty string']],
    ['bad date', { created_at: { operator: 'gt', value: 'last week' } }, ['`created_at` expects a date', '`last week`']],
    ['ms date', { created_at: { operator: 'gt', value: 1_748_736_000_000 } }, ['milliseconds']],
    ['bad comparison operator', { created_at: { operator: 'contains' as 'eq', value: '7d' } }, ['created_at must be {operator, value}', 'eq, neq, gt, gte, lt, lte']],
    ['comparison not an object', { updated_at: '7d' as unknown as { operator: 'gt'; value: string } }, ['updated_at must be {operator, value}']],
    ['fractional seconds', { statistics_time_to_admin_reply: { operator: 'gt', value: 1.5 } }, ['whole number of seconds', '`1.5`']],
    ['per_page 0', { per_page: 0 }, ['per_page must be a whole number from 1 to 150', '`0`']],
    ['per_page 151', { per_page: 151 }, ['per_page', '`151`']],
    ['per_page 2.5', { per_page: 2.5 }, ['per_page', '`2.5`']],
    ['blank cursor', { starting_after: '  ' }, ['starting_after must be the cursor']],
    ['boolean as string', { open: 'yes' as unknown as boolean }, ['`open` expects true or false', '`yes`']],
  ];
  for (const [name, args, fragments] of errors) {
    it(`refuses ${name}`, () => {
      const err = queryError(() => buildConversationSearch(args, opts));
      for (const f of fragments) expect(err.message).toContain(f);
    });
  }
});

describe('buildContactSearch', () => {
  const cases: Array<[string, ContactSearchArgs, SearchRequest]> = [
    ['email domain is exact', { email_domain: 'example.com', per_page: 2 },
      { query: { field: 'email_domain', operator: '=', value: 'example.com' }, pagination: { per_page: 2 } }],
    ['email domain tolerates a leading @', { email_domain: '@example.com' },
      { query: { field: 'email_domain', operator: '=', value: 'example.com' }, pagination: { per_page: 5 } }],
    ['exact match by default', { email: 'nobody@example.com' },
      { query: { field: 'email', operator: '=', value: 'nobody@example.com' }, pagination: { per_page: 5 } }],
    ['contains', { name: 'smith', match: 'contains' },
      { query: { field: 'name', operator: '~', value: 'smith' }, pagination: { per_page: 5 } }],
    ['starts_with', { phone: '+44', match: 'starts_with' },
      { query: { field: 'phone', operator: '^', value: '+44' }, pagination: { per_page: 5 } }],
    ['ends_with, email_domain stays exact', { external_id: '-7', email_domain: 'acme.io', match: 'ends_with' },
      { query: { operator: 'AND', value: [
        { field: 'external_id', operator: '$', value: '-7' },
        { field: 'email_domain', operator: '=', value: 'acme.io' },
      ] }, pagination: { per_page: 5 } }],
    ['ids, role and custom attributes keep their JSON types', {
      ids: ['a1', 'b2'], role: 'user', custom_attributes: { plan: 'pro', seats: 5, vip: true, code: '42' }, starting_after: 'cur',
    }, { query: { operator: 'AND', value: [
      { field: 'id', operator: 'IN', value: ['a1', 'b2'] },
      { field: 'role', operator: '=', value: 'user' },
      { field: 'custom_attributes.plan', operator: '=', value: 'pro' },
      { field: 'custom_attributes.seats', operator: '=', value: 5 },
      { field: 'custom_attributes.vip', operator: '=', value: true },
      { field: 'custom_attributes.code', operator: '=', value: '42' },
    ] }, pagination: { per_page: 5, starting_after: 'cur' } }],
  ];
  for (const [name, args, body] of cases) {
    it(name, () => {
      const out = buildContactSearch(args, opts);
      expect(out).toEqual(body);
      expect(searchRequestErrors(out)).toEqual([]);
    });
  }

  it('matches the DSL for the same filters', () => {
    const dsl = parseSearchQuery('object_type:contacts email_domain:example.com role:user limit:2', opts).body;
    expect(buildContactSearch({ email_domain: 'example.com', role: 'user', per_page: 2 }, opts)).toEqual(dsl);
  });

  const errors: Array<[string, ContactSearchArgs, string[]]> = [
    ['no filter', {}, ['give at least one of ids, name, email, email_domain, phone, external_id, role, custom_attributes']],
    ['only paging', { per_page: 10, match: 'contains' }, ['give at least one of']],
    ['empty custom attributes', { custom_attributes: {} }, ['give at least one of']],
    ['bad role', { role: 'admin' as 'user' }, ['`role` expects one of user, lead', '`admin`']],
    ['bad match', { name: 'x', match: 'fuzzy' as 'exact' }, ['match `fuzzy` is not known', 'exact, contains, starts_with, ends_with']],
    ['blank email', { email: ' ' }, ['email must be non-empty text']],
    ['blank domain', { email_domain: '' }, ['email_domain must be non-empty text']],
    ['decimal custom attribute', { custom_attributes: { score: 1.5 } }, ['custom_attributes.score', 'whole numbers']],
    ['blank attribute name', { custom_attributes: { ' ': 'x' } }, ['attribute names must not be empty']],
    ['object custom attribute value', { custom_attributes: { x: {} as unknown as string } }, ['custom_attributes.x must be text, a number or true/false']],
    ['too many custom attributes', { custom_attributes: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`a${i}`, i])) }, ['too many filters: 16']],
    ['empty ids', { ids: [] }, ['ids must be a non-empty list']],
  ];
  for (const [name, args, fragments] of errors) {
    it(`refuses ${name}`, () => {
      const err = queryError(() => buildContactSearch(args, opts));
      for (const f of fragments) expect(err.message).toContain(f);
    });
  }
});
