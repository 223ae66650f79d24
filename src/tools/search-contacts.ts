import * as z from 'zod';
import { CONTACT_ROLES } from '../intercom/vocabulary.js';
import { buildContactSearch } from '../query/index.js';
import { RECORDS } from '../records/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { cursorSchema, pageSizeSchema, resultPageSchema } from './schemas.js';
import { callAgainWithCursor, searchPage } from './search-page.js';

export const searchContactsTool = defineTool({
  name: 'search_contacts',
  toolset: 'contacts',
  title: 'Search Intercom contacts',
  description:
    'Find contacts (users and leads) by structured filters: at least one, all must match. `match` sets how ' +
    'name, email, phone and external_id compare (default exact). Returns one-line summaries with ids for ' +
    'get_contact.',
  inputSchema: z.object({
    ids: z.array(z.string().max(64)).max(100).optional().describe('Contact ids'),
    name: z.string().max(256).optional(),
    email: z.string().max(256).optional(),
    email_domain: z.string().max(256).optional().describe('e.g. example.com'),
    phone: z.string().max(64).optional(),
    external_id: z.string().max(256).optional(),
    role: z.enum(CONTACT_ROLES).optional(),
    custom_attributes: z
      .record(z.string().max(190), z.union([z.string().max(1024), z.number(), z.boolean()]))
      .optional()
      .describe('Exact matches, e.g. {"plan": "pro"}'),
    match: z.enum(['exact', 'contains', 'starts_with', 'ends_with']).optional(),
    per_page: pageSizeSchema,
    starting_after: cursorSchema,
  }),
  outputSchema: resultPageSchema,
  annotations: READ_ONLY,
  async handler(args, ctx) {
    return searchPage(RECORDS.contact, ctx, buildContactSearch(args), callAgainWithCursor);
  },
});
