import { describe, expect, it } from 'vitest';
import { COMPANIES_SHOWN, formatContactDocument, projectContact, shownCompanyIds, summarizeContact } from '../../src/format/contact.js';
import { NO_LINKS } from '../../src/format/links.js';
import type { Links } from '../../src/format/types.js';
import type { Contact } from '../../src/intercom/types.js';
import specExample from '../fixtures/format/contact-spec-example.json' with { type: 'json' };
import { buildContact } from '../fixtures/format/builders.js';
import { expectNoEmpty } from './no-empty.js';

const links: Links = {
  conversation: (id) => `https://app.intercom.com/a/inbox/abcd1234/inbox/conversation/${id}`,
  contact: (id) => `https://app.intercom.com/a/apps/abcd1234/users/${id}/all-conversations`,
  company: (id) => `https://app.intercom.com/a/apps/abcd1234/companies/${id}`,
  article: (id) => `https://app.intercom.com/a/apps/abcd1234/articles/articles/${id}/show`,
};
const URL = 'https://app.intercom.com/a/apps/abcd1234/users/6762f0d01bb69f9f2193bb7d/all-conversations';

describe('summarizeContact', () => {
  it('summarizes a full contact on one line', () => {
    expect(summarizeContact(buildContact(), links)).toEqual({
      id: 'contact_6762f0d01bb69f9f2193bb7d',
      title: 'Joe Bloggs',
      text: 'user | joe@bloggs.com | +1123456789 | 1 company | Dublin, Ireland | last seen 2024-12-18',
      url: URL,
    });
  });

  it.each([
    ['name', {}, 'Joe Bloggs'],
    ['email when no name', { name: null }, 'joe@bloggs.com'],
    ['id when neither', { name: null, email: '' }, 'Contact 6762f0d01bb69f9f2193bb7d'],
  ])('title falls back: %s', (_case, overrides: Partial<Contact>, title) => {
    expect(summarizeContact(buildContact(overrides), NO_LINKS).title).toBe(title);
  });

  it('does not repeat the email when it is the title, and names companies when Intercom did', () => {
    const c = buildContact({
      name: null,
      companies: { type: 'list', data: [{ type: 'company', id: '1', name: 'Acme <b>Inc</b>' }], total_count: 1 },
    });
    expect(summarizeContact(c, NO_LINKS).text).toBe('user | +1123456789 | Acme Inc | Dublin, Ireland | last seen 2024-12-18');
  });

  it('summarizes the spec example (mostly nulls) without empty bits', () => {
    expect(summarizeContact(specExample as Contact, NO_LINKS)).toEqual({
      id: 'contact_6762f0d01bb69f9f2193bb7d',
      title: 'Joe Bloggs',
      text: 'user | joe@bloggs.com',
    });
  });
});

describe('formatContactDocument', () => {
  it('lists every meaningful attribute', () => {
    const doc = formatContactDocument(buildContact(), links);
    expect(doc.id).toBe('contact_6762f0d01bb69f9f2193bb7d');
    expect(doc.title).toBe('Joe Bloggs');
    expect(doc.url).toBe(URL);
    expect(doc.text).toBe(
      [
        'Name: Joe Bloggs',
        'Role: user',
        'Email: joe@bloggs.com',
        'Phone: +1123456789',
        'External ID: 70',
        'Owner (admin id): 321',
        'Location: Dublin, Ireland',
        'Created: 2019-10-21T15:35:54Z',
        'Updated: 2024-12-18T15:57:04Z',
        'Signed up: 2019-10-21T15:35:54Z',
        'Last seen: 2024-12-18T15:50:00Z',
        'Last replied: 2024-12-12T10:40:00Z',
        'Last contacted: 2024-11-30T20:53:20Z',
        'Language: en',
        'Browser: Chrome 80.0.3987.132 (en-US)',
        'OS: Mac OS X',
        'iOS app: Intercom 5.0.0 on iPhone 11 (iOS 13.3.1), last seen 2024-12-18T15:50:00Z',
        'Unsubscribed from emails: yes',
        'Tags: 2 (ids 123456, 123457)',
        'Companies: 1: id 5ba682d23d7cf92bef87bfd4',
        'Notes: 1 (ids 9001)',
        'Social: Twitter http://twitter.com/th1sland',
        'Custom attributes:',
        '  paid_subscriber: yes',
        '  monthly_spend: 155.5',
        '  team_mates: 9',
        '  plan_note: VIP since 2020',
      ].join('\n'),
    );
    expect(doc.metadata).toEqual({
      name: 'Joe Bloggs',
      role: 'user',
      email: 'joe@bloggs.com',
      phone: '+1123456789',
      external_id: '70',
      owner_id: '321',
      location: 'Dublin, Ireland',
      created_at: '2019-10-21T15:35:54Z',
      updated_at: '2024-12-18T15:57:04Z',
      signed_up_at: '2019-10-21T15:35:54Z',
      last_seen_at: '2024-12-18T15:50:00Z',
      last_replied_at: '2024-12-12T10:40:00Z',
      last_contacted_at: '2024-11-30T20:53:20Z',
      language: 'en',
      browser: 'Chrome 80.0.3987.132 (en-US)',
      os: 'Mac OS X',
      ios_app: 'Intercom 5.0.0 on iPhone 11 (iOS 13.3.1), last seen 2024-12-18T15:50:00Z',
      unsubscribed_from_emails: true,
      tags: { total: 2, ids: ['123456', '123457'] },
      companies: { total: 1, shown: [{ id: '5ba682d23d7cf92bef87bfd4' }] },
      notes: { total: 1, ids: ['9001'] },
      social_profiles: [{ name: 'Twitter', url: 'http://twitter.com/th1sland' }],
      custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9, plan_note: 'VIP since 2020' },
    });
    expectNoEmpty(doc);
  });

  it('reduces the spec example (mostly nulls) to what it says', () => {
    const doc = formatContactDocument(specExample as Contact, NO_LINKS);
    expect(doc.text).toBe(
      'Name: Joe Bloggs\nRole: user\nEmail: joe@bloggs.com\nExternal ID: 70\nCreated: 2024-12-18T15:57:04Z\nUpdated: 2024-12-18T15:57:04Z\nSigned up: 2024-12-18T15:57:04Z',
    );
    expect(doc.url).toBeUndefined();
    expectNoEmpty(doc);
  });

  it('shows totals and marks lists Intercom truncated', () => {
    const c = buildContact({
      tags: { type: 'list', data: [{ type: 'tag', id: '1', name: 'VIP' }, { type: 'tag', id: '2' }], total_count: 12, has_more: true },
    });
    expect(formatContactDocument(c, NO_LINKS).text).toContain('Tags: 12 (VIP; other ids 2; more not listed)');
    expect(projectContact(c, NO_LINKS).tags).toEqual({ total: 12, names: ['VIP'], ids: ['2'], has_more: true });
  });

  it('strips HTML and invisible characters from names and attribute values', () => {
    const c = buildContact({
      name: '<img src=x onerror=alert(1)>Jo\u202Ee\u200B',
      custom_attributes: { '<i>key</i>': '<script>x</script>value\u2066', nested: { deep: '<b>x</b>' } },
      location: { country: 'Ire\u0000land', city: null, region: '' },
    });
    const doc = formatContactDocument(c, NO_LINKS);
    expect(doc.title).toBe('Joe');
    expect(doc.text).toBe(formatContactDocument(buildContact({ name: 'Joe', location: { country: 'Ireland' }, custom_attributes: { key: 'value', nested: { deep: 'x' } } }), NO_LINKS).text);
    expect(doc.text).toContain('Location: Ireland');
    expect(doc.text).toContain('  key: value');
    expect(projectContact(c, NO_LINKS).custom_attributes).toEqual({ key: 'value', nested: { deep: 'x' } });
  });
});

describe('projectContact', () => {
  it('keeps the raw id and non-scalar custom attributes, sanitized', () => {
    const view = projectContact(buildContact({ custom_attributes: { list: ['a', '<b>b</b>', null], obj: { k: 1, e: '' } } }), links);
    expect(view.id).toBe('6762f0d01bb69f9f2193bb7d');
    expect(view.url).toBe(URL);
    expect(view.custom_attributes).toEqual({ list: ['a', 'b'], obj: { k: 1 } });
    expectNoEmpty(view);
  });

  it('copes with an empty contact', () => {
    expect(projectContact({}, NO_LINKS)).toEqual({ id: '' });
    expect(formatContactDocument({}, NO_LINKS)).toEqual({ id: 'contact_', title: 'Contact', text: '', metadata: {} });
  });
});

describe("a contact's companies", () => {
  const ref = (i: number) => ({ type: 'company', id: `6762f3000000000000000${String(i).padStart(3, '0')}`, url: `/companies/${i}` });
  const named = (i: number) => [ref(i).id, { name: `Co <b>${i}</b>\u200B`, companyId: `co-${i}`, plan: i % 2 ? 'Pro' : undefined }] as const;

  it('the first few by name, company_id and plan (cleaned), the rest counted with their ids and the hint', () => {
    const c = buildContact({ companies: { type: 'list', data: [1, 2, 3, 4, 5, 6, 7].map(ref), total_count: 7, has_more: false } });
    expect(COMPANIES_SHOWN).toBe(5);
    expect(shownCompanyIds(c)).toEqual([1, 2, 3, 4, 5].map((i) => ref(i).id));
    const known = new Map([1, 2, 3, 5].map(named));
    const options = { moreCompaniesHint: (more: number, ids: readonly string[]) => `HINT ${more} ${ids.length}` };
    const view = projectContact(c, NO_LINKS, { companies: known }, options).companies;
    expect(view).toEqual({
      total: 7,
      shown: [
        { name: 'Co 1', company_id: 'co-1', plan: 'Pro', id: ref(1).id },
        { name: 'Co 2', company_id: 'co-2', id: ref(2).id },
        { name: 'Co 3', company_id: 'co-3', plan: 'Pro', id: ref(3).id },
        { id: ref(4).id },
        { name: 'Co 5', company_id: 'co-5', plan: 'Pro', id: ref(5).id },
      ],
      more: 2,
      more_ids: [ref(6).id, ref(7).id],
      more_hint: 'HINT 2 2',
    });
    expect(formatContactDocument(c, NO_LINKS, { companies: known }, options).text).toContain(
      `Companies: 7: Co 1 (company_id co-1, plan Pro, id ${ref(1).id}); Co 2 (company_id co-2, id ${ref(2).id}); ` +
        `Co 3 (company_id co-3, plan Pro, id ${ref(3).id}); id ${ref(4).id}; Co 5 (company_id co-5, plan Pro, id ${ref(5).id}); ` +
        `and 2 more (ids ${ref(6).id}, ${ref(7).id}): HINT 2 2`,
    );
  });

  it('names Intercom sent inline are shown and not looked up; unlisted ones are counted', () => {
    const c = buildContact({ companies: { type: 'list', data: [{ ...ref(1), name: 'Inline Inc' }, ref(2)], total_count: 12, has_more: true } });
    expect(shownCompanyIds(c)).toEqual([ref(2).id]);
    const view = projectContact(c, NO_LINKS, {}, { moreCompaniesHint: (more, ids) => `${more}/${ids.length}` }).companies;
    expect(view).toEqual({ total: 12, shown: [{ name: 'Inline Inc', id: ref(1).id }, { id: ref(2).id }], more: 10, more_hint: '10/0' });
  });

  it('no companies: nothing shown, nothing to look up', () => {
    const c = buildContact({ companies: { type: 'list', data: [], total_count: 0 } });
    expect(projectContact(c, NO_LINKS).companies).toBeUndefined();
    expect(shownCompanyIds(c)).toEqual([]);
    expect(formatContactDocument(c, NO_LINKS).text).not.toContain('Companies');
  });
});
