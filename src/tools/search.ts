import * as z from 'zod';
import { DSL_CHEATSHEET, parseSearchQuery } from '../query/index.js';
import { kindOfObjectType } from '../intercom/record-kinds.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { resultPageSchema } from './schemas.js';
import { servedRecord } from './record-ref.js';
import { searchPage } from './search-page.js';

export const searchTool = defineTool({
  name: 'search',
  toolset: 'search',
  title: 'Search Intercom',
  description:
    'Search conversations, contacts, companies or Help Center articles with one query string. Returns one-line summaries ' +
    'with ids (conversation_123, contact_abc, company_abc, article_123) for `fetch`; a bad field or value gets an error listing the valid ones.\n' +
    DSL_CHEATSHEET,
  inputSchema: z.object({
    query: z.string().max(100_000).describe('e.g. object_type:conversations state:open source_type:email'),
  }),
  outputSchema: resultPageSchema,
  annotations: READ_ONLY,
  async handler({ query }, ctx) {
    const { objectType, body } = parseSearchQuery(query);
    return searchPage(servedRecord(kindOfObjectType(objectType), ctx), ctx, body, (cursor) => `repeat the same query with starting_after:${cursor}`);
  },
});
