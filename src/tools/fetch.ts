import * as z from 'zod';
import { defineTool, READ_ONLY } from './define-tool.js';
import { recordRef, servedRecord } from './record-ref.js';
import { documentSchema } from './schemas.js';

export const fetchTool = defineTool({
  name: 'fetch',
  toolset: 'search',
  title: 'Fetch an Intercom record',
  description:
    'The full record for an id from `search` (conversation_123, contact_abc, company_abc, article_123) or an Intercom ' +
    'web-app URL. A conversation: its whole readable thread (each message with time, author and role; notes; ' +
    'assignments and state changes) plus metadata. A contact: every attribute, tags and companies. A company: plan, ' +
    'size, spend, users, tags. An article: its body as text. Long threads are cut at a message boundary, with a note on reading the rest.',
  inputSchema: z.object({
    id: z.string().max(2048).describe('conversation_123, contact_abc, company_abc, article_123, or an Intercom app URL'),
  }),
  outputSchema: documentSchema,
  annotations: READ_ONLY,
  async handler({ id }, ctx) {
    const ref = recordRef(id);
    return servedRecord(ref.kind, ctx).fetchDocument(ctx, ref.id);
  },
});
