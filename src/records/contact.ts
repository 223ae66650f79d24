import { formatContactDocument, summarizeContact } from '../format/index.js';
import { defineRecordKind } from './define-record-kind.js';

export const contactRecord = defineRecordKind({
  kind: 'contact',
  described: 'contacts (users, leads)',
  tools: { search: 'search_contacts', get: 'get_contact' },
  get: (client, id, options) => client.getContact(id, options),
  search: { via: 'search', run: (client, body, options) => client.searchContacts(body, options) },
  page: (list) => ({ items: list.data ?? [], total_count: list.total_count, pages: list.pages }),
  summarize: summarizeContact,
  document: formatContactDocument,
  // Tag ids without a name, and the owner (an admin id).
  names: (contact) => [
    ...((contact.tags?.data ?? []).some((t) => t && !t.name) ? (['tags'] as const) : []),
    ...(contact.owner_id ? (['admins'] as const) : []),
  ],
});
