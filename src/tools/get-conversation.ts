import * as z from 'zod';
import { projectConversation } from '../format/index.js';
import { nextPartsHint } from '../records/conversation.js';
import { RECORDS } from '../records/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { recordRef } from './record-ref.js';
import { recordIdSchema } from './schemas.js';

export const getConversationTool = defineTool({
  name: 'get_conversation',
  toolset: 'conversations',
  title: 'Get an Intercom conversation',
  description:
    'One conversation by id with all its parts (messages, notes, assignments, state changes) as structured ' +
    'data: state, priority, assignees, tags, contacts, statistics, rating, custom attributes, inbox link. ' +
    'Long threads are paged: pass part_offset from next_part_offset.',
  inputSchema: z.object({
    id: recordIdSchema('Conversation'),
    part_offset: z.number().int().min(0).optional().describe('First part to return, for long threads (default 0)'),
  }),
  outputSchema: z.looseObject({ id: z.string(), url: z.string().optional() }),
  annotations: READ_ONLY,
  async handler({ id, part_offset }, ctx) {
    const ref = recordRef(id, 'conversation');
    const [conversation, links, names] = await RECORDS.conversation.read(ctx, ref.id);
    return { ...projectConversation(conversation, links, { partOffset: part_offset, continueHint: nextPartsHint }, names) };
  },
});
