import * as z from 'zod';
import { resultPage } from '../format/page.js';
import { summarizeContact, summarizeConversation } from '../format/index.js';
import { DSL_CHEATSHEET, parseSearchQuery } from '../query/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { resultPageSchema } from './schemas.js';

export const searchTool = defineTool({
  name: 'search',
  title: 'Search Intercom',
  description:
    'Search conversations or contacts with one query string. Returns one-line summaries with ids ' +
    '(conversation_123, contact_abc) for `fetch`; a bad field or value gets an error listing the valid ones.\n' +
    DSL_CHEATSHEET,
  inputSchema: z.object({
    query: z.string().max(100_000).describe('e.g. object_type:conversations state:open source_type:email'),
  }),
  outputSchema: resultPageSchema,
  annotations: READ_ONLY,
  async handler({ query }, ctx) {
    const parsed = parseSearchQuery(query);
    const next = (cursor: string) => `repeat the same query with starting_after:${cursor}`;
    if (parsed.objectType === 'conversations') {
      const [list, links] = await ctx.withLinks(ctx.intercom.searchConversations(parsed.body, { signal: ctx.signal }));
      const results = (list.conversations ?? []).map((c) => summarizeConversation(c, links));
      return resultPage(results, list.total_count, list.pages, next);
    }
    const [list, links] = await ctx.withLinks(ctx.intercom.searchContacts(parsed.body, { signal: ctx.signal }));
    const results = (list.data ?? []).map((c) => summarizeContact(c, links));
    return resultPage(results, list.total_count, list.pages, next);
  },
});
