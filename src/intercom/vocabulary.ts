// Intercom's fixed sets of values (API 2.16), declared once: the DSL catalogue, the tools' zod schemas and
// the CLI's choices all read them from here, so they cannot disagree.

/** `conversation.state`. */
export const CONVERSATION_STATES = ['open', 'closed', 'snoozed'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** The `conversation.priority` enum of 2.16. */
export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
/** Pre-2.12 spellings still accepted: `priority` means any level but none, `not_priority` means none. */
export const PRIORITY_ALIASES = ['priority', 'not_priority'] as const;
export type PriorityInput = (typeof PRIORITIES)[number] | (typeof PRIORITY_ALIASES)[number];

/** `conversation.source.type`: the channel a conversation started on. */
export const SOURCE_TYPES = [
  'conversation', 'email', 'facebook', 'instagram', 'phone_call', 'phone_switch', 'push', 'sms', 'twitter', 'whatsapp',
] as const;

/** `contact.role`. */
export const CONTACT_ROLES = ['user', 'lead'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** The `state` of GET /articles/search: which articles to search (`all` is both). */
export const ARTICLE_STATES = ['published', 'draft', 'all'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];
