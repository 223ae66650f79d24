// The fetch projection: the conversation as a readable thread (opening message, then each part in the
// window) plus compact metadata.
import { prefixedId } from '../../intercom/record-kinds.js';
import type { Conversation } from '../../intercom/types.js';
import { clip, idOf, line } from '../common.js';
import { compact } from '../compact.js';
import type { FetchDocument, Links, Names, PartWindow } from '../types.js';
import { assignees, contactsOf, detailsOf, statusOf, tagNames, titleOf } from './metadata.js';
import { nameBook } from './names.js';
import { advance, newThread, textLine } from './thread.js';
import { partOffsetOf, renderSourceWithin, windowParts } from './window.js';

// Sizes as the answer carries them: JSON-escaped (quotes, backslashes and newlines cost extra).
const escaped = (text: string): number => JSON.stringify(text).length - 2;

/** The whole readable thread (opening message, then each part) plus compact metadata. */
export function formatConversationDocument(c: Conversation, links: Links, window?: PartWindow, names?: Names): FetchDocument {
  const id = idOf(c.id) ?? '';
  const book = nameBook(c, names);
  const { title } = titleOf(c);
  const head: string[] = [];
  const subject = line(c.source?.subject);
  if (subject && subject !== title && clip(subject, 80) !== title) head.push(`Subject: ${subject}`);
  const thread = newThread();
  const source = partOffsetOf(window) === 0 ? renderSourceWithin(c, window) : undefined;
  if (source) {
    head.push(textLine(source, thread));
    advance(thread, source);
  }
  const headText = head.join('\n');
  const w = windowParts({ conversation: c, window, book, headSize: escaped(headText), thread, render: textLine, size: escaped });
  const lines = [...(headText ? [headText] : []), ...w.items];
  if (w.note) lines.push(`(${w.note})`);
  const { admin, team } = assignees(c, book);
  const metadata = compact({
    ...statusOf(c),
    admin_assignee_id: admin?.id,
    admin_assignee: admin?.name,
    team_assignee_id: team?.id,
    team_assignee: team?.name,
    tags: tagNames(c),
    contacts: contactsOf(c, book).map((x) => ({ ...x, id: prefixedId('contact', x.id) })),
    source: { type: line(c.source?.type), delivered_as: line(c.source?.delivered_as), url: line(c.source?.url) },
    ...detailsOf(c, book),
    parts_total: w.total,
    parts_shown: w.note ? (w.end > w.offset ? `${w.offset + 1}-${w.end}` : undefined) : undefined,
    next_part_offset: w.nextPartOffset,
    note: w.note,
  });
  const doc: FetchDocument = { id: prefixedId('conversation', id), title, text: lines.join('\n'), metadata };
  const url = id ? links.conversation(id) : undefined;
  if (url) doc.url = url;
  return doc;
}
