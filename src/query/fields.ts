// The searchable-field catalogue of every object type, joined from catalogue/ (one file per object type),
// and the lookups the DSL and the structured builders use.
import { OBJECT_TYPES, type ObjectType } from '../intercom/record-kinds.js';
import { ARTICLES } from './catalogue/articles.js';
import { COMPANIES } from './catalogue/companies.js';
import { CONTACTS } from './catalogue/contacts.js';
import { CONVERSATIONS } from './catalogue/conversations.js';
import { OPERATOR_WORDS, type DslOperator, type FieldSpec, type ObjectCatalogue } from './field-spec.js';

export type { ObjectType } from '../intercom/record-kinds.js';
export { OBJECT_TYPES } from '../intercom/record-kinds.js';
export {
  OPERATOR_WORDS, INTERCOM_OPERATOR, isOperatorWord,
  type DslOperator, type FieldSpec, type FieldType, type ObjectCatalogue,
} from './field-spec.js';
export { CONVERSATION_FIELDS } from './catalogue/conversations.js';
export { CONTACT_FIELDS } from './catalogue/contacts.js';
export { COMPANY_FIELDS } from './catalogue/companies.js';
export { ARTICLE_FIELDS } from './catalogue/articles.js';
export { CONTACT_ROLES, CONVERSATION_STATES, PRIORITIES, PRIORITY_ALIASES, SOURCE_TYPES } from '../intercom/vocabulary.js';

/** One catalogue per object type: a new record kind does not compile until it has one. */
const CATALOGUES: Readonly<Record<ObjectType, ObjectCatalogue>> = {
  conversations: CONVERSATIONS,
  contacts: CONTACTS,
  companies: COMPANIES,
  articles: ARTICLES,
};

export function catalogueOf(objectType: ObjectType): ObjectCatalogue {
  return CATALOGUES[objectType];
}

export const CUSTOM_ATTRIBUTE_PREFIX = 'custom_attributes.';
/** Custom attribute types are unknown up front, so every operator is allowed and the value is typed by form. */
export const CUSTOM_ATTRIBUTE_OPERATORS: readonly DslOperator[] = OPERATOR_WORDS;

/** Free-text (`q:`) targets: an OR group of `~` filters over these. */
export const FREE_TEXT_FIELDS: Readonly<Record<ObjectType, readonly string[]>> = mapObjectTypes((o) => CATALOGUES[o].freeText);

/** Terms that are not filters. */
export const SPECIAL_KEYS = ['object_type', 'q', 'limit', 'starting_after'] as const;

function mapObjectTypes<T>(fn: (objectType: ObjectType) => T): Readonly<Record<ObjectType, T>> {
  return Object.fromEntries(OBJECT_TYPES.map((o) => [o, fn(o)])) as Record<ObjectType, T>;
}

function index(fields: readonly FieldSpec[]): ReadonlyMap<string, FieldSpec> {
  const map = new Map<string, FieldSpec>();
  for (const f of fields) {
    map.set(f.name, f);
    map.set(f.field, f);
  }
  return map;
}

const INDEX = mapObjectTypes((o) => index(CATALOGUES[o].fields));

export function fieldCatalogue(objectType: ObjectType): readonly FieldSpec[] {
  return CATALOGUES[objectType].fields;
}

/** A catalogued field by flattened or dotted name (case-insensitive); custom attributes are handled by callers. */
export function lookupField(objectType: ObjectType, name: string): FieldSpec | undefined {
  return INDEX[objectType].get(name.toLowerCase());
}

const SEARCHABLE = mapObjectTypes((o) => [
  ...CATALOGUES[o].fields.map((f) => f.name),
  ...(CATALOGUES[o].customAttributes ? [`${CUSTOM_ATTRIBUTE_PREFIX}NAME`] : []),
]);

/** Field names accepted by the DSL (flattened form), for error messages and descriptions. */
export function searchableFields(objectType: ObjectType): readonly string[] {
  return SEARCHABLE[objectType];
}

/** `object_type:conversations|contacts`, as the DSL's help and errors write it. */
export const OBJECT_TYPE_CHOICES = OBJECT_TYPES.join('|');

/** For the `search` tool description: the useful fields and four examples (about 1,000 characters). */
export const DSL_CHEATSHEET = [
  `Terms field:value or field:op:value, ANDed; \`a OR b\` joins two terms. Needs object_type:${OBJECT_TYPE_CHOICES}.`,
  'Ops: eq neq gt gte lt lte contains not_contains starts_with ends_with in nin (in:a,b). Quote text with spaces.',
  'Dates: unix seconds, 2025-06-01, 2025-06-01T09:00Z or age 12h 7d. q:"text" free text; limit:N (1-150); starting_after:CURSOR.',
  ...OBJECT_TYPES.map((o) => CATALOGUES[o].cheatsheet),
  'Examples:',
  'object_type:conversations state:open source_type:email created_at:gt:7d',
  'object_type:conversations state:open OR state:snoozed q:"refund" limit:20',
  'object_type:articles q:"reset password" state:all',
  'object_type:contacts custom_attributes.plan:in:pro,team last_seen_at:lt:30d',
].join('\n');
