// Responses carry the keys of Intercom's 2.16 schemas and response examples, and nothing else.
import { describe, expect, it } from 'vitest';
import { IntercomEmulator } from '../../src/demo/emulator.js';
import { get, json, post } from './helpers.js';
import { exampleKeys, schemaProperties } from './spec-reader.js';
import { SAMPLE_IDS } from '../../src/demo/workspace.js';

const fake = new IntercomEmulator();
const keys = (o: unknown): string[] => Object.keys(o as Record<string, unknown>).sort();
// Fields the schema lists but Intercom only sends on request (include_monitors / include_scorecards / merge history).
const OPT_IN = new Set(['monitor_evaluations', 'scorecards', 'merge_history', 'metadata']);

function expectKeysFromSpec(actual: unknown, schema: string, example?: string[]): void {
  const schemaKeys = schemaProperties(schema);
  const allowed = new Set([...schemaKeys, ...(example ?? [])]);
  const own = keys(actual);
  expect(own.filter((k) => !allowed.has(k)), `${schema}: keys not in the spec`).toEqual([]);
  const expected = [...new Set([...(example ?? []), ...schemaKeys.filter((k) => !OPT_IN.has(k))])];
  expect(expected.filter((k) => !own.includes(k)), `${schema}: spec keys missing`).toEqual([]);
}

describe('response shapes follow the 2.16 spec', () => {
  it('GET /me is admin_with_app with an app like the example', async () => {
    const res = await get(fake, '/me');
    expect(res.status).toBe(200);
    const me = await json(res);
    expect(keys(me)).toEqual([...exampleKeys('/me', 'get', '200')].sort());
    expect(me.type).toBe('admin');
    const app = me.app as Record<string, unknown>;
    expect(app).toMatchObject({ type: 'app', id_code: 'abc12345', region: 'US', timezone: 'UTC', identity_verification: false });
    expect(keys(app).filter((k) => !schemaProperties('app').includes(k))).toEqual(['secure']); // `secure` only in the example
  });

  it('GET /conversations/{id} is a full conversation with parts', async () => {
    const res = await get(fake, '/conversations/1003');
    expect(res.status).toBe(200);
    const c = await json(res);
    expectKeysFromSpec(c, 'conversation', exampleKeys('/conversations/{conversation_id}', 'get', '200'));
    const parts = c.conversation_parts as { type: string; conversation_parts: unknown[]; total_count: number };
    expect(keys(parts)).toEqual(schemaProperties('conversation_parts').sort());
    expect(parts.type).toBe('conversation_part.list');
    expect(parts.total_count).toBe(parts.conversation_parts.length);
    for (const p of parts.conversation_parts) expectKeysFromSpec(p, 'conversation_part');
    expectKeysFromSpec(c.source, 'conversation_source'); // 1003 is an email: recipients/reply_to/metadata present
    expect(keys((c.source as Record<string, unknown>).author)).toEqual(schemaProperties('conversation_source_author').sort());
    expectKeysFromSpec(c.tags, 'tags');
    expectKeysFromSpec(c.contacts, 'conversation_contacts');
    expectKeysFromSpec(c.linked_objects, 'linked_object_list');
    expectKeysFromSpec(c.statistics, 'conversation_statistics');
    expect(c.id).toBe('1003');
    expect(typeof c.admin_assignee_id).toBe('number');
  });

  it('every sample conversation has consistent state, parts and contacts', () => {
    const contactIds = new Set(fake.workspace.contacts.map((x) => x.id));
    expect(fake.workspace.conversations.length).toBe(66);
    for (const c of fake.workspace.conversations) {
      expect(c.open).toBe(c.state !== 'closed');
      expect(c.snoozed_until !== null).toBe(c.state === 'snoozed');
      expect(c.conversation_parts.total_count).toBe(c.conversation_parts.conversation_parts.length);
      for (const ref of c.contacts.contacts) expect(contactIds.has(ref.id)).toBe(true);
      if (c.conversation_rating) expectKeysFromSpec(c.conversation_rating, 'conversation_rating');
      if (c.ai_agent) expectKeysFromSpec(c.ai_agent, 'ai_agent');
      for (const t of c.tags.tags) expectKeysFromSpec(t, 'tag');
    }
    const byId = new Map(fake.workspace.conversations.map((c) => [c.id, c]));
    expect(byId.get(SAMPLE_IDS.conversation60Parts)!.conversation_parts.conversation_parts).toHaveLength(60);
    expect(byId.get(SAMPLE_IDS.conversation400Parts)!.conversation_parts.conversation_parts).toHaveLength(400);
    expect(byId.get(SAMPLE_IDS.conversationGroup)!.contacts.contacts).toHaveLength(2);
    const states = new Set(fake.workspace.conversations.map((c) => c.state));
    expect([...states].sort()).toEqual(['closed', 'open', 'snoozed']);
    const sources = new Set(fake.workspace.conversations.map((c) => c.source.type));
    for (const s of ['conversation', 'email', 'twitter']) expect(sources.has(s)).toBe(true);
  });

  it('invisible and bidi characters are present where promised', async () => {
    const c = await json(await get(fake, `/conversations/${SAMPLE_IDS.conversationInvisibleChars}`));
    expect((c.source as { body: string }).body).toMatch(/[\u200B\u202E\uFEFF\u2066]/);
  });

  it('GET /contacts/{id} is a full contact with list sub-objects', async () => {
    const id = SAMPLE_IDS.contactManyTags;
    const res = await get(fake, `/contacts/${id}`);
    expect(res.status).toBe(200);
    const c = await json(res);
    expectKeysFromSpec(c, 'contact', exampleKeys('/contacts/{contact_id}', 'get', '200'));
    const tags = c.tags as { type: string; data: unknown[]; url: string; total_count: number; has_more: boolean };
    expect(tags).toMatchObject({ type: 'list', url: `/contacts/${id}/tags`, total_count: 12, has_more: true });
    expect(tags.data).toHaveLength(10);
    for (const list of ['notes', 'companies'] as const) {
      expect(keys(c[list])).toEqual(['data', 'has_more', 'total_count', 'type', 'url']);
    }
    expectKeysFromSpec(c.location, 'contact_location', ['country_code', 'continent_code']);
  });

  it('the inbox the demo shows: every state, channel and priority, threads of 1 to 80 parts, notes, assignments, ratings', () => {
    const conversations = fake.workspace.conversations;
    expect(conversations.length).toBeGreaterThanOrEqual(60);
    expect(new Set(conversations.map((c) => c.state))).toEqual(new Set(['open', 'snoozed', 'closed']));
    const sources = new Set(conversations.map((c) => c.source.type));
    for (const source of ['conversation', 'email', 'whatsapp', 'phone_call', 'sms']) expect(sources, source).toContain(source);
    expect(new Set(conversations.map((c) => c.priority))).toEqual(new Set(['none', 'high', 'urgent']));
    const sizes = conversations.map((c) => c.conversation_parts.total_count);
    expect(sizes).toContain(1);
    expect(sizes).toContain(80);
    const parts = conversations.flatMap((c) => c.conversation_parts.conversation_parts);
    for (const kind of ['comment', 'note', 'assignment', 'close', 'snoozed']) expect(parts.some((p) => p.part_type === kind), kind).toBe(true);
    expect(parts.some((p) => p.body?.includes('<p>'))).toBe(true);
    expect(conversations.some((c) => c.conversation_rating !== null)).toBe(true);
    expect(conversations.some((c) => c.tags.tags.length > 0)).toBe(true);
    expect(new Set(conversations.map((c) => c.team_assignee_id)).size).toBeGreaterThanOrEqual(3);
  });

  it('sample contacts: 52, users and leads, several countries and domains, custom attributes, names in several scripts', () => {
    const contacts = fake.workspace.contacts;
    expect(contacts).toHaveLength(52);
    const names = contacts.map((c) => c.name ?? '');
    for (const script of [/\p{Script=Han}/u, /\p{Script=Cyrillic}/u, /\p{Script=Arabic}/u, /\p{Script=Hangul}/u, /\p{Script=Greek}/u]) {
      expect(names.some((n) => script.test(n)), String(script)).toBe(true);
    }
    expect(contacts.some((c) => c.companies.total_count > 0)).toBe(true);
    expect(new Set(contacts.map((c) => c.role))).toEqual(new Set(['user', 'lead']));
    expect(new Set(contacts.map((c) => c.location.country)).size).toBeGreaterThanOrEqual(5);
    expect(contacts.some((c) => c.email_domain === 'example.com')).toBe(true);
    for (const c of contacts) expect(c.id).toMatch(/^[0-9a-f]{24}$/);
    expect(contacts.some((c) => typeof c.custom_attributes.seats === 'number')).toBe(true);
  });

  it('search responses are conversation_list / contact_list with cursor_pages', async () => {
    const conv = await json(await post(fake, '/conversations/search', { query: { field: 'state', operator: '=', value: 'closed' }, pagination: { per_page: 5 } }));
    expect(keys(conv)).toEqual(schemaProperties('conversation_list').sort());
    expect(conv.type).toBe('conversation.list');
    const items = conv.conversations as Array<Record<string, unknown>>;
    for (const item of items) {
      expectKeysFromSpec(item, 'conversation_list_item', ['topics', 'ticket']); // both appear in the search example
      expect(item).not.toHaveProperty('conversation_parts');
    }
    const pages = conv.pages as Record<string, unknown>;
    expect(keys(pages)).toEqual(schemaProperties('cursor_pages').sort());
    expect(keys(pages.next)).toEqual(schemaProperties('starting_after_paging').sort());

    const contacts = await json(await post(fake, '/contacts/search', { query: { field: 'role', operator: '=', value: 'user' } }));
    expect(keys(contacts)).toEqual(schemaProperties('contact_list').sort());
    expect(contacts.type).toBe('list');
  });

  it('errors are error.list with a request_id matching X-Request-Id', async () => {
    const res = await get(fake, '/conversations/999999');
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(keys(body)).toEqual(exampleKeys('/conversations/{conversation_id}', 'get', '404').sort());
    expect(body).toMatchObject({ type: 'error.list', errors: [{ code: 'not_found', message: 'Resource Not Found' }] });
    expect(body.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('sample workspace is deterministic', async () => {
    const { sampleWorkspace } = await import('../../src/demo/emulator.js');
    expect(JSON.stringify(sampleWorkspace())).toBe(JSON.stringify(sampleWorkspace()));
  });
});
