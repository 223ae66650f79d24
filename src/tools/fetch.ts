import * as z from 'zod';
import { formatContactDocument, formatConversationDocument } from '../format/index.js';
import { parseRecordRef } from '../intercom/ids.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { nextPartsHint } from './get-conversation.js';
import { documentSchema } from './schemas.js';

export const fetchTool = defineTool({
  name: 'fetch',
  title: 'Fetch an Intercom record',
  description:
    'The full record for an id from `search` (conversation_123, contact_abc) or an Intercom web-app URL. A ' +
    'conversation: its whole readable thread (each message with time, author and role; notes; assignments and ' +
    'state changes) plus metadata. A contact: every attribute, tags and companies. Very long threads are cut ' +
    'at a message boundary, with a note on reading the rest.',
  inputSchema: z.object({
    id: z.string().max(2048).describe('conversation_123, contact_abc, or an Intercom app URL'),
  }),
  outputSchema: documentSchema,
  annotations: READ_ONLY,
  async handler({ id }, ctx) {
    const ref = parseRecordRef(id);
    if (ref.type === 'conversation') {
      const [conversation, links] = await ctx.withLinks(ctx.intercom.getConversation(ref.id, { signal: ctx.signal }));
      // fetch has no part_offset: the rest of a long thread is read with get_conversation.
      return formatConversationDocument(conversation, links, { continueHint: nextPartsHint });
    }
    const [contact, links] = await ctx.withLinks(ctx.intercom.getContact(ref.id, { signal: ctx.signal }));
    return formatContactDocument(contact, links);
  },
});
