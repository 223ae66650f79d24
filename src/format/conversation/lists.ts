// Intercom's lists can be missing, null, or hold nulls: read them as arrays of the items that are there.
import type { Conversation, ConversationPart } from '../../intercom/types.js';

export function arr<T>(value: readonly T[] | null | undefined): T[] {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [];
}

export function partsOf(c: Conversation): ConversationPart[] {
  return arr(c.conversation_parts?.conversation_parts).filter((p) => typeof p === 'object');
}
