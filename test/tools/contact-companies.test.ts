// A contact's companies by name: only the ones shown are looked up (GET /companies/{id}), each once per few
// minutes per scope; a lookup that fails or is slow leaves the id, never fails the call.
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { NAMES_GRACE_MS } from '../../src/records/define-record-kind.js';
import { API, toolHarness } from './harness.js';

const h = toolHarness();
const paths = () => h.apiRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** The workspace's contact `index`, answered with the companies `companyIndexes` of the workspace. */
function withCompanies(index: number, companyIndexes: number[]) {
  const ws = h.fake.workspace;
  const contact = ws.contacts[index]!;
  const data = companyIndexes.map((i) => ({ type: 'company', id: ws.companies[i]!.id, url: `/companies/${ws.companies[i]!.id}` }));
  h.use(
    http.get(`${API}/contacts/${contact.id}`, () =>
      HttpResponse.json({ ...structuredClone(contact), companies: { type: 'list', data, url: `/contacts/${contact.id}/companies`, total_count: data.length, has_more: false } }),
    ),
  );
  return contact;
}

describe("a contact's companies", () => {
  it('cold: the contact, then each of the first 5 companies once; warm: the contact alone', async () => {
    const ws = h.fake.workspace;
    const contact = withCompanies(1, [0, 1, 2, 3, 4, 5, 6]);
    const out = await h.call('get_contact', { id: contact.id });
    expect(out.isError, out.text).toBe(false);
    expect(paths()[0]).toBe(`GET /contacts/${contact.id}`);
    expect(paths().slice(1).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `GET /companies/${ws.companies[i]!.id}`).sort());
    const c = ws.companies;
    expect(out.structured.companies).toEqual({
      total: 7,
      shown: [0, 1, 2, 3, 4].map((i) => ({ name: c[i]!.name, company_id: c[i]!.company_id, plan: c[i]!.plan!.name, id: c[i]!.id })),
      more: 2,
      more_ids: [c[5]!.id, c[6]!.id],
      more_hint: 'read each with get_company',
    });

    h.allRequests().length = 0;
    const doc = await h.call('fetch', { id: `contact_${contact.id}` });
    expect(paths()).toEqual([`GET /contacts/${contact.id}`]);
    expect(doc.structured.text).toContain(`Companies: 7: ${c[0]!.name} (company_id ${c[0]!.company_id}, plan ${c[0]!.plan!.name}, id ${c[0]!.id}); `);
    expect(doc.structured.text).toContain(`; and 2 more (ids ${c[5]!.id}, ${c[6]!.id}): read each with get_company`);
  });

  it('a lookup that fails leaves the id and is asked again by the next call', async () => {
    const company = h.fake.workspace.companies[8]!;
    const contact = withCompanies(3, [8]);
    let fail = true;
    h.use(http.get(`${API}/companies/${company.id}`, () => (fail ? HttpResponse.json({ type: 'error.list', errors: [{ code: 'server_error', message: 'boom' }] }, { status: 500 }) : undefined)));
    const out = await h.call('get_contact', { id: contact.id });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured.companies).toEqual({ total: 1, shown: [{ id: company.id }] });
    fail = false;
    h.allRequests().length = 0;
    const again = await h.call('get_contact', { id: contact.id });
    expect(paths()).toEqual([`GET /contacts/${contact.id}`, `GET /companies/${company.id}`]);
    expect(again.structured.companies.shown[0].name).toBe(company.name);
  });

  it('a slow lookup: the answer waits at most the names grace with the id, and the next call names it', async () => {
    const company = h.fake.workspace.companies[9]!;
    const contact = withCompanies(7, [9]);
    let slow = true;
    h.use(
      http.get(`${API}/companies/${company.id}`, async () => {
        if (slow) await delay(NAMES_GRACE_MS + 300); // within the client timeout (2 s here)
        return undefined;
      }),
    );
    const out = await h.call('get_contact', { id: contact.id });
    expect(out.isError, out.text).toBe(false);
    // Answered before the lookup landed: the id, no name.
    expect(out.structured.companies).toEqual({ total: 1, shown: [{ id: company.id }] });
    slow = false;
    await delay(500); // the lookup still lands in the cache
    h.allRequests().length = 0;
    const again = await h.call('get_contact', { id: contact.id });
    expect(paths()).toEqual([`GET /contacts/${contact.id}`]);
    expect(again.structured.companies.shown[0].name).toBe(company.name);
  });
});
