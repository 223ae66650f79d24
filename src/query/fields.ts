// The searchable-field catalogue, as data. Source: the "Accepted Fields" and "Accepted Operators" tables in
// the descriptions of POST /conversations/search and POST /contacts/search (Intercom API 2.16), with types and
// enum values taken from the `conversation`, `ai_agent` and `contact` schemas.
import type { Operator } from '../intercom/types.js';

export type ObjectType = 'conversations' | 'contacts';

/** `id` is a string identifier (exact match only); `numeric` ids are sent as integers. */
export type FieldType = 'string' | 'integer' | 'boolean' | 'date' | 'enum' | 'id';

export const OPERATOR_WORDS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'nin',
] as const;
export type DslOperator = (typeof OPERATOR_WORDS)[number];

/** DSL word → Intercom operator. gte/lte are absent where Intercom lacks them; translate.ts emulates those. */
export const INTERCOM_OPERATOR: Readonly<Record<DslOperator, Operator>> = {
  eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=',
  contains: '~', not_contains: '!~', starts_with: '^', ends_with: '$', in: 'IN', nin: 'NIN',
};

export function isOperatorWord(word: string): word is DslOperator {
  return (OPERATOR_WORDS as readonly string[]).includes(word);
}

export interface FieldSpec {
  /** DSL name: the Intercom field with dots flattened to underscores. */
  readonly name: string;
  /** The field Intercom expects in a filter. */
  readonly field: string;
  readonly type: FieldType;
  /** Allowed values of an enum. */
  readonly values?: readonly string[];
  /** DSL operators accepted for this field (gte/lte may be emulated, see translate.ts). */
  readonly operators: readonly DslOperator[];
  /** An id Intercom types as Integer (assignee ids): digits only, sent as a number. */
  readonly numeric?: boolean;
  /** An integer number of seconds; also accepts 90s, 30m, 4h, 2d, 1w. */
  readonly duration?: boolean;
  /** The spelling in the spec's table when that table has a typo (the schema spelling is used instead). */
  readonly specName?: string;
}

const STRING_OPS: readonly DslOperator[] = ['eq', 'neq', 'in', 'nin', 'contains', 'not_contains', 'starts_with', 'ends_with'];
const EXACT_OPS: readonly DslOperator[] = ['eq', 'neq', 'in', 'nin'];
// Booleans: IN/NIN are pointless for two values, and the search_request schema allows no booleans in arrays.
const BOOLEAN_OPS: readonly DslOperator[] = ['eq', 'neq'];
const ORDERED_OPS: readonly DslOperator[] = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte'];
// Contacts: "!=, >=, <=, IN and NIN are not supported on Date fields and return an error" (gte/lte emulated).
const CONTACT_DATE_OPS: readonly DslOperator[] = ['eq', 'gt', 'gte', 'lt', 'lte'];

function spec(field: string, type: FieldType, operators: readonly DslOperator[], extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name: field.replace(/\./g, '_'), field, type, operators, ...extra };
}

function conv(field: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  // Conversations' operator table: = != IN NIN on all types, > < on integers and dates, ~ !~ ^ $ on strings.
  const ops = type === 'string' ? STRING_OPS : type === 'boolean' ? BOOLEAN_OPS
    : type === 'integer' || type === 'date' ? ORDERED_OPS : EXACT_OPS;
  return spec(field, type, ops, extra);
}

function cont(field: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  const ops = type === 'string' ? STRING_OPS : type === 'boolean' ? BOOLEAN_OPS
    : type === 'date' ? CONTACT_DATE_OPS : type === 'integer' ? ORDERED_OPS : EXACT_OPS;
  return spec(field, type, ops, extra);
}

export const SOURCE_TYPES = [
  'conversation', 'email', 'facebook', 'instagram', 'phone_call', 'phone_switch', 'push', 'sms', 'twitter', 'whatsapp',
] as const;
export const CONVERSATION_STATES = ['open', 'closed', 'snoozed'] as const;
/** The `conversation.priority` enum of 2.16. */
export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
/** Pre-2.12 spellings still accepted: `priority` means any level but none, `not_priority` means none. */
export const PRIORITY_ALIASES = ['priority', 'not_priority'] as const;
export const CONTACT_ROLES = ['user', 'lead'] as const;

export const CONVERSATION_FIELDS: readonly FieldSpec[] = [
  conv('id', 'id'),
  conv('created_at', 'date'),
  conv('updated_at', 'date'),
  conv('source.type', 'enum', { values: SOURCE_TYPES }),
  conv('source.id', 'id'),
  conv('source.delivered_as', 'string'),
  conv('source.subject', 'string'),
  conv('source.body', 'string'),
  conv('source.author.id', 'id'),
  conv('source.author.type', 'string'),
  conv('source.author.name', 'string'),
  conv('source.author.email', 'string'),
  conv('source.url', 'string'),
  conv('contact_ids', 'id'),
  conv('teammate_ids', 'id'),
  // Integer in the spec; `>`/`<` on an id make no sense, so exact operators only.
  conv('admin_assignee_id', 'id', { numeric: true }),
  conv('team_assignee_id', 'id', { numeric: true }),
  conv('channel_initiated', 'string'),
  conv('open', 'boolean'),
  conv('read', 'boolean'),
  conv('state', 'enum', { values: CONVERSATION_STATES }),
  conv('waiting_since', 'date'),
  conv('snoozed_until', 'date'),
  conv('tag_ids', 'id'),
  conv('priority', 'enum', { values: PRIORITIES }),
  conv('statistics.time_to_assignment', 'integer', { duration: true }),
  conv('statistics.time_to_admin_reply', 'integer', { duration: true }),
  conv('statistics.time_to_first_close', 'integer', { duration: true }),
  conv('statistics.time_to_last_close', 'integer', { duration: true }),
  conv('statistics.median_time_to_reply', 'integer', { duration: true }),
  conv('statistics.first_contact_reply_at', 'date'),
  conv('statistics.first_assignment_at', 'date'),
  conv('statistics.first_admin_reply_at', 'date'),
  conv('statistics.first_close_at', 'date'),
  conv('statistics.last_assignment_at', 'date'),
  conv('statistics.last_assignment_admin_reply_at', 'date'),
  conv('statistics.last_contact_reply_at', 'date'),
  conv('statistics.last_admin_reply_at', 'date'),
  conv('statistics.last_close_at', 'date'),
  conv('statistics.last_closed_by_id', 'id'),
  conv('statistics.count_reopens', 'integer'),
  conv('statistics.count_assignments', 'integer'),
  conv('statistics.count_conversation_parts', 'integer'),
  conv('conversation_rating.requested_at', 'date'),
  conv('conversation_rating.replied_at', 'date'),
  conv('conversation_rating.score', 'integer'),
  conv('conversation_rating.remark', 'string'),
  conv('conversation_rating.contact_id', 'id'),
  // The spec's table says `admin_d`, an evident typo for the admin id.
  conv('conversation_rating.admin_id', 'id', { specName: 'conversation_rating.admin_d' }),
  conv('ai_agent_participated', 'boolean'),
  conv('ai_agent.resolution_state', 'enum', {
    values: ['assumed_resolution', 'confirmed_resolution', 'escalated', 'negative_feedback', 'procedure_handoff'],
  }),
  conv('ai_agent.last_answer_type', 'enum', { values: ['ai_answer', 'custom_answer'] }),
  conv('ai_agent.rating', 'integer'),
  conv('ai_agent.rating_remark', 'string'),
  conv('ai_agent.source_type', 'enum', {
    values: ['essentials_plan_setup', 'profile', 'workflow', 'workflow_preview', 'fin_preview'],
  }),
  conv('ai_agent.source_title', 'string'),
];

export const CONTACT_FIELDS: readonly FieldSpec[] = [
  cont('id', 'id'),
  cont('role', 'enum', { values: CONTACT_ROLES }),
  cont('name', 'string'),
  cont('avatar', 'string'),
  cont('owner_id', 'id'),
  cont('email', 'string'),
  cont('email_domain', 'string'),
  cont('phone', 'string'),
  cont('formatted_phone', 'string'),
  cont('external_id', 'string'),
  cont('created_at', 'date'),
  cont('signed_up_at', 'date'),
  cont('updated_at', 'date'),
  cont('last_seen_at', 'date'),
  cont('last_contacted_at', 'date'),
  cont('last_replied_at', 'date'),
  cont('last_email_opened_at', 'date'),
  cont('last_email_clicked_at', 'date'),
  cont('language_override', 'string'),
  cont('browser', 'string'),
  cont('browser_language', 'string'),
  cont('os', 'string'),
  cont('location.country', 'string'),
  cont('location.region', 'string'),
  cont('location.city', 'string'),
  cont('unsubscribed_from_emails', 'boolean'),
  cont('marked_email_as_spam', 'boolean'),
  cont('has_hard_bounced', 'boolean'),
  cont('ios_last_seen_at', 'date'),
  cont('ios_app_version', 'string'),
  cont('ios_device', 'string'),
  cont('ios_app_device', 'string'),
  cont('ios_os_version', 'string'),
  cont('ios_app_name', 'string'),
  cont('ios_sdk_version', 'string'),
  cont('android_last_seen_at', 'date'),
  cont('android_app_version', 'string'),
  cont('android_device', 'string'),
  cont('android_app_name', 'string'),
  // The table says `andoid_sdk_version`; the contact schema (and API) spell it android_sdk_version.
  cont('android_sdk_version', 'string', { specName: 'andoid_sdk_version' }),
  cont('segment_id', 'id'),
  // "Searching by tag_id supports only the = and != operators."
  spec('tag_id', 'id', ['eq', 'neq']),
];

/** Contacts only: the 2.16 conversation table lists no custom attributes. */
export const CUSTOM_ATTRIBUTE_PREFIX = 'custom_attributes.';
/** Custom attribute types are unknown up front, so every operator is allowed and the value is typed by form. */
export const CUSTOM_ATTRIBUTE_OPERATORS: readonly DslOperator[] = OPERATOR_WORDS;

/** Free-text (`q:`) targets: an OR group of `~` filters over these. */
export const FREE_TEXT_FIELDS: Readonly<Record<ObjectType, readonly string[]>> = {
  conversations: ['source.subject', 'source.body', 'source.author.name', 'source.author.email'],
  contacts: ['name', 'email', 'phone'],
};

/** Terms that are not filters. */
export const SPECIAL_KEYS = ['object_type', 'q', 'limit', 'starting_after'] as const;

const CATALOGUE: Readonly<Record<ObjectType, readonly FieldSpec[]>> = {
  conversations: CONVERSATION_FIELDS,
  contacts: CONTACT_FIELDS,
};

function index(fields: readonly FieldSpec[]): ReadonlyMap<string, FieldSpec> {
  const map = new Map<string, FieldSpec>();
  for (const f of fields) {
    map.set(f.name, f);
    map.set(f.field, f);
  }
  return map;
}

const INDEX: Readonly<Record<ObjectType, ReadonlyMap<string, FieldSpec>>> = {
  conversations: index(CONVERSATION_FIELDS),
  contacts: index(CONTACT_FIELDS),
};

export function fieldCatalogue(objectType: ObjectType): readonly FieldSpec[] {
  return CATALOGUE[objectType];
}

/** A catalogued field by flattened or dotted name (case-insensitive); custom attributes are handled by callers. */
export function lookupField(objectType: ObjectType, name: string): FieldSpec | undefined {
  return INDEX[objectType].get(name.toLowerCase());
}

const SEARCHABLE: Readonly<Record<ObjectType, readonly string[]>> = {
  conversations: CONVERSATION_FIELDS.map((f) => f.name),
  contacts: [...CONTACT_FIELDS.map((f) => f.name), 'custom_attributes.NAME'],
};

/** Field names accepted by the DSL (flattened form), for error messages and descriptions. */
export function searchableFields(objectType: ObjectType): readonly string[] {
  return SEARCHABLE[objectType];
}

/** For the `search` tool description: the useful fields and four examples (kept under 900 characters). */
export const DSL_CHEATSHEET = [
  'Terms field:value or field:op:value, ANDed; `a OR b` joins two terms. Needs object_type:conversations|contacts.',
  'Ops: eq neq gt gte lt lte contains not_contains starts_with ends_with in nin (in:a,b). Quote text with spaces.',
  'Dates: unix seconds, 2025-06-01, 2025-06-01T09:00Z or age 12h 7d. q:"text" free text; limit:N (1-150); starting_after:CURSOR.',
  'Conversations: state source_type source_subject source_body source_author_email admin_assignee_id tag_ids priority open created_at updated_at.',
  'Contacts: email email_domain name phone external_id role created_at last_seen_at custom_attributes.NAME.',
  'Examples:',
  'object_type:conversations state:open source_type:email created_at:gt:7d',
  'object_type:conversations state:open OR state:snoozed q:"refund" limit:20',
  'object_type:contacts email_domain:example.com role:user',
  'object_type:contacts custom_attributes.plan:in:pro,team last_seen_at:lt:30d',
].join('\n');
