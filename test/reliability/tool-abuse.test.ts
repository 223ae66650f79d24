// Tool-argument abuse in process (createServer + the SDK Client, as test/tools): every bad argument is a clear
// isError, nothing reaches Intercom, and the server keeps answering. Also: object/array arguments sent as
// JSON strings are accepted where unambiguous.
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/tools/index.js';
import snapshot from '../tools/__snapshots__/tools-list.json' with { type: 'json' };
import { describeRequest, toolHarness } from '../tools/harness.js';
import { figure } from './figures.js';

const h = toolHarness();

interface JsonProp { type?: string | string[]; maxLength?: number; enum?: string[] }
const listed = (snapshot as unknown as { tools: Array<{ name: string; inputSchema: { properties: Record<string, JsonProp>; required?: string[] } }> }).tools;

/** Id arguments, where a whole number stands for its digits (see numeric ids below). */
const isIdArgument = (name: string) => /(^|_)ids?$/.test(name);

/** A value of the wrong JSON type for a property. */
function wrongTypes(name: string, prop: JsonProp): unknown[] {
  const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
  const all: Record<string, unknown> = { string: 'x', integer: 1.5, number: 'five', boolean: 'yes', array: 7, object: 7 };
  const out: unknown[] = [null, { nested: { deep: true } }];
  if (type !== 'string') out.push('not-json');
  if (type === 'string' && isIdArgument(name)) out.push(-12, 12.5, 2 ** 60);
  else if (type !== 'number' && type !== 'integer') out.push(12);
  if (type !== 'boolean') out.push(true);
  if (type !== 'array') out.push(['a', 'b']);
  if (type === 'integer') out.push(all.integer, -1, 1e300);
  if (prop.enum) out.push('definitely-not-a-choice');
  return out;
}

/** One valid argument set per tool, to which one bad property is added. */
const BASE: Record<string, Record<string, unknown>> = {
  search: { query: 'object_type:contacts role:user' },
  fetch: { id: 'conversation_1060' },
  search_conversations: { state: 'open' },
  get_conversation: { id: '1060' },
  search_contacts: { role: 'user' },
  get_contact: { id: '6762f1000acb1825c460d835' },
  list_companies: { name: 'Acme Corp' },
  get_company: { company_id: 'acme-001' },
  search_articles: { phrase: 'refund' },
  list_articles: {},
  get_article: { id: '8001' },
};

const cases: Array<[string, string, Record<string, unknown>]> = [];
for (const tool of listed) {
  const { properties, required = [] } = tool.inputSchema;
  for (const [name, prop] of Object.entries(properties)) {
    for (const value of wrongTypes(name, prop)) cases.push([`${tool.name}.${name} = ${JSON.stringify(value).slice(0, 30)}`, tool.name, { ...BASE[tool.name], [name]: value }]);
    if (prop.type === 'string') {
      cases.push([`${tool.name}.${name}: 100 kB`, tool.name, { ...BASE[tool.name], [name]: 'x'.repeat(100_001) }]);
    }
  }
  for (const name of required) {
    const args = { ...BASE[tool.name] };
    delete args[name];
    cases.push([`${tool.name}: missing ${name}`, tool.name, args]);
  }
  cases.push([`${tool.name}: unknown field`, tool.name, { ...BASE[tool.name], limit: 20 }]);
  cases.push([`${tool.name}: many unknown fields`, tool.name, { ...BASE[tool.name], a: 1, b: 2, c: 3, d: 4, ['x'.repeat(500)]: 5 }]);
}
const ID_TOOLS = ['fetch', 'get_conversation', 'get_contact', 'get_company', 'get_article'];
const BAD_IDS = [
  '../../me', '..%2F..%2Fme', '1060/../../me', '1060?x=1', '1060#x', 'conversation_', 'contact_', 'conversation_../me',
  'contact_6762f1000acb1825c460d835/../../me', '', '   ', '\u0000', '1060\u202e', 'conversation_1060\r\nX-Evil: 1',
  'https://evil.example.com/a/inbox/x/inbox/conversation/1060', 'http://app.intercom.com.evil.io/a/inbox/x/inbox/conversation/1060',
  'https://user:pass@app.intercom.com/a/inbox/x/inbox/conversation/1060', 'file:///etc/passwd', 'javascript:alert(1)',
  'https://app.intercom.com/a/apps/x/settings', 'x'.repeat(2_048), 'conversation_' + '9'.repeat(70),
];
for (const tool of ID_TOOLS) for (const id of BAD_IDS) cases.push([`${tool}: id ${JSON.stringify(id).slice(0, 40)}`, tool, { id }]);
cases.push(['search: control characters', 'search', { query: 'object_type:contacts \u0000\u0007\u001b[2J email:x' }]);
cases.push(['search: 100 kB of query', 'search', { query: 'object_type:contacts ' + 'role:user '.repeat(10_000) }]);
cases.push(['search_conversations: created_at without operator', 'search_conversations', { created_at: { value: '7d' } }]);
cases.push(['search_conversations: ids as a comma list (ambiguous)', 'search_conversations', { ids: '1,2' }]);
cases.push(['search_contacts: custom_attributes as a JSON array string', 'search_contacts', { custom_attributes: '["pro"]' }]);
cases.push(['search_contacts: ids as a JSON object string', 'search_contacts', { ids: '{"a":"1"}' }]);
cases.push(['search_contacts: custom_attributes with a nested object', 'search_contacts', { custom_attributes: { plan: { is: 'pro' } } }]);
cases.push(['search_contacts: no filter', 'search_contacts', { per_page: 5 }]);
cases.push(['search_contacts: ids as a 1 MB JSON string', 'search_contacts', { ids: JSON.stringify(Array.from({ length: 60_000 }, (_, i) => `id${i}`)) }]);
cases.push(['list_companies: two filters', 'list_companies', { name: 'Acme Corp', tag_id: '7005' }]);
cases.push(['list_companies: a cursor that is no page number', 'list_companies', { starting_after: 'WzE3MzQ1MzcxNjBd' }]);
cases.push(['list_companies: paging past 10,000 companies', 'list_companies', { per_page: 150, starting_after: '68' }]);
cases.push(['get_company: neither id nor company_id', 'get_company', {}]);
cases.push(['get_company: both id and company_id', 'get_company', { id: '6762f07f1bb69f9f2193baf5', company_id: 'acme-001' }]);
cases.push(['get_company: a conversation id', 'get_company', { id: 'conversation_1060' }]);
cases.push(['search: OR between company filters', 'search', { query: 'object_type:companies name:Acme OR name:Globex' }]);
cases.push(['search: two company filters', 'search', { query: 'object_type:companies name:Acme tag_id:7005' }]);
cases.push(['search: q: for companies', 'search', { query: 'object_type:companies q:acme' }]);
cases.push(['search: a company filter with an operator', 'search', { query: 'object_type:companies name:contains:Acme' }]);
cases.push(['search_conversations: ids as a JSON string of 101 ids', 'search_conversations', { ids: JSON.stringify(Array.from({ length: 101 }, (_, i) => String(i))) }]);

describe('tool-argument abuse (in process)', () => {
  it('covers every tool and every property of tools/list', () => {
    expect(new Set(cases.map(([, tool]) => tool))).toEqual(new Set(TOOLS.map((t) => t.name)));
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases)('%s: a clear isError and no request to Intercom', async (_name, tool, args) => {
    figure('abuse cases', 1);
    const out = await h.call(tool, args);
    expect(out.isError, out.text).toBe(true);
    expect(out.text.length).toBeGreaterThan(15);
    // Errors are short and carry no raw control characters back to the assistant.
    expect(out.text.length).toBeLessThan(2_500);
    expect(out.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
    expect(h.allRequests()).toHaveLength(0);
  });

  it('an unknown argument is named, with the arguments the tool takes', async () => {
    const out = await h.call('search', { query: 'object_type:contacts role:user', limit: 20 });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/unknown argument "limit"; this tool takes query/);
  });

  it('after all of that, the server still answers', async () => {
    const out = await h.call('get_conversation', { id: '1060' });
    expect(out.isError).toBe(false);
  });
});

describe('object and array arguments sent as JSON strings', () => {
  /** The body sent to Intercom for one call, which must succeed. */
  async function bodyOf(tool: string, args: Record<string, unknown>): Promise<unknown> {
    const out = await h.call(tool, args);
    expect(out.isError, out.text).toBe(false);
    const sent = h.apiRequests();
    expect(sent).toHaveLength(1);
    return (await describeRequest(sent[0]!)).body;
  }

  const same: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
    ['custom_attributes', 'search_contacts', { custom_attributes: '{"plan":"pro"}' }, { custom_attributes: { plan: 'pro' } }],
    ['custom_attributes with spaces around', 'search_contacts', { custom_attributes: ' { "plan" : "pro", "seats": 3 } ' }, { custom_attributes: { plan: 'pro', seats: 3 } }],
    ['contact ids', 'search_contacts', { ids: '["6762f1000acb1825c460d835"]' }, { ids: ['6762f1000acb1825c460d835'] }],
    ['conversation ids', 'search_conversations', { ids: '["1060","1007"]' }, { ids: ['1060', '1007'] }],
    ['tag_ids', 'search_conversations', { tag_ids: '["1"]' }, { tag_ids: ['1'] }],
    ['created_at', 'search_conversations', { created_at: '{"operator":"gt","value":"2025-01-01"}' }, { created_at: { operator: 'gt', value: '2025-01-01' } }],
    ['statistics_time_to_admin_reply', 'search_conversations', { statistics_time_to_admin_reply: '{"operator":"lt","value":3600}' }, { statistics_time_to_admin_reply: { operator: 'lt', value: 3600 } }],
  ];
  it.each(same)('%s as a JSON string gives the same Intercom request as the object', async (_name, tool, asString, asObject) => {
    figure('abuse cases', 1);
    const a = await bodyOf(tool, asString);
    h.allRequests().length = 0;
    const b = await bodyOf(tool, asObject);
    expect(a).toEqual(b);
  });

  it('a string argument that looks like JSON stays a string', async () => {
    const body = await bodyOf('search_contacts', { name: '{"plan":"pro"}' });
    expect(JSON.stringify(body)).toContain('{\\"plan\\":\\"pro\\"}');
  });
});

describe('numeric ids (as the Inspector and some models send them)', () => {
  /** What one call did: its answer and the requests it sent to Intercom. */
  async function outcome(tool: string, args: Record<string, unknown>) {
    h.allRequests().length = 0;
    const out = await h.call(tool, args);
    const sent = await Promise.all(h.apiRequests().map((r) => describeRequest(r)));
    return { isError: out.isError, text: out.text, sent };
  }

  const same: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
    ['get_conversation id', 'get_conversation', { id: 1060 }, { id: '1060' }],
    ['get_conversation id, 15 digits', 'get_conversation', { id: 215470185450388 }, { id: '215470185450388' }],
    ['get_contact id', 'get_contact', { id: 4242 }, { id: '4242' }],
    ['fetch id (still needs its kind)', 'fetch', { id: 215470185450388 }, { id: '215470185450388' }],
    ['search_conversations ids', 'search_conversations', { ids: [1060, '1007'] }, { ids: ['1060', '1007'] }],
    ['search_conversations ids as a JSON string of numbers', 'search_conversations', { ids: '[1060, 1007]' }, { ids: ['1060', '1007'] }],
    ['search_conversations team_assignee_id', 'search_conversations', { team_assignee_id: 5017691 }, { team_assignee_id: '5017691' }],
    ['search_conversations admin_assignee_id', 'search_conversations', { admin_assignee_id: 991267461 }, { admin_assignee_id: '991267461' }],
    ['search_conversations tag_ids', 'search_conversations', { tag_ids: [1, 2] }, { tag_ids: ['1', '2'] }],
    ['search_contacts ids', 'search_contacts', { ids: [0, 123] }, { ids: ['0', '123'] }],
    ['search_contacts external_id', 'search_contacts', { external_id: 98765 }, { external_id: '98765' }],
  ];
  it.each(same)('%s: a number gives the same answer and Intercom request as its digits', async (_name, tool, asNumber, asString) => {
    figure('abuse cases', 1);
    const a = await outcome(tool, asNumber);
    const b = await outcome(tool, asString);
    expect(a.text).not.toMatch(/expected string/);
    expect(a).toEqual(b);
    if (tool !== 'fetch') expect(a.sent).toHaveLength(1);
  });

  it('a conversation found by a numeric id is the conversation', async () => {
    const out = await h.call('get_conversation', { id: 1060 });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured.id).toBe('1060');
  });

  const refused: Array<[string, string, Record<string, unknown>, RegExp]> = [
    ['an id past 2^53 (digits already lost)', 'get_conversation', { id: 2 ** 53 + 2 }, /too large a number.*send the id as a string/],
    ['one such id in a list', 'search_conversations', { ids: ['1', 12345678901234567890] }, /too large a number.*send the id as a string/],
    ['a negative id', 'get_contact', { id: -5 }, /expected string/],
    ['a fractional id', 'get_conversation', { id: 10.5 }, /expected string/],
    ['a number where the argument is not an id', 'search_contacts', { name: 12 }, /expected string/],
  ];
  it.each(refused)('%s is refused, with what to send', async (_name, tool, args, message) => {
    figure('abuse cases', 1);
    const out = await outcome(tool, args);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(out.sent).toHaveLength(0);
  });
});

describe('near-miss argument names', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['search_conversations', { limit: 20 }, 'per_page'],
    ['search_conversations', { page_size: 20 }, 'per_page'],
    ['search_contacts', { pageSize: 20, role: 'user' }, 'per_page'],
    ['search_contacts', { perPage: 20, role: 'user' }, 'per_page'],
    ['search_conversations', { count: 20 }, 'per_page'],
    ['search_conversations', { max_results: 20 }, 'per_page'],
    ['search_conversations', { per_pgae: 20 }, 'per_page'],
    ['search_conversations', { cursor: 'abc' }, 'starting_after'],
    ['search_contacts', { after: 'abc', role: 'user' }, 'starting_after'],
    ['search_conversations', { next: 'abc' }, 'starting_after'],
    ['search_conversations', { next_starting_after: 'abc' }, 'starting_after'],
    ['search_contacts', { startingAfter: 'abc', role: 'user' }, 'starting_after'],
    ['search_conversations', { starting_afer: 'abc' }, 'starting_after'],
    ['search', { q: 'object_type:contacts role:user' }, 'query'],
    ['get_conversation', { conversation_id: '1060' }, 'id'],
    ['get_contact', { contact_id: '6762f1000acb1825c460d835' }, 'id'],
    ['fetch', { conversation_id: 'conversation_1060' }, 'id'],
    ['get_conversation', { id: '1060', offset: 10 }, 'part_offset'],
    ['get_conversation', { id: '1060', partOffset: 10 }, 'part_offset'],
    ['search_conversations', { tags: ['1'] }, 'tag_ids'],
    ['search_conversations', { sate: 'open' }, 'state'],
    ['search_conversations', { email: 'a@example.com' }, 'source_author_email'],
  ];
  it.each(cases)('%s %j: did you mean %s?, then the arguments the tool takes', async (tool, args, meant) => {
    figure('abuse cases', 1);
    const out = await h.call(tool, args);
    expect(out.isError).toBe(true);
    const name = Object.keys(args).find((k) => k !== 'id' && k !== 'role')!;
    expect(out.text).toContain(`unknown argument "${name}"; did you mean ${meant}? this tool takes `);
    expect(h.allRequests()).toHaveLength(0);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('an argument named %s is only an unknown argument', async (name) => {
    const out = await h.call('search_conversations', JSON.parse(`{"state":"open","${name}":1}`) as Record<string, unknown>);
    expect(out.isError).toBe(true);
    expect(out.text).toContain(`unknown argument "${name}"`);
    expect(out.text).toContain('this tool takes ids, ');
    expect(h.allRequests()).toHaveLength(0);
  });

  it('no guess where nothing is close', async () => {
    const out = await h.call('search_conversations', { state: 'open', colour: 'red' });
    expect(out.text).toMatch(/unknown argument "colour"; this tool takes ids, /);
    expect(out.text).not.toContain('did you mean');
  });

  it('several unknown names: a hint after each that has one', async () => {
    const out = await h.call('search_contacts', { role: 'user', limit: 5, colour: 'red', cursor: 'x' });
    expect(out.text).toContain('unknown argument "limit" (did you mean per_page?), "colour", "cursor" (did you mean starting_after?); this tool takes ids, ');
  });

  it('the synonym of an argument that is also given: drop it', async () => {
    const out = await h.call('search_conversations', { per_page: 5, limit: 5 });
    expect(out.text).toContain('unknown argument "limit"; per_page is already given, drop "limit"; this tool takes ');
  });

  it('a synonym is only offered where the tool has its target', async () => {
    // get_contact has no paging: nothing to offer.
    const out = await h.call('get_contact', { id: '6762f1000acb1825c460d835', limit: 5 });
    expect(out.text).toMatch(/unknown argument "limit"; this tool takes id$/);
  });
});
