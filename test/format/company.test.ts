import { describe, expect, it } from 'vitest';
import { formatCompanyDocument, projectCompany, projectCompanyContacts, summarizeCompany } from '../../src/format/company.js';
import { NO_LINKS } from '../../src/format/links.js';
import type { Company } from '../../src/intercom/types.js';
import { expectNoEmpty } from './no-empty.js';

// The 2.16 spec's own example of GET /companies/{company_id}.
const SPEC_EXAMPLE: Company = {
  type: 'company', company_id: '1', id: '6762f07f1bb69f9f2193baf5', app_id: 'this_is_an_id159_that_should_be_at_least_', name: 'company1',
  remote_created_at: 1734537343, created_at: 1734537343, updated_at: 1734537343, monthly_spend: 0, session_count: 0, user_count: 1,
  tags: { type: 'tag.list', tags: [] }, segments: { type: 'segment.list', segments: [] }, plan: {}, custom_attributes: {},
};
// The schema's property examples, all of them set.
const FULL: Company = {
  ...SPEC_EXAMPLE, name: 'Blue Sun', company_id: '6', plan: { type: 'plan', id: '269315', name: 'Pro' }, size: 100, website: 'https://www.intercom.com',
  industry: 'Software', monthly_spend: 100, session_count: 100, user_count: 100, last_request_at: 1663597223,
  custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9, note: '<b>hi</b>\u202e' },
  tags: { type: 'tag.list', tags: [{ type: 'tag', id: '123456', name: 'Test tag' }, { type: 'tag', id: '2', name: null }] },
  segments: { type: 'segment.list', segments: [{ type: 'segment', id: '56203d253cba154d39010062', name: 'Active' }] },
};

describe('companies', () => {
  it('the spec example: zeros kept, empty plan, tags, segments and attributes left out, dates ISO', () => {
    const view = projectCompany(SPEC_EXAMPLE, NO_LINKS);
    expect(view).toEqual({
      id: '6762f07f1bb69f9f2193baf5', name: 'company1', company_id: '1', monthly_spend: 0, user_count: 1, session_count: 0,
      created_at: '2024-12-18T15:55:43Z', remote_created_at: '2024-12-18T15:55:43Z', updated_at: '2024-12-18T15:55:43Z',
    });
    expectNoEmpty(view);
  });

  it('tags and segments by name, plan by name, custom attributes sanitized', () => {
    const view = projectCompany(FULL, { ...NO_LINKS, company: (id) => `https://app.intercom.com/a/apps/x/companies/${id}` });
    expect(view).toMatchObject({ plan: 'Pro', size: 100, industry: 'Software', website: 'https://www.intercom.com', tags: ['Test tag'], segments: ['Active'], last_request_at: '2022-09-19T14:20:23Z' });
    expect(view.url).toBe('https://app.intercom.com/a/apps/x/companies/6762f07f1bb69f9f2193baf5');
    expect(JSON.stringify(view.custom_attributes)).not.toMatch(/\u202e/);
    expect(summarizeCompany(FULL, NO_LINKS)).toEqual({
      id: 'company_6762f07f1bb69f9f2193baf5',
      title: 'Blue Sun',
      text: 'company_id 6 | plan Pro | 100 employees | 100 users | monthly spend 100 | tags: Test tag | last active 2022-09-19',
    });
    const doc = formatCompanyDocument(FULL, NO_LINKS);
    expect(doc.text).toContain('Plan: Pro\nEmployees: 100');
    expect(doc.text).toContain('Tags: Test tag\nSegments: Active\nCustom attributes:\n  paid_subscriber: yes');
    expectNoEmpty(doc.metadata);
  });

  it('a company without a name is titled by its company_id; a page of contacts keeps a few fields', () => {
    expect(summarizeCompany({ id: 'x1', company_id: 'acme' }, NO_LINKS).title).toBe('Company acme');
    expect(projectCompanyContacts({ data: [{ id: 'c1', name: 'Ann', email: null, last_seen_at: 1734537343 }, { id: '' }], total_count: 120, pages: { page: 1, total_pages: 3 } })).toEqual({
      total: 120, shown: [{ id: 'c1', name: 'Ann', last_seen_at: '2024-12-18T15:55:43Z' }], page: 1, total_pages: 3,
    });
  });
});
