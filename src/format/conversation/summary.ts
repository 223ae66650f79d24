// The search projection: a conversation as one hit, a title and ONE line of what matters.
import { prefixedId } from '../../intercom/record-kinds.js';
import type { Conversation } from '../../intercom/types.js';
import { clip, idOf, line } from '../common.js';
import { isoDay } from '../dates.js';
import { htmlToText } from '../html-to-text.js';
import type { Links, SearchResult } from '../types.js';
import { priorityOf, sourceTypeOf, titleOf } from './metadata.js';

const EXCERPT_CHARS = 140;
// When the title is the message's first sentence, title + excerpt share this budget.
const TITLE_AND_EXCERPT_CHARS = 100;

/** One search hit: id `conversation_<id>`, a title, and ONE line of what matters. */
export function summarizeConversation(c: Conversation, links: Links): SearchResult {
  const id = idOf(c.id) ?? '';
  const { title, fromBody } = titleOf(c);
  const author = c.source?.author;
  let excerpt = typeof c.source?.body === 'string' ? htmlToText(c.source.body).replace(/\s+/g, ' ').trim() : '';
  let budget = EXCERPT_CHARS;
  if (fromBody) {
    // The title already shows the start of the message: continue from there, within the same ~140 chars.
    const shown = title.endsWith('…') ? title.slice(0, -1) : title;
    if (excerpt.startsWith(shown)) {
      excerpt = excerpt.slice(shown.length).replace(/^[\s.,;:!?-]+/, '');
      budget = Math.max(40, TITLE_AND_EXCERPT_CHARS - shown.length);
    }
  }
  const updated = isoDay(c.updated_at);
  const bits = [
    line(c.state),
    priorityOf(c),
    sourceTypeOf(c),
    line(author?.name) ?? line(author?.email),
    updated ? `updated ${updated}` : undefined,
    excerpt ? clip(excerpt, budget) : undefined,
  ].filter((b): b is string => b !== undefined && b !== '');
  const result: SearchResult = { id: prefixedId('conversation', id), title, text: bits.join(' | ') };
  const url = id ? links.conversation(id) : undefined;
  if (url) result.url = url;
  return result;
}
