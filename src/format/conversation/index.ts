// Conversations for the assistant, in three projections: a one-line search summary, a readable thread with
// metadata, and a compact structured view. Every string from Intercom goes through line()/multiline()/htmlToText.
export type { AuthorView, ConversationView, PartView } from './view.js';
export { formatConversationDocument } from './document.js';
export { summarizeConversation } from './summary.js';
export { projectConversation } from './view.js';
