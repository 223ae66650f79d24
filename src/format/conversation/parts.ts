// A conversation part (or the opening message) becomes one neutral rendered item, which both the readable
// thread and the structured view are made from; parts with nothing to say are dropped here.
import type { Conversation, ConversationPart, PartAuthor, SourceAuthor } from '../../intercom/types.js';
import { attachmentLines, idOf, line } from '../common.js';
import { htmlToText } from '../html-to-text.js';
import { arr } from './lists.js';
import { assigneeName, authorName, type NameBook } from './names.js';

export interface Rendered {
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

export function renderPart(p: ConversationPart, book: NameBook): Rendered | undefined {
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

export function renderSource(c: Conversation): Rendered | undefined {
  const s = c.source;
  if (!s || typeof s !== 'object') return undefined;
  const body = (typeof s.body === 'string' ? htmlToText(s.body) : '') || (s.redacted === true ? '[redacted]' : undefined);
  const attachments = attachmentLines(s.attachments);
  if (!body && attachments.length === 0 && !s.author) return undefined;
  return { at: c.created_at ?? undefined, author: s.author ?? undefined, kind: 'source', style: 'message', body, attachments, tags: [] };
}
