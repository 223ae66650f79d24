import { describe, expect, it } from 'vitest';
import { describeRequest, POST_HEADERS, toolHarness } from './harness.js';

describe('search_contacts', () => {
  const h = toolHarness();

  it('matches text fields the way `match` says', async () => {
    const out = await h.call('search_contacts', { name: 'Ada', match: 'starts_with', role: 'user', per_page: 3 });
    expect(out.isError).toBe(false);
    expect(await describeRequest(h.apiRequests()[0]!)).toEqual({
      method: 'POST',
      url: 'https://api.intercom.io/contacts/search',
      headers: POST_HEADERS,
      body: {
        query: {
          operator: 'AND',
          value: expect.arrayContaining([
            { field: 'name', operator: '^', value: 'Ada' },
            { field: 'role', operator: '=', value: 'user' },
          ]),
        },
        pagination: { per_page: 3 },
      },
    });
    expect(out.structured.results[0].title).toMatch(/^Ada/);
  });

  it('custom attributes and email domain become exact filters', async () => {
    const out = await h.call('search_contacts', { email_domain: 'example.com', custom_attributes: { plan: 'pro' } });
    expect(out.isError).toBe(false);
    const body = (await describeRequest(h.apiRequests()[0]!)).body as { query: { value: unknown[] } };
    expect(body.query.value).toEqual(
      expect.arrayContaining([
        { field: 'email_domain', operator: '=', value: 'example.com' },
        { field: 'custom_attributes.plan', operator: '=', value: 'pro' },
      ]),
    );
    for (const r of out.structured.results) expect(r.id).toMatch(/^contact_[0-9a-f]{24}$/);
  });

  it('needs at least one filter, and says which exist', async () => {
    const out = await h.call('search_contacts', {});
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/email/);
    expect(h.allRequests()).toHaveLength(0);
  });

  it('an empty result says so', async () => {
    const out = await h.call('search_contacts', { email: 'nobody-at-all@nowhere.invalid' });
    expect(out.isError).toBe(false);
    expect(out.structured.results).toEqual([]);
    expect(out.structured._note).toMatch(/No matches/);
  });
});
