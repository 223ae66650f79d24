import { formatConversationDocument, summarizeConversation } from '../format/index.js';
import { defineRecordKind } from './define-record-kind.js';

export const conversationRecord = defineRecordKind({
  kind: 'conversation',
  described: 'conversations (support threads)',
  tools: { search: 'search_conversations', get: 'get_conversation' },
  get: (client, id, options) => client.getConversation(id, options),
  search: (client, body, options) => client.searchConversations(body, options),
  page: (list) => ({ items: list.conversations ?? [], total_count: list.total_count, pages: list.pages }),
  summarize: summarizeConversation,
  document: (conversation, links) => formatConversationDocument(conversation, links),
});
