// Search semantics per operator, nesting limits, validation and cursor pagination.
import { describe, expect, it } from 'vitest';
import { IntercomEmulator } from '../../src/demo/emulator.js';
import { json, post } from './helpers.js';
import { startOfDay } from '../../src/demo/search.js';
import type { Contact, Conversation } from '../../src/demo/types.js';

const fake = new IntercomEmulator();
const ws = fake.workspace;

async function searchConversations(query: unknown, extra: Record<string, unknown> = {}): Promise<string[]> {
  const res = await post(fake, '/conversations/search', { query, pagination: { per_page: 150 }, ...extra });
  const body = await json<{ conversations: Conversation[]; total_count: number }>(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.total_count).toBe(body.conversations.length);
  return body.conversations.map((c) => c.id).sort();
}
async function searchContacts(query: unknown): Promise<string[]> {
  const res = await post(fake, '/contacts/search', { query, pagination: { per_page: 150 } });
  const body = await json<{ data: Contact[] }>(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.data.map((c) => c.id).sort();
}
const idsWhere = <T extends { id: string }>(items: T[], pred: (x: T) => boolean): string[] => items.filter(pred).map((x) => x.id).sort();

describe('conversation search operators', () => {
  const mid = [...ws.conversations].sort((a, b) => a.created_at - b.created_at)[30]!.created_at;
  const cases: Array<[string, unknown, (c: Conversation) => boolean]> = [
    ['= string', { field: 'state', operator: '=', value: 'open' }, (c) => c.state === 'open'],
    ['!= string', { field: 'state', operator: '!=', value: 'open' }, (c) => c.state !== 'open'],
    ['IN', { field: 'source.type', operator: 'IN', value: ['email', 'twitter'] }, (c) => ['email', 'twitter'].includes(c.source.type)],
    ['NIN', { field: 'source.type', operator: 'NIN', value: ['email', 'twitter'] }, (c) => !['email', 'twitter'].includes(c.source.type)],
    ['> date is inclusive (spec: greater or equal)', { field: 'created_at', operator: '>', value: mid }, (c) => c.created_at >= mid],
    ['< date as numeric string', { field: 'created_at', operator: '<', value: String(mid) }, (c) => c.created_at <= mid],
    ['~ contains, case-insensitive', { field: 'source.author.email', operator: '~', value: 'EXAMPLE.COM' }, (c) => (c.source.author.email ?? '').includes('example.com')],
    ['!~', { field: 'source.author.email', operator: '!~', value: 'example.com' }, (c) => !(c.source.author.email ?? '').includes('example.com')],
    ['^ starts with', { field: 'source.author.name', operator: '^', value: 'ada' }, (c) => (c.source.author.name ?? '').toLowerCase().startsWith('ada')],
    ['$ ends with', { field: 'source.author.email', operator: '$', value: '.de' }, (c) => (c.source.author.email ?? '').endsWith('.de')],
    ['boolean', { field: 'open', operator: '=', value: true }, (c) => c.open],
    ['integer statistics', { field: 'statistics.time_to_admin_reply', operator: '>', value: 3600 }, (c) => (c.statistics?.time_to_admin_reply ?? -1) >= 3600],
    ['array field contact_ids', { field: 'contact_ids', operator: '=', value: ws.contacts[3]!.id }, (c) => c.contacts.contacts.some((x) => x.id === ws.contacts[3]!.id)],
    ['tag_ids', { field: 'tag_ids', operator: '=', value: '7003' }, (c) => c.tags.tags.some((t) => t.id === '7003')],
    ['admin_assignee_id integer', { field: 'admin_assignee_id', operator: '=', value: 991267460 }, (c) => c.admin_assignee_id === 991267460],
    ['custom attribute', { field: 'custom_attributes.issue_type', operator: '=', value: 'billing' }, (c) => c.custom_attributes.issue_type === 'billing'],
    ['null equality', { field: 'conversation_rating.score', operator: '=', value: null }, (c) => c.conversation_rating === null],
    ['rating score alias', { field: 'conversation_rating.score', operator: '>', value: 3 }, (c) => (c.conversation_rating?.rating ?? 0) >= 3],
  ];
  it.each(cases)('%s', async (_name, query, pred) => {
    const expected = idsWhere(ws.conversations, pred);
    expect(expected.length).toBeGreaterThan(0);
    expect(await searchConversations(query)).toEqual(expected);
  });

  it('source.body `=` matches a single word, not a phrase (spec)', async () => {
    const one = await searchConversations({ field: 'source.body', operator: '=', value: 'refund' });
    expect(one.length).toBeGreaterThan(0);
    expect(await searchConversations({ field: 'source.body', operator: '=', value: 'need a refund' })).toEqual([]);
    expect((await searchConversations({ field: 'source.body', operator: '~', value: 'need a refund' })).length).toBeGreaterThan(0);
  });

  it('nested AND/OR (2 levels)', async () => {
    const query = {
      operator: 'AND',
      value: [
        { operator: 'OR', value: [{ field: 'state', operator: '=', value: 'open' }, { field: 'state', operator: '=', value: 'snoozed' }] },
        { field: 'priority', operator: '!=', value: 'none' },
      ],
    };
    expect(await searchConversations(query)).toEqual(idsWhere(ws.conversations, (c) => c.state !== 'closed' && c.priority !== 'none'));
  });
});

describe('contact search', () => {
  const cases: Array<[string, unknown, (c: Contact) => boolean]> = [
    ['email_domain', { field: 'email_domain', operator: '=', value: 'example.com' }, (c) => c.email_domain === 'example.com'],
    ['role', { field: 'role', operator: '=', value: 'lead' }, (c) => c.role === 'lead'],
    ['location.country IN', { field: 'location.country', operator: 'IN', value: ['Ireland', 'Japan'] }, (c) => ['Ireland', 'Japan'].includes(c.location.country ?? '')],
    ['custom integer >=', { field: 'custom_attributes.seats', operator: '>=', value: 100 }, (c) => typeof c.custom_attributes.seats === 'number' && c.custom_attributes.seats >= 100],
    ['custom boolean', { field: 'custom_attributes.beta', operator: '=', value: true }, (c) => c.custom_attributes.beta === true],
    ['tag_id', { field: 'tag_id', operator: '=', value: '7001' }, (c) => c.tags.data.some((t) => t.id === '7001')],
    ['name ~', { field: 'name', operator: '~', value: 'an' }, (c) => (c.name ?? '').toLowerCase().includes('an')],
    ['email = null (no email)', { field: 'email', operator: '=', value: null }, (c) => c.email === null],
  ];
  it.each(cases)('%s', async (_name, query, pred) => {
    const expected = idsWhere(ws.contacts, pred);
    expect(expected.length).toBeGreaterThan(0);
    expect(await searchContacts(query)).toEqual(expected);
  });

  it('dates match by calendar day in the workspace timezone', async () => {
    const c = ws.contacts[0]!;
    const day = startOfDay(c.created_at, 'UTC');
    expect(day % 86400).toBe(0);
    expect(await searchContacts({ field: 'created_at', operator: '=', value: day + 5 })).toEqual(
      idsWhere(ws.contacts, (x) => x.created_at >= day && x.created_at < day + 86400),
    );
    expect(await searchContacts({ field: 'created_at', operator: '>', value: day + 5 })).toEqual(idsWhere(ws.contacts, (x) => x.created_at >= day + 86400));
    expect(await searchContacts({ field: 'created_at', operator: '<', value: day + 5 })).toEqual(idsWhere(ws.contacts, (x) => x.created_at < day));
  });

  it('startOfDay honours non-UTC zones', () => {
    // 2025-06-02T03:00Z is still June 1st in Los Angeles (UTC-7): its midnight is 2025-06-01T07:00Z.
    expect(startOfDay(Date.UTC(2025, 5, 2, 3) / 1000, 'America/Los_Angeles')).toBe(Date.UTC(2025, 5, 1, 7) / 1000);
  });

  it('sort by created_at ascending', async () => {
    const res = await json<{ data: Contact[] }>(await post(fake, '/contacts/search', { query: { field: 'role', operator: '=', value: 'user' }, sort: { field: 'created_at', order: 'ascending' } }));
    const created = res.data.map((c) => c.created_at);
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });
});

describe('validation like Intercom (400 error.list)', () => {
  const deep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [{ field: 'state', operator: '=', value: 'open' }] }] }] };
  const sixteen = { operator: 'OR', value: Array.from({ length: 16 }, (_, i) => ({ field: 'id', operator: '=', value: String(1001 + i) })) };
  const cases: Array<[string, string, unknown, string]> = [
    ['unknown field', '/conversations/search', { query: { field: 'nope', operator: '=', value: 'x' } }, 'parameter_invalid'],
    ['unknown custom attribute', '/contacts/search', { query: { field: 'custom_attributes.nope', operator: '=', value: 'x' } }, 'parameter_invalid'],
    ['bad operator', '/conversations/search', { query: { field: 'state', operator: 'LIKE', value: 'x' } }, 'parameter_invalid'],
    ['<= not accepted on conversations', '/conversations/search', { query: { field: 'created_at', operator: '<=', value: 1 } }, 'parameter_invalid'],
    ['> on a string field', '/conversations/search', { query: { field: 'state', operator: '>', value: 'a' } }, 'parameter_invalid'],
    ['!= on a contact date', '/contacts/search', { query: { field: 'created_at', operator: '!=', value: 1 } }, 'parameter_invalid'],
    ['IN without array', '/conversations/search', { query: { field: 'state', operator: 'IN', value: 'open' } }, 'parameter_invalid'],
    ['string value for a date', '/conversations/search', { query: { field: 'created_at', operator: '>', value: 'foorbar' } }, 'parameter_invalid'],
    ['tag_id with IN', '/contacts/search', { query: { field: 'tag_id', operator: 'IN', value: ['7001'] } }, 'parameter_invalid'],
    ['3 levels of nesting', '/conversations/search', { query: deep }, 'parameter_invalid'],
    ['16 filters in a group', '/conversations/search', { query: sixteen }, 'parameter_invalid'],
    ['per_page > 150', '/conversations/search', { query: { field: 'state', operator: '=', value: 'open' }, pagination: { per_page: 151 } }, 'parameter_invalid'],
    ['missing query', '/contacts/search', { pagination: { per_page: 5 } }, 'parameter_not_found'],
    ['bad sort order', '/contacts/search', { query: { field: 'role', operator: '=', value: 'user' }, sort: { field: 'created_at', order: 'desc' } }, 'invalid_sort_order'],
    ['garbage cursor', '/conversations/search', { query: { field: 'state', operator: '=', value: 'open' }, pagination: { starting_after: '!!' } }, 'parameter_invalid'],
    ['invalid JSON', '/conversations/search', '{"query":', 'parameter_invalid'],
  ];
  it.each(cases)('%s', async (_name, path, body, code) => {
    const res = await post(fake, path, body);
    expect(res.status).toBe(400);
    const error = await json<{ type: string; request_id: string; errors: Array<{ code: string; message: string }> }>(res);
    expect(error.type).toBe('error.list');
    expect(error.errors[0]!.code).toBe(code);
    expect(error.errors[0]!.message.length).toBeGreaterThan(0);
  });

  it('2 levels with 15 filters is fine', async () => {
    const ok = { operator: 'OR', value: Array.from({ length: 15 }, (_, i) => ({ field: 'id', operator: '=', value: String(1001 + i) })) };
    expect(await searchConversations(ok)).toHaveLength(15);
  });
});

describe('pagination', () => {
  it.each([[1], [7], [20], [150]])('per_page %i walks every result exactly once, in order', async (perPage) => {
    const query = { field: 'id', operator: '!=', value: '0' };
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    let total = -1;
    do {
      const res = await post(fake, '/conversations/search', { query, pagination: { per_page: perPage, ...(cursor ? { starting_after: cursor } : {}) } });
      const body = await json<{ conversations: Conversation[]; total_count: number; pages: { page: number; per_page: number; total_pages: number; next?: { starting_after: string } } }>(res);
      page++;
      expect(body.pages.page).toBe(page);
      expect(body.pages.per_page).toBe(perPage);
      expect(body.pages.total_pages).toBe(Math.ceil(ws.conversations.length / perPage));
      total = body.total_count;
      seen.push(...body.conversations.map((c) => c.id));
      cursor = body.pages.next?.starting_after;
    } while (cursor);
    expect(total).toBe(66);
    expect(seen).toHaveLength(66);
    expect(new Set(seen).size).toBe(66);
    const order = ws.conversations.map((c) => c).sort((a, b) => b.updated_at - a.updated_at || Number(b.id) - Number(a.id)).map((c) => c.id);
    expect(seen).toEqual(order);
  });

  it('defaults: 20 for conversations, 50 for contacts; empty result has total_pages 0 and no next', async () => {
    const conv = await json<{ pages: { per_page: number } }>(await post(fake, '/conversations/search', { query: { field: 'id', operator: '!=', value: '0' } }));
    expect(conv.pages.per_page).toBe(20);
    const contacts = await json<{ pages: { per_page: number } }>(await post(fake, '/contacts/search', { query: { field: 'id', operator: '!=', value: '0' } }));
    expect(contacts.pages.per_page).toBe(50);
    const empty = await json<{ total_count: number; pages: Record<string, unknown> }>(await post(fake, '/contacts/search', { query: { field: 'email', operator: '=', value: 'nobody@nowhere.test' } }));
    expect(empty.total_count).toBe(0);
    expect(empty.pages).toEqual({ type: 'pages', page: 1, per_page: 50, total_pages: 0 });
  });

  it('a cursor from another query is rejected', async () => {
    const first = await json<{ pages: { next: { starting_after: string } } }>(await post(fake, '/conversations/search', { query: { field: 'id', operator: '!=', value: '0' }, pagination: { per_page: 5 } }));
    const res = await post(fake, '/conversations/search', { query: { field: 'state', operator: '=', value: 'open' }, pagination: { per_page: 5, starting_after: first.pages.next.starting_after } });
    expect(res.status).toBe(400);
  });
});
