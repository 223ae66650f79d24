// list_companies, get_company, and search/fetch of companies: the exact requests, the projections, errors.
import { describe, expect, it } from 'vitest';
import { SEGMENT_IDS } from '../../src/demo/companies.js';
import { SAMPLE_IDS } from '../../src/demo/workspace.js';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

const API = 'https://api.intercom.io';
const h = toolHarness();
const acme = () => h.fake.workspace.companies.find((c) => c.id === SAMPLE_IDS.companyAcme)!;

async function sent(): Promise<Array<{ method: string; url: string }>> {
  return Promise.all(h.apiRequests().map(async (r) => {
    const d = await describeRequest(r);
    return { method: d.method, url: d.url };
  }));
}

describe('list_companies', () => {
  it('no filter: one POST /companies/list, most recently active first, the page number as cursor', async () => {
    const out = await h.call('list_companies', { per_page: 3 });
    expect(out.isError, out.text).toBe(false);
    expect(h.apiRequests()).toHaveLength(1);
    expect(await describeRequest(h.apiRequests()[0]!)).toEqual({
      method: 'POST',
      url: `${API}/companies/list?page=1&per_page=3&order=desc`,
      headers: GET_HEADERS, // no body, so no content type
      body: undefined,
    });
    expect(out.structured.results.map((r: { title: string }) => r.title)).toEqual(['Acme Corp', 'Umbrella GmbH', 'Initech Ltd']);
    expect(out.structured).toMatchObject({ total_count: 9, next_starting_after: '2' });
    expect(out.structured._note).toContain('call again with starting_after: "2"');
    const next = await h.call('list_companies', { per_page: 3, starting_after: '2' });
    expect((await sent()).at(-1)!.url).toBe(`${API}/companies/list?page=2&per_page=3&order=desc`);
    expect(next.structured.results[0].title).toBe('Hengda Logistics');
  });

  it.each([
    ['name', { name: 'Globex' }, 'name=Globex', ['Globex']],
    ['company_id', { company_id: 'umbrella-004' }, 'company_id=umbrella-004', ['Umbrella GmbH']],
    ['tag_id', { tag_id: '7006' }, 'tag_id=7006', ['Example Inc', 'Globex']],
    ['segment_id', { segment_id: SEGMENT_IDS.enterpriseAccounts }, `segment_id=${SEGMENT_IDS.enterpriseAccounts}`, ['Acme Corp', 'Hengda Logistics', 'Sông Hồng Foods', 'Umbrella GmbH']],
  ])('by %s: one GET /companies with that parameter', async (_name, args, query, titles) => {
    const out = await h.call('list_companies', { ...args, per_page: 10 });
    expect(out.isError, out.text).toBe(false);
    expect(await sent()).toEqual([{ method: 'GET', url: `${API}/companies?${query}&page=1&per_page=10` }]);
    expect(out.structured.results.map((r: { title: string }) => r.title).sort()).toEqual(titles);
    for (const r of out.structured.results) expect(r.id).toMatch(/^company_[0-9a-f]{24}$/);
  });

  it('a name that matches nothing is an empty list, not an error', async () => {
    const out = await h.call('list_companies', { name: 'Nobody Ltd' });
    expect(out.isError).toBe(false);
    expect(out.structured).toMatchObject({ results: [], total_count: 0 });
  });

  it('by tag name: the tag list (once per few minutes) names the id, then one GET /companies', async () => {
    const out = await h.call('list_companies', { tag: 'VIP', per_page: 10 });
    expect(out.isError, out.text).toBe(false);
    const paths = (await sent()).map((r) => r.url);
    expect(paths).toEqual([`${API}/companies?tag_id=7005&page=1&per_page=10`]);
    expect(out.structured.results).toHaveLength(4);
    expect(h.directoryRequests().map((r) => new URL(r.url).pathname)).toEqual(['/tags']);
    h.allRequests().length = 0;
    const again = await h.call('list_companies', { tag: 'churn-risk' });
    expect(again.isError, again.text).toBe(false);
    expect(h.directoryRequests()).toHaveLength(0); // the tag list is cached now
  });

  it.each([
    ['an unknown tag name', { tag: 'platinum' }, /no tag is named "platinum"; the workspace's tags: "bug", "billing"/],
    ['tag and tag_id', { tag: 'vip', tag_id: '7005' }, /send tag \(a name\) or tag_id, not both/],
    ['tag and another filter', { tag: 'vip', name: 'Acme Corp' }, /send at most one of name, company_id, tag_id, segment_id/],
  ])('%s: a clear error, no company request', async (_name, args, message) => {
    const out = await h.call('list_companies', args);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(h.apiRequests()).toHaveLength(0);
  });

  it('two filters: a clear error naming what to send, nothing sent', async () => {
    const out = await h.call('list_companies', { name: 'Globex', segment_id: SEGMENT_IDS.atRiskAccounts });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('send at most one of name, company_id, tag_id, segment_id');
    expect(h.allRequests()).toHaveLength(0);
  });
});

describe('get_company', () => {
  it('by Intercom id: GET /companies/{id} and its contacts, tags and segments by name', async () => {
    const out = await h.call('get_company', { id: `company_${acme().id}` });
    expect(out.isError, out.text).toBe(false);
    expect((await sent()).sort((a, b) => a.url.localeCompare(b.url))).toEqual([
      { method: 'GET', url: `${API}/companies/${acme().id}` },
      { method: 'GET', url: `${API}/companies/${acme().id}/contacts` },
    ]);
    expect(out.structured).toMatchObject({
      id: acme().id,
      url: `https://app.intercom.com/a/apps/abc12345/companies/${acme().id}`,
      name: 'Acme Corp',
      company_id: 'acme-001',
      plan: 'Enterprise',
      size: 420,
      monthly_spend: 12000,
      user_count: acme().user_count,
      tags: ['vip'],
      segments: ['Enterprise accounts'],
      custom_attributes: { account_tier: 'gold', paid_subscriber: true },
      contacts: { total: acme().user_count, page: 1, total_pages: 1 },
    });
    expect(out.structured.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(out.structured.contacts.shown[0]).toMatchObject({ id: expect.any(String), email: expect.stringMatching(/@acme\.io$/) });
    expect(out.text).not.toMatch(/null|""|\[\]|\{\}/);
    expect(out.structured._note).toBeUndefined();
  });

  it('by your own company_id: GET /companies?company_id=, then its contacts', async () => {
    const out = await h.call('get_company', { company_id: 'acme-001' });
    expect(out.isError, out.text).toBe(false);
    expect(await sent()).toEqual([
      { method: 'GET', url: `${API}/companies?company_id=acme-001` },
      { method: 'GET', url: `${API}/companies/${acme().id}/contacts` },
    ]);
    expect(out.structured.name).toBe('Acme Corp');
  });

  it('contacts_page reads on, and a page that is not the last says how to go on', async () => {
    const out = await h.call('get_company', { id: acme().id, contacts_page: 2 });
    expect(out.isError, out.text).toBe(false);
    expect((await sent()).map((r) => r.url)).toContain(`${API}/companies/${acme().id}/contacts?page=2`);
    // 50 a page: Acme's few contacts fit on page 1, so page 2 is empty.
    expect(out.structured.contacts).toMatchObject({ total: acme().user_count, page: 2 });
  });

  it('with more contacts than a page, the note names the next contacts_page', async () => {
    const example = h.fake.workspace.companies.find((c) => c.company_id === 'example-005')!;
    // The emulator pages by per_page too; a real workspace pages at 50.
    const { http } = await import('msw');
    h.use(http.get(`${API}/companies/${example.id}/contacts`, async ({ request }) => {
      const url = new URL(request.url);
      url.searchParams.set('per_page', '2');
      return h.fake.handle(new Request(url, { headers: request.headers }));
    }));
    const out = await h.call('get_company', { id: example.id });
    expect(out.structured.contacts).toMatchObject({ total: example.user_count, page: 1, total_pages: Math.ceil(example.user_count / 2) });
    expect(out.structured.contacts.shown).toHaveLength(2);
    expect(out.structured._note).toBe(
      `Contacts: page 1 of ${Math.ceil(example.user_count / 2)} (${example.user_count} in all). For more, call get_company with id "company_${example.id}" and contacts_page: 2.`,
    );
  });

  it.each([
    ['nothing', {}, /No company given\. Send `id`.*or `company_id`/],
    ['both', { id: 'company_abc', company_id: 'x' }, /Both id and company_id given/],
    ['a conversation id', { id: 'conversation_1060' }, /That is a conversation, not a company: use get_conversation/],
    ['an empty company_id', { company_id: '  ' }, /company_id is empty/],
  ])('bad input (%s): a clear error, nothing sent', async (_name, args, message) => {
    const out = await h.call('get_company', args);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(h.allRequests()).toHaveLength(0);
  });

  it('an unknown id or company_id: not found, naming it', async () => {
    const byId = await h.call('get_company', { id: SAMPLE_IDS.companyMissing });
    expect(byId.isError).toBe(true);
    expect(byId.text).toMatch(/company 6762f3ff0000000000000000 was not found/i);
    const byCompanyId = await h.call('get_company', { company_id: 'acme-999' });
    expect(byCompanyId.isError).toBe(true);
    expect(byCompanyId.text).toContain('Company with company_id "acme-999" was not found');
  });
});

describe('search and fetch of companies', () => {
  it('object_type:companies with a filter: one GET /companies; the OpenAI result shape', async () => {
    const out = await h.call('search', { query: 'object_type:companies tag_id:7005 limit:2' });
    expect(out.isError, out.text).toBe(false);
    expect(await sent()).toEqual([{ method: 'GET', url: `${API}/companies?tag_id=7005&page=1&per_page=2` }]);
    expect(Object.keys(out.structured).sort()).toEqual(['_note', 'next_starting_after', 'results', 'total_count']);
    for (const r of out.structured.results) expect(Object.keys(r).sort()).toEqual(['id', 'text', 'title', 'url']);
    expect(out.structured._note).toContain('repeat the same query with starting_after:2');
  });

  it('object_type:company (singular) with no filter lists all', async () => {
    const out = await h.call('search', { query: 'object_type:company' });
    expect(out.isError, out.text).toBe(false);
    expect(await sent()).toEqual([{ method: 'POST', url: `${API}/companies/list?page=1&per_page=5&order=desc` }]);
  });

  it.each([
    ['object_type:companies q:acme', /q: is not available for companies/],
    ['object_type:companies name:Acme OR name:Globex', /companies take no OR/],
    ['object_type:companies name:Acme tag_id:7005', /2 filters for companies, at most 1/],
    ['object_type:companies plan:pro', /field `plan` is not searchable for companies.*Searchable: name, company_id, tag_id, segment_id/],
    ['object_type:companies name:contains:Acme', /operator `contains` does not apply to `name`/],
  ])('%s: a DSL error naming what to send', async (query, message) => {
    const out = await h.call('search', { query });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(h.allRequests()).toHaveLength(0);
  });

  it('fetch company_<id>: one GET, a readable document', async () => {
    const out = await h.call('fetch', { id: `company_${acme().id}` });
    expect(out.isError, out.text).toBe(false);
    expect(await sent()).toEqual([{ method: 'GET', url: `${API}/companies/${acme().id}` }]);
    expect(Object.keys(out.structured).sort()).toEqual(['id', 'metadata', 'text', 'title', 'url']);
    expect(out.structured).toMatchObject({ id: `company_${acme().id}`, title: 'Acme Corp' });
    expect(out.structured.text).toContain('Plan: Enterprise');
    expect(out.structured.text).toContain('Tags: vip');
    expect(out.structured.text).toContain('Segments: Enterprise accounts');
    expect(out.structured.metadata).toMatchObject({ company_id: 'acme-001', user_count: acme().user_count });
  });

  it('fetch of a company web-app URL', async () => {
    const out = await h.call('fetch', { id: `https://app.eu.intercom.com/a/apps/abc12345/companies/${acme().id}` });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured.id).toBe(`company_${acme().id}`);
  });
});
