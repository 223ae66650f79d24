// Builders for the two structured search tools. They share the DSL's catalogue, typing and limits, so a
// structured call and the equivalent DSL query produce the same Intercom body.
import type { SearchRequest, SingleFilter } from '../intercom/types.js';
import type { ContactRole, ConversationState, PriorityInput } from '../intercom/vocabulary.js';
import { QueryError, show } from './errors.js';
import { lookupField, type DslOperator, type ObjectType } from './fields.js';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, assemble, buildFilter, type Target } from './translate.js';
import type { ValueInput } from './values.js';

export type ComparisonOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';

export interface Comparison {
  operator: ComparisonOperator;
  /** Unix seconds, an ISO date or an age like 7d for dates; seconds (or 30m, 4h) for durations. */
  value: number | string;
}

export interface ConversationSearchArgs {
  ids?: string[];
  source_type?: string;
  source_author_name?: string;
  source_author_email?: string;
  state?: ConversationState;
  open?: boolean;
  read?: boolean;
  /** 2.16 levels none|low|medium|high|urgent; legacy priority|not_priority also accepted. */
  priority?: PriorityInput;
  team_assignee_id?: string;
  admin_assignee_id?: string;
  tag_ids?: string[];
  ai_agent_participated?: boolean;
  created_at?: Comparison;
  updated_at?: Comparison;
  statistics_time_to_assignment?: Comparison;
  statistics_time_to_admin_reply?: Comparison;
  statistics_time_to_first_close?: Comparison;
  per_page?: number;
  starting_after?: string;
}

export interface ContactSearchArgs {
  ids?: string[];
  name?: string;
  email?: string;
  email_domain?: string;
  phone?: string;
  external_id?: string;
  role?: ContactRole;
  custom_attributes?: Record<string, string | number | boolean>;
  match?: 'exact' | 'contains' | 'starts_with' | 'ends_with';
  per_page?: number;
  starting_after?: string;
}

const COMPARISON_OPERATORS: readonly string[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
const MATCH_OPERATORS: Readonly<Record<string, DslOperator>> = {
  exact: 'eq', contains: 'contains', starts_with: 'starts_with', ends_with: 'ends_with',
};

function target(objectType: ObjectType, name: string): Target {
  const spec = lookupField(objectType, name);
  if (spec === undefined) throw new QueryError(`internal: ${name} is not catalogued for ${objectType}.`);
  return { kind: 'field', spec };
}

function scalar(value: unknown, name: string): ValueInput {
  if (typeof value === 'string') return { text: value, quoted: true };
  if (typeof value === 'number' && Number.isFinite(value)) return { text: String(value), quoted: false };
  if (typeof value === 'boolean') return { text: String(value), quoted: false };
  throw new QueryError(`${name} must be text, a number or true/false; got ${show(JSON.stringify(value) ?? typeof value)}.`);
}

function list(value: unknown, name: string): ValueInput[] {
  if (!Array.isArray(value) || value.length === 0) throw new QueryError(`${name} must be a non-empty list.`);
  return value.map((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') throw new QueryError(`${name}[${i}] must be a non-empty string.`);
    return { text: v, quoted: true };
  });
}

function comparison(value: unknown, name: string): { op: DslOperator; input: ValueInput } {
  const c = value as Partial<Comparison> | null;
  if (typeof c !== 'object' || c === null || !COMPARISON_OPERATORS.includes(String(c.operator))) {
    throw new QueryError(`${name} must be {operator, value} with operator one of ${COMPARISON_OPERATORS.join(', ')}.`);
  }
  return { op: c.operator as DslOperator, input: scalar(c.value, `${name}.value`) };
}

function pagination(args: { per_page?: number; starting_after?: string }): NonNullable<SearchRequest['pagination']> {
  const perPage = args.per_page ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw new QueryError(`per_page must be a whole number from 1 to ${MAX_PER_PAGE}; got ${show(String(perPage))}.`);
  }
  const out: NonNullable<SearchRequest['pagination']> = { per_page: perPage };
  if (args.starting_after !== undefined) {
    if (typeof args.starting_after !== 'string' || args.starting_after.trim() === '') {
      throw new QueryError('starting_after must be the cursor from the previous page.');
    }
    out.starting_after = args.starting_after.trim();
  }
  return out;
}

function wrapErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof QueryError) throw err;
    throw new QueryError(`invalid search arguments: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const CONVERSATION_SCALARS = [
  'source_type', 'source_author_name', 'source_author_email', 'state', 'open', 'read', 'priority',
  'team_assignee_id', 'admin_assignee_id', 'ai_agent_participated',
] as const;
const CONVERSATION_COMPARISONS = [
  'created_at', 'updated_at', 'statistics_time_to_assignment', 'statistics_time_to_admin_reply', 'statistics_time_to_first_close',
] as const;

/** Intercom search body for search_conversations. No filter at all searches everything (newest pages first). */
export function buildConversationSearch(args: ConversationSearchArgs, options?: { now?: Date }): SearchRequest {
  return wrapErrors(() => {
    const now = options?.now ?? new Date();
    const o: ObjectType = 'conversations';
    const filters: SingleFilter[] = [];
    if (args.ids !== undefined) filters.push(buildFilter(o, target(o, 'id'), 'in', list(args.ids, 'ids'), now));
    for (const key of CONVERSATION_SCALARS) {
      const value = args[key];
      if (value === undefined) continue;
      filters.push(buildFilter(o, target(o, key), 'eq', [scalar(value, key)], now));
    }
    if (args.tag_ids !== undefined) filters.push(buildFilter(o, target(o, 'tag_ids'), 'in', list(args.tag_ids, 'tag_ids'), now));
    for (const key of CONVERSATION_COMPARISONS) {
      const value = args[key];
      if (value === undefined) continue;
      const { op, input } = comparison(value, key);
      filters.push(buildFilter(o, target(o, key), op, [input], now));
    }
    return { query: assemble(filters, []), pagination: pagination(args) };
  });
}

const CONTACT_FILTER_ARGS = 'ids, name, email, email_domain, phone, external_id, role, custom_attributes';

/** Intercom search body for search_contacts. At least one filter is required. */
export function buildContactSearch(args: ContactSearchArgs, options?: { now?: Date }): SearchRequest {
  return wrapErrors(() => {
    const now = options?.now ?? new Date();
    const o: ObjectType = 'contacts';
    const filters: SingleFilter[] = [];
    const match = args.match ?? 'exact';
    const matchOp = MATCH_OPERATORS[match];
    if (matchOp === undefined) {
      throw new QueryError(`match ${show(String(match))} is not known; use one of ${Object.keys(MATCH_OPERATORS).join(', ')}.`);
    }
    if (args.ids !== undefined) filters.push(buildFilter(o, target(o, 'id'), 'in', list(args.ids, 'ids'), now));
    for (const key of ['name', 'email', 'phone', 'external_id'] as const) {
      const value = args[key];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.trim() === '') throw new QueryError(`${key} must be non-empty text.`);
      filters.push(buildFilter(o, target(o, key), matchOp, [{ text: value, quoted: true }], now));
    }
    if (args.email_domain !== undefined) {
      const domain = args.email_domain;
      if (typeof domain !== 'string' || domain.trim() === '') throw new QueryError('email_domain must be non-empty text.');
      // Intercom's email_domain field holds the bare domain; tolerate "@example.com".
      filters.push(buildFilter(o, target(o, 'email_domain'), 'eq', [{ text: domain.trim().replace(/^@/, ''), quoted: true }], now));
    }
    if (args.role !== undefined) filters.push(buildFilter(o, target(o, 'role'), 'eq', [scalar(args.role, 'role')], now));
    if (args.custom_attributes !== undefined) {
      const attrs = args.custom_attributes;
      if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) {
        throw new QueryError('custom_attributes must be an object of attribute name → value.');
      }
      for (const [name, value] of Object.entries(attrs)) {
        if (name.trim() === '') throw new QueryError('custom_attributes: attribute names must not be empty.');
        if (typeof value === 'number' && !Number.isSafeInteger(value)) {
          throw new QueryError(`custom_attributes.${name}: Intercom's search takes whole numbers; got ${value}.`);
        }
        const v = scalar(value, `custom_attributes.${name}`);
        // The value keeps the JSON type it was given: quoted (string) stays text, numbers and booleans stay typed.
        filters.push(buildFilter(o, { kind: 'custom', name }, 'eq', [v], now));
      }
    }
    if (filters.length === 0) throw new QueryError(`give at least one of ${CONTACT_FILTER_ARGS} to search contacts.`);
    return { query: assemble(filters, []), pagination: pagination(args) };
  });
}

export interface CompanyListArgs {
  name?: string;
  company_id?: string;
  tag_id?: string;
  segment_id?: string;
  per_page?: number;
  starting_after?: string;
}

const COMPANY_FILTER_ARGS = ['name', 'company_id', 'tag_id', 'segment_id'] as const;

/** The body list_companies hands to the registry: at most one filter (none lists all companies). */
export function buildCompanyList(args: CompanyListArgs, options?: { now?: Date }): SearchRequest {
  return wrapErrors(() => {
    const now = options?.now ?? new Date();
    const o: ObjectType = 'companies';
    const filters: SingleFilter[] = [];
    for (const key of COMPANY_FILTER_ARGS) {
      const value = args[key];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.trim() === '') throw new QueryError(`${key} must be non-empty text.`);
      filters.push(buildFilter(o, target(o, key), 'eq', [{ text: value.trim(), quoted: true }], now));
    }
    if (filters.length > 1) {
      throw new QueryError(
        `send at most one of ${COMPANY_FILTER_ARGS.join(', ')} (got ${filters.map((f) => f.field).join(' and ')}): Intercom lists companies by one filter. Send none to list all companies, most recently active first.`,
      );
    }
    return { query: filters[0] ?? { operator: 'AND', value: [] }, pagination: pagination(args) };
  });
}
