// What a searchable field is, and the operator vocabulary of the DSL. The per-object catalogues in
// catalogue/ are written with these helpers; fields.ts joins them into one table keyed by object type.
import type { Operator } from '../intercom/types.js';

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

/** Everything the DSL knows about searching one object type. */
export interface ObjectCatalogue {
  readonly fields: readonly FieldSpec[];
  /** `q:` free text: an OR group of `~` filters over these fields. */
  readonly freeText: readonly string[];
  /**
   * How Intercom compares dates and numbers for this object (2.16 spec): `seconds` = `>`/`<` include the
   * value itself, to the second (conversations); `calendar-days` = dates match by day in the workspace's
   * timezone and there is no `>=`/`<=` (contacts). translate.ts turns gt/gte/lt/lte into these.
   */
  readonly comparisons: 'seconds' | 'calendar-days';
  /** Whether `custom_attributes.NAME` is searchable. */
  readonly customAttributes: boolean;
  /** The line of the `search` description naming this object's most useful fields. */
  readonly cheatsheet: string;
  /**
   * How Intercom filters this object. Absent: a search endpoint (POST /{objects}/search) takes the whole
   * filter tree. `list-filters`: a list endpoint's query parameters, so only AND-ed `eq` filters, each field
   * once, at most `maxFilters`, no OR and no q:; none lists everything. `why` words the limit for errors.
   */
  readonly filtering?: { readonly kind: 'list-filters'; readonly maxFilters: number; readonly why: string };
}

export const STRING_OPS: readonly DslOperator[] = ['eq', 'neq', 'in', 'nin', 'contains', 'not_contains', 'starts_with', 'ends_with'];
export const EXACT_OPS: readonly DslOperator[] = ['eq', 'neq', 'in', 'nin'];
// Booleans: IN/NIN are pointless for two values, and the search_request schema allows no booleans in arrays.
export const BOOLEAN_OPS: readonly DslOperator[] = ['eq', 'neq'];
export const ORDERED_OPS: readonly DslOperator[] = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte'];

export function spec(field: string, type: FieldType, operators: readonly DslOperator[], extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name: field.replace(/\./g, '_'), field, type, operators, ...extra };
}
