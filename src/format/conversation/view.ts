// The structured projection: the conversation as compact JSON, each part in the window as a small object.
import type { Conversation, JsonValue, PartAuthor, SourceAuthor } from '../../intercom/types.js';
import { idOf, line } from '../common.js';
import { compact } from '../compact.js';
import { isoDate } from '../dates.js';
import type { Links, Names, PartWindow } from '../types.js';
import { assignees, contactsOf, detailsOf, statusOf, tagsOf, teammatesOf, titleOf } from './metadata.js';
import { nameBook } from './names.js';
import type { Rendered } from './parts.js';
import { newThread } from './thread.js';
import { partOffsetOf, renderSourceWithin, windowParts } from './window.js';

export interface AuthorView {
  type?: string;
  name?: string;
  email?: string;
}

export interface PartView {
  at?: string;
  author?: AuthorView;
  /** Intercom's part_type: comment, note, assignment, close, ... */
  kind: string;
  body?: string;
  /** What happened, for non-message parts: "closed by Alex", "Alex assigned to Support". */
  event?: string;
  attachments?: string[];
  tags?: string[];
}

export interface ConversationView {
  id: string;
  url?: string;
  title: string;
  state?: string;
  open?: boolean;
  read?: boolean;
  priority?: string;
  created_at?: string;
  updated_at?: string;
  waiting_since?: string;
  snoozed_until?: string;
  admin_assignee?: { id: string; name?: string };
  team_assignee?: { id: string; name?: string };
  /** With ids: a tag filter takes ids, not names. */
  tags?: Array<{ id?: string; name: string }>;
  contacts?: Array<{ id: string; name?: string; email?: string; external_id?: string }>;
  teammates?: Array<{ id: string; name?: string }>;
  company?: { id?: string; name?: string };
  source?: {
    type?: string;
    delivered_as?: string;
    url?: string;
    subject?: string;
    at?: string;
    author?: AuthorView;
    body?: string;
    attachments?: string[];
  };
  rating?: { score?: number; remark?: string; at?: string };
  statistics?: Record<string, number | string>;
  sla?: { name?: string; status?: string };
  ai_agent?: Record<string, string | number>;
  linked_objects?: string[];
  custom_attributes?: Record<string, JsonValue>;
  parts: PartView[];
  parts_total: number;
  part_offset: number;
  next_part_offset?: number;
  note?: string;
}

function authorView(a: PartAuthor | SourceAuthor | null | undefined, withEmail: boolean): AuthorView | undefined {
  if (!a) return undefined;
  const name = line(a.name);
  const email = line(a.email);
  return compact({ type: line(a.type), name, email: withEmail || !name ? email : undefined });
}

function partView(r: Rendered): PartView {
  return compact({
    at: isoDate(r.at),
    author: authorView(r.author, false),
    kind: r.kind,
    body: r.body,
    event: r.event,
    attachments: r.attachments,
    tags: r.tags,
  }) as PartView;
}

/** Structured compact conversation: metadata, the opening message and the parts in the window. */
export function projectConversation(c: Conversation, links: Links, window?: PartWindow, names?: Names): ConversationView {
  const id = idOf(c.id) ?? '';
  const book = nameBook(c, names);
  const { title } = titleOf(c);
  const source = renderSourceWithin(c, window);
  const sourceView = compact({
    type: line(c.source?.type),
    delivered_as: line(c.source?.delivered_as),
    url: line(c.source?.url),
    subject: line(c.source?.subject),
    at: isoDate(c.created_at),
    author: authorView(c.source?.author, true),
    body: source?.body,
    attachments: source?.attachments,
  });
  const first = partOffsetOf(window) === 0;
  const headSize = first ? JSON.stringify(sourceView).length : 0;
  const w = windowParts({ conversation: c, window, book, headSize, thread: newThread(), render: partView, size: (p) => JSON.stringify(p).length });
  const { admin, team } = assignees(c, book);
  const view = compact({
    id,
    url: id ? links.conversation(id) : undefined,
    title,
    ...statusOf(c),
    admin_assignee: admin,
    team_assignee: team,
    tags: tagsOf(c),
    contacts: contactsOf(c, book),
    teammates: teammatesOf(c, book),
    company: c.company ? { id: idOf(c.company.id), name: line(c.company.name) } : undefined,
    source: first ? sourceView : undefined,
    ...detailsOf(c, book),
  }) as Omit<ConversationView, 'parts' | 'parts_total' | 'part_offset'>;
  // parts/parts_total/part_offset are always present (even when empty/0) so callers can rely on them.
  const result: ConversationView = { ...view, id, title, parts: w.items, parts_total: w.total, part_offset: w.offset };
  if (w.nextPartOffset !== undefined) result.next_part_offset = w.nextPartOffset;
  if (w.note) result.note = w.note;
  return result;
}
