import * as z from 'zod';
import { CONVERSATION_STATES, PRIORITIES, PRIORITY_ALIASES, SOURCE_TYPES } from '../intercom/vocabulary.js';
import { buildConversationSearch } from '../query/index.js';
import { RECORDS } from '../records/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { cursorSchema, pageSizeSchema, resultPageSchema } from './schemas.js';
import { callAgainWithCursor, searchPage } from './search-page.js';

const comparison = (what: string) =>
  z
    .object({
      operator: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']),
      value: z.union([z.number(), z.string().max(64)]),
    })
    .optional()
    .describe(what);

const DATE = 'Date: unix seconds, ISO (2025-06-01) or age (7d, 12h)';
const SECONDS = 'Seconds';

export const searchConversationsTool = defineTool({
  name: 'search_conversations',
  toolset: 'conversations',
  title: 'Search Intercom conversations',
  description:
    'Find conversations by structured filters, all of which must match (none: recent conversations). ' +
    'Returns one-line summaries with ids for get_conversation.',
  inputSchema: z.object({
    ids: z.array(z.string().max(64)).max(100).optional().describe('Conversation ids'),
    source_type: z.string().max(64).optional().describe(SOURCE_TYPES.join(', ')),
    source_author_name: z.string().max(256).optional(),
    source_author_email: z.string().max(256).optional(),
    state: z.enum(CONVERSATION_STATES).optional(),
    open: z.boolean().optional(),
    read: z.boolean().optional(),
    priority: z.enum([...PRIORITIES, ...PRIORITY_ALIASES]).optional().describe('priority = any but none; not_priority = none'),
    team_assignee_id: z.string().max(64).optional(),
    admin_assignee_id: z.string().max(64).optional(),
    tag_ids: z.array(z.string().max(64)).max(50).optional(),
    ai_agent_participated: z.boolean().optional(),
    created_at: comparison(DATE),
    updated_at: comparison(DATE),
    statistics_time_to_assignment: comparison(SECONDS),
    statistics_time_to_admin_reply: comparison(SECONDS),
    statistics_time_to_first_close: comparison(SECONDS),
    per_page: pageSizeSchema,
    starting_after: cursorSchema,
  }),
  outputSchema: resultPageSchema,
  annotations: READ_ONLY,
  async handler(args, ctx) {
    return searchPage(RECORDS.conversation, ctx, buildConversationSearch(args), callAgainWithCursor);
  },
});
