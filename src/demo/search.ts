// Evaluates Intercom `search_request` bodies against the fake workspace, validating them the way the
// 2.16 spec describes (POST /conversations/search and POST /contacts/search descriptions): accepted fields
// and their types, operators per type, max 2 levels of nesting, max 15 filters per group, per_page <= 150.
import type { AttributeType, Contact, Conversation, Workspace } from './types.js';

export type Kind = 'conversations' | 'contacts';
type Scalar = string | number | boolean | null;
type FieldValue = Scalar | Scalar[];

interface FieldDef<T> {
  type: AttributeType;
  get: (item: T) => FieldValue;
  /** `source.body`: `=` matches any word of the text, not the whole value (spec). */
  words?: boolean;
  /** `tag_id` on contacts: only `=` and `!=`. */
  tagOnly?: boolean;
}

export class SearchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const MAX_PER_PAGE = 150;
const DEFAULT_PER_PAGE: Record<Kind, number> = { conversations: 20, contacts: 50 };

function dig(obj: unknown, path: string): FieldValue {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (cur === undefined) return null;
  if (Array.isArray(cur)) return cur as Scalar[];
  return cur as Scalar;
}

const path = <T>(type: AttributeType, p: string): FieldDef<T> => ({ type, get: (item) => dig(item, p) });

const CONVERSATION_FIELDS: Record<string, FieldDef<Conversation>> = {
  id: path('string', 'id'),
  created_at: path('date', 'created_at'),
  updated_at: path('date', 'updated_at'),
  'source.type': path('string', 'source.type'),
  'source.id': path('string', 'source.id'),
  'source.delivered_as': path('string', 'source.delivered_as'),
  'source.subject': path('string', 'source.subject'),
  'source.body': { type: 'string', get: (c) => c.source.body, words: true },
  'source.author.id': path('string', 'source.author.id'),
  'source.author.type': path('string', 'source.author.type'),
  'source.author.name': path('string', 'source.author.name'),
  'source.author.email': path('string', 'source.author.email'),
  'source.url': path('string', 'source.url'),
  contact_ids: { type: 'string', get: (c) => c.contacts.contacts.map((x) => x.id) },
  teammate_ids: { type: 'string', get: (c) => (c.teammates?.teammates ?? []).map((x) => x.id) },
  admin_assignee_id: path('integer', 'admin_assignee_id'),
  team_assignee_id: path('integer', 'team_assignee_id'),
  channel_initiated: { type: 'string', get: (c) => c.channel?.initial ?? null },
  open: path('boolean', 'open'),
  read: path('boolean', 'read'),
  state: path('string', 'state'),
  waiting_since: path('date', 'waiting_since'),
  snoozed_until: path('date', 'snoozed_until'),
  tag_ids: { type: 'string', get: (c) => c.tags.tags.map((t) => t.id) },
  priority: path('string', 'priority'),
  'statistics.time_to_assignment': path('integer', 'statistics.time_to_assignment'),
  'statistics.time_to_admin_reply': path('integer', 'statistics.time_to_admin_reply'),
  'statistics.time_to_first_close': path('integer', 'statistics.time_to_first_close'),
  'statistics.time_to_last_close': path('integer', 'statistics.time_to_last_close'),
  'statistics.median_time_to_reply': path('integer', 'statistics.median_time_to_reply'),
  'statistics.first_contact_reply_at': path('date', 'statistics.first_contact_reply_at'),
  'statistics.first_assignment_at': path('date', 'statistics.first_assignment_at'),
  'statistics.first_admin_reply_at': path('date', 'statistics.first_admin_reply_at'),
  'statistics.first_close_at': path('date', 'statistics.first_close_at'),
  'statistics.last_assignment_at': path('date', 'statistics.last_assignment_at'),
  'statistics.last_assignment_admin_reply_at': path('date', 'statistics.last_assignment_admin_reply_at'),
  'statistics.last_contact_reply_at': path('date', 'statistics.last_contact_reply_at'),
  'statistics.last_admin_reply_at': path('date', 'statistics.last_admin_reply_at'),
  'statistics.last_close_at': path('date', 'statistics.last_close_at'),
  'statistics.last_closed_by_id': path('string', 'statistics.last_closed_by_id'),
  'statistics.count_reopens': path('integer', 'statistics.count_reopens'),
  'statistics.count_assignments': path('integer', 'statistics.count_assignments'),
  'statistics.count_conversation_parts': path('integer', 'statistics.count_conversation_parts'),
  'conversation_rating.requested_at': path('date', 'conversation_rating.created_at'),
  'conversation_rating.replied_at': path('date', 'conversation_rating.updated_at'),
  'conversation_rating.score': path('integer', 'conversation_rating.rating'),
  'conversation_rating.remark': path('string', 'conversation_rating.remark'),
  'conversation_rating.contact_id': path('string', 'conversation_rating.contact.id'),
  // Spelled `admin_d` in the spec's table; accept it as written.
  'conversation_rating.admin_d': path('string', 'conversation_rating.teammate.id'),
  ai_agent_participated: path('boolean', 'ai_agent_participated'),
  'ai_agent.resolution_state': path('string', 'ai_agent.resolution_state'),
  'ai_agent.last_answer_type': path('string', 'ai_agent.last_answer_type'),
  'ai_agent.rating': path('integer', 'ai_agent.rating'),
  'ai_agent.rating_remark': path('string', 'ai_agent.rating_remark'),
  'ai_agent.source_type': path('string', 'ai_agent.source_type'),
  'ai_agent.source_title': path('string', 'ai_agent.source_title'),
};

function contactFields(ws: Workspace): Record<string, FieldDef<Contact>> {
  const s = (p: string) => path<Contact>('string', p);
  const d = (p: string) => path<Contact>('date', p);
  const b = (p: string) => path<Contact>('boolean', p);
  return {
    id: s('id'),
    role: s('role'),
    name: s('name'),
    avatar: s('avatar.image_url'),
    owner_id: s('owner_id'),
    email: s('email'),
    email_domain: s('email_domain'),
    phone: s('phone'),
    formatted_phone: { type: 'string', get: (c) => (c.phone ? c.phone.replace(/[^+\d]/g, '') : null) },
    external_id: s('external_id'),
    created_at: d('created_at'),
    signed_up_at: d('signed_up_at'),
    updated_at: d('updated_at'),
    last_seen_at: d('last_seen_at'),
    last_contacted_at: d('last_contacted_at'),
    last_replied_at: d('last_replied_at'),
    last_email_opened_at: d('last_email_opened_at'),
    last_email_clicked_at: d('last_email_clicked_at'),
    language_override: s('language_override'),
    browser: s('browser'),
    browser_language: s('browser_language'),
    os: s('os'),
    'location.country': s('location.country'),
    'location.region': s('location.region'),
    'location.city': s('location.city'),
    unsubscribed_from_emails: b('unsubscribed_from_emails'),
    marked_email_as_spam: b('marked_email_as_spam'),
    has_hard_bounced: b('has_hard_bounced'),
    ios_last_seen_at: d('ios_last_seen_at'),
    ios_app_version: s('ios_app_version'),
    ios_device: s('ios_device'),
    ios_app_device: s('ios_device'),
    ios_os_version: s('ios_os_version'),
    ios_app_name: s('ios_app_name'),
    ios_sdk_version: s('ios_sdk_version'),
    android_last_seen_at: d('android_last_seen_at'),
    android_app_version: s('android_app_version'),
    android_device: s('android_device'),
    android_app_name: s('android_app_name'),
    // Spelled `andoid_sdk_version` in the spec's table; accept both spellings.
    andoid_sdk_version: s('android_sdk_version'),
    android_sdk_version: s('android_sdk_version'),
    segment_id: { type: 'string', get: (c) => ws.contactSegments[c.id] ?? [] },
    tag_id: { type: 'string', get: (c) => c.tags.data.map((t) => t.id), tagOnly: true },
  };
}

const OPERATORS: Record<Kind, Record<AttributeType, readonly string[]>> = {
  // Conversations table: = != IN NIN for all types, > < for Integer and Date, ~ !~ ^ $ for String.
  conversations: {
    string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
    integer: ['=', '!=', 'IN', 'NIN', '>', '<'],
    date: ['=', '!=', 'IN', 'NIN', '>', '<'],
    boolean: ['=', '!=', 'IN', 'NIN'],
  },
  // Contacts (single_filter_search_request.operator description).
  contacts: {
    string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
    integer: ['=', '!=', 'IN', 'NIN', '<', '>', '<=', '>='],
    date: ['=', '<', '>'],
    boolean: ['=', '!=', 'IN', 'NIN'],
  },
};
const ALL_OPERATORS = ['=', '!=', 'IN', 'NIN', '<', '<=', '>', '>=', '~', '!~', '^', '$'];

interface CompiledFilter {
  def: FieldDef<unknown>;
  operator: string;
  value: Scalar | Scalar[];
}
type Compiled = { all: Compiled[] } | { any: Compiled[] } | CompiledFilter;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldDef(kind: Kind, ws: Workspace, field: string): FieldDef<unknown> | undefined {
  const table = (kind === 'conversations' ? CONVERSATION_FIELDS : contactFields(ws)) as Record<string, FieldDef<unknown>>;
  if (Object.hasOwn(table, field)) return table[field];
  if (field.startsWith('custom_attributes.')) {
    const name = field.slice('custom_attributes.'.length);
    const attrs = kind === 'conversations' ? ws.conversationAttributes : ws.contactAttributes;
    const type = Object.hasOwn(attrs, name) ? attrs[name] : undefined;
    if (type) return { type, get: (item) => dig((item as { custom_attributes: unknown }).custom_attributes, name) };
  }
  return undefined;
}

function coerce(type: AttributeType, raw: unknown, field: string): Scalar {
  if (raw === null) return null;
  const bad = (): never => {
    throw new SearchError('parameter_invalid', `Value ${JSON.stringify(raw)} is not valid for field ${field} (expected ${type})`, field);
  };
  switch (type) {
    case 'integer':
    case 'date': {
      if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
      if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim());
      return bad();
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return bad();
    case 'string':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number') return String(raw);
      return bad();
  }
}

function compile(kind: Kind, ws: Workspace, node: unknown, depth: number): Compiled {
  if (!isRecord(node)) throw new SearchError('parameter_invalid', 'query must be an object');
  if ('field' in node) {
    const { field, operator, value } = node;
    if (typeof field !== 'string' || field === '') throw new SearchError('parameter_invalid', 'field must be a string', 'field');
    if (typeof operator !== 'string' || !ALL_OPERATORS.includes(operator)) {
      throw new SearchError('parameter_invalid', `Operator ${JSON.stringify(operator)} is not supported`, 'operator');
    }
    const def = fieldDef(kind, ws, field);
    if (!def) throw new SearchError('parameter_invalid', `${field} is not a searchable field`, field);
    const allowed = def.tagOnly ? ['=', '!='] : OPERATORS[kind][def.type];
    if (!allowed.includes(operator)) {
      throw new SearchError('parameter_invalid', `Operator ${operator} is not supported for field ${field}`, field);
    }
    if (!('value' in node)) throw new SearchError('parameter_invalid', `value is required for field ${field}`, field);
    if (operator === 'IN' || operator === 'NIN') {
      if (!Array.isArray(value)) throw new SearchError('parameter_invalid', `Operator ${operator} requires an array value`, field);
      return { def, operator, value: value.map((v: unknown) => coerce(def.type, v, field)) };
    }
    if (Array.isArray(value)) throw new SearchError('parameter_invalid', `Operator ${operator} does not accept an array value`, field);
    const scalar = coerce(def.type, value, field);
    if (scalar === null && operator !== '=' && operator !== '!=') {
      throw new SearchError('parameter_invalid', `Operator ${operator} does not accept null`, field);
    }
    return { def, operator, value: scalar };
  }
  const { operator, value } = node;
  if (operator !== 'AND' && operator !== 'OR') {
    throw new SearchError('parameter_invalid', `Operator ${JSON.stringify(operator)} is not supported for multiple filters; use AND or OR`, 'operator');
  }
  if (depth >= 2) throw new SearchError('parameter_invalid', 'Maximum nesting of 2 levels exceeded');
  if (!Array.isArray(value) || value.length === 0) throw new SearchError('parameter_invalid', `${operator} requires a non-empty array of filters`);
  if (value.length > 15) throw new SearchError('parameter_invalid', `Maximum of 15 filters per ${operator} group exceeded`);
  const children = value.map((child: unknown) => compile(kind, ws, child, depth + 1));
  return operator === 'AND' ? { all: children } : { any: children };
}

/** Start of the calendar day containing `ts` in `timeZone` (unix seconds). */
export function startOfDay(ts: number, timeZone: string): number {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const offsetAt = (t: number): number => {
    const parts = Object.fromEntries(fmt.formatToParts(new Date(t * 1000)).map((p) => [p.type, p.value]));
    const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) / 1000;
    return asUtc - t;
  };
  const local = ts + offsetAt(ts);
  const localMidnight = local - (((local % 86400) + 86400) % 86400);
  // Re-evaluate the offset at midnight itself (DST changes during the day).
  return localMidnight - offsetAt(localMidnight - offsetAt(ts));
}

const norm = (v: Scalar): Scalar => (typeof v === 'string' ? v.toLowerCase() : v);

function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

function matchOne(kind: Kind, ws: Workspace, f: CompiledFilter, item: unknown): boolean {
  const raw = f.def.get(item);
  if (f.def.words && typeof raw === 'string') {
    // Intercom matches source.body element by element: `=` finds a word, `~` a substring of the text.
    const text = plainText(raw).toLowerCase();
    const words = text.split(/[^\p{L}\p{N}_'-]+/u).filter(Boolean);
    const v = String(f.value ?? '').toLowerCase();
    switch (f.operator) {
      case '=': return words.includes(v);
      case '!=': return !words.includes(v);
      case 'IN': return (f.value as Scalar[]).some((x) => words.includes(String(x).toLowerCase()));
      case 'NIN': return !(f.value as Scalar[]).some((x) => words.includes(String(x).toLowerCase()));
      case '~': return text.includes(v);
      case '!~': return !text.includes(v);
      case '^': return text.trimStart().startsWith(v);
      case '$': return text.trimEnd().endsWith(v);
    }
  }
  const values: Scalar[] = Array.isArray(raw) ? raw : [raw];
  const present = values.filter((v) => v !== null);
  const any = (pred: (v: Scalar) => boolean): boolean => present.some(pred);
  const target = f.value;
  if (f.def.type === 'date' && kind === 'contacts' && typeof target === 'number') {
    // Contacts: dates are matched by calendar day in the workspace's timezone (spec).
    const day = startOfDay(target, ws.timezone);
    const nextDay = startOfDay(day + 36 * 3600, ws.timezone);
    switch (f.operator) {
      case '=': return any((v) => (v as number) >= day && (v as number) < nextDay);
      case '>': return any((v) => (v as number) >= nextDay);
      case '<': return any((v) => (v as number) < day);
    }
  }
  switch (f.operator) {
    case '=':
      return target === null ? present.length === 0 : any((v) => norm(v) === norm(target as Scalar));
    case '!=':
      return target === null ? present.length > 0 : !any((v) => norm(v) === norm(target as Scalar));
    case 'IN':
      return any((v) => (target as Scalar[]).some((t) => norm(t) === norm(v)));
    case 'NIN':
      return !any((v) => (target as Scalar[]).some((t) => norm(t) === norm(v)));
    // Conversations: the spec defines > and < as "Greater (or equal) than" / "Lower (or equal) than".
    case '>':
      return any((v) => (kind === 'conversations' ? (v as number) >= (target as number) : (v as number) > (target as number)));
    case '<':
      return any((v) => (kind === 'conversations' ? (v as number) <= (target as number) : (v as number) < (target as number)));
    case '>=':
      return any((v) => (v as number) >= (target as number));
    case '<=':
      return any((v) => (v as number) <= (target as number));
    case '~':
      return any((v) => String(v).toLowerCase().includes(String(target).toLowerCase()));
    case '!~':
      return !any((v) => String(v).toLowerCase().includes(String(target).toLowerCase()));
    case '^':
      return any((v) => String(v).toLowerCase().startsWith(String(target).toLowerCase()));
    case '$':
      return any((v) => String(v).toLowerCase().endsWith(String(target).toLowerCase()));
  }
  return false;
}

function matches(kind: Kind, ws: Workspace, node: Compiled, item: unknown): boolean {
  if ('all' in node) return node.all.every((n) => matches(kind, ws, n, item));
  if ('any' in node) return node.any.some((n) => matches(kind, ws, n, item));
  return matchOne(kind, ws, node, item);
}

type SortKey = [number | string | null, string];

function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  const dir = descending ? -1 : 1;
  const [av, ai] = a;
  const [bv, bi] = b;
  if (av !== bv) {
    if (av === null) return 1; // nulls last either way
    if (bv === null) return -1;
    return (av < bv ? -1 : 1) * dir;
  }
  if (ai === bi) return 0;
  // Ids: numeric for conversations, hex for contacts; compare by length first so '1400' > '1060'.
  const idCmp = ai.length !== bi.length ? ai.length - bi.length : ai < bi ? -1 : 1;
  return idCmp * dir;
}

interface Cursor { k: SortKey; p: number; h: string }

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.k[0], c.k[1], c.p, c.h]), 'utf8').toString('base64');
}

function decodeCursor(s: string): Cursor {
  try {
    const arr: unknown = JSON.parse(Buffer.from(s, 'base64').toString('utf8'));
    if (Array.isArray(arr) && arr.length === 4 && typeof arr[1] === 'string' && typeof arr[2] === 'number' && typeof arr[3] === 'string') {
      const v: unknown = arr[0];
      if (v === null || typeof v === 'number' || typeof v === 'string') return { k: [v, arr[1]], p: arr[2], h: arr[3] };
    }
  } catch {
    // fall through
  }
  throw new SearchError('parameter_invalid', 'starting_after is invalid', 'starting_after');
}

/** Cheap, stable fingerprint of the query + sort, so a cursor from another search is rejected. */
function fingerprint(value: unknown): string {
  const s = JSON.stringify(value) ?? '';
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export interface SearchResult<T> {
  items: T[];
  totalCount: number;
  pages: { type: 'pages'; page: number; per_page: number; total_pages: number; next?: { per_page: number; starting_after: string } };
}

/**
 * Runs a search. Results are sorted by `updated_at` descending (ties: id descending) unless a contacts
 * search asks for another `sort`. Cursors are keyset cursors (last sort key + id), so they really continue.
 */
export function runSearch<T extends { id: string }>(kind: Kind, ws: Workspace, items: readonly T[], body: unknown): SearchResult<T> {
  if (!isRecord(body)) throw new SearchError('parameter_invalid', 'Request body must be a JSON object');
  if (!('query' in body) || body.query === undefined || body.query === null) {
    throw new SearchError('parameter_not_found', 'query is required', 'query');
  }
  const query = compile(kind, ws, body.query, 0);

  let perPage = DEFAULT_PER_PAGE[kind];
  let startingAfter: string | null = null;
  if (body.pagination !== undefined && body.pagination !== null) {
    if (!isRecord(body.pagination)) throw new SearchError('parameter_invalid', 'pagination must be an object', 'pagination');
    const { per_page, starting_after } = body.pagination;
    if (per_page !== undefined) {
      if (typeof per_page !== 'number' || !Number.isInteger(per_page) || per_page < 1) {
        throw new SearchError('parameter_invalid', 'per_page must be a positive integer', 'per_page');
      }
      if (per_page > MAX_PER_PAGE) throw new SearchError('parameter_invalid', `per_page must be less than or equal to ${MAX_PER_PAGE}`, 'per_page');
      perPage = per_page;
    }
    if (starting_after !== undefined && starting_after !== null) {
      if (typeof starting_after !== 'string') throw new SearchError('parameter_invalid', 'starting_after must be a string', 'starting_after');
      startingAfter = starting_after;
    }
  }

  let sortField = 'updated_at';
  let descending = true;
  if (kind === 'contacts' && body.sort !== undefined && body.sort !== null) {
    if (!isRecord(body.sort)) throw new SearchError('parameter_invalid', 'sort must be an object', 'sort');
    const { field, order } = body.sort;
    if (order !== undefined && order !== 'ascending' && order !== 'descending') {
      throw new SearchError('invalid_sort_order', `Invalid sort order '${String(order)}'. Must be one of: ascending, descending`, 'sort');
    }
    if (field !== undefined) {
      if (typeof field !== 'string' || !fieldDef(kind, ws, field)) throw new SearchError('parameter_invalid', `Cannot sort by ${String(field)}`, 'sort');
      sortField = field;
    }
    descending = order !== 'ascending';
  }
  const sortDef = fieldDef(kind, ws, sortField)!;
  const keyOf = (item: T): SortKey => {
    const v = sortDef.get(item);
    const scalar = Array.isArray(v) ? (v[0] ?? null) : v;
    return [typeof scalar === 'boolean' ? Number(scalar) : scalar, item.id];
  };

  const hits = items.filter((item) => matches(kind, ws, query, item)).sort((a, b) => compareKeys(keyOf(a), keyOf(b), descending));
  const hash = fingerprint([body.query, sortField, descending]);
  let start = 0;
  let page = 1;
  if (startingAfter !== null) {
    const cursor = decodeCursor(startingAfter);
    if (cursor.h !== hash) throw new SearchError('parameter_invalid', 'starting_after does not belong to this query', 'starting_after');
    start = hits.findIndex((item) => compareKeys(keyOf(item), cursor.k, descending) > 0);
    if (start === -1) start = hits.length;
    page = cursor.p + 1;
  }
  const slice = hits.slice(start, start + perPage);
  const totalPages = Math.ceil(hits.length / perPage);
  const pages: SearchResult<T>['pages'] = { type: 'pages', page, per_page: perPage, total_pages: totalPages };
  const lastItem = slice[slice.length - 1];
  if (lastItem && start + perPage < hits.length) {
    pages.next = { per_page: perPage, starting_after: encodeCursor({ k: keyOf(lastItem), p: page, h: hash }) };
  }
  return { items: slice, totalCount: hits.length, pages };
}
