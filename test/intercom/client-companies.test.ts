// The client's company and directory calls: the exact request each sends (method, path, query, headers,
// no body on GETs), what it returns, and its errors.
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IntercomClient } from '../../src/intercom/client.js';
import { InvalidRequestError, NotFoundError, UnreadableResponseError } from '../../src/intercom/errors.js';

const BASE = 'https://api.intercom.io';
const TOKEN = 'tok_companies_0123456789abcdef';

// Shaped after the 2.16 examples.
const COMPANY = {
  type: 'company', company_id: '1', id: '6762f07f1bb69f9f2193baf5', app_id: 'this_is_an_id159', name: 'company1',
  remote_created_at: 1734537343, created_at: 1734537343, updated_at: 1734537343, monthly_spend: 0, session_count: 0, user_count: 1,
  tags: { type: 'tag.list', tags: [] }, segments: { type: 'segment.list', segments: [] }, plan: {}, custom_attributes: {},
};
const COMPANY_LIST = { type: 'list', data: [COMPANY], pages: { type: 'pages', next: null, page: 1, per_page: 15, total_pages: 1 }, total_count: 1 };
const CONTACTS = { type: 'list', data: [], total_count: 0, pages: { type: 'pages', page: 1, per_page: 50, total_pages: 0 } };

const server = setupServer();
const seen: Array<{ method: string; url: string; headers: Record<string, string>; body: string }> = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    const clone = request.clone();
    const entry = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers.entries()), body: '' };
    seen.push(entry);
    void clone.text().then((t) => (entry.body = t));
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const client = (): IntercomClient =>
  new IntercomClient({ baseUrl: BASE, apiVersion: '2.16', timeoutMs: 2000, userAgent: 'intercom-mcp/test', getToken: () => TOKEN, retryBaseMs: 1, maxRetryWaitMs: 20 });
const reply = (body: JsonBodyType, status = 200) => http.all(`${BASE}/*`, () => HttpResponse.json(body, { status }));

describe('company and directory requests', () => {
  const calls = [
    { name: 'listCompanies by name', method: 'GET', url: '/companies?name=Blue+Sun+%26+Co&per_page=5', body: COMPANY_LIST, run: (c: IntercomClient) => c.listCompanies({ name: 'Blue Sun & Co' }, { per_page: 5 }) },
    { name: 'listCompanies by company_id', method: 'GET', url: '/companies?company_id=acme-001', body: COMPANY_LIST, run: (c: IntercomClient) => c.listCompanies({ company_id: 'acme-001' }) },
    { name: 'listCompanies by tag', method: 'GET', url: '/companies?tag_id=7005&page=2&per_page=10', body: COMPANY_LIST, run: (c: IntercomClient) => c.listCompanies({ tag_id: '7005' }, { page: 2, per_page: 10 }) },
    { name: 'listCompanies by segment', method: 'GET', url: '/companies?segment_id=5f01', body: COMPANY_LIST, run: (c: IntercomClient) => c.listCompanies({ segment_id: '5f01' }) },
    { name: 'listAllCompanies', method: 'POST', url: '/companies/list?page=3&per_page=20&order=desc', body: COMPANY_LIST, run: (c: IntercomClient) => c.listAllCompanies({ page: 3, per_page: 20, order: 'desc' }) },
    { name: 'listAllCompanies bare', method: 'POST', url: '/companies/list', body: COMPANY_LIST, run: (c: IntercomClient) => c.listAllCompanies() },
    { name: 'getCompany', method: 'GET', url: '/companies/6762f07f1bb69f9f2193baf5', body: COMPANY, run: (c: IntercomClient) => c.getCompany('6762f07f1bb69f9f2193baf5') },
    { name: 'listCompanyContacts', method: 'GET', url: '/companies/6762f07f1bb69f9f2193baf5/contacts', body: CONTACTS, run: (c: IntercomClient) => c.listCompanyContacts('6762f07f1bb69f9f2193baf5') },
    { name: 'listCompanyContacts page 2', method: 'GET', url: '/companies/6762f07f1bb69f9f2193baf5/contacts?page=2', body: CONTACTS, run: (c: IntercomClient) => c.listCompanyContacts('6762f07f1bb69f9f2193baf5', { page: 2 }) },
    { name: 'listTags', method: 'GET', url: '/tags', body: { type: 'list', data: [{ type: 'tag', id: '102', name: 'Manual tag 1' }] }, run: (c: IntercomClient) => c.listTags() },
    { name: 'listTeams', method: 'GET', url: '/teams', body: { type: 'team.list', teams: [] }, run: (c: IntercomClient) => c.listTeams() },
    { name: 'listAdmins', method: 'GET', url: '/admins', body: { type: 'admin.list', admins: [{ type: 'admin', id: '991267466', name: 'Ciaran7 Lee', email: 'admin7@email.com', team_ids: [] }] }, run: (c: IntercomClient) => c.listAdmins() },
  ] as const;

  it.each(calls)('$name: $method $url', async ({ method, url, body, run }) => {
    server.use(reply(body));
    await expect(run(client())).resolves.toEqual(body);
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req!.method).toBe(method);
    expect(req!.url).toBe(`${BASE}${url}`);
    expect(req!.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'intercom-version': '2.16', accept: 'application/json' });
    await new Promise((r) => setTimeout(r, 0));
    expect(req!.body).toBe(''); // POST /companies/list takes its parameters in the query, no body
    expect(req!.headers['content-type']).toBeUndefined();
  });

  it('a company_id that matches nothing: NotFoundError naming it', async () => {
    server.use(reply({ type: 'error.list', request_id: 'r1', errors: [{ code: 'company_not_found', message: 'Company Not Found' }] }, 404));
    const error = await client().listCompanies({ company_id: 'acme-999' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('Company with company_id "acme-999" was not found');
  });

  it('an unknown company id: NotFoundError; an unsafe one is refused before sending', async () => {
    server.use(reply({ type: 'error.list', request_id: 'r2', errors: [{ code: 'company_not_found', message: 'Company Not Found' }] }, 404));
    await expect(client().getCompany('6762f3ff0000000000000000')).rejects.toBeInstanceOf(NotFoundError);
    seen.length = 0;
    await expect(client().getCompany('../me')).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(client().listCompanyContacts('a b')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(seen).toHaveLength(0);
  });

  it('a list whose data is not a list is unreadable', async () => {
    server.use(reply({ type: 'team.list', teams: { nope: true } }));
    await expect(client().listTeams()).rejects.toBeInstanceOf(UnreadableResponseError);
  });
});
