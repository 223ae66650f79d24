import { formatConversationDocument, summarizeConversation } from '../format/index.js';
import { defineRecordKind } from './define-record-kind.js';

const TOOLS = { search: 'search_conversations', get: 'get_conversation' } as const;

/**
 * How to read on after a cut thread: the format layer leaves this wording to the registry, which names
 * the kind's tools. `fetch` has no part_offset, so its documents point at get_conversation too.
 */
export function nextPartsHint(nextPartOffset: number): string {
  return `Call ${TOOLS.get} with part_offset: ${nextPartOffset} for the next parts.`;
}

export const conversationRecord = defineRecordKind({
  kind: 'conversation',
  described: 'conversations (support threads)',
  tools: TOOLS,
  get: (client, id, options) => client.getConversation(id, options),
  search: { via: 'search', run: (client, body, options) => client.searchConversations(body, options) },
  page: (list) => ({ items: list.conversations ?? [], total_count: list.total_count, pages: list.pages }),
  summarize: summarizeConversation,
  document: (conversation, links, names) => formatConversationDocument(conversation, links, { continueHint: nextPartsHint }, names),
  // The assignees are bare ids (0 or null when unassigned).
  names: (conversation) => [
    ...(conversation.admin_assignee_id ? (['admins'] as const) : []),
    ...(conversation.team_assignee_id ? (['teams'] as const) : []),
  ],
});
