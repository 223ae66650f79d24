// Typing and translation: parsed groups → an Intercom `search_request` body.
//
// Shape rules (spec, "Nesting & Limitations" and the search_request schema):
// - at most 2 levels of nested groups and at most 15 filters per AND/OR group;
// - a group's `value` is either all single filters or all groups (the schema's oneOf), so single filters
//   sitting next to OR groups are gathered into one inner AND group: a AND (b OR c) becomes
//   AND[AND[a], OR[b, c]] — two levels, always valid, and never deeper.
// - a lone filter is sent bare, never wrapped.
import type { MultipleFilter, SearchRequest, SingleFilter } from '../intercom/types.js';
import { QueryError, show } from './errors.js';
import {
  CUSTOM_ATTRIBUTE_OPERATORS, CUSTOM_ATTRIBUTE_PREFIX, FREE_TEXT_FIELDS, INTERCOM_OPERATOR, OBJECT_TYPES, PRIORITY_ALIASES,
  SPECIAL_KEYS, catalogueOf, lookupField, searchableFields, type DslOperator, type FieldSpec, type ObjectCatalogue, type ObjectType,
} from './fields.js';
import { kindOfObjectType } from '../intercom/record-kinds.js';
import { parse, type FilterTerm, type Group, type SpecialTerm } from './parse.js';
import { didYouMean } from './suggest.js';
import { typeCustomValue, typeFieldValue, type ScalarValue, type ValueInput } from './values.js';

export type { ObjectType } from './fields.js';

export interface TranslatedQuery {
  objectType: ObjectType;
  body: SearchRequest;
}

export const MAX_QUERY_LENGTH = 10_000;
export const MAX_FILTERS_PER_GROUP = 15;
export const DEFAULT_PER_PAGE = 5;
export const MAX_PER_PAGE = 150;

const DAY = 86_400;

/**
 * Sent when a query has no filter: Intercom requires one. Every conversation and contact has a creation date
 * after the epoch, and `>` is valid on dates for both objects.
 */
export const MATCH_ALL: SingleFilter = { field: 'created_at', operator: '>', value: 0 };

const EXAMPLE = 'object_type:conversations state:open';
/** `object_type:conversations or object_type:contacts`: every object type the DSL searches. */
const OBJECT_TYPE_TERMS = OBJECT_TYPES.map((o) => `object_type:${o}`).join(' or ');

/** A filter target: a catalogued field or a contact custom attribute. */
export type Target = { kind: 'field'; spec: FieldSpec } | { kind: 'custom'; name: string };

export function targetLabel(t: Target): string {
  return t.kind === 'field' ? t.spec.name : CUSTOM_ATTRIBUTE_PREFIX + t.name;
}

/** Resolve a field name for an object type, or throw a QueryError listing the searchable fields. */
export function resolveTarget(objectType: ObjectType, name: string): Target {
  if (name.toLowerCase().startsWith(CUSTOM_ATTRIBUTE_PREFIX)) {
    const attr = name.slice(CUSTOM_ATTRIBUTE_PREFIX.length);
    if (!catalogueOf(objectType).customAttributes) {
      const where = OBJECT_TYPES.filter((o) => catalogueOf(o).customAttributes).join(' and ');
      throw new QueryError(`${show(name)}: custom attributes are searchable for ${where} only (Intercom's ${objectType} search lists none). Searchable: ${searchableFields(objectType).join(', ')}.`);
    }
    if (attr.trim() === '') throw new QueryError(`${show(name)}: name the attribute, e.g. custom_attributes.plan:pro.`);
    return { kind: 'custom', name: attr };
  }
  const spec = lookupField(objectType, name);
  if (spec !== undefined) return { kind: 'field', spec };
  const others = OBJECT_TYPES.filter((o) => o !== objectType && lookupField(o, name) !== undefined);
  const elsewhere = others.length > 0 ? ` (that is a field of ${others.join(' and ')})` : '';
  const candidates = [...searchableFields(objectType), ...SPECIAL_KEYS];
  throw new QueryError(
    `field ${show(name)} is not searchable for ${objectType}${elsewhere}${didYouMean(name, candidates)} Searchable: ${searchableFields(objectType).join(', ')}.`,
  );
}

/** Operators allowed for a target. */
export function allowedOperators(t: Target): readonly DslOperator[] {
  return t.kind === 'field' ? t.spec.operators : CUSTOM_ATTRIBUTE_OPERATORS;
}

function checkOperator(t: Target, op: DslOperator): void {
  const allowed = allowedOperators(t);
  if (!allowed.includes(op)) {
    const what = t.kind === 'field' ? ` (${t.spec.type === 'id' ? 'an id' : t.spec.type === 'integer' ? 'an integer' : t.spec.type === 'enum' ? 'a fixed set of values' : `a ${t.spec.type}`})` : '';
    throw new QueryError(`operator \`${op}\` does not apply to \`${targetLabel(t)}\`${what}; use one of: ${allowed.join(', ')}.`);
  }
}

/**
 * One filter for a target. The comparison operators differ by object (2.16 spec):
 * - conversations have only `>` and `<`, both inclusive, on exact values: gt X is `> X+1`, gte X is `> X`;
 * - contact dates match by calendar day and lack >=/<=: gte X is `> X - 1 day`, lte X is `< X + 1 day`;
 * - contact integers have real `>`, `>=`, `<`, `<=`.
 */
export function buildFilter(
  objectType: ObjectType, target: Target, op: DslOperator, values: readonly ValueInput[], now: Date,
): SingleFilter {
  checkOperator(target, op);
  const label = targetLabel(target);
  const field = target.kind === 'field' ? target.spec.field : label;
  const list = op === 'in' || op === 'nin';
  if (!list && values.length !== 1) throw new QueryError(`\`${label}:${op}\` takes one value.`);
  if (values.length === 0) throw new QueryError(`\`${label}:${op}\` needs at least one value.`);

  // Legacy priority spellings map onto the 2.16 levels.
  if (target.kind === 'field' && target.spec.name === 'priority') {
    const alias = values.map((v) => v.text.trim().toLowerCase()).find((x) => (PRIORITY_ALIASES as readonly string[]).includes(x));
    if (alias !== undefined) {
      if (list) throw new QueryError(`\`priority:${op}\`: ${show(alias)} works with eq or neq only; list levels instead (none, low, medium, high, urgent).`);
      const isNone = (alias === 'not_priority') === (op === 'eq');
      return { field, operator: isNone ? '=' : '!=', value: 'none' };
    }
  }

  // Intercom matches `source.body` word by word: `=` with several words never matches anything.
  if (field === 'source.body' && (op === 'eq' || op === 'neq' || list) && values.some((v) => /\s/.test(v.text.trim()))) {
    throw new QueryError(
      `\`${label}:${op}\` compares single words of the message (Intercom matches source_body word by word), so several words never match; use \`${label}:contains:"…"\` for a phrase.`,
    );
  }

  const typed: ScalarValue[] = [];
  let isDate = target.kind === 'field' && target.spec.type === 'date';
  for (const v of values) {
    if (target.kind === 'field') {
      typed.push(typeFieldValue(target.spec, op, v, now, label, catalogueOf(objectType).comparisons === 'seconds'));
    } else {
      const c = typeCustomValue(label, op, v, now);
      if (c.isDate) isDate = true;
      typed.push(c.value);
    }
  }
  if (list) {
    const items: Array<string | number> = [];
    for (const t of typed) {
      // The schema allows only strings and integers inside arrays.
      if (typeof t === 'boolean') throw new QueryError(`\`${label}:${op}\` lists take text or numbers, not true/false; use eq or neq.`);
      items.push(t);
    }
    return { field, operator: INTERCOM_OPERATOR[op], value: items };
  }
  const value = typed[0]!;
  if (typeof value === 'number' && (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte')) {
    if (catalogueOf(objectType).comparisons === 'seconds') {
      // Conversation search: `>` and `<` include the value itself ("Greater (or equal) than"), to the second.
      if (op === 'gt') return { field, operator: '>', value: value + 1 };
      if (op === 'gte') return { field, operator: '>', value };
      if (op === 'lt') return { field, operator: '<', value: value - 1 };
      return { field, operator: '<', value };
    }
    if (isDate && (op === 'gte' || op === 'lte')) {
      // Contact dates match by calendar day (`>` starts at the next day, `<` ends before the day) and have no
      // >= or <=, so widen by a day; a one-second shift would lose the day itself.
      return op === 'gte' ? { field, operator: '>', value: Math.max(0, value - DAY) } : { field, operator: '<', value: value + DAY };
    }
  }
  return { field, operator: INTERCOM_OPERATOR[op], value };
}

/** `q:` free text: `~` on each text field of the object. */
export function freeTextFilters(objectType: ObjectType, text: string): SingleFilter[] {
  return FREE_TEXT_FIELDS[objectType].map((field) => ({ field, operator: '~', value: text }));
}

type Node = SingleFilter | MultipleFilter;

function tooMany(count: number, where: string): QueryError {
  return new QueryError(
    `too many filters: ${count} ${where}, and Intercom allows at most ${MAX_FILTERS_PER_GROUP} per group. Combine values of one field with in:a,b,c, or narrow the query.`,
  );
}

/** Assemble AND-ed single filters and OR groups into the smallest valid query (see the file comment). */
export function assemble(singles: readonly SingleFilter[], orGroups: readonly (readonly SingleFilter[])[]): Node {
  for (const g of orGroups) if (g.length > MAX_FILTERS_PER_GROUP) throw tooMany(g.length, 'joined by OR');
  if (singles.length > MAX_FILTERS_PER_GROUP) throw tooMany(singles.length, 'combined with AND');
  const ors: MultipleFilter[] = orGroups.map((g) => ({ operator: 'OR', value: [...g] }));
  if (ors.length === 0) {
    if (singles.length === 0) return { ...MATCH_ALL };
    if (singles.length === 1) return singles[0]!;
    return { operator: 'AND', value: [...singles] };
  }
  const children: MultipleFilter[] = singles.length > 0 ? [{ operator: 'AND', value: [...singles] }, ...ors] : ors;
  if (children.length === 1) return children[0]!;
  if (children.length > MAX_FILTERS_PER_GROUP) throw tooMany(children.length, 'groups combined with AND');
  return { operator: 'AND', value: children };
}

function objectTypeOf(term: SpecialTerm): ObjectType {
  const v = term.value.text.trim().toLowerCase();
  // The singular works too: object_type:conversation, object_type:company.
  const found = OBJECT_TYPES.find((o) => v === o || v === kindOfObjectType(o));
  if (found !== undefined) return found;
  throw new QueryError(`object_type ${show(term.value.text)} is not known${didYouMean(v, OBJECT_TYPES)} Use ${OBJECT_TYPE_TERMS}.`);
}

export function parsePerPage(text: string, label: string): number {
  const t = text.trim();
  const n = /^\d{1,6}$/.test(t) ? Number(t) : NaN;
  if (!(n >= 1 && n <= MAX_PER_PAGE)) throw new QueryError(`${label} must be a whole number from 1 to ${MAX_PER_PAGE}; got ${show(text)}.`);
  return n;
}

function translate(groups: readonly Group[], now: Date): TranslatedQuery {
  const specials = new Map<string, SpecialTerm>();
  for (const group of groups) {
    for (const term of group) {
      if (term.kind !== 'special') continue;
      if (group.length > 1 && term.key !== 'q') throw new QueryError(`${show(term.raw)} cannot be joined with OR; only filters and q: can.`);
      if (specials.has(term.key)) throw new QueryError(`${term.key} may appear only once; found ${show(specials.get(term.key)!.raw)} and ${show(term.raw)}.`);
      specials.set(term.key, term);
    }
  }
  const ot = specials.get('object_type');
  if (ot === undefined) {
    throw new QueryError(`missing object_type: every query says what to search, ${OBJECT_TYPE_TERMS}, e.g. \`${EXAMPLE}\`.`);
  }
  const objectType = objectTypeOf(ot);

  const singles: SingleFilter[] = [];
  const orGroups: SingleFilter[][] = [];
  for (const group of groups) {
    const filters: SingleFilter[] = [];
    for (const term of group) {
      if (term.kind === 'special') {
        if (term.key !== 'q') continue;
        if (term.value.text.trim() === '') throw new QueryError('q: needs some text, e.g. q:"refund".');
        filters.push(...freeTextFilters(objectType, term.value.text));
        continue;
      }
      filters.push(filterOf(objectType, term, now));
    }
    if (filters.length === 0) continue;
    // q alone expands to an OR group; inside an OR group its filters simply join it.
    const isOrGroup = group.length > 1 || (group[0]?.kind === 'special' && group[0].key === 'q');
    if (isOrGroup) orGroups.push(filters);
    else singles.push(...filters);
  }

  const filtering = catalogueOf(objectType).filtering;
  const body: SearchRequest = { query: filtering ? listFilters(objectType, filtering, groups, singles, orGroups) : assemble(singles, orGroups) };
  const limit = specials.get('limit');
  const cursor = specials.get('starting_after');
  body.pagination = { per_page: limit === undefined ? DEFAULT_PER_PAGE : parsePerPage(limit.value.text, 'limit') };
  if (cursor !== undefined) {
    const c = cursor.value.text.trim();
    if (c === '') throw new QueryError('starting_after: needs the cursor from the previous page.');
    body.pagination.starting_after = c;
  }
  return { objectType, body };
}

/**
 * The filters of an object Intercom lists rather than searches (catalogue `filtering`): AND-ed single
 * filters, each field once, at most maxFilters; none is an empty AND, which lists everything. `q:` is one
 * filter when the catalogue has one free-text field (a list endpoint's phrase parameter), else refused.
 */
function listFilters(
  objectType: ObjectType,
  filtering: NonNullable<ObjectCatalogue['filtering']>,
  groups: readonly Group[],
  singles: readonly SingleFilter[],
  orGroups: readonly (readonly SingleFilter[])[],
): MultipleFilter | SingleFilter {
  const fields = searchableFields(objectType).join(', ');
  for (const group of groups) {
    const q = group.find((t) => t.kind === 'special' && t.key === 'q');
    if (q && FREE_TEXT_FIELDS[objectType].length !== 1) {
      throw new QueryError(`${show(q.raw)}: q: is not available for ${objectType}: ${filtering.why}. Use one of ${fields}.`);
    }
    if (group.length > 1) throw new QueryError(`${objectType} take no OR: ${filtering.why}. Send one of ${fields}.`);
  }
  const all = [...singles, ...orGroups.flat()];
  const seen = new Set<string>();
  for (const filter of all) {
    if (seen.has(filter.field)) throw new QueryError(`\`${filter.field}\` appears twice: ${filtering.why}.`);
    seen.add(filter.field);
  }
  if (all.length > filtering.maxFilters) {
    throw new QueryError(`${all.length} filters for ${objectType}, at most ${filtering.maxFilters}: ${filtering.why}. Keep one of ${all.map((f) => f.field).join(', ')}.`);
  }
  return all.length === 1 ? all[0]! : { operator: 'AND', value: all };
}

function filterOf(objectType: ObjectType, term: FilterTerm, now: Date): SingleFilter {
  const target = resolveTarget(objectType, term.field);
  return buildFilter(objectType, target, term.op ?? 'eq', term.values, now);
}

/** Parse, type and translate one DSL string. Throws QueryError, and nothing else, for any input. */
export function parseSearchQuery(input: string, options?: { now?: Date }): TranslatedQuery {
  try {
    if (typeof input !== 'string') throw new QueryError('the query must be a string, e.g. `' + EXAMPLE + '`.');
    if (input.length > MAX_QUERY_LENGTH) {
      throw new QueryError(`query too long: ${input.length} characters, the limit is ${MAX_QUERY_LENGTH}.`);
    }
    if (input.trim() === '') throw new QueryError(`empty query: try \`${EXAMPLE}\`.`);
    const now = options?.now ?? new Date();
    return translate(parse(input), now);
  } catch (err) {
    if (err instanceof QueryError) throw err;
    // Defensive: a bug here must still come out as a QueryError, never as a crash of the tool call.
    throw new QueryError(`could not read the query: ${err instanceof Error ? err.message : String(err)}`);
  }
}
