import { formatContactDocument, shownCompanyIds, summarizeContact, type ContactOptions } from '../format/index.js';
import { defineRecordKind } from './define-record-kind.js';

/** How to read a contact's companies past the ones shown: the format layer leaves naming tools to us. */
export const CONTACT_OPTIONS: ContactOptions = {
  moreCompaniesHint: (more, listedIds) =>
    listedIds.length >= more
      ? 'read each with get_company'
      : `${listedIds.length > 0 ? 'read each with get_company; ' : ''}Intercom lists no more of them here (list_companies browses all companies)`,
};

export const contactRecord = defineRecordKind({
  kind: 'contact',
  described: 'contacts (users, leads)',
  tools: { search: 'search_contacts', get: 'get_contact' },
  get: (client, id, options) => client.getContact(id, options),
  search: { via: 'search', run: (client, body, options) => client.searchContacts(body, options) },
  page: (list) => ({ items: list.data ?? [], total_count: list.total_count, pages: list.pages }),
  summarize: summarizeContact,
  document: (contact, links, names) => formatContactDocument(contact, links, names, CONTACT_OPTIONS),
  // Tag ids without a name, and the owner (an admin id).
  names: (contact) => [
    ...((contact.tags?.data ?? []).some((t) => t && !t.name) ? (['tags'] as const) : []),
    ...(contact.owner_id ? (['admins'] as const) : []),
  ],
  // Only the companies shown, one GET /companies/{id} each when not cached.
  companies: shownCompanyIds,
});
