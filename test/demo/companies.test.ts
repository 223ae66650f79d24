// The emulator's companies, tags, teams, admins and segments: shapes from the 2.16 schemas, the routes'
// filters, order, paging and errors, and a workspace whose contacts point at records that exist.
import { describe, expect, it } from 'vitest';
import { IntercomEmulator } from '../../src/demo/emulator.js';
import { SEGMENT_IDS } from '../../src/demo/companies.js';
import { SAMPLE_IDS } from '../../src/demo/workspace.js';
import { get, json, post } from './helpers.js';
import { exampleKeys, schemaProperties } from './spec-reader.js';

const fake = new IntercomEmulator();
const ws = fake.workspace;
const keys = (o: unknown): string[] => Object.keys(o as Record<string, unknown>).sort();
type Company = (typeof ws.companies)[number];
interface CompanyList { type: string; data: Company[]; total_count: number; pages: { page: number; per_page: number; total_pages: number; next?: null } }

function keysWithin(actual: unknown, schema: string): void {
  const allowed = new Set(schemaProperties(schema));
  expect(keys(actual).filter((k) => !allowed.has(k)), `${schema}: keys not in the spec`).toEqual([]);
}

describe('shapes follow the 2.16 schemas', () => {
  it('a company has every key of the company schema, tags as tag_basic and segments as segment', async () => {
    const company = await json(await get(fake, `/companies/${SAMPLE_IDS.companyAcme}`));
    expect(keys(company)).toEqual(schemaProperties('company').sort());
    // The spec's own example carries a subset of them.
    for (const key of exampleKeys('/companies/{company_id}', 'get', '200')) expect(company).toHaveProperty(key);
    expect(company).toMatchObject({ type: 'company', name: 'Acme Corp', company_id: 'acme-001', app_id: ws.me.app.id_code, plan: { type: 'plan', name: 'Enterprise' } });
    const tags = (company.tags as { type: string; tags: unknown[] });
    expect(tags.type).toBe('tag.list');
    for (const t of tags.tags) expect(keys(t)).toEqual(schemaProperties('tag_basic').sort());
    const segments = company.segments as { type: string; segments: unknown[] };
    expect(segments.type).toBe('segment.list');
    for (const s of segments.segments) keysWithin(s, 'segment');
  });

  it('a company without a plan has plan {} as in the spec examples', async () => {
    const dormant = await json(await get(fake, `/companies/${SAMPLE_IDS.companyDormant}`));
    expect(dormant.plan).toEqual({});
    expect(dormant.user_count).toBe(0);
  });

  it('lists: company_list, company_attached_contacts, tag_list, team_list, admin_list, segment_list', async () => {
    const list = await json(await get(fake, '/companies'));
    expect(keys(list)).toEqual(schemaProperties('company_list').sort());
    keysWithin((list.pages as object), 'cursor_pages');
    const contacts = await json(await get(fake, `/companies/${SAMPLE_IDS.companyAcme}/contacts`));
    expect(keys(contacts)).toEqual(schemaProperties('company_attached_contacts').sort());
    const tags = await json(await get(fake, '/tags'));
    expect(keys(tags)).toEqual(schemaProperties('tag_list').sort());
    for (const t of tags.data as unknown[]) keysWithin(t, 'tag');
    const teams = await json(await get(fake, '/teams'));
    expect(keys(teams)).toEqual(schemaProperties('team_list').sort());
    expect(teams.type).toBe('team.list');
    for (const t of teams.teams as Array<{ id: unknown }>) {
      keysWithin(t, 'team');
      expect(typeof t.id).toBe('string');
    }
    const admins = await json(await get(fake, '/admins'));
    expect(keys(admins)).toEqual(schemaProperties('admin_list').sort());
    expect(admins.type).toBe('admin.list');
    for (const a of admins.admins as unknown[]) keysWithin(a, 'admin');
    const segments = await json(await get(fake, '/segments'));
    expect(segments.type).toBe('segment.list');
    for (const s of segments.segments as unknown[]) keysWithin(s, 'segment');
  });
});

describe('a coherent workspace', () => {
  it('every company a contact names exists, and user_count counts those contacts', () => {
    const byId = new Map(ws.companies.map((c) => [c.id, c]));
    const counted = new Map<string, number>();
    for (const contact of ws.contacts) {
      for (const ref of contact.companies.data) {
        expect(byId.has(ref.id), `${contact.id} -> ${ref.id}`).toBe(true);
        expect(ref.url).toBe(`/companies/${ref.id}`);
        counted.set(ref.id, (counted.get(ref.id) ?? 0) + 1);
      }
      expect(contact.companies.total_count).toBe(contact.companies.data.length);
    }
    for (const company of ws.companies) expect(company.user_count).toBe(counted.get(company.id) ?? 0);
    expect(ws.companies.filter((c) => c.user_count > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('the named people belong to the company their company_name says', () => {
    const wang = ws.contacts.find((c) => c.name === '王芳')!;
    const company = ws.companies.find((c) => c.id === wang.companies.data[0]?.id);
    expect(company?.name).toBe('Hengda Logistics');
  });

  it('tags, segments, teams and admins referenced anywhere exist', () => {
    const tagIds = new Set(ws.tags.map((t) => t.id));
    for (const c of ws.contacts) for (const t of c.tags.data) expect(tagIds.has(t.id)).toBe(true);
    for (const c of ws.conversations) for (const t of c.tags.tags) expect(tagIds.has(t.id)).toBe(true);
    for (const c of ws.companies) for (const t of c.tags.tags) expect(ws.tags).toContainEqual(t);
    const segmentIds = new Set(ws.segments.map((s) => s.id));
    for (const ids of Object.values(ws.contactSegments)) for (const id of ids) expect(segmentIds.has(id)).toBe(true);
    const teamIds = new Set(ws.teams.map((t) => t.id));
    const adminIds = new Set(ws.admins.map((a) => a.id));
    for (const c of ws.conversations) {
      if (c.team_assignee_id) expect(teamIds.has(c.team_assignee_id)).toBe(true);
      if (c.admin_assignee_id) expect(adminIds.has(String(c.admin_assignee_id))).toBe(true);
    }
    for (const a of ws.admins) for (const t of a.team_ids ?? []) expect(teamIds.has(t)).toBe(true);
  });
});

describe('GET /companies', () => {
  it('name and company_id find one company; none is 404 company_not_found', async () => {
    const byName = await json<CompanyList>(await get(fake, '/companies?name=Umbrella%20GmbH'));
    expect(byName.data.map((c) => c.company_id)).toEqual(['umbrella-004']);
    const byCompanyId = await json<CompanyList>(await get(fake, '/companies?company_id=acme-001'));
    expect(byCompanyId.data.map((c) => c.id)).toEqual([SAMPLE_IDS.companyAcme]);
    for (const query of ['name=Nobody', 'company_id=nope']) {
      const res = await get(fake, `/companies?${query}`);
      expect(res.status).toBe(404);
      expect(await json(res)).toMatchObject({ type: 'error.list', errors: [{ code: 'company_not_found', message: 'Company Not Found' }] });
    }
  });

  it('tag_id and segment_id filter; nothing matching is an empty list', async () => {
    const vip = ws.tags.find((t) => t.name === 'vip')!;
    const tagged = await json<CompanyList>(await get(fake, `/companies?tag_id=${vip.id}`));
    expect(tagged.data.map((c) => c.name).sort()).toEqual(['Acme Corp', 'Hengda Logistics', 'Sông Hồng Foods', 'Umbrella GmbH']);
    expect(tagged.total_count).toBe(4);
    const atRisk = await json<CompanyList>(await get(fake, `/companies?segment_id=${SEGMENT_IDS.atRiskAccounts}`));
    expect(atRisk.data.map((c) => c.name).sort()).toEqual(['Example Inc', 'Globex']);
    const none = await json<CompanyList>(await get(fake, '/companies?tag_id=1'));
    expect(none).toMatchObject({ data: [], total_count: 0 });
  });

  it('all companies, newest first, 15 a page by default; page and per_page page on', async () => {
    const all = await json<CompanyList>(await get(fake, '/companies'));
    expect(all.total_count).toBe(ws.companies.length);
    expect(all.pages).toMatchObject({ type: 'pages', page: 1, per_page: 15, total_pages: 1, next: null });
    const created = all.data.map((c) => c.created_at);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const second = await json<CompanyList>(await get(fake, '/companies?per_page=4&page=2'));
    expect(second.data.map((c) => c.id)).toEqual(all.data.slice(4, 8).map((c) => c.id));
    expect(second.pages).toEqual({ type: 'pages', page: 2, per_page: 4, total_pages: 3 });
    const bad = await get(fake, '/companies?per_page=many');
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ errors: [{ code: 'parameter_invalid' }] });
  });
});

describe('POST /companies/list', () => {
  it('leaves out companies without contacts and orders by last_request_at, desc by default', async () => {
    const desc = await json<CompanyList>(await post(fake, '/companies/list', ''));
    expect(desc.data.some((c) => c.id === SAMPLE_IDS.companyDormant)).toBe(false);
    expect(desc.total_count).toBe(ws.companies.length - 1);
    const seen = desc.data.map((c) => c.last_request_at);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(desc.data[0]!.name).toBe('Acme Corp');
    const asc = await json<CompanyList>(await post(fake, '/companies/list?order=asc&per_page=2', ''));
    expect(asc.data.map((c) => c.id)).toEqual([...desc.data].reverse().slice(0, 2).map((c) => c.id));
    expect((await post(fake, '/companies/list?order=sideways', '')).status).toBe(400);
  });
});

describe('GET /companies/{id} and /contacts', () => {
  it('unknown company: 404 company_not_found on both', async () => {
    for (const path of [`/companies/${SAMPLE_IDS.companyMissing}`, `/companies/${SAMPLE_IDS.companyMissing}/contacts`]) {
      const res = await get(fake, path);
      expect(res.status).toBe(404);
      expect(await json(res)).toMatchObject({ errors: [{ code: 'company_not_found' }] });
    }
  });

  it('the contacts of a company, as full contacts, 50 a page', async () => {
    const acme = ws.companies.find((c) => c.id === SAMPLE_IDS.companyAcme)!;
    const list = await json<{ data: Array<{ type: string; companies: { data: Array<{ id: string }> } }>; total_count: number; pages: object }>(
      await get(fake, `/companies/${acme.id}/contacts`),
    );
    expect(list.total_count).toBe(acme.user_count);
    expect(list.data.length).toBe(acme.user_count);
    expect(list.pages).toMatchObject({ type: 'pages', page: 1, per_page: 50, total_pages: 1 });
    for (const c of list.data) {
      expect(c.type).toBe('contact');
      expect(c.companies.data.map((r) => r.id)).toContain(acme.id);
    }
    const paged = await json<{ data: unknown[]; pages: object }>(await get(fake, `/companies/${acme.id}/contacts?per_page=1&page=2`));
    expect(paged.data).toHaveLength(1);
    expect(paged.pages).toMatchObject({ page: 2, per_page: 1, total_pages: acme.user_count });
  });
});

describe('directory', () => {
  it('GET /tags lists every tag by name; GET /teams names the admins of each team; GET /admins their teams', async () => {
    const tags = await json<{ data: Array<{ id: string; name: string }> }>(await get(fake, '/tags'));
    expect(tags.data).toContainEqual({ type: 'tag', id: '7005', name: 'vip' });
    const teams = await json<{ teams: Array<{ id: string; name: string; admin_ids: number[] }> }>(await get(fake, '/teams'));
    expect(teams.teams.find((t) => t.name === 'Billing')).toEqual({ type: 'team', id: '5017692', name: 'Billing', admin_ids: [991267461] });
    const admins = await json<{ admins: Array<{ name: string; team_ids: number[] }> }>(await get(fake, '/admins'));
    expect(admins.admins.find((a) => a.name === 'Alex Billing')?.team_ids).toEqual([5017692]);
  });
});
