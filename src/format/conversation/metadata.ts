// What a conversation is, apart from its thread: title, status, assignees, tags, contacts, rating,
// statistics and the other details, shared by the search summary, the document and the structured view.
import type { Conversation } from '../../intercom/types.js';
import { clip, idOf, line, multiline, sanitizedAttributes } from '../common.js';
import { compact } from '../compact.js';
import { isoDate } from '../dates.js';
import { htmlToText } from '../html-to-text.js';
import { arr } from './lists.js';
import type { NameBook } from './names.js';

export function titleOf(c: Conversation): { title: string; fromBody: boolean } {
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

export function priorityOf(c: Conversation): string | undefined {
  const p = line(c.priority);
  return p && p !== 'none' && p !== 'not_priority' ? p : undefined;
}

// Intercom calls a Messenger chat source "conversation": the default, so only other channels are named.
export function sourceTypeOf(c: Conversation): string | undefined {
  const type = line(c.source?.type);
  return type === 'conversation' ? undefined : type;
}

/** State, flags and dates, as both the document's metadata and the structured view show them. */
export function statusOf(c: Conversation) {
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

export function assignees(c: Conversation, book: NameBook): { admin?: { id: string; name?: string }; team?: { id: string; name?: string } } {
  const adminId = idOf(c.admin_assignee_id);
  const teamId = idOf(c.team_assignee_id);
  return {
    admin: adminId ? compact({ id: adminId, name: book.admins.get(adminId) }) : undefined,
    team: teamId ? compact({ id: teamId, name: book.teams.get(teamId) }) : undefined,
  };
}

export function teammatesOf(c: Conversation, book: NameBook): Array<{ id: string; name?: string }> {
  return arr(c.teammates?.teammates)
    .map((t) => idOf(t.id))
    .filter((x): x is string => x !== undefined)
    .map((tid) => compact({ id: tid, name: book.admins.get(tid) }));
}

export function tagNames(c: Conversation): string[] {
  return tagsOf(c).map((t) => t.name);
}

export function tagsOf(c: Conversation): Array<{ id?: string; name: string }> {
  const out: Array<{ id?: string; name: string }> = [];
  for (const t of arr(c.tags?.tags)) {
    const name = line(t?.name);
    if (name !== undefined) out.push(compact({ id: idOf(t?.id), name }));
  }
  return out;
}

interface ContactRefView {
  id: string;
  name?: string;
  email?: string;
  external_id?: string;
}

export function contactsOf(c: Conversation, book: NameBook): ContactRefView[] {
  const out: ContactRefView[] = [];
  for (const ref of arr(c.contacts?.contacts)) {
    const id = idOf(ref.id);
    if (!id) continue;
    const known = book.contacts.get(id);
    out.push(compact<ContactRefView>({ id, name: known?.name, email: known?.email, external_id: line(ref.external_id) }));
  }
  return out;
}

/** Rating, statistics, SLA, AI agent, links and custom attributes: the same in both projections. */
export function detailsOf(c: Conversation, book: NameBook) {
  return {
    rating: ratingOf(c),
    statistics: statisticsOf(c, book),
    sla: { name: line(c.sla_applied?.sla_name), status: line(c.sla_applied?.sla_status) },
    ai_agent: aiAgentOf(c),
    linked_objects: linkedOf(c),
    custom_attributes: sanitizedAttributes(c.custom_attributes),
  };
}

function ratingOf(c: Conversation): { score?: number; remark?: string; at?: string } | undefined {
  const r = c.conversation_rating;
  if (!r || typeof r !== 'object') return undefined;
  const score = typeof r.rating === 'number' ? r.rating : undefined;
  const remark = multiline(r.remark);
  if (score === undefined && !remark) return undefined;
  return compact({ score, remark, at: isoDate(r.updated_at ?? r.created_at) });
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
