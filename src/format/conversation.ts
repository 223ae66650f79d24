// Conversations for the assistant: a one-line search summary, a readable thread (fetch) and a compact
// structured view (get_conversation). Every string from Intercom goes through line()/multiline()/htmlToText.
import type { Conversation, ConversationPart, JsonValue, PartAuthor, SourceAuthor } from '../intercom/types.js';
import { attachmentLines, clip, idOf, line, multiline, sanitizedAttributes } from './common.js';
import { compact } from './compact.js';
import { isoDate, isoDay, isoMinute } from './dates.js';
import { htmlToText } from './html-to-text.js';
import { DEFAULT_MAX_CHARS, type FetchDocument, type Links, type PartWindow, type SearchResult } from './types.js';

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
  /** With ids: a tag filter (search_conversations tag_ids, the DSL's tag_ids) takes ids, not names. */
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

// ---------------------------------------------------------------------------------------------------------
// Names: Intercom only gives ids for assignees; names are learnt from whoever wrote parts.

interface NameBook {
  admins: Map<string, string>;
  teams: Map<string, string>;
  contacts: Map<string, { name?: string; email?: string }>;
}

function nameBook(c: Conversation): NameBook {
  const book: NameBook = { admins: new Map(), teams: new Map(), contacts: new Map() };
  const learn = (a: SourceAuthor | null | undefined): void => {
    const id = idOf(a?.id);
    if (!a || !id) return;
    const name = line(a.name);
    const email = line(a.email);
    if (a.type === 'admin' || a.type === 'bot') {
      if (name && !book.admins.has(id)) book.admins.set(id, name);
    } else if (a.type === 'team') {
      if (name && !book.teams.has(id)) book.teams.set(id, name);
    } else if (a.type === 'user' || a.type === 'lead' || a.type === 'contact') {
      const known = book.contacts.get(id) ?? {};
      book.contacts.set(id, { name: known.name ?? name, email: known.email ?? email });
    }
  };
  learn(c.source?.author);
  for (const p of partsOf(c)) learn(p.author);
  for (const t of arr(c.teammates?.teammates)) {
    const id = idOf(t?.id);
    const name = line(t?.name);
    if (id && name && !book.admins.has(id)) book.admins.set(id, name);
  }
  for (const rt of [...arr(c.statistics?.assigned_team_first_response_time), ...arr(c.statistics?.assigned_team_first_response_time_in_office_hours)]) {
    const id = idOf(rt?.team_id);
    const name = line(rt?.team_name);
    if (id && name && !book.teams.has(id)) book.teams.set(id, name);
  }
  for (const ref of arr(c.contacts?.contacts)) {
    const id = idOf(ref?.id);
    if (!id) continue;
    const known = book.contacts.get(id) ?? {};
    book.contacts.set(id, { name: known.name ?? line(ref.name), email: known.email ?? line(ref.email) });
  }
  return book;
}

function arr<T>(value: readonly T[] | null | undefined): T[] {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [];
}

function partsOf(c: Conversation): ConversationPart[] {
  return arr(c.conversation_parts?.conversation_parts).filter((p) => typeof p === 'object');
}

function authorName(a: SourceAuthor | null | undefined): string {
  return line(a?.name) ?? line(a?.email) ?? (a?.type ? `${line(a.type) ?? 'someone'}${idOf(a.id) ? ` ${idOf(a.id)}` : ''}` : 'someone');
}

function authorView(a: PartAuthor | SourceAuthor | null | undefined, withEmail: boolean): AuthorView | undefined {
  if (!a) return undefined;
  const name = line(a.name);
  const email = line(a.email);
  return compact({ type: line(a.type), name, email: withEmail || !name ? email : undefined });
}

function assigneeName(book: NameBook, type: string | undefined, id: string | undefined): string {
  if (type === 'nobody_admin' || !id) return 'nobody';
  if (type === 'team') return book.teams.get(id) ?? `team ${id}`;
  return book.admins.get(id) ?? book.teams.get(id) ?? `${type === 'admin' ? 'admin' : (type ?? 'admin')} ${id}`;
}

// ---------------------------------------------------------------------------------------------------------
// Parts -> neutral rendered items, shared by text and structured output.

interface Rendered {
  at?: number;
  author?: PartAuthor | SourceAuthor;
  kind: string;
  /** Message lines are `[ts] Name (role): body`; events are `— ts event[: body]`. */
  style: 'message' | 'event';
  event?: string;
  body?: string;
  attachments: string[];
  tags: string[];
}

const STATE_EVENTS: Readonly<Record<string, string>> = {
  open: 'reopened',
  close: 'closed',
  snoozed: 'snoozed',
  unsnoozed: 'unsnoozed',
  timer_unsnooze: 'unsnoozed (timer)',
  participant_added: 'participant added',
  participant_removed: 'participant removed',
  priority_changed: 'priority changed',
  title_changed: 'title changed',
  sla_target_missed: 'SLA target missed',
  conversation_rating_changed: 'rating changed',
  conversation_rating_remark_added: 'rating remark added',
  ticket_state_updated: 'ticket state updated',
};

const ASSIGNMENTS = new Set(['assignment', 'default_assignment', 'away_mode_assignment', 'assign_and_unsnooze', 'assign_and_reopen']);

function partBody(p: ConversationPart): string | undefined {
  const text = typeof p.body === 'string' ? htmlToText(p.body) : '';
  if (text) return text;
  return p.redacted === true ? '[redacted]' : undefined;
}

function renderPart(p: ConversationPart, book: NameBook): Rendered | undefined {
  const kind = line(p.part_type) ?? 'comment';
  const actor = authorName(p.author);
  const body = partBody(p);
  const attachments = attachmentLines(p.attachments);
  const tags = arr(p.tags).map((t) => line(t?.name)).filter((t): t is string => t !== undefined);
  let event: string | undefined;

  if (ASSIGNMENTS.has(kind)) {
    const target = assigneeName(book, line(p.assigned_to?.type), idOf(p.assigned_to?.id));
    const reopen = kind === 'assign_and_reopen' ? 'reopened and ' : kind === 'assign_and_unsnooze' ? 'unsnoozed and ' : '';
    event = target === 'nobody' ? `${actor} ${reopen}unassigned` : `${actor} ${reopen}assigned to ${target}`;
  } else if (kind in STATE_EVENTS) {
    const what = STATE_EVENTS[kind] as string;
    event = p.author ? `${what} by ${actor}` : what;
  } else if (p.event_details && typeof p.event_details === 'object') {
    event = describeEventDetails(kind, p.event_details, p.author ? actor : undefined);
  }

  if (event) return { at: p.created_at ?? undefined, author: p.author ?? undefined, kind, style: 'event', event, body, attachments, tags };
  if (body || attachments.length > 0) {
    return { at: p.created_at ?? undefined, author: p.author ?? undefined, kind, style: 'message', body, attachments, tags };
  }
  if (tags.length > 0) {
    return { at: p.created_at ?? undefined, author: p.author ?? undefined, kind, style: 'event', event: `${actor} tagged ${tags.join(', ')}`, attachments, tags: [] };
  }
  return undefined; // empty body, no event meaning: noise
}

function describeEventDetails(kind: string, d: NonNullable<ConversationPart['event_details']>, actor: string | undefined): string | undefined {
  const workflow = line(d.workflow?.name);
  const attribute = line(d.attribute?.name);
  if (attribute) {
    const value = line(d.value?.name) ?? 'nothing';
    const previous = line(d.value?.previous);
    const who = workflow ? `workflow ${workflow}` : (actor ?? 'someone');
    return `${who} set ${attribute} to ${value}${previous ? ` (was ${previous})` : ''}`;
  }
  const action = line(d.action?.name);
  if (action) {
    const result = line(d.action?.result);
    return `action ${action} ${kind === 'custom_action_started' ? 'started' : (result ?? 'finished')}`;
  }
  if (workflow) {
    const ev = [line(d.event?.type), line(d.event?.result)].filter(Boolean).join(' ');
    return `workflow ${workflow}${ev ? `: ${ev}` : ''}`;
  }
  return undefined;
}

function renderSource(c: Conversation): Rendered | undefined {
  const s = c.source;
  if (!s || typeof s !== 'object') return undefined;
  const body = (typeof s.body === 'string' ? htmlToText(s.body) : '') || (s.redacted === true ? '[redacted]' : undefined);
  const attachments = attachmentLines(s.attachments);
  if (!body && attachments.length === 0 && !s.author) return undefined;
  return { at: c.created_at ?? undefined, author: s.author ?? undefined, kind: 'source', style: 'message', body, attachments, tags: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Thread text.

// Continuation lines are indented so a message body can never pose as a new thread line.
function indentBody(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/**
 * `2025-06-01 09:00Z` when the day differs from the previous line's, `09:00Z` when only the minute does,
 * nothing when the previous line was in the same minute (bursts of messages read as one moment).
 */
function stampFor(at: number | undefined, prevAt: number | undefined): string | undefined {
  const day = isoDay(at);
  const minute = isoMinute(at);
  if (!day || !minute) return undefined;
  if (day !== isoDay(prevAt)) return `${day} ${minute}`;
  return minute === isoMinute(prevAt) ? undefined : minute;
}

/** What earlier thread lines already said: the last timestamp, and which author names were introduced. */
interface ThreadContext {
  prevAt?: number;
  /** author name -> identity (type:id) it was introduced with */
  introduced: Map<string, string>;
}

function identity(a: SourceAuthor | undefined): string {
  return `${a?.type ?? ''}:${idOf(a?.id) ?? ''}`;
}

/** Records what a line just shown tells later lines. */
function advance(ctx: ThreadContext, r: Rendered): void {
  if (r.at) ctx.prevAt = r.at;
  if (r.style === 'message') {
    const name = authorName(r.author);
    if (!ctx.introduced.has(name)) ctx.introduced.set(name, identity(r.author));
  }
}

// The role is said once per author ("Jane Doe (user)"), then only the name; again if a name is ambiguous.
function roleLabel(r: Rendered, ctx: ThreadContext): string | undefined {
  const name = authorName(r.author);
  const known = ctx.introduced.get(name) === identity(r.author);
  const role = known ? undefined : (line(r.author?.type) ?? 'unknown');
  const kind = r.kind === 'comment' || r.kind === 'source' ? undefined : r.kind.replace(/_/g, ' ');
  const label = [role, kind].filter(Boolean).join(', ');
  return label === '' ? undefined : label;
}

function textLine(r: Rendered, ctx: ThreadContext): string {
  const stamp = stampFor(r.at, ctx.prevAt);
  const extras = [...r.attachments, ...(r.tags.length > 0 ? [`[tags: ${r.tags.join(', ')}]`] : [])];
  let head: string;
  if (r.style === 'event') {
    head = `— ${stamp ? `${stamp} ` : ''}${r.event ?? r.kind}${r.body ? `: ${r.body}` : ''}`;
  } else {
    const label = roleLabel(r, ctx);
    const who = `${authorName(r.author)}${label ? ` (${label})` : ''}`;
    head = `${stamp ? `[${stamp}] ` : ''}${who}:${r.body ? ` ${r.body}` : ''}`;
  }
  return indentBody([head, ...extras].join('\n'));
}

// ---------------------------------------------------------------------------------------------------------
// Windowing: cut at a part boundary once the budget is spent; a lone oversized part is cut with a marker.

interface Windowed<T> {
  items: T[];
  total: number;
  offset: number;
  end: number; // raw index after the last part included
  note?: string;
}

function windowParts<T>(
  c: Conversation,
  window: PartWindow | undefined,
  head: number,
  ctx: ThreadContext,
  render: (r: Rendered, ctx: ThreadContext) => T,
  size: (item: T) => number,
  cut: (r: Rendered, budget: number) => Rendered,
  book: NameBook,
): Windowed<T> {
  const parts = partsOf(c);
  const returned = parts.length;
  const reported = typeof c.conversation_parts?.total_count === 'number' ? c.conversation_parts.total_count : returned;
  const total = Math.max(returned, reported);
  const maxChars = budgetOf(window);
  const offset = Math.min(Math.max(0, Math.floor(window?.partOffset ?? 0)), returned);
  const items: T[] = [];
  let used = head;
  let end = offset;
  for (let i = offset; i < returned; i++) {
    const rendered = renderPart(parts[i] as ConversationPart, book);
    if (!rendered) {
      end = i + 1;
      continue;
    }
    let item = render(rendered, ctx);
    const itemSize = size(item) + 1;
    if (used + itemSize > maxChars) {
      if (items.length > 0) break; // a boundary: stop before this part
      // Always show at least one part, so next_part_offset moves on and paging cannot loop.
      item = render(cut(rendered, Math.max(200, maxChars - used - 200)), ctx);
      items.push(item);
      end = i + 1;
      break; // the budget is spent by the cut part
    }
    items.push(item);
    used += itemSize;
    advance(ctx, rendered);
    end = i + 1;
  }
  let note: string | undefined;
  if (end < returned) {
    note = `Showing parts ${offset + 1}-${end} of ${total}. Call get_conversation with part_offset: ${end} for the next parts.`;
  } else if (offset > 0) {
    note = `Showing parts ${offset + 1}-${end} of ${total}.`;
  }
  if (reported > returned && end >= returned) {
    note = `${note ? `${note} ` : ''}Intercom returned only the first ${returned} of ${reported} parts.`;
  }
  if (offset >= returned && returned > 0 && (window?.partOffset ?? 0) > 0) {
    note = `No parts at part_offset ${window?.partOffset}; the conversation has ${total} parts.`;
  }
  return { items, total, offset, end, note };
}

function budgetOf(window: PartWindow | undefined): number {
  return Math.max(500, Math.floor(window?.maxChars ?? DEFAULT_MAX_CHARS));
}

/** The opening message may take at most half the budget, leaving room for the parts after it. */
function renderSourceWithin(c: Conversation, window: PartWindow | undefined): Rendered | undefined {
  const source = renderSource(c);
  return source ? cutRendered(source, Math.floor(budgetOf(window) / 2)) : undefined;
}

function cutRendered(r: Rendered, budget: number): Rendered {
  if (!r.body || r.body.length <= budget) return r;
  return { ...r, body: `${r.body.slice(0, budget)}… [part cut: ${r.body.length} chars in full]` };
}

// ---------------------------------------------------------------------------------------------------------
// Shared metadata.

function titleOf(c: Conversation): { title: string; fromBody: boolean } {
  const explicit = line(c.title) ?? line(c.source?.subject);
  if (explicit) return { title: clip(explicit, 80), fromBody: false };
  const body = typeof c.source?.body === 'string' ? htmlToText(c.source.body) : '';
  const first = body.split('\n').map((l) => l.trim()).find((l) => l !== '');
  if (first) return { title: firstSentence(first, 80), fromBody: true };
  return { title: `Conversation ${idOf(c.id) ?? ''}`.trim(), fromBody: false };
}

/** The first sentence of `text` when it fits in `max`, else `text` clipped at a word boundary. */
function firstSentence(text: string, max: number): string {
  const end = /[.!?](\s|$)/.exec(text);
  if (end && end.index + 1 <= max && end.index >= 10) return text.slice(0, end.index + 1);
  return clip(text, max);
}

function priorityOf(c: Conversation): string | undefined {
  const p = line(c.priority);
  return p && p !== 'none' && p !== 'not_priority' ? p : undefined;
}

function tagNames(c: Conversation): string[] {
  return tagsOf(c).map((t) => t.name);
}

function tagsOf(c: Conversation): Array<{ id?: string; name: string }> {
  const out: Array<{ id?: string; name: string }> = [];
  for (const t of arr(c.tags?.tags)) {
    const name = line(t?.name);
    if (name !== undefined) out.push(compact({ id: idOf(t?.id), name }));
  }
  return out;
}

function statisticsOf(c: Conversation, book: NameBook): Record<string, number | string> | undefined {
  const s = c.statistics;
  if (!s || typeof s !== 'object') return undefined;
  const out: Record<string, number | string> = {};
  const seconds = [
    'time_to_assignment', 'time_to_admin_reply', 'time_to_first_close', 'time_to_last_close', 'median_time_to_reply',
    'handling_time', 'adjusted_handling_time', 'count_reopens', 'count_assignments',
  ] as const; // count_conversation_parts repeats parts_total
  for (const key of seconds) {
    const v = s[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  // The *_at timestamps are left out: the thread itself shows when each reply happened.
  const closer = idOf(s.last_closed_by_id);
  if (closer) out.last_closed_by = book.admins.get(closer) ?? closer;
  return Object.keys(out).length > 0 ? out : undefined;
}

interface ContactRefView {
  id: string;
  name?: string;
  email?: string;
  external_id?: string;
}

function contactsOf(c: Conversation, book: NameBook): ContactRefView[] {
  const out: ContactRefView[] = [];
  for (const ref of arr(c.contacts?.contacts)) {
    const id = idOf(ref.id);
    if (!id) continue;
    const known = book.contacts.get(id);
    out.push(compact<ContactRefView>({ id, name: known?.name, email: known?.email, external_id: line(ref.external_id) }));
  }
  return out;
}

function ratingOf(c: Conversation): { score?: number; remark?: string; at?: string } | undefined {
  const r = c.conversation_rating;
  if (!r || typeof r !== 'object') return undefined;
  const score = typeof r.rating === 'number' ? r.rating : undefined;
  const remark = multiline(r.remark);
  if (score === undefined && !remark) return undefined;
  return compact({ score, remark, at: isoDate(r.updated_at ?? r.created_at) });
}

function assignees(c: Conversation, book: NameBook): { admin?: { id: string; name?: string }; team?: { id: string; name?: string } } {
  const adminId = idOf(c.admin_assignee_id);
  const teamId = idOf(c.team_assignee_id);
  return {
    admin: adminId ? compact({ id: adminId, name: book.admins.get(adminId) }) : undefined,
    team: teamId ? compact({ id: teamId, name: book.teams.get(teamId) }) : undefined,
  };
}

function aiAgentOf(c: Conversation): Record<string, string | number> | undefined {
  const a = c.ai_agent;
  if (!a || typeof a !== 'object') return undefined;
  const out = compact({
    resolution_state: line(a.resolution_state),
    last_answer_type: line(a.last_answer_type),
    source: line(a.source_title) ?? line(a.source_type),
    rating: typeof a.rating === 'number' ? a.rating : undefined,
    rating_remark: line(a.rating_remark),
  }) as Record<string, string | number>;
  return Object.keys(out).length > 0 ? out : undefined;
}

function linkedOf(c: Conversation): string[] {
  return arr(c.linked_objects?.data)
    .map((o) => {
      const id = idOf(o.id);
      if (!id) return undefined;
      const category = line(o.category);
      return `${line(o.type) ?? 'object'} ${id}${category ? ` (${category})` : ''}`;
    })
    .filter((x): x is string => x !== undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Public API.

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
  const result: SearchResult = { id: `conversation_${id}`, title, text: bits.join(' | ') };
  const url = id ? links.conversation(id) : undefined;
  if (url) result.url = url;
  return result;
}

const EXCERPT_CHARS = 140;
// When the title is the message's first sentence, title + excerpt share this budget.
const TITLE_AND_EXCERPT_CHARS = 100;

// Intercom calls a Messenger chat source "conversation": the default, so only other channels are named.
function sourceTypeOf(c: Conversation): string | undefined {
  const type = line(c.source?.type);
  return type === 'conversation' ? undefined : type;
}

/** State, flags and dates, as both the document's metadata and the structured view show them. */
function statusOf(c: Conversation) {
  return {
    state: line(c.state),
    open: typeof c.open === 'boolean' ? c.open : undefined,
    read: typeof c.read === 'boolean' ? c.read : undefined,
    priority: priorityOf(c),
    created_at: isoDate(c.created_at),
    updated_at: isoDate(c.updated_at),
    waiting_since: isoDate(c.waiting_since),
    snoozed_until: isoDate(c.snoozed_until),
  };
}

/** Rating, statistics, SLA, AI agent, links and custom attributes: the same in both projections. */
function detailsOf(c: Conversation, book: NameBook) {
  return {
    rating: ratingOf(c),
    statistics: statisticsOf(c, book),
    sla: { name: line(c.sla_applied?.sla_name), status: line(c.sla_applied?.sla_status) },
    ai_agent: aiAgentOf(c),
    linked_objects: linkedOf(c),
    custom_attributes: sanitizedAttributes(c.custom_attributes),
  };
}

/** The whole readable thread (opening message, then each part) plus compact metadata. */
export function formatConversationDocument(c: Conversation, links: Links, window?: PartWindow): FetchDocument {
  const id = idOf(c.id) ?? '';
  const book = nameBook(c);
  const { title } = titleOf(c);
  const head: string[] = [];
  const subject = line(c.source?.subject);
  if (subject && subject !== title && clip(subject, 80) !== title) head.push(`Subject: ${subject}`);
  const offset = Math.max(0, Math.floor(window?.partOffset ?? 0));
  const ctx: ThreadContext = { introduced: new Map() };
  const source = offset === 0 ? renderSourceWithin(c, window) : undefined;
  if (source) {
    head.push(textLine(source, ctx));
    advance(ctx, source);
  }
  const headText = head.join('\n');
  // Sizes as the answer carries them: JSON-escaped (quotes, backslashes and newlines cost extra).
  const escaped = (text: string) => JSON.stringify(text).length - 2;
  const w = windowParts(
    c,
    window,
    escaped(headText),
    ctx,
    textLine,
    escaped,
    cutRendered,
    book,
  );
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
    contacts: contactsOf(c, book).map((x) => ({ ...x, id: `contact_${x.id}` })),
    source: { type: line(c.source?.type), delivered_as: line(c.source?.delivered_as), url: line(c.source?.url) },
    ...detailsOf(c, book),
    parts_total: w.total,
    parts_shown: w.note ? (w.end > w.offset ? `${w.offset + 1}-${w.end}` : undefined) : undefined,
    next_part_offset: w.end < partsOf(c).length ? w.end : undefined,
    note: w.note,
  });
  const doc: FetchDocument = { id: `conversation_${id}`, title, text: lines.join('\n'), metadata };
  const url = id ? links.conversation(id) : undefined;
  if (url) doc.url = url;
  return doc;
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

/** Structured compact conversation for get_conversation. */
export function projectConversation(c: Conversation, links: Links, window?: PartWindow): ConversationView {
  const id = idOf(c.id) ?? '';
  const book = nameBook(c);
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
  const offset = Math.max(0, Math.floor(window?.partOffset ?? 0));
  const headSize = offset === 0 ? JSON.stringify(sourceView).length : 0;
  const w = windowParts(c, window, headSize, { introduced: new Map() }, partView, (p) => JSON.stringify(p).length, cutRendered, book);
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
    teammates: arr(c.teammates?.teammates)
      .map((t) => idOf(t.id))
      .filter((x): x is string => x !== undefined)
      .map((tid) => compact({ id: tid, name: book.admins.get(tid) })),
    company: c.company ? { id: idOf(c.company.id), name: line(c.company.name) } : undefined,
    source: offset === 0 ? sourceView : undefined,
    ...detailsOf(c, book),
  }) as Omit<ConversationView, 'parts' | 'parts_total' | 'part_offset'>;
  // parts/parts_total/part_offset are always present (even when empty/0) so callers can rely on them.
  const result: ConversationView = { ...view, id, title, parts: w.items, parts_total: w.total, part_offset: w.offset };
  if (w.end < partsOf(c).length) result.next_part_offset = w.end;
  if (w.note) result.note = w.note;
  return result;
}
