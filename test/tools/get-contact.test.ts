import { describe, expect, it } from 'vitest';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

describe('get_contact', () => {
  const h = toolHarness();

  it('reads a contact with one GET (cold: and its company once, by id) and returns a compact record without nulls', async () => {
    const contact = h.fake.workspace.contacts[0]!;
    const companyId = contact.companies.data[0]!.id;
    const company = h.fake.workspace.companies.find((c) => c.id === companyId)!;
    const out = await h.call('get_contact', { id: contact.id });
    expect(out.isError).toBe(false);
    const sent = await Promise.all(h.apiRequests().map(describeRequest));
    expect(sent).toEqual([
      { method: 'GET', url: `https://api.intercom.io/contacts/${contact.id}`, headers: GET_HEADERS, body: undefined },
      { method: 'GET', url: `https://api.intercom.io/companies/${companyId}`, headers: GET_HEADERS, body: undefined },
    ]);
    expect(out.structured).toMatchObject({ id: contact.id, url: expect.stringContaining(contact.id) });
    expect(out.structured.companies).toEqual({
      total: 1,
      shown: [{ name: company.name, company_id: company.company_id, plan: company.plan!.name, id: companyId }],
    });
    expect(out.text).not.toMatch(/null|""|\[\]|\{\}/);
    // Warm: the contact alone.
    h.allRequests().length = 0;
    const again = await h.call('get_contact', { id: contact.id });
    expect(again.structured.companies).toEqual(out.structured.companies);
    expect(await Promise.all(h.apiRequests().map(describeRequest))).toEqual([sent[0]]);
  });

  it('accepts prefixed ids and app URLs', async () => {
    const id = h.fake.workspace.contacts[1]!.id;
    for (const ref of [`contact_${id}`, `https://app.intercom.com/a/apps/abc12345/users/${id}/all-conversations`]) {
      const out = await h.call('get_contact', { id: ref });
      expect(out.isError).toBe(false);
      expect(out.structured.id).toBe(id);
    }
  });

  it('a missing contact says so and suggests how to find it', async () => {
    const out = await h.call('get_contact', { id: '000000000000000000000000' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/not found/i);
    expect(out.text).toMatch(/search/);
  });

  it('a missing scope names the one to add', async () => {
    h.fake.inject({ kind: 'status', status: 403, path: '/contacts/' });
    const out = await h.call('get_contact', { id: h.fake.workspace.contacts[0]!.id });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('Read and list users and companies');
  });
});
