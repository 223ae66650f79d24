import { describe, expect, it } from 'vitest';
import { ERAS, stdioSuite, TOKEN } from './harness.js';

// The built CLI, spawned over stdio by the SDK's Client, against the loopback fake of Intercom:
// once as a 2025-era client (initialize) and once pinned to 2026-07-28 (server/discover).
describe.each(ERAS)('tools end to end (%s era)', (era) => {
  const suite = stdioSuite(era);
  const run = suite.run;
  // GET /me (links) and the directory lists (names) are asked once per process, by whichever call comes first.
  const apiRequests = () => suite.running.fake.requests.filter((r) => !['/me', '/tags', '/teams', '/admins'].includes(r.path));

  it('lists the tools in a fixed order, all read-only', async () => {
    const { tools } = await suite.session.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'search',
      'fetch',
      'search_conversations',
      'get_conversation',
      'search_contacts',
      'get_contact',
      'list_companies',
      'get_company',
      'search_articles',
      'list_articles',
      'get_article',
    ]);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      });
      expect(tool.title).toBeTruthy();
      expect(tool.outputSchema).toBeTruthy();
    }
  });

  it('search: open email conversations, one request with the translated query, links into the app', async () => {
    const out = await run('search', { query: 'object_type:conversations state:open limit:3' });
    expect(out.isError).toBe(false);
    const page = out.structured as { results: Array<{ id: string; url?: string; title: string }>; total_count: number };
    expect(page.results.length).toBeGreaterThan(0);
    expect(page.results.length).toBeLessThanOrEqual(3);
    for (const r of page.results) {
      expect(r.id).toMatch(/^conversation_\d+$/);
      expect(r.url).toMatch(/^https:\/\/app\.intercom\.com\/a\/inbox\/[A-Za-z0-9]+\/inbox\/conversation\/\d+$/);
    }
    const searches = apiRequests();
    expect(searches).toHaveLength(1);
    expect(searches[0]).toMatchObject({ method: 'POST', path: '/conversations/search' });
    expect(searches[0]!.body).toEqual({
      query: { field: 'state', operator: '=', value: 'open' },
      pagination: { per_page: 3 },
    });
    expect(searches[0]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(searches[0]!.headers['intercom-version']).toBe('2.16');
    expect(searches[0]!.headers['user-agent']).toMatch(/^intercom-mcp\//);
  });

  it('search: pages through contacts with the cursor it hands out', async () => {
    const first = await run('search', { query: 'object_type:contacts role:user limit:2' });
    const page1 = first.structured as { results: Array<{ id: string }>; next_starting_after?: string; _note?: string };
    expect(page1.next_starting_after).toBeTruthy();
    expect(page1._note).toContain('starting_after:');
    const second = await run('search', {
      query: `object_type:contacts role:user limit:2 starting_after:${page1.next_starting_after}`,
    });
    const page2 = second.structured as { results: Array<{ id: string }> };
    expect(page2.results.length).toBeGreaterThan(0);
    const ids1 = page1.results.map((r) => r.id);
    for (const r of page2.results) expect(ids1).not.toContain(r.id);
  });

  it('search: an invalid query is an error that teaches, and never reaches Intercom', async () => {
    const out = await run('search', { query: 'object_type:conversations colour:red' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('colour');
    expect(out.text).toMatch(/searchable/i);
    expect(apiRequests()).toHaveLength(0);
  });

  it('fetch: a conversation comes back as its readable thread with metadata', async () => {
    const out = await run('fetch', { id: 'conversation_1060' });
    expect(out.isError).toBe(false);
    const doc = out.structured as { id: string; text: string; url?: string; metadata: Record<string, unknown> };
    expect(doc.id).toBe('conversation_1060');
    expect(doc.url).toMatch(/\/inbox\/conversation\/1060$/);
    expect(doc.text.split('\n').length).toBeGreaterThan(30);
    expect(doc.text).not.toMatch(/<\/?(p|br|a|div)\b/);
    expect(doc.metadata['state']).toBeTruthy();
    expect(apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /conversations/1060']);
  });

  it('get_conversation: accepts a web-app URL and returns structured parts', async () => {
    const out = await run('get_conversation', {
      id: 'https://app.intercom.com/a/inbox/abc12345/inbox/conversation/1060',
    });
    expect(out.isError).toBe(false);
    const view = out.structured as { id: string; parts?: unknown[] };
    expect(view.id).toBe('1060');
    expect(Array.isArray(view.parts)).toBe(true);
    expect(view.parts!.length).toBeGreaterThan(10);
  });

  it('get_conversation: a very long thread is cut at a part boundary and says how to read on', async () => {
    const out = await run('get_conversation', { id: '1400' });
    expect(out.isError).toBe(false);
    expect(out.text.length).toBeLessThan(100_000);
    const view = out.structured as { next_part_offset?: number; parts_total?: number };
    expect(view.parts_total).toBeGreaterThan(300);
    expect(view.next_part_offset).toBeGreaterThan(0);
    const next = await run('get_conversation', { id: '1400', part_offset: view.next_part_offset });
    expect(next.isError).toBe(false);
  });

  it('search_contacts and get_contact: find by email domain, then read the whole contact', async () => {
    const found = await run('search_contacts', { email_domain: 'example.com', per_page: 2 });
    expect(found.isError).toBe(false);
    const page = found.structured as { results: Array<{ id: string }> };
    expect(page.results.length).toBeGreaterThan(0);
    const id = page.results[0]!.id;
    expect(id).toMatch(/^contact_[0-9a-f]{24}$/);
    expect(apiRequests()[0]!.body).toEqual({
      query: { field: 'email_domain', operator: '=', value: 'example.com' },
      pagination: { per_page: 2 },
    });

    const contact = await run('get_contact', { id });
    expect(contact.isError).toBe(false);
    expect((contact.structured as { id: string }).id).toBe(id.slice('contact_'.length));
    const viaFetch = await run('fetch', { id });
    expect(viaFetch.isError).toBe(false);
    expect((viaFetch.structured as { text: string }).text).toMatch(/example\.com/);
  });

  it("get_contact and fetch: a contact's companies by name, company_id and plan, the company asked once", async () => {
    const found = await run('search_contacts', { email_domain: 'umbrella.de', per_page: 1 });
    const id = (found.structured as { results: Array<{ id: string }> }).results[0]!.id;
    const contact = await run('get_contact', { id });
    expect(contact.isError, contact.text).toBe(false);
    const companies = (contact.structured as { companies: { total: number; shown: Array<{ id: string }> } }).companies;
    expect(companies).toMatchObject({ total: 1, shown: [{ name: 'Umbrella GmbH', company_id: 'umbrella-004', plan: 'Enterprise' }] });
    const companyId = companies.shown[0]!.id;
    const raw = id.slice('contact_'.length);
    expect(apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /contacts/search', `GET /contacts/${raw}`, `GET /companies/${companyId}`]);
    const doc = await run('fetch', { id });
    expect((doc.structured as { text: string }).text).toContain(`Companies: 1: Umbrella GmbH (company_id umbrella-004, plan Enterprise, id ${companyId})`);
    // Warm: the contact alone.
    expect(apiRequests().map((r) => `${r.method} ${r.path}`).slice(3)).toEqual([`GET /contacts/${raw}`]);
  });

  it('list_companies: by tag, one GET /companies, then the next page with the cursor it hands out', async () => {
    const first = await run('list_companies', { tag_id: '7005', per_page: 2 });
    expect(first.isError, first.text).toBe(false);
    const page = first.structured as { results: Array<{ id: string; title: string; url?: string }>; total_count: number; next_starting_after: string };
    expect(page.results.map((r) => r.title)).toEqual(['Umbrella GmbH', 'Hengda Logistics']);
    expect(page).toMatchObject({ total_count: 4, next_starting_after: '2' });
    for (const r of page.results) expect(r.url).toMatch(/^https:\/\/app\.intercom\.com\/a\/apps\/abc12345\/companies\/[0-9a-f]{24}$/);
    const second = await run('list_companies', { tag_id: '7005', per_page: 2, starting_after: page.next_starting_after });
    expect((second.structured as { results: unknown[] }).results).toHaveLength(2);
    expect(apiRequests().map((r) => `${r.method} ${r.path}${r.search}`)).toEqual([
      'GET /companies?tag_id=7005&page=1&per_page=2',
      'GET /companies?tag_id=7005&page=2&per_page=2',
    ]);
  });

  it('get_company: by your own company_id, with its contacts; search and fetch know companies too', async () => {
    const out = await run('get_company', { company_id: 'acme-001' });
    expect(out.isError, out.text).toBe(false);
    const company = out.structured as { id: string; name: string; plan: string; tags: string[]; contacts: { total: number; shown: Array<{ email: string }> } };
    expect(company).toMatchObject({ name: 'Acme Corp', plan: 'Enterprise', tags: ['vip'] });
    expect(company.contacts.shown.length).toBe(company.contacts.total);
    for (const c of company.contacts.shown) expect(c.email).toMatch(/@acme\.io$/);
    const found = await run('search', { query: 'object_type:companies name:"Acme Corp"' });
    const hit = (found.structured as { results: Array<{ id: string }> }).results[0]!;
    expect(hit.id).toBe(`company_${company.id}`);
    const doc = await run('fetch', { id: hit.id });
    expect(doc.structured).toMatchObject({ id: hit.id, title: 'Acme Corp', metadata: { company_id: 'acme-001' } });
    const bad = await run('get_company', {});
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/Send `id`.*or `company_id`/);
  });

  it('search_conversations: structured filters become one Intercom query', async () => {
    const out = await run('search_conversations', { state: 'closed', per_page: 4 });
    expect(out.isError).toBe(false);
    expect(apiRequests()[0]!.body).toEqual({
      query: { field: 'state', operator: '=', value: 'closed' },
      pagination: { per_page: 4 },
    });
  });

  it('errors: not found, bad ids and upstream failures are answers, and the next call works', async () => {
    const missing = await run('get_conversation', { id: '999999999' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/not found/i);

    const wrongType = await run('get_contact', { id: 'conversation_1060' });
    expect(wrongType.isError).toBe(true);
    const traversal = await run('fetch', { id: '../../me' });
    expect(traversal.isError).toBe(true);
    expect(apiRequests().filter((r) => !r.path.startsWith('/conversations/999999999'))).toHaveLength(0);

    suite.running.fake.inject({ kind: 'status', status: 403, times: 5, path: '/contacts/search' });
    const forbidden = await run('search_contacts', { email: 'nobody@example.com' });
    expect(forbidden.isError).toBe(true);
    expect(forbidden.text).toContain('Read and list users and companies');

    suite.running.fake.inject({ kind: 'rate_limit', resetInSeconds: 1, times: 1, path: '/conversations/' });
    const limited = await run('get_conversation', { id: '1060' });
    expect(limited.isError).toBe(false);

    suite.running.fake.inject({ kind: 'status', status: 503, times: 10, path: '/conversations/' });
    const down = await run('search', { query: 'object_type:conversations state:open' });
    expect(down.isError).toBe(true);
    expect(down.text).toMatch(/Intercom/);
    expect(down.text).not.toMatch(/<html/i);
    suite.running.fake.reset();

    const after = await run('search', { query: 'object_type:conversations state:open limit:1' });
    expect(after.isError).toBe(false);
  });
});
