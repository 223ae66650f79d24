// Searchable conversation fields. Source: the "Accepted Fields" and "Accepted Operators" tables in the
// description of POST /conversations/search (Intercom API 2.16), with types and enum values from the
// `conversation` and `ai_agent` schemas (spec/intercom/api.intercom.io.yaml).
import { CONVERSATION_STATES, PRIORITIES, SOURCE_TYPES } from '../../intercom/vocabulary.js';
import {
  BOOLEAN_OPS, EXACT_OPS, ORDERED_OPS, spec, STRING_OPS,
  type FieldSpec, type FieldType, type ObjectCatalogue,
} from '../field-spec.js';

function conv(field: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  // Conversations' operator table: = != IN NIN on all types, > < on integers and dates, ~ !~ ^ $ on strings.
  const ops = type === 'string' ? STRING_OPS : type === 'boolean' ? BOOLEAN_OPS
    : type === 'integer' || type === 'date' ? ORDERED_OPS : EXACT_OPS;
  return spec(field, type, ops, extra);
}

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

export const CONVERSATIONS: ObjectCatalogue = {
  fields: CONVERSATION_FIELDS,
  freeText: ['source.subject', 'source.body', 'source.author.name', 'source.author.email'],
  comparisons: 'seconds',
  // The 2.16 conversation table lists no custom attributes.
  customAttributes: false,
  cheatsheet: 'Conversations: state source_type source_subject source_body source_author_email admin_assignee_id tag_ids priority open created_at updated_at.',
};
